import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { codes, DNSLB, edit, example, HLB, NAT, ONE_IP, PUBLIC, underlined } from './fixtures';
import { assertMessage, findingsOf, type Finding, ruleItem, ruleTester, span, spanWithin } from './ruleTester';

/** `text` with the interface at `ip` behind NAT: `privateIp` on the interface, `publicIp` outside. */
const behindNat = (text: string, ip: string, privateIp: string, publicIp: string) =>
  edit(text, `{ ip: ${ip},`, `{ ip: ${privateIp}, publicIp: ${publicIp},`);
const onPublicIp = (text: string, publicIp: string) => spanWithin(text, `publicIp: ${publicIp}`, publicIp);

const DNSLB_PUBLIC = example('sfb2019-dnslb-public.topology.yaml');
const dnsData = { servers: 'edge01, edge02', defaulted: '', scenarios: 'XMPP federation (xmppFederation)' };
const oneIpInfo = (text: string, finding: Finding) =>
  finding(spanWithin(text, 'externalIps: one', 'one'), 'oneIpNotRecommended', { how: 'edge.externalIps: one' }, 'info');

/** The nat-topology finding of a file whose other findings follow from the same edit. */
const natFinding = (text: string) => checkTopology(text).diagnostics.find((d) => d.code === 'nat-topology')!;

ruleTester('nat-topology', {
  invalid: [
    {
      name: 'NAT with hardware load balancers is an error on publicIp',
      text: behindNat(HLB, '131.107.155.11', '10.45.16.11', '131.107.155.11'),
      errors: (text, finding) => [
        finding(onPublicIp(text, '131.107.155.11'), 'natWithHlb', { interface: 'accessEdge' }),
      ],
    },
    {
      name: 'NAT on the Edge internal interface is an error',
      text: behindNat(NAT, '172.25.33.10', '172.25.33.10', '131.107.155.99'),
      errors: (text, finding) => [
        finding(onPublicIp(text, '131.107.155.99'), 'natOnInternal', { publicIp: '131.107.155.99' }),
      ],
    },
    {
      name: 'NAT on only some used external interfaces is a warning',
      text: edit(NAT, 'ip: 10.45.16.30, publicIp: 131.107.155.30', 'ip: 131.107.155.30'),
      errors: (text, finding) => {
        const data = { translated: 'accessEdge, webConferencingEdge', plain: 'avEdge' };
        return [finding(spanWithin(text, 'avEdge:', '131.107.155.30'), 'partialNat', data, 'warning')];
      },
    },
    {
      name: 'several Edge servers with loadBalancing none is an error',
      text: edit(DNSLB, 'loadBalancing: dns', 'loadBalancing: none'),
      errors: (text, finding) => [
        finding(spanWithin(text, 'loadBalancing: none', 'none'), 'poolWithoutBalancing', { servers: 'edge01, edge02' }),
        // E17 (the Edges' public A/V hairpin) needs DNS load balancing: without it its rule is unneeded.
        findingsOf('unneeded-rule', 'warning')(
          ruleItem(text, 'A/V Edge to A/V Edge public addresses', 'to: [131.107.155.30, 131.107.155.31]'),
          'reaches',
        ),
      ],
    },
    {
      name: 'one external IP with two services on one port is an error',
      text: edit(ONE_IP, 'webConferencingEdge: 444', 'webConferencingEdge: 443'),
      errors: (text, finding) => {
        const data = { first: 'webConferencingEdge', second: 'avEdge', port: 443 };
        return [
          finding(spanWithin(text, 'avEdge: 443 }', '443'), 'onePortTwice', data),
          oneIpInfo(text, finding),
          // The Web Conferencing rule keeps the 444 the file no longer configures.
          findingsOf('unneeded-rule', 'warning')(
            ruleItem(text, 'Web conferencing to Web Conferencing Edge', 'to: edge01.accessEdge', 2),
            'reaches',
            { service: 'PSOM/TLS/TCP/444' },
          ),
        ];
      },
    },
    {
      name: 'DNS load balancing on an Edge pool with XMPP federation is info: no failover (S-LB)',
      text: DNSLB,
      errors: (text, finding) => [
        finding(spanWithin(text, 'loadBalancing: dns', 'dns'), 'dnsFailover', dnsData, 'info'),
      ],
    },
    {
      name: 'derived DNS load balancing with public IM connectivity and OCS 2007 federation is info on the first Edge',
      text: edit(DNSLB_PUBLIC, 'firewalls:\n', 'edge:\n  ocs2007Federation: true\nfirewalls:\n'),
      errors: (text, finding) => {
        const scenarios =
          'federation with Office Communications Server 2007 partners (edge.ocs2007Federation), ' +
          'public IM connectivity (publicImConnectivity)';
        const data = { defaulted: ' (the default for several Edge servers)', scenarios };
        return [finding(span(text, 'edge01'), 'dnsFailover', data, 'info')];
      },
    },
    {
      name: 'one external IP is info: Microsoft does not recommend it (S-ENV)',
      text: ONE_IP,
      errors: (text, finding) => [oneIpInfo(text, finding)],
    },
  ],
  valid: [
    {
      name: 'DNS load balancing without XMPP, public IM or OCS 2007 federation keeps its failover',
      text: edit(DNSLB_PUBLIC, '  publicImConnectivity: true\n', ''),
    },
    {
      name: 'Skype for Business Server behind hardware load balancers needs no internal VIP (S-ENV)',
      text: example('sfb2015-hlb-no-internal-vip.topology.yaml'),
    },
  ],
});

test('nat-topology: hardware load balancing without the VIPs the features use is an error on loadBalancing', () => {
  const routed = edit(HLB, 'loadBalancing: hardware', 'loadBalancing: hardware\n  internalVipRouting: true');
  const text = edit(routed, '    internal: { ip: 172.25.33.10, network: dmz-internal }\n  fqdns:', '  fqdns:');
  const diagnostic = natFinding(text);
  assert.equal(underlined(text, diagnostic), 'hardware');
  assertMessage(diagnostic, 'missingVips', { missing: 'internal' });
});
test('nat-topology: VIPs without hardware load balancing are a warning', () => {
  const found = checkTopology(edit(HLB, 'loadBalancing: hardware', 'loadBalancing: dns')).diagnostics.filter(
    (d) => d.code === 'nat-topology' && d.severity !== 'info',
  );
  assert.deepEqual(
    found.map((d) => `${d.severity}/${d.messageId}`),
    ['warning/unusedVips'],
  );
});
test('nat-topology: Lync Server 2013 behind hardware load balancers keeps the internal VIP (L-HLB)', () => {
  const lync = edit(example('sfb2015-hlb-no-internal-vip.topology.yaml'), 'product: sfb2015', 'product: lync2013');
  assertMessage(natFinding(lync), 'missingVips', { missing: 'internal' });
});
test('nat-topology: three external IPs set but two interfaces share one address is an error', () => {
  assert.ok(codes(edit(PUBLIC, '{ ip: 131.107.155.20,', '{ ip: 131.107.155.10,')).includes('nat-topology/error'));
});
