import assert from 'node:assert/strict';
import { test } from 'node:test';
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
