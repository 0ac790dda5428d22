import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, rangeAtPath } from '../../../server/src/engine/index';
import { withExternal } from '../rules/fixtures';

// A rule's endpoints and service terms keep no path of their own (model/ruleParts.ts): each spells
// its path out from the rule's when asked, and that path is where the part is written.

const EXTRA =
  '      - { name: one, service: TCP/8443, from: 10.1.1.1, to: edge01.accessEdge, reason: r }\n' +
  '      - name: lists\n' +
  '        service: [HTTPS/TCP/443, { transport: udp, port: 3478 }, SIP/TLS/5061]\n' +
  '        from: [10.1.1.2, 10.1.1.0/24]\n' +
  '        to: [edge01.accessEdge, edge01.avEdge]\n' +
  '        reason: r\n' +
  '      - { name: object, service: { transport: tcp, port: 80 }, from: any, to: edge01.accessEdge, reason: r }\n' +
  '      - { name: keys, transport: tcp, port: 81, from: any, to: edge01.accessEdge, reason: r }\n';

function partsOf(name: string) {
  const text = withExternal(EXTRA);
  const result = checkTopology(text);
  const firewall = result.model.firewalls.find((item) => item.rules.some((rule) => rule.name === name))!;
  const rule = firewall.rules.find((item) => item.name === name)!;
  const written = (path: (string | number)[]) => {
    const range = rangeAtPath(result.parsed, path);
    return text.slice(range.startOffset, range.endOffset);
  };
  return { rule, written, base: ['firewalls', firewall.name, 'rules', rule.index] };
}

test("a rule's parts: each path is where the part is written", () => {
  const one = partsOf('one');
  assert.deepEqual(one.rule.from[0].path, [...one.base, 'from']);
  assert.deepEqual(one.rule.to[0].path, [...one.base, 'to']);
  assert.deepEqual(one.rule.terms[0].path, [...one.base, 'service']);
  assert.equal(one.written(one.rule.from[0].path), '10.1.1.1');
  assert.equal(one.written(one.rule.terms[0].path), 'TCP/8443');

  const lists = partsOf('lists');
  assert.deepEqual(
    [...lists.rule.from, ...lists.rule.to].map((ref) => lists.written(ref.path)),
    ['10.1.1.2', '10.1.1.0/24', 'edge01.accessEdge', 'edge01.avEdge'],
  );
  assert.deepEqual(lists.rule.to[1].path, [...lists.base, 'to', 1]);
  assert.deepEqual(
    lists.rule.terms.map((term) => [term.form, lists.written(term.path)]),
    [
      ['text', 'HTTPS/TCP/443'],
      ['object', '{ transport: udp, port: 3478 }'],
      ['text', 'SIP/TLS/5061'],
    ],
  );
  assert.deepEqual(lists.rule.terms[1].path, [...lists.base, 'service', 1]);

  const object = partsOf('object');
  assert.deepEqual(object.rule.terms[0].path, [...object.base, 'service']);
  // A term written as the rule's own keys is the rule: its path is the rule's.
  const keys = partsOf('keys');
  assert.equal(keys.rule.terms[0].path, keys.rule.path);
  assert.equal(keys.rule.serviceText, 'TCP/81');
});

test("a rule's parts keep the rule's path, not one of their own", () => {
  const { rule } = partsOf('lists');
  for (const part of [...rule.from, ...rule.to, ...rule.terms]) {
    assert.ok(!Object.keys(part).includes('path'), 'no own path');
    assert.notEqual(part.path, part.path, 'spelled out when asked');
  }
});

test('findings on a part land on it: an unknown endpoint in a list, a bad port in a mapping', () => {
  const extra =
    '      - name: bad\n' +
    '        service: [TCP/1, { transport: tcp, port: 70000 }]\n' +
    '        from: [10.1.1.2, nowhere]\n' +
    '        to: edge01.accessEdge\n' +
    '        reason: r\n';
  const text = withExternal(extra);
  const findings = checkTopology(text).diagnostics.filter((d) =>
    ['unknown-reference', 'invalid-port'].includes(d.code),
  );
  assert.deepEqual(
    findings.map((d) => [d.code, text.slice(d.range.startOffset, d.range.endOffset)]),
    [
      ['invalid-port', '70000'],
      ['unknown-reference', 'nowhere'],
    ].sort((a, b) => text.indexOf(a[1]) - text.indexOf(b[1])),
  );
});
