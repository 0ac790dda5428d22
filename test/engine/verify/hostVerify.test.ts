import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type DumpReading, type DumpRule, verifyTopology, type VerifyFinding } from '../../../server/src/engine/index';
import { dumpLine as at, dumpRule as rule } from '../../support/dumpRules';
import { readExample } from '../../support/examples';

// A host firewall on an Edge server, named by the server: the flows that start or end at its
// interfaces, at their private addresses, evaluated first-match on the host's rules.

const CONTOSO = readExample('contoso.topology.yaml');

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

  test('a block rule first (Windows applies blocks first): blocked-flow at it, the allows below it shadowed', () => {
    const block = rule(2, { action: 'deny', services: [{ transport: 'TCP', port: '5269' }] });
    const result = verifyTopology(CONTOSO, [
      { firewall: 'edge01', reading: reading([block, inbound(3), outbound(4), gateway(5)]) },
    ]);
    assert.deepEqual(host(result.findings), [
      { line: 2, code: 'blocked-flow', row: 'X1', firewall: 'edge01' },
      { line: 2, code: 'blocked-flow', row: 'X2', firewall: 'edge01' },
      { line: 3, code: 'shadowed-rule', row: undefined, firewall: 'edge01' },
      { line: 4, code: 'shadowed-rule', row: undefined, firewall: 'edge01' },
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

// Windows keeps Inbound rules (default block; LocalAddress is where the packet reaches the host)
// apart from Outbound ones (default allow): each list is checked for its direction with every
// rule-level code of a perimeter firewall, on the lines of the dump.

const XMPP_IN = { name: 'XMPP in', to: ['131.107.155.10'], services: [{ transport: 'TCP' as const, port: '5269' }] };
const XMPP_OUT = {
  name: 'XMPP out',
  from: ['131.107.155.10'],
  services: [{ transport: 'TCP' as const, port: '5269' }],
};
const GATEWAY = {
  name: 'XMPP gateway',
  from: ['192.168.10.90'],
  to: ['172.25.33.10'],
  services: [{ transport: 'TCP' as const, port: '23456' }],
};

function windows(inboundRules: DumpRule[], outboundRules: DumpRule[] = [rule(20, XMPP_OUT)]) {
  return {
    firewall: 'edge01',
    reading: reading(inboundRules),
    outbound: { ...reading(outboundRules), listLocation: at(19), defaultAction: 'allow' as const },
  };
}

function hostFindings(input: ReturnType<typeof windows>, topology = CONTOSO) {
  return verifyTopology(topology, [input])
    .findings.filter((finding) => finding.firewall === input.firewall)
    .map(({ diagnostic }) => ({
      line: diagnostic.range.start.line + 1,
      code: diagnostic.code,
      messageId: diagnostic.messageId,
      data: diagnostic.data,
      related: diagnostic.related?.map((item) => [item.range.start.line + 1, item.message]),
    }));
}

describe('verify: a host firewall gets the rule-level codes of a perimeter firewall', () => {
  test('the clean Windows lists: no finding', () => {
    assert.deepEqual(hostFindings(windows([rule(2, XMPP_IN), rule(3, GATEWAY)])), []);
  });

  test('5296 instead of 5269: wrong-port on that rule, and X1 is not missing besides', () => {
    const typo = rule(2, { ...XMPP_IN, services: [{ transport: 'TCP', port: '5296' }] });
    assert.deepEqual(hostFindings(windows([typo, rule(3, GATEWAY)])), [
      {
        line: 2,
        code: 'wrong-port',
        messageId: 'wrongPort',
        data: {
          rule: "'XMPP in (line 2)'",
          transport: 'TCP',
          written: '5296',
          ruleName: 'XMPP from federated partners',
          service: 'XMPP/TCP/5269',
          rowId: 'X1',
          page: 'Port summary - XMPP federation in Lync Server 2013',
          port: '5269',
        },
        related: undefined,
      },
    ]);
  });

  test('UDP instead of TCP: wrong-transport on that rule', () => {
    const udp = rule(2, { ...XMPP_IN, services: [{ transport: 'UDP', port: '5269' }] });
    const found = hostFindings(windows([udp, rule(3, GATEWAY)]));
    assert.deepEqual(
      found.map(({ line, code, data }) => [line, code, data?.rowId, data?.written]),
      [[2, 'wrong-transport', 'X1', 'UDP']],
    );
  });

  test('every port (LocalPort Any): overly-permissive, inbound and outbound alike', () => {
    const wide = (line: number, fields: Partial<DumpRule>) =>
      rule(line, { ...fields, services: [{ transport: 'TCP' }] });
    const found = hostFindings(windows([wide(2, XMPP_IN), rule(3, GATEWAY)], [wide(20, XMPP_OUT)]));
    const data = (name: string) => ({
      rule: `'${name}'`,
      transport: 'TCP',
      ports: '1-65535',
      count: 65535,
      services: 'XMPP/TCP/5269',
      need: 'needs',
      needed: '5269',
    });
    assert.deepEqual(found, [
      {
        line: 2,
        code: 'overly-permissive',
        messageId: 'widePorts',
        data: data('XMPP in (line 2)'),
        related: undefined,
      },
      {
        line: 20,
        code: 'overly-permissive',
        messageId: 'widePorts',
        data: data('XMPP out (line 20)'),
        related: undefined,
      },
    ]);
  });

  test('a rule after an identical one: duplicate-rule, the first related', () => {
    const found = hostFindings(windows([rule(2, XMPP_IN), rule(3, XMPP_IN), rule(4, GATEWAY)]));
    assert.deepEqual(found, [
      {
        line: 3,
        code: 'duplicate-rule',
        messageId: 'duplicate',
        data: { rule: "'XMPP in (line 3)'", first: "'XMPP in (line 2)'", firewall: 'edge01' },
        related: [[2, 'The first occurrence.']],
      },
    ]);
  });

  test('LocalAddress Any is the host itself: it is no any-to-any, and shadows a rule for one address', () => {
    const anyLocal = rule(2, { ...XMPP_IN, name: 'XMPP in, every address', to: ['any'] });
    const found = hostFindings(windows([anyLocal, rule(3, XMPP_IN), rule(4, GATEWAY)]));
    assert.deepEqual(found, [
      {
        line: 3,
        code: 'shadowed-rule',
        messageId: 'shadowedByOne',
        data: { rule: "'XMPP in (line 3)'", covering: "'XMPP in, every address (line 2)'", firewall: 'edge01' },
        related: [[2, "Rule 'XMPP in, every address (line 2)' matches first."]],
      },
    ]);
  });

  test('an allow for a port no flow needs: unneeded-rule, naming the server it opens', () => {
    const rdp = rule(4, { name: 'RDP', services: [{ transport: 'TCP', port: '3389' }] });
    const found = hostFindings(windows([rule(2, XMPP_IN), rule(3, GATEWAY), rdp]));
    assert.deepEqual(found, [
      {
        line: 4,
        code: 'unneeded-rule',
        messageId: 'reaches',
        data: { rule: "'RDP (line 4)'", service: 'TCP/3389', firewall: 'edge01', from: 'any', reached: 'edge01' },
        related: undefined,
      },
    ]);
  });
});

describe('verify: a flow aimed at a load balancer VIP reaches the host at the interface behind it', () => {
  const HLB = readExample('sfb2015-hlb.topology.yaml');
  const xmpp = (address: string) => rule(2, { ...XMPP_IN, to: [address] });
  const x1 = (address: string) =>
    hostFindings({ ...windows([xmpp(address)], []), firewall: 'edge01' }, HLB).filter(
      (finding) => finding.data?.rowId === 'X1',
    );

  test("XMPP to the Access Edge VIP is X1 on edge01's own Access Edge address, not on the VIP's", () => {
    assert.deepEqual(
      x1('131.107.155.10').map(({ line, code, data }) => [line, code, data?.from, data?.to]),
      [[1, 'missing-flow', 'any', 'edge01.accessEdge']],
    );
    assert.deepEqual(x1('131.107.155.11'), []);
  });
});
