import { fullRule, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

ruleTester('duplicate-rule', {
  invalid: [
    {
      name: 'the same rule twice',
      text: withExternal(fullRule('again', 'XMPP/TCP/5269', 'any', 'edge01.accessEdge')),
      errors: (text, finding) => [
        finding(ruleItem(text, 'again', 'to: edge01.accessEdge', 2), 'duplicate', {
          rule: "'again'",
          first: "'XMPP from federated partners'",
          firewall: 'external',
        }),
      ],
    },
  ],
});
