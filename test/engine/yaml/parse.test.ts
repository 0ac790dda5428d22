import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineStartsOf } from '../../../server/src/engine/index';
import { random } from '../../support/fuzz';

// Where lines start: the breaks of LSP and YAML (\r\n, \n, a lone \r), read from the text. A
// text without a CR takes a faster path than one with; both must give what a split gives.

/** The start of every line of a split on the three breaks, the reference. */
function reference(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let match = breaks.exec(text); match; match = breaks.exec(text)) starts.push(match.index + match[0].length);
  return starts;
}

test('line starts are those of a split on \\r\\n, \\n and a lone \\r, with or without a CR in the text', () => {
  const fixed = ['', 'a', '\n', '\r', '\r\n', '\n\r', 'a\nb', 'a\n', '\n\n', 'a\r\nb\rc\nd', 'x\r', '\r\r\n\n'];
  for (const text of fixed) assert.deepEqual(lineStartsOf(text), reference(text), JSON.stringify(text));
  const next = random(11);
  const pieces = ['a', 'key: value', ' ', '\n', '\n', '\r\n', '\r', '\u2028', '\u0085', '\t'];
  const paths = { cr: 0, noCr: 0 };
  for (let round = 0; round < 500; round++) {
    const withCr = round % 2 === 0;
    let text = '';
    for (let k = Math.floor(next() * 40); k > 0; k--) {
      const piece = pieces[Math.floor(next() * pieces.length)];
      text += withCr ? piece : piece.replace(/\r/g, '');
    }
    paths[text.includes('\r') ? 'cr' : 'noCr']++;
    assert.deepEqual(lineStartsOf(text), reference(text), JSON.stringify(text));
  }
  assert.ok(paths.cr > 100 && paths.noCr > 100, JSON.stringify(paths));
});
