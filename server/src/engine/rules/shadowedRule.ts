import type { Diagnostic } from '../types';
import { report, ruleLabel, type Rule, type RuleContext } from './rule';
import { standingFindings } from './ruleOverlap';

/** The one text of both messages, but for the number of the earlier rules. */
function neverMatches(earlier: string, decide: string): string {
  return (
    `Rule {{rule}} can never match: earlier ${earlier} of firewall '{{firewall}}' already ${decide} everything it ` +
    'matches. Remove it, or move it above them.'
  );
}

const meta = {
  code: 'shadowed-rule',
  severity: 'warning',
  summary: 'A rule that can never match because earlier rules decide all it matches.',
  docs: 'A rule that can never match because earlier rules decide all it matches.',
  fixKinds: [],
  messages: {
    shadowedByOne: neverMatches('rule {{covering}}', 'decides'),
    shadowedBySeveral: neverMatches('rules {{covering}}', 'decide'),
  },
} as const satisfies Rule['meta'];

function check(context: RuleContext): Diagnostic[] {
  return standingFindings(context, ({ firewall, rule, shadowedBy }, at) => {
    if (!shadowedBy) return undefined;
    const data = { rule: ruleLabel(rule), covering: shadowedBy.map(ruleLabel).join(', '), firewall: firewall.name };
    const related = shadowedBy.map((other) => ({
      range: at(other),
      message: `Rule ${ruleLabel(other)} matches first.`,
    }));
    return report(meta, shadowedBy.length > 1 ? 'shadowedBySeveral' : 'shadowedByOne', data, {
      range: at(rule),
      related,
    });
  });
}

export const shadowedRule: Rule<typeof meta> = { meta, check };
