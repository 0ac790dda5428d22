import { CONTOSO, edit } from './fixtures';
import { ruleTester, span, type Case } from './ruleTester';

const X3 = { rowId: 'X3', written: 'UDP', transport: 'TCP', transportLabel: 'MTLS' };

ruleTester('wrong-transport', {
  invalid: [
    ['UDP for XMPP', 'XMPP/UDP/23456'],
    ['the object form with the wrong transport', '{ protocol: XMPP, transport: UDP, port: 23456 }'],
  ].map(([name, service]): Case => ({
    name,
    text: edit(CONTOSO, 'XMPP/MTLS/23456', service),
    errors: (text, finding) => [finding(span(text, service), 'wrongTransport', X3)],
  })),
});
