import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DNSLB, edit, example, NAT, ONE_IP, PUBLIC } from './fixtures';
import { ruleTester, span, spanWithin } from './ruleTester';

const SRV = '    - { name: _xmpp-server._tcp.contoso.com, type: SRV, target: sip.contoso.com, port: 5269 }\n';
const XMPP_DNS_SOURCE =
  '"DNS summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013"';

/** `text` without the first DNS record line that begins `- { name: <record>`. */
function withoutRecord(text: string, record: string): string {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => line.startsWith(`    - { name: ${record}`));
  assert.ok(index >= 0, `test setup: no record ${record}`);
  return [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n');
}

/** Where dns.external is written: the key the findings of a missing record are on. */
const dnsExternal = (text: string) => spanWithin(text, 'dns:\n', 'external');

ruleTester('dns-record', {
  valid: [
    // S-ENV: the SRV record may point at a name of its own (xmpp.fabrikam.com) with an A record to the Access Edge.
    { name: 'a target with its own A record to the Access Edge is right', text: PUBLIC },
    { name: 'without a dns section nothing is checked', text: example('sfb2019-dnslb-public.topology.yaml') },
  ],
  invalid: [
    {
      name: 'a missing _xmpp-server._tcp SRV record is an error on dns.external, with a fix',
      text: withoutRecord(NAT, '_xmpp-server._tcp.contoso.com,'),
      errors: (text, finding) => {
        const records = 'SRV record _xmpp-server._tcp.contoso.com (port 5269, XMPP federation)';
        return [finding(dnsExternal(text), 'srvMissing', { records, sources: XMPP_DNS_SOURCE })];
      },
      fixesClean: true,
    },
    {
      name: 'the SRV record on another port is an error on the port',
      text: edit(NAT, SRV, SRV.replace('5269', '5296')),
      errors: (text, finding) => [finding(span(text, '5296'), 'srvPort', { written: 5296, port: 5269 })],
      fixesClean: true,
    },
    {
      name: 'the SRV record pointing elsewhere is an error on the target',
      text: edit(NAT, SRV, SRV.replace('target: sip.contoso.com', 'target: www.contoso.com')),
      errors: (text, finding) => [finding(span(text, 'www.contoso.com'), 'srvTarget', { target: 'www.contoso.com' })],
      fixesClean: true,
    },
    {
      name: 'SIP federation needs _sipfederationtls._tcp on 5061 for every SIP domain',
      text: withoutRecord(DNSLB, '_sipfederationtls._tcp.contoso.co.uk,'),
      errors: (text, finding) => {
        const records = 'SRV record _sipfederationtls._tcp.contoso.co.uk (port 5061, SIP federation)';
        return [finding(dnsExternal(text), 'srvMissing', { records })];
      },
      fixesClean: true,
    },
    {
      name: 'with one external IP, _sip._tls uses the Access Edge client port 5061',
      text: edit(ONE_IP, 'target: sip.tailspintoys.com, port: 5061', 'target: sip.tailspintoys.com, port: 443'),
      errors: (text, finding) => [
        finding(spanWithin(text, '_sip._tls.tailspintoys.com', '443'), 'srvPort', { written: 443, port: 5061 }),
      ],
    },
    {
      name: 'behind NAT, the external A record holds the public address',
      text: edit(NAT, 'address: 131.107.155.10', 'address: 10.45.16.10'),
      errors: (text, finding) => [
        finding(spanWithin(text, 'address: ', '10.45.16.10'), 'wrongAddress', {
          natNote: ': behind NAT, external DNS publishes the public address (publicIp), not the private one',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'DNS load balancing: one A record per Edge server',
      text: withoutRecord(DNSLB, 'av.contoso.com, type: A, address: 131.107.155.31'),
      errors: (text, finding) => [
        finding(dnsExternal(text), 'addressMissing', { records: 'av.contoso.com → 131.107.155.31' }),
      ],
      fixesClean: true,
    },
  ],
});

test('dns-record: the valid SRV record of the public example points at xmpp.fabrikam.com', () => {
  assert.match(PUBLIC, /_xmpp-server\._tcp\.fabrikam\.com, type: SRV, target: xmpp\.fabrikam\.com/);
});
