import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { findingsOf, ruleTester, span } from './ruleTester';

const wrongTransport = findingsOf('wrong-transport', 'error');
const X3 = { rowId: 'X3', written: 'UDP', transport: 'TCP', transportLabel: 'MTLS' };

describe('wrong-transport', () => {
  ruleTester({
    invalid: [
      {
        name: 'UDP for XMPP',
        text: edit(CONTOSO, 'service: XMPP/MTLS/23456', 'service: XMPP/UDP/23456'),
        errors: (text) => [wrongTransport(span(text, 'XMPP/UDP/23456'), 'wrongTransport', X3)],
      },
      {
        name: 'the object form with the wrong transport',
        text: edit(
          CONTOSO,
          '        service: XMPP/MTLS/23456\n',
          '        service: { protocol: XMPP, transport: UDP, port: 23456 }\n',
        ),
        errors: (text) => [
          wrongTransport(span(text, '{ protocol: XMPP, transport: UDP, port: 23456 }'), 'wrongTransport', X3),
        ],
      },
    ],
  });
});
