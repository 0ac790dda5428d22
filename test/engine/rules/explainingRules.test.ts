import { describe } from 'node:test';
import { CONTOSO, edit, EXTERNAL_RULES, fullRule, withExternal } from './fixtures';
import { findingsOf, ruleTester, span } from './ruleTester';

// What one answer of the family claims: a flow is explained once per firewall.

const wrongPort = findingsOf('wrong-port', 'error');

describe('rules that explain a missing flow', () => {
  ruleTester({
    valid: [
      {
        name: 'an unrelated rule between the same endpoints',
        text: withExternal(fullRule('SIP federation', 'SIP/MTLS/5061', 'any', 'edge01.accessEdge')),
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
        errors: (text) => [wrongPort(span(text, 'XMPP/TCP/5268'), 'wrongPort', { rule: "'typo A'", rowId: 'X1' })],
      },
    ],
  });
});
