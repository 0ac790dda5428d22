import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CONTOSO, DNSLB, edit, example, PUBLIC } from './fixtures';
import { assertDiagnostics, findingsOf, ruleTester, span, spanWithin } from './ruleTester';

// S-LB: "The edge internal interface must be on a different network than the Edge Server external
// interface and routing between them must be disabled". The subnet decides, not the zone or the
// network's name: contoso's one perimeter network declares both of its subnets.

const CONTOSO_INTERNAL = 'internal: { ip: 172.25.33.10, network: perimeter }';
const PUBLIC_INTERNAL = 'internal: { ip: 172.25.33.10, network: dmz-internal }';
const SOURCE = '"Load balancing requirements for Skype for Business"';
const CONTOSO_EXTERNAL = 'accessEdge (131.107.155.10), webConferencingEdge (131.107.155.20), avEdge (131.107.155.30)';

ruleTester('edge-network', {
  valid: [
    { name: 'contoso: one perimeter network declares both subnets, each side in its own', text: CONTOSO },
    { name: 'two perimeter networks, one subnet each', text: PUBLIC },
    { name: 'a scaled pool behind NAT, internal and private external subnets apart', text: DNSLB },
    {
      name: 'a network without subnets gives nothing to compare',
      text: edit(
        CONTOSO,
        'perimeter: { zone: perimeter, subnets: [131.107.155.0/24, 172.25.33.0/24] }',
        'perimeter: { zone: perimeter }',
      ),
    },
    {
      name: "a reverse proxy's interfaces are not an Edge server's",
      text: edit(DNSLB, 'internal: { ip: 172.25.33.40, network: dmz }', 'internal: { ip: 10.45.16.41, network: dmz }'),
    },
  ],
  invalid: [
    {
      name: 'contoso: the internal address in the external subnet of the same network',
      text: edit(CONTOSO, CONTOSO_INTERNAL, 'internal: { ip: 131.107.155.40, network: perimeter }'),
      errors: (text, finding) => [
        finding(span(text, '131.107.155.40'), 'sharedSubnet', {
          server: 'edge01',
          ip: '131.107.155.40',
          subnet: 'subnet 131.107.155.0/24',
          external: CONTOSO_EXTERNAL,
          source: SOURCE,
        }),
      ],
    },
    {
      name: 'another network named, but the external network declares the subnet that holds both',
      text: edit(
        edit(PUBLIC, PUBLIC_INTERNAL, 'internal: { ip: 131.107.155.40, network: dmz-internal }'),
        '- { name: sfbedge.fabrikam.net, type: A, address: 172.25.33.10 }',
        '- { name: sfbedge.fabrikam.net, type: A, address: 131.107.155.40 }',
      ),
      errors: (text, finding) => [
        finding(spanWithin(text, 'internal: { ip: 131.107.155.40', '131.107.155.40'), 'sharedSubnet', {
          server: 'edge01',
          subnet: 'subnet 131.107.155.0/24',
          external: 'accessEdge (131.107.155.10), webConferencingEdge (131.107.155.20), avEdge (131.107.155.30)',
        }),
      ],
    },
    {
      name: 'only the external interfaces in the subnet are named',
      text: edit(
        CONTOSO,
        'avEdge: { ip: 131.107.155.30, network: perimeter }',
        'avEdge: { ip: 172.25.33.30, network: perimeter }',
      ),
      errors: (text, finding) => [
        finding(span(text, '172.25.33.10'), 'sharedSubnet', {
          ip: '172.25.33.10',
          subnet: 'subnet 172.25.33.0/24',
          external: 'avEdge (172.25.33.30)',
        }),
      ],
    },
    {
      name: 'behind NAT the private external address counts, on the one pool member that shares it',
      text: edit(
        edit(DNSLB, 'internal: { ip: 172.25.33.11, network: dmz }', 'internal: { ip: 10.45.16.51, network: dmz }'),
        '- { name: edgepool.contoso.net, type: A, address: 172.25.33.11 }',
        '- { name: edgepool.contoso.net, type: A, address: 10.45.16.51 }',
      ),
      errors: (text, finding) => [
        finding(spanWithin(text, 'internal: { ip: 10.45.16.51', '10.45.16.51'), 'sharedSubnet', {
          server: 'edge02',
          subnet: 'subnet 10.45.16.0/24',
          external: 'accessEdge (10.45.16.11), webConferencingEdge (10.45.16.21), avEdge (10.45.16.31)',
        }),
      ],
    },
  ],
});

test("examples/broken/edge-network: the one finding, and no fix (the address is the administrator's decision)", () => {
  const text = example('broken/edge-network.topology.yaml');
  const [diagnostic] = assertDiagnostics(text, [
    findingsOf('edge-network', 'error')(span(text, '131.107.155.40'), 'sharedSubnet', {
      server: 'edge01',
      subnet: 'subnet 131.107.155.0/24',
    }),
  ]);
  assert.equal(diagnostic.fixes, undefined);
});
