import { describe } from 'node:test';
import { fullRule, withExternal } from './fixtures';
import { findingsOf, ruleItem, ruleTester } from './ruleTester';

const duplicate = findingsOf('duplicate-rule', 'warning');

describe('duplicate-rule', () => {
  ruleTester({
    invalid: [
      {
        name: 'the same rule twice',
        text: withExternal(fullRule('again', 'XMPP/TCP/5269', 'any', 'edge01.accessEdge')),
        errors: (text) => [
          duplicate(ruleItem(text, 'again', 'to: edge01.accessEdge', 2), 'duplicate', {
            rule: "'again'",
            first: "'XMPP from federated partners'",
            firewall: 'external',
          }),
        ],
      },
    ],
  });
});
