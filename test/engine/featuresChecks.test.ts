import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { negotiationVerdict } from '../../server/src/engine/index';
import { requiredRows } from '../../server/src/engine/index';
import { applyEdits, checkTopology, fixAll } from '../../server/src/engine/index';
import type { Diagnostic, DiagnosticCode } from '../../server/src/engine/index';

// The checks beyond firewall rules (internal-vip, nat-topology, xmpp-partner, dns-record,
// certificate-san) and the settings that change which rows apply (product, one IP, A/V policy,
// OCS 2007 federation, Centralized Logging, HTTP publishing), on the examples, edited.

const EXAMPLES = join(__dirname, '../../../examples');
const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');
const HLB = example('sfb2015-hlb.topology.yaml');
const NAT = example('lync2013-single-edge-nat.topology.yaml');
const PUBLIC = example('sfb2015-single-edge-public.topology.yaml');
const ONE_IP = example('sfb2019-single-ip.topology.yaml');
const DNSLB = example('lync2013-dnslb-nat-director.topology.yaml');

function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `test setup: '${from}' not in the text`);
  return text.replace(from, to);
}

function only(text: string, code: DiagnosticCode): Diagnostic {
  const diagnostics = checkTopology(text).diagnostics;
  const found = diagnostics.filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one ${code}; got:\n${diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`).join('\n')}`);
  return found[0];
}

function underlined(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.range.startOffset, diagnostic.range.endOffset);
}

function codes(text: string): string[] {
  return checkTopology(text).diagnostics.map((d) => `${d.code}/${d.severity}`);
}

