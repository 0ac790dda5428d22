import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { openDump } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';
import { hostFindings } from '../../support/hostFindings';

// An iptables or nft dump of an Edge server's own firewall, read as the kernel applies it: INPUT
// (the input hook) for what reaches the server, OUTPUT (the output hook) for what leaves it, each
// with its own policy; FORWARD (the forward hook) carries no traffic of the host's own.

const CONTOSO = readExample('contoso.topology.yaml');

// contoso's edge01 needs X1 (partners to its Access Edge, TCP 5269) and X3 (the XMPP gateway to
// its internal side, TCP 23456) in, and X2 (its Access Edge to partners, TCP 5269) out.
const X1_IN = '-A INPUT -d 131.107.155.10/32 -p tcp -m tcp --dport 5269 -j ACCEPT';
const X3_IN = '-A INPUT -s 192.168.10.90/32 -d 172.25.33.10/32 -p tcp -m tcp --dport 23456 -j ACCEPT';
const X2_OUT = '-A OUTPUT -s 131.107.155.10/32 -p tcp -m tcp --dport 5269 -j ACCEPT';

function save(outputPolicy: 'ACCEPT' | 'DROP', rules: string[]): string {
  return [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    `:OUTPUT ${outputPolicy} [0:0]`,
    ...rules,
    'COMMIT',
    '',
  ].join('\n');
}

describe('verify: an iptables-save dump of an Edge server, INPUT and OUTPUT apart', () => {
  test('INPUT allows what reaches the server and OUTPUT ACCEPT lets it send: clean', () => {
    assert.deepEqual(hostFindings(save('ACCEPT', [X1_IN, X3_IN])), []);
  });

  test("OUTPUT DROP without the server's own flow out: missing-flow on the OUTPUT chain's line", () => {
    assert.deepEqual(hostFindings(save('DROP', [X1_IN, X3_IN])), [{ line: 4, code: 'missing-flow', row: 'X2' }]);
    assert.deepEqual(hostFindings(save('DROP', [X1_IN, X3_IN, X2_OUT])), []);
  });

  test('INPUT without a flow that reaches the server: missing-flow on the INPUT chain, whatever OUTPUT allows', () => {
    assert.deepEqual(hostFindings(save('DROP', [X1_IN, X2_OUT])), [{ line: 2, code: 'missing-flow', row: 'X3' }]);
  });

  test('an INPUT rule with no destination is for the host itself: no any-to-any on the server', () => {
    const anyX3 = '-A INPUT -s 192.168.10.90/32 -p tcp -m tcp --dport 23456 -j ACCEPT';
    assert.deepEqual(hostFindings(save('ACCEPT', [X1_IN, anyX3])), []);
  });

  test('FORWARD is no part of a host: its rules neither allow nor block the server', () => {
    const forwardAll = '-A FORWARD -j ACCEPT';
    assert.deepEqual(hostFindings(save('ACCEPT', [forwardAll, X1_IN])), [{ line: 2, code: 'missing-flow', row: 'X3' }]);
  });

  test('--chain edge01=INPUT reads one list, judged for what reaches the server only', () => {
    assert.deepEqual(hostFindings(save('DROP', [X1_IN, X3_IN]), 'INPUT'), []);
    assert.deepEqual(hostFindings(save('DROP', [X1_IN, X3_IN]), 'OUTPUT'), [
      { line: 4, code: 'missing-flow', row: 'X2' },
    ]);
  });

  test('a firewall named by the same dump still reads FORWARD, as before', () => {
    const opened = openDump(CONTOSO, { name: 'external', text: save('DROP', ['-A FORWARD -j ACCEPT', X1_IN]) });
    assert.ok(opened.ok);
    assert.deepEqual(
      [opened.input.reading.listLocation.line, opened.input.reading.rules.length, opened.input.outbound],
      [3, 1, undefined],
    );
  });
});

describe('verify: an nft dump of an Edge server, the input and output hooks apart', () => {
  const chain = (name: string, hook: string, policy: string) => ({
    chain: { family: 'inet', table: 'filter', name, handle: 1, type: 'filter', hook, prio: 0, policy },
  });
  const accept = (chainName: string, matches: object[]) => ({
    rule: { family: 'inet', table: 'filter', chain: chainName, handle: 2, expr: [...matches, { accept: null }] },
  });
  const address = (field: 'saddr' | 'daddr', value: string) => ({
    match: { op: '==', left: { payload: { protocol: 'ip', field } }, right: value },
  });
  const tcpPort = (port: number) => ({
    match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: port },
  });
  const x1 = accept('input', [address('daddr', '131.107.155.10'), tcpPort(5269)]);
  const x3 = accept('input', [address('saddr', '192.168.10.90'), address('daddr', '172.25.33.10'), tcpPort(23456)]);
  const x2 = accept('output', [address('saddr', '131.107.155.10'), tcpPort(5269)]);
  // One item a line, so each finding names the line of its chain or rule.
  const nft = (items: object[]) =>
    `{"nftables": [\n${[{ table: { family: 'inet', name: 'filter', handle: 1 } }, ...items]
      .map((item) => JSON.stringify(item))
      .join(',\n')}\n]}\n`;

  test('the input hook allows what reaches the server, no output chain: clean', () => {
    assert.deepEqual(hostFindings(nft([chain('input', 'input', 'drop'), x1, x3])), []);
  });

  test("the output hook's drop without the server's own flow out: missing-flow on that chain", () => {
    const items = [chain('input', 'input', 'drop'), x1, x3, chain('output', 'output', 'drop')];
    assert.deepEqual(hostFindings(nft(items)), [{ line: 6, code: 'missing-flow', row: 'X2' }]);
    assert.deepEqual(hostFindings(nft([...items, x2])), []);
  });

  test('a forward chain is no part of a host', () => {
    const forwardAll = accept('forward', []);
    const items = [chain('input', 'input', 'drop'), x1, chain('forward', 'forward', 'drop'), forwardAll];
    assert.deepEqual(hostFindings(nft(items)), [{ line: 3, code: 'missing-flow', row: 'X3' }]);
  });

  test('two chains on the input hook: which one stands for the server is the user’s to say', () => {
    const opened = openDump(CONTOSO, {
      name: 'edge01',
      text: nft([chain('input', 'input', 'drop'), x1, x3, chain('more', 'input', 'accept')]),
    });
    assert.ok(!opened.ok && opened.refusal.reason === 'problem');
    assert.deepEqual(opened.refusal.problem.choices, ['inet/filter/input', 'inet/filter/more']);
  });
});

describe('verify: one Windows list named for a host is judged for its own direction', () => {
  const WINDOWS = readFileSync(join(__dirname, '../../../../test/fixtures/verify/windows/contoso-edge01.json'), 'utf8');

  test('--chain edge01=Inbound: no flow the server sends is missing from the Inbound list', () => {
    assert.deepEqual(hostFindings(WINDOWS, 'Inbound'), []);
    assert.deepEqual(hostFindings(WINDOWS, 'Outbound'), []);
  });
});
