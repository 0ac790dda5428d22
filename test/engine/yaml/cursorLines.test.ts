import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lineAt, lineTable, type LineTable, updatedLineTable } from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES, mutate, pick, random } from '../../support/fuzz';

// The cursor's line table is kept from version to version of a text (completion and hover right
// after a keystroke): after every random edit, the table updated from the previous one is the
// table of the new text read afresh, block scalars opened and closed by the edit included. It
// keeps where lines start and the state they start in, and reads a line again when asked for it.

const EDITS = ['x', '\n', '', 'key: |\n', '  ', '# ', '- ', ': >-\n', '---\n', '\r\n', '"', 'a: "#b"'];

function edited(text: string, rng: () => number): string {
  if (rng() < 0.5) return mutate(text, rng).text;
  const at = Math.floor(rng() * (text.length + 1));
  const removed = rng() < 0.4 ? Math.floor(rng() * 40) : 0;
  return text.slice(0, at) + pick(rng, EDITS) + text.slice(at + removed);
}

/** What a table holds, without the room its arrays keep for edits. */
function contents(table: LineTable) {
  const { text, count } = table;
  const lines = Array.from({ length: count }, (_, k) => lineAt(table, k));
  return {
    text,
    count,
    starts: [...table.starts.subarray(0, count)],
    states: [...table.states.subarray(0, count)],
    lines,
  };
}

test('cursor lines: updated from the previous version, the table of the text read afresh', () => {
  FUZZ_EXAMPLES.forEach(({ name, text: base }, n) => {
    const rng = random(4100 + n);
    let text = base;
    let table = lineTable(text);
    for (let step = 0; step < 30; step++) {
      text = edited(text, rng);
      table = updatedLineTable(table, text);
      assert.deepEqual(contents(table), contents(lineTable(text)), `${name} (seed ${4100 + n}), step ${step}`);
      assert.deepEqual(
        contents(updatedLineTable(lineTable(base), text)),
        contents(lineTable(text)),
        `${name}, from the first version`,
      );
    }
  });
});

test('cursor lines: an edit inside a line reads that line again and moves the others', () => {
  const text = Array.from({ length: 2000 }, (_, k) => `      - name: rule ${k}\n        to: edge01\n`).join('');
  const table = lineTable(text);
  const before = [...table.starts.subarray(0, table.count)];
  const at = text.indexOf('rule 1000') + 'rule 1000'.length;
  const splices: number[][] = [];
  const watcher = { add: () => assert.fail('not read afresh'), spliced: (...args: number[]) => splices.push(args) };
  const next = updatedLineTable(table, `${text.slice(0, at)}0${text.slice(at)}`, watcher);
  assert.equal(next, table, 'updated in place');
  assert.deepEqual(splices, [[2000, 1, 1]]);
  assert.equal(next.count, 4001);
  assert.equal(lineAt(next, 2000).text, '      - name: rule 10000');
  assert.equal(next.starts[2000], before[2000]);
  assert.equal(next.starts[2001], before[2001] + 1);
  assert.equal(lineAt(next, 4000).text, '');
});

test('cursor lines: lines added and removed by edits, the arrays growing and shrinking in place', () => {
  let text = 'a:\n  b: 1\n';
  let table = lineTable(text);
  for (let k = 0; k < 300; k++) {
    const at = text.indexOf('\n', (k * 7919) % text.length) + 1;
    text =
      k % 3 === 2
        ? text.slice(0, at) + text.slice(text.indexOf('\n', at) + 1)
        : `${text.slice(0, at)}  c${k}: x\n  d: |\n    - y\n${text.slice(at)}`;
    table = updatedLineTable(table, text);
    assert.deepEqual(contents(table), contents(lineTable(text)), `edit ${k}`);
  }
});

test('cursor lines: the table of a long text holds a few bytes a line, not the lines', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const text = Array.from(
    { length: 20000 },
    (_, k) => `      - name: partner ${k}\n        service: SIP/TLS/TCP/5061\n        to: edge01.accessEdge # ${k}\n`,
  ).join('');
  const used = () => {
    collect();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = used();
  const table = lineTable(text);
  const grown = used() - before;
  assert.equal(table.count, 60001);
  // Its two arrays, with room to grow: at most 16 bytes a line. Lines kept as strings and frames were ~400.
  assert.ok(grown < 16 * table.count + 200_000, `${(grown / table.count).toFixed(0)} bytes a line`);
  assert.equal(lineAt(table, 30001).frames[0].key, 'service');
});

test('cursor lines: a table kept over many edits holds no old version of the text', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  const line = (k: number) =>
    `      - { from: net${k}, to: edge01.accessEdge, service: sip-tls-5061, action: allow }\n`;
  const base = Array.from({ length: 12000 }, (_, k) => line(k)).join('');
  let text = base;
  const table = lineTable(text);
  collect();
  const before = process.memoryUsage().heapUsed;
  for (let edit = 0; edit < 40; edit++) {
    // A long line retyped in the middle: the kind of edit that is read again and then kept.
    const at = text.indexOf('\n', Math.floor(text.length / 2)) + 1;
    text = `${text.slice(0, at)}${line(100000 + edit)}${text.slice(at)}`;
    updatedLineTable(table, text);
  }
  text = '';
  collect();
  const grown = process.memoryUsage().heapUsed - before;
  // The table's own text (~1 MB); forty texts kept alive would be 40+ MB.
  assert.ok(grown < 8e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB`);
  assert.equal(table.count, 12041);
});
