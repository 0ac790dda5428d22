import { rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { report, ruleLabel, type Rule, type RuleContext } from './rule';
import { ruleStandings } from './ruleOverlap';

const meta = {
  code: 'shadowed-rule',
  severity: 'warning',
  summary: 'A rule that can never match because earlier rules decide all it matches.',
  docs: 'A rule that can never match because earlier rules decide all it matches.',
  fixKinds: [],
  messages: {
    shadowedByOne:
      "Rule {{rule}} can never match: earlier rule {{covering}} of firewall '{{firewall}}' already decides " +
      'everything ' +
      'it matches. Remove it, or move it above them.',
    shadowedBySeveral:
      "Rule {{rule}} can never match: earlier rules {{covering}} of firewall '{{firewall}}' already decide " +
      'everything ' +
      'it matches. Remove it, or move it above them.',
  },
} as const satisfies Rule['meta'];

function check({ parsed, model }: RuleContext): Diagnostic[] {
  return ruleStandings(model).flatMap(({ firewall, rule, shadowedBy }) => {
    if (!shadowedBy) return [];
    const data = { rule: ruleLabel(rule), covering: shadowedBy.map(ruleLabel).join(', '), firewall: firewall.name };
    const related = shadowedBy.map((other) => ({
      range: rangeAtPath(parsed, other.path),
      message: `Rule ${ruleLabel(other)} matches first.`,
    }));
    return report(meta, shadowedBy.length > 1 ? 'shadowedBySeveral' : 'shadowedByOne', data, {
      range: rangeAtPath(parsed, rule.path),
      related,
    });
  });
}

export const shadowedRule: Rule<typeof meta> = { meta, check };
