import { rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { report, ruleLabel, type Rule, type RuleContext } from './rule';
import { ruleStandings } from './ruleOverlap';

const SHADOWED_TAIL = "of firewall '{{firewall}}'";

const meta = {
  code: 'shadowed-rule',
  severity: 'warning',
  summary: 'A rule that can never match because earlier rules decide all it matches.',
  docs: 'A rule that can never match because earlier rules decide all it matches.',
  fixKinds: [],
  messages: {
    shadowedByOne: `Rule {{rule}} can never match: earlier rule {{covering}} ${SHADOWED_TAIL} already decides everything it matches. Remove it, or move it above them.`,
    shadowedBySeveral: `Rule {{rule}} can never match: earlier rules {{covering}} ${SHADOWED_TAIL} already decide everything it matches. Remove it, or move it above them.`,
  },
} as const satisfies Rule['meta'];

function check({ parsed, model }: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const firewall of model.firewalls) {
    for (const { rule, shadowedBy } of ruleStandings(firewall)) {
      if (!shadowedBy) continue;
      const data = { rule: ruleLabel(rule), covering: shadowedBy.map(ruleLabel).join(', '), firewall: firewall.name };
      out.push(
        report(meta, shadowedBy.length > 1 ? 'shadowedBySeveral' : 'shadowedByOne', data, {
          range: rangeAtPath(parsed, rule.path),
          related: shadowedBy.map((other) => ({ range: rangeAtPath(parsed, other.path), message: `Rule ${ruleLabel(other)} matches first.` })),
        }),
      );
    }
  }
  return out;
}

export const shadowedRule: Rule<typeof meta> = { meta, check };
