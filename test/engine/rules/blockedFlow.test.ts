import { CONTOSO, edit, withExternal } from './fixtures';
import { findingsOf, ruleItem, ruleTester } from './ruleTester';

const DENY_XMPP =
  '      - name: no XMPP\n        service: TCP/5269\n        from: any\n        to: edge01\n        action: deny\n';
const shadowed = findingsOf('shadowed-rule', 'warning');
/** The contoso example with `rules` written first on the external firewall. */
const before = (rules: string) =>
  edit(CONTOSO, '    rules:\n      - name: XMPP from', `    rules:\n${rules}      - name: XMPP from`);

ruleTester('blocked-flow', {
  valid: [
    {
      name: 'a block list before the allow rule',
      text: before(
        '      - name: block list\n        service: any\n        from: 198.51.100.0/24\n        to: any\n' +
          '        action: deny\n',
      ),
    },
    {
      name: 'a deny-all at the end',
      text: withExternal(
        '      - name: deny all\n        service: any\n        from: any\n        to: any\n        action: deny\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'a deny above the allow rules',
      text: before(DENY_XMPP),
      errors: (text, finding) => [
        finding(ruleItem(text, 'no XMPP', 'action: deny'), 'moveAllowAbove', {
          rowId: 'X1',
          rule: "'no XMPP'",
          allowRule: "'XMPP from federated partners'",
        }),
        shadowed(ruleItem(text, 'XMPP from federated partners', 'to: edge01.accessEdge'), 'shadowedByOne'),
      ],
    },
  ],
});
