import { deleteRuleEdit } from '../yaml/ruleEdits';
import type { Diagnostic } from '../types';
import { report, ruleLabel, safeFix, type Rule, type RuleContext } from './rule';
import { standingFindings } from './ruleOverlap';

const meta = {
  code: 'duplicate-rule',
  severity: 'warning',
  summary: 'The same rule twice in one firewall.',
  docs: 'The same rule (action, endpoints, service) twice in one firewall. Quick fix: remove it.',
  fixKinds: ['other'],
  messages: {
    duplicate:
      "Rule {{rule}} repeats rule {{first}} of firewall '{{firewall}}' (same action, endpoints and service). Remove " +
      'one of them.',
  },
} as const satisfies Rule['meta'];

function check(context: RuleContext): Diagnostic[] {
  return standingFindings(context, ({ firewall, rule, duplicateOf }, at) => {
    if (!duplicateOf) return undefined;
    const removal = deleteRuleEdit(context.parsed, rule.path);
    const data = { rule: ruleLabel(rule), first: ruleLabel(duplicateOf), firewall: firewall.name };
    return report(meta, 'duplicate', data, {
      range: at(rule),
      related: [{ range: at(duplicateOf), message: 'The first occurrence.' }],
      fixes: safeFix(`Remove duplicate rule ${ruleLabel(rule)}`, 'other', removal),
    });
  });
}

export const duplicateRule: Rule<typeof meta> = { meta, check };
