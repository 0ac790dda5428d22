import { deleteRuleEdit } from '../yaml/ruleEdits';
import type { Diagnostic } from '../types';
import { report, ruleLabel, type Rule, type RuleContext } from './rule';
import type { KeptFindings } from './keptFindings';
import { standingFindings } from './ruleOverlap';
import { fixTitle } from './fixTitles';

const meta = {
  code: 'duplicate-rule',
  severity: 'warning',
  summary: 'The same rule twice in one firewall.',
  docs:
    'The same rule (action, endpoints, service) twice in one firewall. Quick fix: remove it (applied by fix-all ' +
    'only when both rules have the same name).',
  fixKinds: ['other'],
  messages: {
    duplicate: "Rule {{rule}} repeats rule {{first}} of firewall '{{firewall}}'.",
  },
  details: {
    duplicate: 'Same action, endpoints and service. Remove one of them.',
  },
} as const satisfies Rule['meta'];

const kept: KeptFindings = new WeakMap();

function check(context: RuleContext): Diagnostic[] {
  return standingFindings(context, kept, ({ firewall, rule, duplicateOf }, at) => {
    if (!duplicateOf) return undefined;
    const removal = deleteRuleEdit(context.parsed, rule.path);
    const data = { rule: ruleLabel(rule), first: ruleLabel(duplicateOf), firewall: firewall.name };
    return report(meta, 'duplicate', data, {
      range: at(rule),
      related: [{ range: at(duplicateOf), message: 'The first occurrence.' }],
      // A rule named differently is the user's record of another request: fix-all leaves it, the
      // editor still offers the removal.
      fixes: removal
        ? [
            {
              ...fixTitle('fix/removeDuplicate', { rule: ruleLabel(rule) }),
              kind: 'other',
              preferred: true,
              safe: rule.name === duplicateOf.name,
              edits: [removal],
            },
          ]
        : undefined,
    });
  });
}

export const duplicateRule: Rule<typeof meta> = { meta, check };
