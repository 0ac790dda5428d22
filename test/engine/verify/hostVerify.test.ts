import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DumpReading, type DumpRule, verifyTopology, type VerifyFinding } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// A host firewall on an Edge server, named by the server: the flows that start or end at its
// interfaces, at their private addresses, evaluated first-match on the host's rules.

const CONTOSO = readExample('contoso.topology.yaml');

function at(line: number) {
  return { line, column: 1, endLine: line, endColumn: 30 };
}

function rule(line: number, fields: Partial<DumpRule>): DumpRule {
  return {
    location: at(line),
    action: 'allow',
    from: ['any'],
    to: ['any'],
    services: [{ transport: 'TCP' }],
    ...fields,
  };
}

const inbound = (line: number) =>
  rule(line, { to: ['131.107.155.10'], services: [{ transport: 'TCP', port: '5269' }] });
const outbound = (line: number) =>
  rule(line, { from: ['131.107.155.10'], services: [{ transport: 'TCP', port: '5269' }] });
const gateway = (line: number) =>
  rule(line, { from: ['192.168.10.90'], to: ['172.25.33.10'], services: [{ transport: 'TCP', port: '23456' }] });

function reading(rules: DumpRule[]): DumpReading {
  return { rules, listLocation: at(1), defaultAction: 'deny', problems: [] };
}

function host(findings: VerifyFinding[]) {
  return findings
    .filter((finding) => finding.firewall === 'edge01')
    .map(({ diagnostic }) => ({
      line: diagnostic.range.start.line + 1,
      code: diagnostic.code,
      row: diagnostic.catalogRowId,
      firewall: diagnostic.data?.firewall,
    }));
}

describe('verify: the host firewall of an Edge server', () => {
  test('every flow of the server allowed: clean; the perimeter findings stay as check has them', () => {
    const result = verifyTopology(CONTOSO, [
      { firewall: 'edge01', reading: reading([inbound(2), outbound(3), gateway(4)]) },
    ]);
    assert.deepEqual(result.findings, []);
  });

  test('a flow the host lets not in: missing-flow at the rule list, naming the server', () => {
    const result = verifyTopology(CONTOSO, [{ firewall: 'edge01', reading: reading([inbound(2), outbound(3)]) }]);
    assert.deepEqual(host(result.findings), [{ line: 1, code: 'missing-flow', row: 'X3', firewall: 'edge01' }]);
    assert.equal(
      result.findings[0].diagnostic.message,
      "Firewall 'edge01' does not allow XMPP/MTLS/23456 (XMPP gateway to Edge).",
    );
  });

  test('a block rule first (Windows applies blocks first): blocked-flow at it, for each flow it stops', () => {
    const block = rule(2, { action: 'deny', services: [{ transport: 'TCP', port: '5269' }] });
    const result = verifyTopology(CONTOSO, [
      { firewall: 'edge01', reading: reading([block, inbound(3), outbound(4), gateway(5)]) },
    ]);
    assert.deepEqual(host(result.findings), [
      { line: 2, code: 'blocked-flow', row: 'X1', firewall: 'edge01' },
      { line: 2, code: 'blocked-flow', row: 'X2', firewall: 'edge01' },
    ]);
  });

  test('behind NAT the host sees its private address: a rule for the public one does not serve it', () => {
    const nat = readExample('lync2013-single-edge-nat.topology.yaml');
    const server = /^ {2}(\w+):\n {4}role: edge/m.exec(nat)![1];
    const xmpp = (address: string) => rule(2, { to: [address], services: [{ transport: 'TCP', port: '5269' }] });
    const rows = (address: string) =>
      verifyTopology(nat, [{ firewall: server, reading: reading([xmpp(address)]) }])
        .findings.filter((finding) => finding.firewall === server)
        .map((finding) => finding.diagnostic.catalogRowId);
    assert.ok(!rows('10.45.16.10').includes('X1'), 'the private address serves X1');
    assert.ok(rows('131.107.155.10').includes('X1'), 'the public address does not');
  });
});
