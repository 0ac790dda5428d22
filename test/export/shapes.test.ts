import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, renderExport } from '../../server/src/engine/index';
import { assertIptablesLoads, assertNftLoads, iptables, nft } from '../support/firewallTools';

// Every combination of the port and address shapes a rule can have, exported and loaded: a file
// that checks clean must give rule sets the firewall tools take (a source port list once gave
// `-m multiport --sports … --dport 3478`, which iptables-restore refuses).

const PORTS = ['5000', '5000,5002', '6000-6010', '3478,50000-59999', [...Array(20).keys()].map((k) => 7000 + 2 * k)];
const SOURCE_PORTS = [undefined, ...PORTS];
const TRANSPORTS = ['TCP', 'UDP', 'ANY'];
const ENDPOINTS = [
  'any',
  '10.0.0.0/8',
  '[10.0.0.0/8, 192.168.1.1, 172.16.0.0/12]',
  'edge01.accessEdge',
  '"2001:db8::1"',
];

function yamlValue(value: string | number[]): string {
  return typeof value === 'string' ? `"${value}"` : `[${value.join(', ')}]`;
}

/** One firewall per transport, one rule per destination × source port shape × endpoint pair. */
function shapesTopology(): { text: string; rules: number } {
  const lines = [
    'topology: { name: shapes, product: sfb2019 }',
    'networks:',
    '  internet: { zone: external }',
    '  dmz: { zone: perimeter, subnets: [10.45.16.0/24, "2001:db8::/64"] }',
    'servers:',
    '  edge01: { role: edge, interfaces: { accessEdge: { ip: 10.45.16.10, network: dmz } } }',
    'firewalls:',
  ];
  let rules = 0;
  for (const transport of TRANSPORTS) {
    lines.push(`  fw-${transport.toLowerCase()}:`, '    between: [internet, dmz]', '    rules:');
    for (const ports of PORTS)
      for (const sourcePort of SOURCE_PORTS)
        for (const from of ENDPOINTS)
          for (const to of ENDPOINTS) {
            const port = typeof ports === 'string' ? ports : ports.join(',');
            lines.push(`      - name: r${++rules}`, `        service: APP/${transport}/${port}`);
            if (sourcePort !== undefined) lines.push(`        sourcePort: ${yamlValue(sourcePort)}`);
            lines.push(`        from: ${from}`, `        to: ${to}`);
          }
  }
  return { text: lines.join('\n') + '\n', rules };
}

const shapes = shapesTopology();
const result = checkTopology(shapes.text);

describe('every rule shape exports to rule sets the firewall tools load', () => {
  test('the generated file resolves every rule (the shapes are really exported)', () => {
    const unresolved = result.model.firewalls.flatMap((firewall) => firewall.rules.filter((rule) => !rule.complete));
    assert.equal(unresolved.length, 0);
    assert.equal(
      result.model.firewalls.reduce((sum, firewall) => sum + firewall.rules.length, 0),
      shapes.rules,
    );
    const blocking = result.diagnostics.filter((d) => ['yaml-syntax', 'schema', 'invalid-port'].includes(d.code));
    assert.deepEqual(blocking, []);
  });
  test('iptables-restore', { skip: 'skip' in iptables ? iptables.skip : false }, () => {
    const rules = renderExport(result, 'iptables');
    assert.match(rules, /-m multiport --sports 3478,50000:59999/);
    assertIptablesLoads(rules);
  });
  test('nft', { skip: 'skip' in nft ? nft.skip : false }, () => assertNftLoads(renderExport(result, 'nftables')));
});
