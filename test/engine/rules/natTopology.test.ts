import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { codes, DNSLB, edit, HLB, NAT, ONE_IP, PUBLIC, underlined } from './fixtures';
import { assertMessage, findingsOf, ruleItem, ruleTester, spanWithin } from './ruleTester';

/** `text` with the interface at `ip` behind NAT: `privateIp` on the interface, `publicIp` outside. */
const behindNat = (text: string, ip: string, privateIp: string, publicIp: string) =>
  edit(text, `{ ip: ${ip},`, `{ ip: ${privateIp}, publicIp: ${publicIp},`);
const onPublicIp = (text: string, publicIp: string) => spanWithin(text, `publicIp: ${publicIp}`, publicIp);

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
      ],
    },
    {
      name: 'one external IP with two services on one port is an error',
      text: edit(ONE_IP, 'webConferencingEdge: 444', 'webConferencingEdge: 443'),
      errors: (text, finding) => {
        const data = { first: 'webConferencingEdge', second: 'avEdge', port: 443 };
        return [
          finding(spanWithin(text, 'avEdge: 443 }', '443'), 'onePortTwice', data),
          // The Web Conferencing rule keeps the 444 the file no longer configures.
          findingsOf('unneeded-rule', 'warning')(
            ruleItem(text, 'Web conferencing to Web Conferencing Edge', 'to: edge01.accessEdge', 2),
            'reaches',
            { service: 'PSOM/TLS/TCP/444' },
          ),
        ];
      },
    },
  ],
});

test('nat-topology: hardware load balancing without the VIPs the features use is an error on loadBalancing', () => {
  const text = edit(HLB, '    internal: { ip: 172.25.33.10, network: dmz-internal }\n  fqdns:', '  fqdns:');
  const diagnostic = natFinding(text);
  assert.equal(underlined(text, diagnostic), 'hardware');
  assertMessage(diagnostic, 'missingVips', { missing: 'internal' });
});
test('nat-topology: VIPs without hardware load balancing are a warning', () => {
  assert.equal(natFinding(edit(HLB, 'loadBalancing: hardware', 'loadBalancing: dns')).severity, 'warning');
});
test('nat-topology: three external IPs set but two interfaces share one address is an error', () => {
  assert.ok(codes(edit(PUBLIC, '{ ip: 131.107.155.20,', '{ ip: 131.107.155.10,')).includes('nat-topology/error'));
});
