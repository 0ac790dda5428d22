import { CONTOSO, edit, EXTERNAL_RULES, fullRule, withExternal } from './fixtures';
import { findingsOf, ruleItem, ruleTester, span } from './ruleTester';

// What one answer of the family claims: a flow is explained once per firewall.

const nearMiss = (name: string, port: number) => fullRule(name, `XMPP/TCP/${port}`, 'any', 'edge01.accessEdge');
const unneeded = findingsOf('unneeded-rule', 'warning');
const outbound = EXTERNAL_RULES.slice(EXTERNAL_RULES.indexOf('      - name: XMPP to'));

ruleTester(
  'wrong-port',
  {
    valid: [],
    invalid: [
      {
        // It serves no flow at all: nothing needs it (unneeded-rule), it misses none.
        name: 'an unrelated rule between the same endpoints is no near miss',
        text: withExternal(fullRule('SIP federation', 'SIP/MTLS/5061', 'any', 'edge01.accessEdge')),
        errors: (text) => [
          unneeded(ruleItem(text, 'SIP federation', 'to: edge01.accessEdge', 2), 'reaches', {
            rule: "'SIP federation'",
          }),
        ],
      },
      {
        name: 'a second near miss of a flow already explained stays silent',
        text: edit(CONTOSO, EXTERNAL_RULES, outbound + nearMiss('typo A', 5268) + nearMiss('typo B', 5267)),
        errors: (text, finding) => [
          finding(span(text, 'XMPP/TCP/5268'), 'wrongPort', { rule: "'typo A'", rowId: 'X1' }),
          // Once typo A is corrected, typo B still opens a port nothing needs.
          unneeded(ruleItem(text, 'typo B', 'to: edge01.accessEdge', 2), 'reaches', { service: 'XMPP/TCP/5267' }),
        ],
      },
    ],
  },
  'rules that explain a missing flow',
);
