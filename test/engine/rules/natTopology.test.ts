import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { codes, DNSLB, edit, HLB, NAT, ONE_IP, only, PUBLIC, underlined } from './fixtures';

describe('nat-topology', () => {
  test('NAT with hardware load balancers is an error on publicIp', () => {
    const text = edit(
      HLB,
      'accessEdge: { ip: 131.107.155.11, network: dmz-external }',
      'accessEdge: { ip: 10.45.16.11, publicIp: 131.107.155.11, network: dmz-external }',
    );
    const diagnostic = only(text, 'nat-topology');
    assert.equal(underlined(text, diagnostic), '131.107.155.11');
    assert.match(diagnostic.message, /publicly routable IP addresses without NAT/);
  });
  test('NAT on the Edge internal interface is an error', () => {
    const text = edit(
      NAT,
      'internal:            { ip: 172.25.33.10, network: dmz }',
      'internal:            { ip: 172.25.33.10, publicIp: 131.107.155.99, network: dmz }',
    );
    assert.equal(underlined(text, only(text, 'nat-topology')), '131.107.155.99');
  });
  test('NAT on only some used external interfaces is a warning', () => {
    const text = edit(
      NAT,
      'avEdge:              { ip: 10.45.16.30, publicIp: 131.107.155.30, network: dmz }',
      'avEdge:              { ip: 131.107.155.30, network: dmz }',
    );
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
    const diagnostic = checkTopology(edit(HLB, 'loadBalancing: hardware', 'loadBalancing: dns')).diagnostics.find(
      (d) => d.code === 'nat-topology',
    );
    assert.equal(diagnostic?.severity, 'warning');
  });
  test('several Edge servers with loadBalancing none is an error', () => {
    assert.ok(codes(edit(DNSLB, 'loadBalancing: dns', 'loadBalancing: none')).includes('nat-topology/error'));
  });
  test('one external IP with two services on one port is an error', () => {
    const text = edit(
      ONE_IP,
      'ports: { accessEdge: 5061, webConferencingEdge: 444, avEdge: 443 }',
      'ports: { accessEdge: 5061, webConferencingEdge: 443, avEdge: 443 }',
    );
    const diagnostic = only(text, 'nat-topology');
    assert.match(diagnostic.message, /webConferencingEdge and avEdge both use 443/);
    assert.equal(underlined(text, diagnostic), '443');
  });
  test('three external IPs set but two interfaces share one address is an error', () => {
    const text = edit(
      PUBLIC,
      'webConferencingEdge: { ip: 131.107.155.20, network: dmz-external }',
      'webConferencingEdge: { ip: 131.107.155.10, network: dmz-external }',
    );
    assert.ok(codes(text).includes('nat-topology/error'));
  });
});
