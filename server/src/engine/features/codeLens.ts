import type { Analysis } from '../rules/rule';
import type { TopologyModel } from '../model/model';
import type { ParsedTopology } from '../yaml/parse';
import { keyRangeAtPath } from '../yaml/parse';
import type { SourceRange } from '../types';
import { missingRulesOf } from './missingRules';

// The lenses above each firewall and each enabled feature: how many of the required flows they
// carry are allowed, counted as the status bar counts them (a flow once per firewall it crosses),
// and above a firewall that lacks rules the action that inserts them.

/** What a lens does when clicked; the language server turns it into the client's command. */
export type LensAction = { kind: 'showDiagram' } | { kind: 'insertMissingRules'; firewall: string };

export interface LensEntry {
  /** The key the lens stands above. */
  range: SourceRange;
  title: string;
  action: LensAction;
}

export function codeLenses(result: { parsed: ParsedTopology; model: TopologyModel; analysis: Analysis }): LensEntry[] {
  const { parsed, model, analysis } = result;
  const lenses: LensEntry[] = [];
  for (const feature of model.features) {
    if (!feature.enabled) continue;
    const evaluations = analysis.evaluations.filter((item) => item.flow.row.feature === feature.name);
    lenses.push({
      range: keyRangeAtPath(parsed, feature.path),
      title:
        evaluations.length === 0
          ? 'no required flows of its own on a firewall'
          : flowsText(evaluations.filter((item) => item.verdict === 'allowed').length, evaluations.length),
      action: { kind: 'showDiagram' },
    });
  }
  for (const firewall of model.firewalls) {
    const range = keyRangeAtPath(parsed, firewall.path);
    const evaluations = analysis.evaluations.filter((item) => item.firewall === firewall);
    const allowed = evaluations.filter((item) => item.verdict === 'allowed').length;
    const rules = `${firewall.rules.length} rule${firewall.rules.length === 1 ? '' : 's'}`;
    lenses.push({
      range,
      title: `${rules} · ${flowsText(allowed, evaluations.length)}`,
      action: { kind: 'showDiagram' },
    });
    const missing = missingRulesOf(result, firewall.name);
    if (missing && missing.edits.length > 0)
      lenses.push({ range, title: 'Insert missing', action: { kind: 'insertMissingRules', firewall: firewall.name } });
  }
  return lenses.sort((a, b) => a.range.startOffset - b.range.startOffset);
}

function flowsText(allowed: number, required: number): string {
  return `${allowed}/${required} required flow${required === 1 ? '' : 's'} allowed`;
}
