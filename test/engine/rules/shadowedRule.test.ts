import { describe } from 'node:test';
import { fullRule, withExternal } from './fixtures';
import { ruleItem, ruleTester } from './ruleTester';

describe('shadowed-rule', () => {
  ruleTester({
    valid: [
      {
        name: 'two rules that overlap only in part',
        text: withExternal(
          fullRule('web A', 'HTTPS/TCP/443-444', 'any', 'edge01.webConferencingEdge') +
            fullRule('web B', 'HTTPS/TCP/444-445', 'any', 'edge01.webConferencingEdge'),
        ),
      },
    ],
    invalid: [
      {
        name: 'a narrower rule after a wider one',
        text: withExternal(
          fullRule('web', 'HTTPS/TCP/443-444', 'any', 'edge01.webConferencingEdge') +
            fullRule('web 443', 'HTTPS/TCP/443', '203.0.113.0/24', 'edge01.webConferencingEdge'),
        ),
        errors: (text) => [
          {
            code: 'shadowed-rule',
            severity: 'warning',
            at: ruleItem(text, 'web 443', 'to: edge01.webConferencingEdge', 2),
            messageId: 'shadowedByOne',
            data: { rule: "'web 443'", covering: "'web'", firewall: 'external' },
          },
        ],
      },
      {
        name: 'a rule that two earlier rules cover together',
        text: withExternal(
          fullRule('web A', 'HTTPS/TCP/443', 'any', 'edge01.webConferencingEdge') +
            fullRule('web B', 'HTTPS/TCP/444', 'any', 'edge01.webConferencingEdge') +
            fullRule('web both', 'HTTPS/TCP/443-444', 'any', 'edge01.webConferencingEdge'),
        ),
        errors: (text) => [
          {
            code: 'shadowed-rule',
            severity: 'warning',
            at: ruleItem(text, 'web both', 'to: edge01.webConferencingEdge', 3),
            messageId: 'shadowedBySeveral',
            data: { covering: "'web A', 'web B'" },
          },
        ],
      },
    ],
  });
});
