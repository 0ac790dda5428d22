import { describe } from 'node:test';
import { CONTOSO, edit, EXTERNAL_RULES, fullRule, withExternal } from './fixtures';
import { ruleTester, span } from './ruleTester';

// What one answer of the family claims: a flow is explained once per firewall.

describe('rules that explain a missing flow', () => {
  ruleTester({
    valid: [
      {
        name: 'an unrelated rule between the same endpoints',
        text: withExternal(
          '      - name: SIP federation\n        service: SIP/MTLS/5061\n        from: any\n        to: edge01.accessEdge\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'a second near miss of a flow already explained stays silent',
        text: edit(
          CONTOSO,
          EXTERNAL_RULES,
          EXTERNAL_RULES.slice(EXTERNAL_RULES.indexOf('      - name: XMPP to')) +
            fullRule('typo A', 'XMPP/TCP/5268', 'any', 'edge01.accessEdge') +
            fullRule('typo B', 'XMPP/TCP/5267', 'any', 'edge01.accessEdge'),
        ),
        errors: (text) => [
          {
            code: 'wrong-port',
            severity: 'error',
            at: span(text, 'XMPP/TCP/5268'),
            messageId: 'wrongPort',
            data: { rule: "'typo A'", rowId: 'X1' },
          },
        ],
      },
    ],
  });
});
