import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lineTable, updatedLineTable } from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES, mutate, pick, random } from '../../support/fuzz';

// The cursor's line table is kept from version to version of a text (completion and hover right
// after a keystroke): after every random edit, the table updated from the previous one is the
// table of the new text read afresh, block scalars opened and closed by the edit included.

const EDITS = ['x', '\n', '', 'key: |\n', '  ', '# ', '- ', ': >-\n', '---\n', '\r\n', '"', 'a: "#b"'];

function edited(text: string, rng: () => number): string {
  if (rng() < 0.5) return mutate(text, rng).text;
  const at = Math.floor(rng() * (text.length + 1));
  const removed = rng() < 0.4 ? Math.floor(rng() * 40) : 0;
  return text.slice(0, at) + pick(rng, EDITS) + text.slice(at + removed);
}

test('cursor lines: updated from the previous version, the table of the text read afresh', () => {
  FUZZ_EXAMPLES.forEach(({ name, text: base }, n) => {
    const rng = random(4100 + n);
    let text = base;
    let table = lineTable(text);
    for (let step = 0; step < 30; step++) {
      text = edited(text, rng);
      table = updatedLineTable(table, text);
      assert.deepEqual(table, lineTable(text), `${name} (seed ${4100 + n}), step ${step}`);
      assert.deepEqual(updatedLineTable(lineTable(base), text), lineTable(text), `${name}, from the first version`);
    }
  });
});

test('cursor lines: an edit inside a line reads that line again and keeps the others', () => {
  const text = Array.from({ length: 2000 }, (_, k) => `      - name: rule ${k}\n        to: edge01\n`).join('');
  const table = lineTable(text);
  const before = { lines: [...table.lines], starts: [...table.starts] };
  const at = text.indexOf('rule 1000') + 'rule 1000'.length;
  const next = updatedLineTable(table, `${text.slice(0, at)}0${text.slice(at)}`);
  const kept = next.lines.filter((line, k) => line === before.lines[k]).length;
  assert.equal(next.lines.length, 4001);
  assert.equal(kept, 4000, 'every line but the edited one is the same object');
  assert.equal(next.lines[2000].text, '      - name: rule 10000');
  assert.equal(next.starts[2001], before.starts[2001] + 1);
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
  // The table's own text (~1 MB) and forty short lines; forty texts kept alive would be 40+ MB.
  assert.ok(grown < 8e6, `heap grew by ${(grown / 1e6).toFixed(1)} MB`);
  assert.equal(table.lines.length, 12041);
});
