import { describe } from 'node:test';
import { CONTOSO, edit, INTERNAL_RULE, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

describe('wrong-firewall', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: '23456 on the external firewall',
        text: withExternal(INTERNAL_RULE, edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, '    rules: []\n')),
        errors: (text) => [
          {
            code: 'wrong-firewall',
            severity: 'error',
            at: ruleItem(text, 'XMPP gateway to Edge', 'to: edge01.internal'),
            messageId: 'wrongFirewall',
            data: { rowId: 'X3', target: 'internal', firewall: 'external', between: 'internet/perimeter' },
          },
        ],
      },
    ],
  });
});
