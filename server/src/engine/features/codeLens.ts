import type { Analysis } from '../rules/rule';
import type { TopologyModel } from '../model/model';
import type { ParsedTopology } from '../yaml/parse';
import { keyRangeAtPath } from '../yaml/parse';
import type { SourceRange } from '../types';
import { missingRulesOf } from './missingRules';
import { t } from '../i18n/translate';
import { pluralForm } from '../i18n/plural';
import type { Locale } from '../../shared/locale';

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

export function codeLenses(
  result: { parsed: ParsedTopology; model: TopologyModel; analysis: Analysis },
  locale: Locale = 'en',
): LensEntry[] {
  const { parsed, model, analysis } = result;
  const lenses: LensEntry[] = [];
  for (const feature of model.features) {
    if (!feature.enabled) continue;
    const evaluations = analysis.evaluations.filter((item) => item.flow.row.feature === feature.name);
    lenses.push({
      range: keyRangeAtPath(parsed, feature.path),
      title:
        evaluations.length === 0
          ? t(locale, 'lens/noFlows')
          : flowsText(locale, evaluations.filter((item) => item.verdict === 'allowed').length, evaluations.length),
      action: { kind: 'showDiagram' },
    });
  }
  for (const firewall of model.firewalls) {
    const range = keyRangeAtPath(parsed, firewall.path);
    const evaluations = analysis.evaluations.filter((item) => item.firewall === firewall);
    const allowed = evaluations.filter((item) => item.verdict === 'allowed').length;
    const count = firewall.rules.length;
    const rules = t(locale, `lens/rules/${pluralForm(locale, count)}`, { count });
    lenses.push({
      range,
      title: t(locale, 'lens/firewall', { rules, flows: flowsText(locale, allowed, evaluations.length) }),
      action: { kind: 'showDiagram' },
    });
    const missing = missingRulesOf(result, firewall.name);
    if (missing && missing.edits.length > 0)
      lenses.push({
        range,
        title: t(locale, 'lens/insertMissing'),
        action: { kind: 'insertMissingRules', firewall: firewall.name },
      });
  }
  return lenses.sort((a, b) => a.range.startOffset - b.range.startOffset);
}

function flowsText(locale: Locale, allowed: number, required: number): string {
  return t(locale, `lens/flows/${pluralForm(locale, required)}`, { allowed, required });
}
