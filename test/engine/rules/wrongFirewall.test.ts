import { describe } from 'node:test';
import { CONTOSO, edit, INTERNAL_RULE, withExternal } from './fixtures';
import { findingsOf, ruleItem, ruleTester } from './ruleTester';

const wrongFirewall = findingsOf('wrong-firewall', 'error');

describe('wrong-firewall', () => {
  ruleTester({
    invalid: [
      {
        name: '23456 on the external firewall',
        text: withExternal(INTERNAL_RULE, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, '    rules: []\n')),
        errors: (text) => [
          wrongFirewall(ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'wrongFirewall', {
            rowId: 'X3',
            target: 'internal',
            firewall: 'external',
            between: 'internet/perimeter',
          }),
        ],
      },
    ],
  });
});
