import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  applyEdits,
  checkTopology,
  definitionsAt,
  occurrences,
  referencesAt,
  renameAt,
} from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

const CONTOSO = readExample('contoso.topology.yaml');

function offsetOf(text: string, needle: string, delta = 0): number {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  return offset + delta;
}

test('every written name is indexed once: definitions and references of servers, interfaces, networks, pools', () => {
  const { parsed, model } = checkTopology(CONTOSO);
  const all = occurrences(parsed, model);
  const count = (kind: string, name: string, definition: boolean) =>
    all.filter(
      (item) => item.thing.kind === kind && Object.values(item.thing).includes(name) && item.definition === definition,
    ).length;
  assert.equal(count('server', 'edge01', true), 1);
  assert.equal(count('server', 'edge01', false), 3, 'edge01.accessEdge twice, edge01.internal once');
  assert.equal(count('interface', 'accessEdge', false), 2);
  assert.equal(count('network', 'perimeter', false), 6);
  assert.equal(count('pool', 'pool01.contoso.com', true), 1);
});

test('quoted references and flow lists are renamed inside their quotes', () => {
  const text = CONTOSO.replace('to: edge01.internal', 'to: ["edge01.internal", \'fe01\']');
  const { parsed, model } = checkTopology(text);
  const result = renameAt(parsed, model, offsetOf(text, '  edge01:', 3), 'edge9');
  assert.ok(result.ok);
  const renamed = applyEdits(text, result.edits);
  assert.match(renamed, /to: \["edge9\.internal", 'fe01'\]/);
  assert.deepEqual(checkTopology(renamed).diagnostics, []);
});

test('interfaces of different servers with one name are different things', () => {
  const text = CONTOSO.replace('primary: { ip: 192.168.10.90', 'internal: { ip: 192.168.10.90');
  const { parsed, model } = checkTopology(text);
  const references = referencesAt(parsed, model, offsetOf(text, 'internal: { ip: 172', 2), true);
  assert.equal(references.length, 2, 'edge01.internal: its key and the internal firewall rule');
  assert.deepEqual(
    definitionsAt(parsed, model, offsetOf(text, 'to: edge01.internal', 12)).map((range) => range.start.line),
    [text.slice(0, text.indexOf('internal: { ip: 172')).split('\n').length - 1],
  );
});

test('a cursor on nothing named has no definition, references or rename', () => {
  const { parsed, model } = checkTopology(CONTOSO);
  const offset = offsetOf(CONTOSO, 'service: XMPP', 10);
  assert.deepEqual(definitionsAt(parsed, model, offset), []);
  assert.deepEqual(referencesAt(parsed, model, offset, true), []);
  assert.equal(renameAt(parsed, model, offset, 'x').ok, false);
});
