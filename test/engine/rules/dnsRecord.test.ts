import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DNSLB, edit, example, NAT, ONE_IP, PUBLIC } from './fixtures';
import { findingsOf, ruleTester, span, spanWithin } from './ruleTester';

const dnsRecord = findingsOf('dns-record', 'error');
const SRV = '    - { name: _xmpp-server._tcp.contoso.com, type: SRV, target: sip.contoso.com, port: 5269 }\n';
const XMPP_DNS_SOURCE =
  '"DNS summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013"';

describe('dns-record', () => {
  ruleTester({
    valid: [
      // S-ENV: the SRV record may point at a name of its own (xmpp.fabrikam.com) with an A record to the Access Edge.
      { name: 'a target with its own A record to the Access Edge is right', text: PUBLIC },
      { name: 'without a dns section nothing is checked', text: example('sfb2019-dnslb-public.topology.yaml') },
    ],
    invalid: [
      {
        name: 'a missing _xmpp-server._tcp SRV record is an error on dns.external, with a fix',
        text: edit(NAT, SRV, ''),
        errors: (text) => [
          dnsRecord(spanWithin(text, 'dns:\n', 'external'), 'srvMissing', {
            records: 'SRV record _xmpp-server._tcp.contoso.com (port 5269, XMPP federation)',
            sources: XMPP_DNS_SOURCE,
          }),
        ],
        fixesClean: true,
      },
      {
        name: 'the SRV record on another port is an error on the port',
        text: edit(NAT, SRV, SRV.replace('5269', '5296')),
        errors: (text) => [dnsRecord(span(text, '5296'), 'srvPort', { written: 5296, port: 5269 })],
        fixesClean: true,
      },
      {
        name: 'the SRV record pointing elsewhere is an error on the target',
        text: edit(NAT, SRV, SRV.replace('target: sip.contoso.com', 'target: www.contoso.com')),
        errors: (text) => [dnsRecord(span(text, 'www.contoso.com'), 'srvTarget', { target: 'www.contoso.com' })],
        fixesClean: true,
      },
      {
        name: 'SIP federation needs _sipfederationtls._tcp on 5061 for every SIP domain',
        text: edit(
          DNSLB,
          '    - { name: _sipfederationtls._tcp.contoso.co.uk, type: SRV, target: sip.contoso.com, port: 5061 }\n',
          '',
        ),
        errors: (text) => [
          dnsRecord(spanWithin(text, 'dns:\n', 'external'), 'srvMissing', {
            records: 'SRV record _sipfederationtls._tcp.contoso.co.uk (port 5061, SIP federation)',
          }),
        ],
        fixesClean: true,
      },
      {
        name: 'with one external IP, _sip._tls uses the Access Edge client port 5061',
        text: edit(
          ONE_IP,
          '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 5061',
          '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 443',
        ),
        errors: (text) => [
          dnsRecord(spanWithin(text, '_sip._tls.tailspintoys.com', '443'), 'srvPort', { written: 443, port: 5061 }),
        ],
      },
      {
        name: 'behind NAT, the external A record holds the public address',
        text: edit(
          NAT,
          '{ name: sip.contoso.com, type: A, address: 131.107.155.10 }',
          '{ name: sip.contoso.com, type: A, address: 10.45.16.10 }',
        ),
        errors: (text) => [
          dnsRecord(spanWithin(text, 'name: sip.contoso.com, type: A', '10.45.16.10'), 'wrongAddress', {
            natNote: ': behind NAT, external DNS publishes the public address (publicIp), not the private one',
          }),
        ],
        fixesClean: true,
      },
      {
        name: 'DNS load balancing: one A record per Edge server',
        text: edit(DNSLB, '    - { name: av.contoso.com, type: A, address: 131.107.155.31 }\n', ''),
        errors: (text) => [
          dnsRecord(spanWithin(text, 'dns:\n', 'external'), 'addressMissing', {
            records: 'av.contoso.com → 131.107.155.31',
          }),
        ],
        fixesClean: true,
      },
    ],
  });

  test('the valid SRV record of the public example points at xmpp.fabrikam.com', () => {
    assert.match(PUBLIC, /_xmpp-server\._tcp\.fabrikam\.com, type: SRV, target: xmpp\.fabrikam\.com/);
  });
});
