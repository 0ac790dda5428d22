import { CONTOSO, edit, EXTERNAL_RULES, fullRule, withExternal } from './fixtures';
import { ruleTester, span } from './ruleTester';

// What one answer of the family claims: a flow is explained once per firewall.

const nearMiss = (name: string, port: number) => fullRule(name, `XMPP/TCP/${port}`, 'any', 'edge01.accessEdge');
const outbound = EXTERNAL_RULES.slice(EXTERNAL_RULES.indexOf('      - name: XMPP to'));

ruleTester(
  'wrong-port',
  {
    valid: [
      {
        name: 'an unrelated rule between the same endpoints',
        text: withExternal(fullRule('SIP federation', 'SIP/MTLS/5061', 'any', 'edge01.accessEdge')),
      },
    ],
    invalid: [
      {
        name: 'a second near miss of a flow already explained stays silent',
        text: edit(CONTOSO, EXTERNAL_RULES, outbound + nearMiss('typo A', 5268) + nearMiss('typo B', 5267)),
        errors: (text, finding) => [
          finding(span(text, 'XMPP/TCP/5268'), 'wrongPort', { rule: "'typo A'", rowId: 'X1' }),
        ],
      },
    ],
  },
  'rules that explain a missing flow',
);
