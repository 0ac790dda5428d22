import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

const X3 = { rowId: 'X3', written: 'UDP', transport: 'TCP', transportLabel: 'MTLS' };

describe('wrong-transport', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'UDP for XMPP',
        text: edit(CONTOSO, 'service: XMPP/MTLS/23456', 'service: XMPP/UDP/23456'),
        errors: (text) => [
          {
            code: 'wrong-transport',
            severity: 'error',
            at: span(text, 'XMPP/UDP/23456'),
            messageId: 'wrongTransport',
            data: X3,
          },
        ],
      },
      {
        name: 'the object form with the wrong transport',
        text: edit(
          CONTOSO,
          '        service: XMPP/MTLS/23456\n',
          '        service: { protocol: XMPP, transport: UDP, port: 23456 }\n',
        ),
        errors: (text) => [
          {
            code: 'wrong-transport',
            severity: 'error',
            at: span(text, '{ protocol: XMPP, transport: UDP, port: 23456 }'),
            messageId: 'wrongTransport',
            data: X3,
          },
        ],
      },
    ],
  });
});
