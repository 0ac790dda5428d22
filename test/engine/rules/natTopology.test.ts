import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import { codes, DNSLB, edit, HLB, NAT, ONE_IP, PUBLIC, underlined } from './fixtures';
import { assertMessage, findingsOf, ruleTester, spanWithin } from './ruleTester';

const natError = findingsOf('nat-topology', 'error');
const natWarning = findingsOf('nat-topology', 'warning');

/** The nat-topology finding of a file whose other findings follow from the same edit. */
const natFinding = (text: string) => checkTopology(text).diagnostics.find((d) => d.code === 'nat-topology')!;

describe('nat-topology', () => {
  ruleTester({
    invalid: [
      {
        name: 'NAT with hardware load balancers is an error on publicIp',
        text: edit(
          HLB,
          'accessEdge: { ip: 131.107.155.11, network: dmz-external }',
          'accessEdge: { ip: 10.45.16.11, publicIp: 131.107.155.11, network: dmz-external }',
        ),
        errors: (text) => [
          natError(spanWithin(text, 'publicIp: 131.107.155.11', '131.107.155.11'), 'natWithHlb', {
            interface: 'accessEdge',
          }),
        ],
      },
      {
        name: 'NAT on the Edge internal interface is an error',
        text: edit(
          NAT,
          'internal:            { ip: 172.25.33.10, network: dmz }',
          'internal:            { ip: 172.25.33.10, publicIp: 131.107.155.99, network: dmz }',
        ),
        errors: (text) => [
          natError(spanWithin(text, 'publicIp: 131.107.155.99', '131.107.155.99'), 'natOnInternal', {
            publicIp: '131.107.155.99',
          }),
        ],
      },
      {
        name: 'NAT on only some used external interfaces is a warning',
        text: edit(
          NAT,
          'avEdge:              { ip: 10.45.16.30, publicIp: 131.107.155.30, network: dmz }',
          'avEdge:              { ip: 131.107.155.30, network: dmz }',
        ),
        errors: (text) => [
          natWarning(spanWithin(text, 'avEdge:              { ip:', '131.107.155.30'), 'partialNat', {
            translated: 'accessEdge, webConferencingEdge',
            plain: 'avEdge',
          }),
        ],
      },
      {
        name: 'several Edge servers with loadBalancing none is an error',
        text: edit(DNSLB, 'loadBalancing: dns', 'loadBalancing: none'),
        errors: (text) => [
          natError(spanWithin(text, 'loadBalancing: none', 'none'), 'poolWithoutBalancing', {
            servers: 'edge01, edge02',
          }),
        ],
      },
      {
        name: 'one external IP with two services on one port is an error',
        text: edit(
          ONE_IP,
          'ports: { accessEdge: 5061, webConferencingEdge: 444, avEdge: 443 }',
          'ports: { accessEdge: 5061, webConferencingEdge: 443, avEdge: 443 }',
        ),
        errors: (text) => [
          natError(spanWithin(text, 'avEdge: 443 }', '443'), 'onePortTwice', {
            first: 'webConferencingEdge',
            second: 'avEdge',
            port: 443,
          }),
        ],
      },
    ],
  });

  test('hardware load balancing without the VIPs the features use is an error on loadBalancing', () => {
    const text = edit(HLB, '    internal: { ip: 172.25.33.10, network: dmz-internal }\n  fqdns:', '  fqdns:');
    const diagnostic = natFinding(text);
    assert.equal(underlined(text, diagnostic), 'hardware');
    assertMessage(diagnostic, 'missingVips', { missing: 'internal' });
  });
  test('VIPs without hardware load balancing are a warning', () => {
    assert.equal(natFinding(edit(HLB, 'loadBalancing: hardware', 'loadBalancing: dns')).severity, 'warning');
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
