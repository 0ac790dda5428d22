import { newRuleFor } from '../rules/missingFlow';
import { insertRulesEdit, NewRule } from '../yaml/ruleEdits';
import { ruleTouchesFlow } from '../flows/evaluate';
import type { TopologyModel } from '../model/model';
import type { Analysis } from '../rules/rule';
import type { ParsedTopology } from '../yaml/parse';
import type { TextEdit } from '../types';
import { lineBreakOf, withLineBreak } from '../yaml/edits';

// "Insert all missing rules in firewall X": one edit for all of them. Applying each missing-flow
// fix one by one would not do: when `rules:` is empty, every fix rewrites the same value.

export interface MissingRules {
  firewall: string;
  rules: NewRule[];
  edits: TextEdit[];
}

export function missingRulesOf(
  result: { parsed: ParsedTopology; model: TopologyModel; analysis: Analysis },
  firewallName: string,
): MissingRules | undefined {
  const firewall = result.model.firewalls.find((candidate) => candidate.name === firewallName);
  if (!firewall) return undefined;
  // A new rule goes above the first deny that touches its flow, as the single fix puts it.
  const groups = new Map<number | undefined, NewRule[]>();
  const seen = new Set<string>();
  for (const evaluation of result.analysis.evaluations) {
    if (evaluation.firewall.name !== firewallName || evaluation.verdict !== 'missing') continue;
    if (result.analysis.ledger.explanationOf(evaluation.flow, evaluation.firewall)?.code !== 'missing-flow') continue;
    const rule = newRuleFor(evaluation.flow);
    const key = JSON.stringify(rule);
    if (seen.has(key)) continue;
    seen.add(key);
    const deny = firewall.rules.find(
      (candidate) => candidate.action === 'deny' && ruleTouchesFlow(candidate, evaluation.flow),
    )?.index;
    groups.set(deny, [...(groups.get(deny) ?? []), rule]);
  }
  const rules = [...groups.values()].flat();
  if (rules.length === 0) return undefined;
  const edits: TextEdit[] = [];
  for (const [deny, group] of groups) {
    const edit = insertRulesEdit(result.parsed, firewall, group, deny);
    if (edit) edits.push(edit);
  }
  // Two groups clash when the edit rewrites the whole `rules:` value or creates it; then keep one.
  edits.sort((a, b) => a.startOffset - b.startOffset);
  const disjoint = edits.filter(
    (edit, index) =>
      index === 0 ||
      (edit.startOffset >= edits[index - 1].endOffset &&
        (edit.creates === undefined || edit.creates !== edits[index - 1].creates)),
  );
  return { firewall: firewallName, rules, edits: withLineBreak(disjoint, lineBreakOf(result.parsed.text)) };
}
