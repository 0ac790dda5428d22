import { describe } from 'node:test';
import { fullRule, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

describe('duplicate-rule', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'the same rule twice',
        text: withExternal(fullRule('again', 'XMPP/TCP/5269', 'any', 'edge01.accessEdge')),
        errors: (text) => [
          {
            code: 'duplicate-rule',
            severity: 'warning',
            at: ruleItem(text, 'again', 'to: edge01.accessEdge', 2),
            messageId: 'duplicate',
            data: { rule: "'again'", first: "'XMPP from federated partners'", firewall: 'external' },
          },
        ],
      },
    ],
  });
});
