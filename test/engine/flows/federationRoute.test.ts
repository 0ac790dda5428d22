import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology } from '../../../server/src/engine/index';
import type { Diagnostic } from '../../../server/src/engine/index';
import { edit, example } from '../rules/fixtures';
import { assertMessage, span, spanWithin } from '../rules/ruleTester';

// Several Edge pools: one federation route (edge.federationRoute) carries X1–X3 and E06/E07, the
// SRV records point at it (L-XMPP-SETUP, L-XMPP-FAILOVER); every other row applies to each pool.

const TWO_POOLS = example('sfb2015-two-edge-pools.topology.yaml');
const ROUTE_LINE = '  federationRoute: sfbedge.fabrikam.net\n';
const ROUTE_COMMENT = '  # The Edge pool that carries federation and XMPP; edge.fqdns are its names.\n';
const POOLS = 'sfbedge.fabrikam.net, sfbedge2.fabrikam.net';

function dstOf(text: string, rowId: string): string[][] {
  return checkTopology(text)
    .analysis.flows.filter((flow) => flow.row.id === rowId)
    .map((flow) => flow.dst.endpoints);
}

function routeFindings(text: string): Diagnostic[] {
  return checkTopology(text).diagnostics.filter((d) => d.code === 'dns-record' && d.messageId?.startsWith('route'));
}

function at(diagnostic: Diagnostic) {
  const { start, end } = diagnostic.range;
  return { line: start.line, start: start.character, endLine: end.line, end: end.character };
}

describe('the federation route of several Edge pools', () => {
  test('the example with two Edge pools checks clean', () => {
    assert.deepEqual(
      checkTopology(TWO_POOLS).diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`),
      [],
    );
  });

  test("federation and XMPP rows bind to the route's pool, the other Edge rows to both", () => {
    for (const id of ['X1', 'E06']) assert.deepEqual(dstOf(TWO_POOLS, id), [['edge01.accessEdge']], id);
    assert.deepEqual(dstOf(TWO_POOLS, 'X3'), [['edge01.internal']]);
    assert.deepEqual(dstOf(TWO_POOLS, 'E05'), [['edge01.accessEdge', 'edge11.accessEdge']]);
    assert.deepEqual(dstOf(TWO_POOLS, 'I02'), [['edge01.internal', 'edge11.internal']]);
    const routed = edit(TWO_POOLS, ROUTE_LINE, '  federationRoute: sfbedge2.fabrikam.net\n');
    assert.deepEqual(dstOf(routed, 'X1'), [['edge11.accessEdge']]);
  });

  test('the route may name an Edge server of its pool; a pool-less Edge server keeps every row', () => {
    assert.deepEqual(dstOf(edit(TWO_POOLS, ROUTE_LINE, '  federationRoute: EDGE11\n'), 'X1'), [['edge11.accessEdge']]);
    const third =
      '  edge21:\n    role: edge\n    interfaces:\n      accessEdge: { ip: 131.107.155.11, network: dmz-external }\n' +
      '      internal: { ip: 172.25.33.11, network: dmz-internal }\n  fe01:';
    assert.deepEqual(dstOf(edit(TWO_POOLS, '  fe01:', third), 'X1'), [['edge01.accessEdge', 'edge21.accessEdge']]);
    // One named pool and a pool-less server: one pool, nothing to name.
    const onePool = edit(edit(TWO_POOLS, ROUTE_COMMENT + ROUTE_LINE, ''), '    pool: sfbedge2.fabrikam.net\n', '');
    assert.deepEqual(routeFindings(onePool), []);
  });

  test('without edge.federationRoute: one dns-record finding on the edge key, even without a dns section', () => {
    const text = edit(TWO_POOLS, ROUTE_COMMENT + ROUTE_LINE, '');
    const [finding, ...more] = routeFindings(text);
    assert.deepEqual(more, []);
    assertMessage(finding, 'routeUnnamed', { count: 2, pools: POOLS });
    assert.match(finding.detail ?? '', /"Setting up XMPP federation in Lync Server 2013"/);
    assert.deepEqual(at(finding), spanWithin(text, '\nedge:\n', 'edge'));
    const withoutDns = text.slice(0, text.indexOf('\ndns:\n')) + text.slice(text.indexOf('\ncertificates:'));
    assertMessage(routeFindings(withoutDns)[0], 'routeUnnamed', { count: 2, pools: POOLS });
    // Without an edge section: on the second pool, where it first appears.
    const noEdge = withoutDns.replace(/\nedge:\n( {2}.*\n)+/, '\n');
    assert.deepEqual(at(routeFindings(noEdge)[0]), span(noEdge, 'sfbedge2.fabrikam.net'));
  });

  test('one Edge pool, or no federation feature: no route to name', () => {
    const text = edit(TWO_POOLS, ROUTE_COMMENT + ROUTE_LINE, '');
    const onePool = edit(text, 'pool: sfbedge2.fabrikam.net', 'pool: sfbedge.fabrikam.net');
    assert.deepEqual(routeFindings(onePool), []);
    const noFederation = ['xmppFederation', 'sipFederation'].reduce(
      (current, feature) => edit(current, `  ${feature}: true\n`, `  ${feature}: false\n`),
      text,
    );
    assert.deepEqual(routeFindings(noFederation), []);
  });

  test('a route that names no Edge pool is reported on its value', () => {
    const text = edit(TWO_POOLS, ROUTE_LINE, '  federationRoute: pool01.fabrikam.net\n');
    const [finding, ...more] = routeFindings(text);
    assert.deepEqual(more, []);
    assertMessage(finding, 'routeUnknown', { name: 'pool01.fabrikam.net', pools: POOLS });
    assert.deepEqual(at(finding), spanWithin(text, 'federationRoute:', 'pool01.fabrikam.net'));
  });

  test("the XMPP SRV record must point at the route's Access Edge", () => {
    const text = edit(TWO_POOLS, 'target: xmpp.fabrikam.com, port: 5269', 'target: sip2.fabrikam.com, port: 5269');
    const finding = checkTopology(text).diagnostics.find((d) => d.messageId === 'srvTarget')!;
    assertMessage(finding, 'srvTarget', { name: '_xmpp-server._tcp.fabrikam.com', target: 'sip2.fabrikam.com' });
    assert.deepEqual(at(finding), spanWithin(text, '_xmpp-server', 'sip2.fabrikam.com'));
  });
});
