import { newRuleFor } from '../rules/missingFlow';
import { movedRuleText } from '../rules/wrongFirewall';
import { blockRuleText, deleteRuleEdit, insertRulesEdit, NewRule } from '../yaml/ruleEdits';
import { ruleTouchesFlow } from '../flows/evaluate';
import type { RuleModel, TopologyModel } from '../model/model';
import type { Analysis } from '../rules/rule';
import type { ParsedTopology } from '../yaml/parse';
import type { TextEdit } from '../types';
import { lineBreakOf, withLineBreak } from '../yaml/edits';

// "Insert all missing rules in firewall X": one edit for all of them. Applying each missing-flow
// fix one by one would not do: when `rules:` is empty, every fix rewrites the same value.
// A flow whose rule sits on another firewall gets that rule moved here, as its preferred fix and
// fix-all do: a copy would leave the wrong firewall open.

export interface MissingRules {
  firewall: string;
  /** The rules written fresh. */
  rules: NewRule[];
  /** The rules moved here from another firewall. */
  moved: RuleModel[];
  edits: TextEdit[];
}

interface Item {
  rule: NewRule;
  blockText: (indent: string) => string;
  moved?: { rule: RuleModel; removal: TextEdit };
}

function overlaps(edit: TextEdit, others: TextEdit[]): boolean {
  return others.some((other) => edit.startOffset < other.endOffset && other.startOffset < edit.endOffset);
}

export function missingRulesOf(
  result: { parsed: ParsedTopology; model: TopologyModel; analysis: Analysis },
  firewallName: string,
): MissingRules | undefined {
  const { parsed, analysis } = result;
  const firewall = result.model.firewalls.find((candidate) => candidate.name === firewallName);
  if (!firewall) return undefined;
  // A new rule goes above the first deny that touches its flow, as the single fix puts it.
  const groups = new Map<number | undefined, Item[]>();
  const seen = new Set<string>();
  const removals: TextEdit[] = [];
  for (const evaluation of analysis.evaluations) {
    if (evaluation.firewall.name !== firewallName || evaluation.verdict !== 'missing') continue;
    if (analysis.ledger.explanationOf(evaluation.flow, evaluation.firewall)?.code !== 'missing-flow') continue;
    const misplaced = analysis.ledger.misplacedRule(evaluation.flow, evaluation.firewall);
    let item: Item;
    let key: string;
    if (misplaced?.move) {
      // One misplaced rule may carry several flows (a port range): it moves once.
      key = `move:${JSON.stringify(misplaced.rule.path)}`;
      if (seen.has(key)) continue;
      const removal = deleteRuleEdit(parsed, misplaced.rule.path);
      // Two removals from one list that touch (its last two items, flow style) cannot go together.
      if (!removal || overlaps(removal, removals)) continue;
      const { fresh, blockText } = movedRuleText(parsed, misplaced.rule, evaluation.flow);
      item = { rule: fresh, blockText, moved: { rule: misplaced.rule, removal } };
      removals.push(removal);
    } else {
      const rule = newRuleFor(evaluation.flow);
      key = JSON.stringify(rule);
      if (seen.has(key)) continue;
      item = { rule, blockText: (indent) => blockRuleText(rule, indent) };
    }
    seen.add(key);
    const deny = firewall.rules.find(
      (candidate) => candidate.action === 'deny' && ruleTouchesFlow(candidate, evaluation.flow),
    )?.index;
    groups.set(deny, [...(groups.get(deny) ?? []), item]);
  }
  const items = [...groups.values()].flat();
  if (items.length === 0) return undefined;
  const inserts: { edit: TextEdit; group: Item[] }[] = [];
  for (const [deny, group] of groups) {
    const blockText = (indent: string) => group.map((item) => item.blockText(indent)).join('');
    const edit = insertRulesEdit(
      parsed,
      firewall,
      group.map((item) => item.rule),
      deny,
      blockText,
    );
    if (edit) inserts.push({ edit, group });
  }
  // Two groups clash when the edit rewrites the whole `rules:` value or creates it; then keep one.
  // A moved rule is removed from its firewall only when its group is inserted here.
  inserts.sort((a, b) => a.edit.startOffset - b.edit.startOffset);
  const disjoint = inserts.filter(
    ({ edit }, index) =>
      index === 0 ||
      (edit.startOffset >= inserts[index - 1].edit.endOffset &&
        (edit.creates === undefined || edit.creates !== inserts[index - 1].edit.creates)),
  );
  const edits = disjoint.flatMap(({ edit, group }) => [
    edit,
    ...group.flatMap((item) => (item.moved ? [item.moved.removal] : [])),
  ]);
  return {
    firewall: firewallName,
    rules: items.filter((item) => !item.moved).map((item) => item.rule),
    moved: items.flatMap((item) => (item.moved ? [item.moved.rule] : [])),
    edits: withLineBreak(edits, lineBreakOf(parsed.text)),
  };
}