function assertFixedClean(text: string): void {
  const fixed = fixAll(text);
  assert.deepEqual(fixed.remaining.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`), [], fixed.text);
}

function rowIds(text: string): string[] {
  return requiredRows(checkTopology(text).model).map((row) => row.id).sort();
}

const XMPP_RULE_HLB = `      - name: XMPP gateway to Edge
        service: XMPP/MTLS/23456
        from: pool01.fabrikam.net
        to: [edge01.internal, edge02.internal]`;

describe('internal-vip', () => {
  for (const [name, target] of [
    ['vip.internal', 'vip.internal'],
    ['the VIP address', '172.25.33.10'],
    ['the VIP in a list with another endpoint', '[vip.internal, edge01.internal]'],
  ] as const) {
    test(`XMPP 23456 to ${name} is an error on the VIP, with a fix that checks clean`, () => {
      const text = edit(HLB, XMPP_RULE_HLB, XMPP_RULE_HLB.replace('[edge01.internal, edge02.internal]', target));
      const diagnostic = only(text, 'internal-vip');
      assert.equal(diagnostic.severity, 'error');
      assert.equal(underlined(text, diagnostic), target.startsWith('[') ? 'vip.internal' : target);
      assert.equal(diagnostic.catalogRowId, 'X3');
      assert.match(diagnostic.message, /each Edge server's own internal address/);
      assert.match(diagnostic.message, /Load balancing requirements for Skype for Business/);
      assert.match(diagnostic.message, /edge01\.internal, edge02\.internal/);
      // The VIP finding explains the flow: no separate missing-flow for X3.
      assert.deepEqual(checkTopology(text).diagnostics.filter((d) => d.code === 'missing-flow').map((d) => d.catalogRowId), []);
      assert.equal(diagnostic.fixes?.[0].safe, true);
      assertFixedClean(text);
    });
  }

  test('PSOM 8057, CMS 4443 and CLS to the internal VIP are errors too', () => {
    for (const service of ['PSOM/MTLS/TCP/8057', 'HTTPS/TCP/4443']) {
      const rule = `        service: ${service}\n        from: pool01.fabrikam.net\n        to: [edge01.internal, edge02.internal]`;
      const text = edit(HLB, rule, rule.replace('[edge01.internal, edge02.internal]', 'vip.internal'));
      assert.equal(only(text, 'internal-vip').catalogRowId, service.startsWith('PSOM') ? 'I04' : 'I08');
      assertFixedClean(text);
    }
  });

  test('a rule to the VIP that is not needed (the servers are allowed) gets a removal fix', () => {
    const text = edit(HLB, XMPP_RULE_HLB, `${XMPP_RULE_HLB}\n      - name: XMPP to the VIP\n        service: XMPP/MTLS/23456\n        from: pool01.fabrikam.net\n        to: vip.internal`);
    const diagnostic = only(text, 'internal-vip');
    assert.match(diagnostic.fixes![0].title, /Remove rule/);
    assertFixedClean(text);
  });

  test('SIP 5061 and 5062 to the internal VIP are right (L-HLB internal VIP table)', () => {
    assert.deepEqual(codes(HLB), []);
    assert.match(HLB, /service: SIP\/MTLS\/TCP\/5062\n\s+from: pool01.fabrikam.net\n\s+to: vip.internal/);
  });

  test('A/V STUN must reach the VIP and each Edge server', () => {
    const rule = `        service: STUN/MSTURN/UDP/3478\n        from: any\n        to: [vip.avEdge, edge01.avEdge, edge02.avEdge]`;
    const text = edit(HLB, rule, rule.replace('[vip.avEdge, edge01.avEdge, edge02.avEdge]', 'vip.avEdge'));
    const diagnostic = only(text, 'missing-flow');
    assert.equal(diagnostic.catalogRowId, 'E14');
    assertFixedClean(text);
  });
});

describe('nat-topology', () => {
  test('NAT with hardware load balancers is an error on publicIp', () => {
    const text = edit(HLB, 'accessEdge: { ip: 131.107.155.11, network: dmz-external }', 'accessEdge: { ip: 10.45.16.11, publicIp: 131.107.155.11, network: dmz-external }');
    const diagnostic = only(text, 'nat-topology');
    assert.equal(underlined(text, diagnostic), '131.107.155.11');
    assert.match(diagnostic.message, /publicly routable IP addresses without NAT/);
  });
  test('NAT on the Edge internal interface is an error', () => {
    const text = edit(NAT, 'internal:            { ip: 172.25.33.10, network: dmz }', 'internal:            { ip: 172.25.33.10, publicIp: 131.107.155.99, network: dmz }');
    assert.equal(underlined(text, only(text, 'nat-topology')), '131.107.155.99');
  });
  test('NAT on only some used external interfaces is a warning', () => {
    const text = edit(NAT, 'avEdge:              { ip: 10.45.16.30, publicIp: 131.107.155.30, network: dmz }', 'avEdge:              { ip: 131.107.155.30, network: dmz }');
    const diagnostic = checkTopology(text).diagnostics.find((d) => d.code === 'nat-topology');
    assert.equal(diagnostic?.severity, 'warning');
    assert.match(diagnostic!.message, /all three external interfaces/);
  });
  test('hardware load balancing without the VIPs the features use is an error on loadBalancing', () => {
    const text = edit(HLB, '    internal: { ip: 172.25.33.10, network: dmz-internal }\n  fqdns:', '  fqdns:');
    const diagnostic = checkTopology(text).diagnostics.find((d) => d.code === 'nat-topology')!;
    assert.equal(underlined(text, diagnostic), 'hardware');
    assert.match(diagnostic.message, /virtual IP for internal/);
  });
  test('VIPs without hardware load balancing are a warning', () => {
    const diagnostic = checkTopology(edit(HLB, 'loadBalancing: hardware', 'loadBalancing: dns')).diagnostics.find((d) => d.code === 'nat-topology');
    assert.equal(diagnostic?.severity, 'warning');
  });
  test('several Edge servers with loadBalancing none is an error', () => {
    assert.ok(codes(edit(DNSLB, 'loadBalancing: dns', 'loadBalancing: none')).includes('nat-topology/error'));
  });
  test('one external IP with two services on one port is an error', () => {
    const text = edit(ONE_IP, 'ports: { accessEdge: 5061, webConferencingEdge: 444, avEdge: 443 }', 'ports: { accessEdge: 5061, webConferencingEdge: 443, avEdge: 443 }');
    const diagnostic = only(text, 'nat-topology');
    assert.match(diagnostic.message, /webConferencingEdge and avEdge both use 443/);
    assert.equal(underlined(text, diagnostic), '443');
  });
  test('three external IPs set but two interfaces share one address is an error', () => {
    const text = edit(PUBLIC, 'webConferencingEdge: { ip: 131.107.155.20, network: dmz-external }', 'webConferencingEdge: { ip: 131.107.155.10, network: dmz-external }');
    assert.ok(codes(text).includes('nat-topology/error'));
  });
  test('an unknown next hop is an unknown-reference', () => {
    const text = edit(DNSLB, 'nextHop: dirpool.contoso.net', 'nextHop: dirpol.contoso.net');
    const diagnostic = checkTopology(text).diagnostics.find((d) => d.code === 'unknown-reference')!;
    assert.equal(underlined(text, diagnostic), 'dirpol.contoso.net');
    assert.match(diagnostic.message, /Did you mean 'dirpool.contoso.net'/);
  });
});

describe('xmpp-partner: the TLS / SASL / dialback table of "Negotiation settings for XMPP federated partners"', () => {
  // [TLS, SASL, dialback, expected]
  const table: [string, string, boolean, 'valid' | 'warning' | 'error'][] = [
    ['Required', 'Required', true, 'warning'],
    ['Required', 'Required', false, 'valid'],
    ['Optional', 'Required', true, 'warning'],
    ['Optional', 'Required', false, 'warning'],
    ['NotSupported', 'Required', true, 'warning'],
    ['NotSupported', 'Required', false, 'error'],
    ['Required', 'Optional', true, 'valid'],
    ['Required', 'Optional', false, 'valid'],
    ['Optional', 'Optional', true, 'warning'],
    ['Optional', 'Optional', false, 'warning'],
    ['NotSupported', 'Optional', true, 'warning'],
    ['NotSupported', 'Optional', false, 'error'],
    ['Required', 'NotSupported', true, 'valid'],
    ['Required', 'NotSupported', false, 'error'],
    ['Optional', 'NotSupported', true, 'valid'],
    ['Optional', 'NotSupported', false, 'error'],
    ['NotSupported', 'NotSupported', true, 'valid'],
    ['NotSupported', 'NotSupported', false, 'error'],
  ];
  const partner = `    - domain: gmail.com
      partnerType: PublicUnverified
      tlsNegotiation: NotSupported
      saslNegotiation: NotSupported
      supportDialback: true
      enableKeepAlive: false`;
  for (const [tls, sasl, dialback, expected] of table) {
    test(`TLS ${tls}, SASL ${sasl}, dialback ${dialback}: ${expected}`, () => {
      const verdict = negotiationVerdict(tls as never, sasl as never, dialback);
      assert.equal(verdict ? verdict.severity : 'valid', expected);
      const text = edit(NAT, partner, partner.replace('tlsNegotiation: NotSupported', `tlsNegotiation: ${tls}`).replace('saslNegotiation: NotSupported', `saslNegotiation: ${sasl}`).replace('supportDialback: true', `supportDialback: ${dialback}`));
      const found = checkTopology(text).diagnostics.filter((d) => d.code === 'xmpp-partner');
      if (expected === 'valid') {
        assert.deepEqual(found, []);
        return;
      }
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, expected);
      assert.match(found[0].message, /gmail\.com/);
      assert.match(found[0].message, /Negotiation settings for XMPP federated partners/);
      const key = underlined(text, found[0]);
      assert.ok([tls, sasl, String(dialback)].includes(key), `range on '${key}'`);
      // The fix leads to a valid combination (never applied by `fix` on its own: it changes security settings).
      const fix = found[0].fixes![0];
      assert.equal(fix.safe, false);
      const after = checkTopology(applyEdits(text, fix.edits)).diagnostics.filter((d) => d.code === 'xmpp-partner');
      assert.deepEqual(after.map((d) => d.message), []);
    });
  }
  test('defaults (TLS Required, SASL Required, dialback true) warn that dialback will not operate; the range is the domain', () => {
    const text = edit(NAT, partner, '    - domain: jabber.example.org');
    const diagnostic = only(text, 'xmpp-partner');
    assert.equal(diagnostic.severity, 'warning');
    assert.equal(underlined(text, diagnostic), 'jabber.example.org');
    assert.match(diagnostic.message, /tlsNegotiation: Required \(default\)/);
    assert.match(diagnostic.message, /Dialback will not operate/);
    const after = checkTopology(applyEdits(text, diagnostic.fixes![0].edits));
    assert.deepEqual(after.diagnostics.map((d) => d.message), []);
    assert.match(applyEdits(text, diagnostic.fixes![0].edits), /- domain: jabber\.example\.org\n\s+supportDialback: false\n/);
  });
  test('a domain listed by two partners is an error', () => {
    const text = edit(NAT, partner, `${partner}\n    - domain: example.org\n      additionalDomains: [gmail.com]\n      supportDialback: false`);
    const diagnostic = only(text, 'xmpp-partner');
    assert.equal(diagnostic.severity, 'error');
    assert.match(diagnostic.message, /already a domain of partner #1/);
  });
  test('partners without XMPP federation (SfB 2019) are a warning', () => {
    const text = edit(ONE_IP, '\ndns:\n', '\nxmpp:\n  partners:\n    - { domain: gmail.com, tlsNegotiation: NotSupported, saslNegotiation: NotSupported }\ndns:\n');
    assert.equal(only(text, 'xmpp-partner').severity, 'warning');
  });
});

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
    const text = edit(DNSLB, '    - { name: _sipfederationtls._tcp.contoso.co.uk, type: SRV, target: sip.contoso.com, port: 5061 }\n', '');
    assert.match(only(text, 'dns-record').message, /_sipfederationtls\._tcp\.contoso\.co\.uk \(port 5061/);
    assertFixedClean(text);
  });
  test('with one external IP, _sip._tls uses the Access Edge client port 5061', () => {
    const text = edit(ONE_IP, '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 5061', '_sip._tls.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 443');
    assert.match(only(text, 'dns-record').message, /needs port 5061/);
  });
  test('behind NAT, the external A record holds the public address', () => {
    const text = edit(NAT, '{ name: sip.contoso.com, type: A, address: 131.107.155.10 }', '{ name: sip.contoso.com, type: A, address: 10.45.16.10 }');
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

describe('certificate-san', () => {
  test('Lync 2013: the XMPP domain itself is required', () => {
    const text = edit(NAT, 'san: [sip.contoso.com, webcon.contoso.com, contoso.com]', 'san: [sip.contoso.com, webcon.contoso.com]');
    const diagnostic = only(text, 'certificate-san');
    assert.equal(underlined(text, diagnostic), '[sip.contoso.com, webcon.contoso.com]');
    assert.match(diagnostic.message, /contoso\.com \(the XMPP domain contoso\.com/);
    assert.match(diagnostic.message, /Certificate summary - Extensible messaging and presence protocol/);
    assertFixedClean(text);
  });
  test('Lync 2013: a parent domain covers its child domains', () => {
    const text = edit(edit(NAT, 'xmpp: [contoso.com]', 'xmpp: [corp.contoso.com]'), '_xmpp-server._tcp.contoso.com', '_xmpp-server._tcp.corp.contoso.com');
    assert.deepEqual(codes(text), []);
  });
  test('SfB 2015: xmpp.<domain> and *.<domain> are required', () => {
    const text = edit(PUBLIC, 'san: [sip.fabrikam.com, webcon.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]', 'san: [sip.fabrikam.com, webcon.fabrikam.com, fabrikam.com]');
    const diagnostic = only(text, 'certificate-san');
    assert.match(diagnostic.message, /xmpp\.fabrikam\.com .*\*\.fabrikam\.com/);
    assertFixedClean(text);
  });
  test('the Web Conferencing Edge FQDN is required with web conferencing', () => {
    const text = edit(HLB, 'san: [sip.fabrikam.com, webcon.fabrikam.com,', 'san: [sip.fabrikam.com,');
    assert.match(only(text, 'certificate-san').message, /webcon\.fabrikam\.com \(the Web Conferencing Edge FQDN\)/);
    assertFixedClean(text);
  });
  test('a block-style SAN list gets the fix as new items', () => {
    const text = edit(NAT, 'san: [sip.contoso.com, webcon.contoso.com, contoso.com]', 'san:\n      - sip.contoso.com\n      - webcon.contoso.com');
    const fixed = fixAll(text);
    assert.match(fixed.text, /      - webcon\.contoso\.com\n      - contoso\.com\n/);
    assert.deepEqual(fixed.remaining, []);
  });
});

describe('product and setting differences', () => {
  test('SfB 2019 has no XMPP federation', () => {
    const text = edit(ONE_IP, 'features:\n', 'features:\n  xmppFederation: true\n');
    const diagnostic = only(text, 'feature-unsupported');
    assert.equal(underlined(text, diagnostic), 'xmppFederation');
  });
  test('outbound RTP/UDP 50000-59999 (E10): always in SfB, only with OCS 2007 federation in Lync 2013', () => {
    assert.ok(rowIds(PUBLIC).includes('E10'));
    assert.ok(rowIds(NAT).includes('E10'));
    assert.ok(!rowIds(edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false')).includes('E10'));
  });
  test('inbound RTP 50000-59999 (E11, E12): Lync 2013 with OCS 2007 federation only', () => {
    assert.ok(rowIds(NAT).includes('E11') && rowIds(NAT).includes('E12'));
    assert.ok(!rowIds(edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false')).includes('E11'));
    assert.ok(!rowIds(edit(PUBLIC, 'edge:\n', 'edge:\n  ocs2007Federation: true\n')).includes('E11'));
  });
  test('one external IP: Access Edge 5061, Web Conferencing 444, A/V 443', () => {
    const services = requiredRows(checkTopology(ONE_IP).model).map((row) => `${row.id}:${row.service}`);
    assert.ok(services.includes('E05:SIP/TLS/TCP/5061'));
    assert.ok(services.includes('E08:PSOM/TLS/TCP/444'));
    assert.ok(services.includes('E15:STUN/MSTURN/TCP/443'));
  });
  test('one external IP is derived when the three interfaces share an address', () => {
    const text = edit(
      ONE_IP,
      '      accessEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n',
      '      accessEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n      webConferencingEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n      avEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: dmz }\n',
    ).replace('  externalIps: one\n', '');
    assert.deepEqual(codes(text), []);
  });
  test('source-and-destination A/V policy: no destination range 50000-59999, and source ports must fit', () => {
    assert.ok(!rowIds(ONE_IP).includes('E09'));
    assert.ok(rowIds(edit(ONE_IP, 'avFirewallPolicy: sourceAndDestination', 'avFirewallPolicy: destinationOnly')).includes('E09'));
    const text = edit(ONE_IP, 'sourcePort: 50000-59999', 'sourcePort: 3478');
    const diagnostic = only(text, 'missing-flow');
    assert.equal(diagnostic.catalogRowId, 'E16');
    assertFixedClean(text);
  });
  test('Centralized Logging and HTTP publishing are settings', () => {
    assert.ok(rowIds(NAT).includes('I09'));
    assert.ok(!rowIds(edit(NAT, 'edge:\n', 'edge:\n  centralizedLogging: false\n')).includes('I09'));
    assert.ok(rowIds(NAT).includes('R01') && rowIds(NAT).includes('R03'));
    const noHttp = rowIds(edit(NAT, 'edge:\n', 'edge:\n  publishHttp: false\n'));
    assert.ok(!noHttp.includes('R01') && !noHttp.includes('R03') && noHttp.includes('R02'));
  });
  test('the next hop is the Director pool when there is one', () => {
    const flows = checkTopology(DNSLB).analysis.flows;
    assert.deepEqual(flows.find((flow) => flow.row.id === 'I02')?.src.endpoints, ['dirpool.contoso.net']);
  });
  test('SIP federation and public IM connectivity share their flows', () => {
    const flows = checkTopology(NAT).analysis.flows.filter((flow) => flow.row.service === 'SIP/MTLS/TCP/5061');
    assert.deepEqual(flows.map((flow) => flow.id).sort(), ['E06', 'E07', 'I02', 'I03']);
  });
  test('a feature that borrows a row names itself in the message', () => {
    const text = edit(edit(PUBLIC, '  edgeInternal: true\n', ''), '      - name: PSOM from Front Ends to Edge\n        service: PSOM/MTLS/TCP/8057\n        from: pool01.fabrikam.net\n        to: edge01.internal\n', '');
    assert.match(only(text, 'missing-flow').message, /required by webConferencing \(catalog row I04/);
  });
});
