import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, parseServiceText, t } from '../../../server/src/engine/index';
import { withExternal } from '../rules/fixtures';

// A port written as digits or digits-digits, as nearly every port is, is read without the list
// and thousands patterns (portText.ts plainPorts) and one-term services built without the general
// merge (service.ts): the same ports, ranges and messages as the full reading, fresh objects each.

/** The full reading of such a text: a number or a range of numbers in 1..65535, leading zeros and all. */
function expected(text: string): { from: number; to: number } | undefined {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2] ?? match[1]);
  return from >= 1 && to <= 65535 && from <= to ? { from, to } : undefined;
}

test('plain ports and ranges read as the full reading reads them', () => {
  const numbers = ['0', '1', '01', '0443', '443', '5061', '65535', '65536', '99999', '0000065535', '1234567', ''];
  const texts = [...numbers, ...numbers.flatMap((a) => numbers.map((b) => `${a}-${b}`)), '-5', '5-', '5--6', '1-2-3'];
  for (const text of texts) {
    const parsed = parseServiceText(`X/TCP/${text}`);
    const want = expected(text);
    if (want) assert.deepEqual(parsed.ok && parsed.term.ports, [want], text);
    else assert.ok(!parsed.ok, `${text} must not parse`);
  }
  const reasonOf = (text: string) => {
    const parsed = parseServiceText(`TCP/${text}`);
    assert.ok(!parsed.ok);
    return t('en', parsed.reason.id, parsed.reason.data);
  };
  assert.equal(reasonOf('0'), 'Port 0 is outside 1..65535.');
  assert.equal(reasonOf('65536'), 'Port 65536 is outside 1..65535.');
  assert.equal(reasonOf('0443-0080'), 'The range 443-80 starts after it ends; write 80-443.');
  assert.equal(reasonOf('5-'), "'5-' is not a port: write a number 1-65535 or a range such as 50000-59999.");
});

test("a one-term rule's service: its transport's ports, the other's none, the term's own", () => {
  const extra =
    '      - { name: t, service: TCP/8443, from: any, to: edge01.accessEdge, reason: r }\n' +
    '      - { name: u, service: RTP/UDP/50000-59999, from: any, to: edge01.avEdge, reason: r }\n' +
    '      - { name: b, service: ANY/700-800, from: any, to: edge01.avEdge, reason: r }\n' +
    '      - { name: o, service: { transport: tcp, port: 8080 }, from: any, to: edge01.accessEdge, reason: r }\n' +
    '      - { name: k, transport: udp, port: 3478, from: any, to: edge01.avEdge, reason: r }\n' +
    '      - { name: t2, service: TCP/8443, from: 10.1.1.1, to: edge01.accessEdge, reason: r }\n';
  const rules = checkTopology(withExternal(extra)).model.firewalls.flatMap((firewall) => firewall.rules);
  const byName = (name: string) => rules.find((rule) => rule.name === name)!;
  assert.deepEqual(byName('t').service, { tcp: [{ from: 8443, to: 8443 }], udp: [] });
  assert.deepEqual(byName('u').service, { tcp: [], udp: [{ from: 50000, to: 59999 }] });
  assert.deepEqual(byName('b').service, { tcp: [{ from: 700, to: 800 }], udp: [{ from: 700, to: 800 }] });
  assert.deepEqual(byName('o').service, { tcp: [{ from: 8080, to: 8080 }], udp: [] });
  assert.deepEqual(byName('k').service, { tcp: [], udp: [{ from: 3478, to: 3478 }] });
  for (const name of ['t', 'u', 'b', 'o', 'k']) {
    const rule = byName(name);
    for (const ports of [rule.service.tcp, rule.service.udp]) {
      assert.ok(ports.length === 0 || ports === rule.terms[0].ports, `${name}: the term's ranges`);
    }
  }
  // Rules that write the same service text share its set.
  assert.equal(byName('t2').service, byName('t').service);
});
