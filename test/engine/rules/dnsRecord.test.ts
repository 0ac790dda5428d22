import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { assertFixedClean, codes, DNSLB, edit, example, NAT, ONE_IP, only, PUBLIC, underlined } from './fixtures';

describe('dns-record', () => {
  const SRV = '    - { name: _xmpp-server._tcp.contoso.com, type: SRV, target: sip.contoso.com, port: 5269 }\n';
  test('a missing _xmpp-server._tcp SRV record is an error on dns.external, with a fix', () => {
    const text = edit(NAT, SRV, '');
    const diagnostic = only(text, 'dns-record');
    assert.equal(underlined(text, diagnostic), 'external');
    assert.match(diagnostic.message, /_xmpp-server\._tcp\.contoso\.com \(port 5269, XMPP federation\)/);
    assert.match(diagnostic.message, /DNS summary - Extensible messaging and presence protocol/);
    assertFixedClean(text);
  });
  test('the SRV record on another port is an error on the port', () => {
    const text = edit(NAT, SRV, SRV.replace('5269', '5296'));
    const diagnostic = only(text, 'dns-record');
    assert.equal(underlined(text, diagnostic), '5296');
    assertFixedClean(text);
  });
  test('the SRV record pointing elsewhere is an error on the target', () => {
    const text = edit(NAT, SRV, SRV.replace('target: sip.contoso.com', 'target: www.contoso.com'));
    const diagnostic = only(text, 'dns-record');
    assert.equal(underlined(text, diagnostic), 'www.contoso.com');
    assertFixedClean(text);
  });
  test('a target with its own A record to the Access Edge is right (S-ENV: xmpp.fabrikam.com)', () => {
    assert.match(PUBLIC, /_xmpp-server\._tcp\.fabrikam\.com, type: SRV, target: xmpp\.fabrikam\.com/);
    assert.deepEqual(codes(PUBLIC), []);
  });
  test('SIP federation needs _sipfederationtls._tcp on 5061 for every SIP domain', () => {
    const text = edit(
      DNSLB,
      '    - { name: _sipfederationtls._tcp.contoso.co.uk, type: SRV, target: sip.contoso.com, port: 5061 }\n',
      '',
    );
    assert.match(only(text, 'dns-record').message, /_sipfederationtls\._tcp\.contoso\.co\.uk \(port 5061/);
    assertFixedClean(text);
  });
  test('with one external IP, _sip._tls uses the Access Edge client port 5061', () => {
    const text = edit(
      ONE_IP,
      '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 5061',
      '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 443',
    );
    assert.match(only(text, 'dns-record').message, /needs port 5061/);
  });
  test('behind NAT, the external A record holds the public address', () => {
    const text = edit(
      NAT,
      '{ name: sip.contoso.com, type: A, address: 131.107.155.10 }',
      '{ name: sip.contoso.com, type: A, address: 10.45.16.10 }',
    );
    const diagnostics = checkTopology(text).diagnostics.filter((d) => d.code === 'dns-record');
    const onAddress = diagnostics.find((d) => underlined(text, d) === '10.45.16.10')!;
    assert.match(onAddress.message, /external DNS publishes the public address/);
    assertFixedClean(text);
  });
  test('DNS load balancing: one A record per Edge server', () => {
    const text = edit(DNSLB, '    - { name: av.contoso.com, type: A, address: 131.107.155.31 }\n', '');
    assert.match(only(text, 'dns-record').message, /av\.contoso\.com → 131\.107\.155\.31/);
    assertFixedClean(text);
  });
  test('without a dns section nothing is checked', () => {
    assert.deepEqual(codes(example('sfb2019-dnslb-public.topology.yaml')), []);
  });
});
