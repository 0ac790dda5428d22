import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import {
  addDuplicateKeyErrors,
  NOT_PLAIN,
  PARSE_OPTIONS,
  parseTopology,
  plainValueAndDuplicateKeys,
} from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES, pick, random } from '../../support/fuzz';

// The one-walk plain value (plainValue.ts) against the general path it replaces: the library's
// toJS and addDuplicateKeyErrors, on every example, on mutated ones, and on the keys JavaScript
// objects treat specially. A document it does not cover is NOT_PLAIN and left untouched.

function general(text: string) {
  const doc = parseDocument(text, PARSE_OPTIONS);
  addDuplicateKeyErrors(doc);
  return { value: doc.toJS({ maxAliasCount: 1000 }), errors: doc.errors.map((e) => [e.code, ...e.pos]) };
}

function onePass(text: string) {
  const doc = parseDocument(text, PARSE_OPTIONS);
  const value = plainValueAndDuplicateKeys(doc);
  return { value, errors: doc.errors.map((e) => [e.code, ...e.pos]) };
}

function assertSame(text: string): boolean {
  const fast = onePass(text);
  if (fast.value === NOT_PLAIN) return false;
  const reference = general(text);
  assert.deepStrictEqual(fast.value, reference.value, text);
  assert.deepStrictEqual(fast.errors, reference.errors, text);
  assert.deepStrictEqual(Object.keys(fast.value ?? {}), Object.keys(reference.value ?? {}), text);
  return true;
}

const SPECIAL = [
  '__proto__: 1\ntoString: 2\nconstructor: { a: 1 }\n',
  'a: 1\nb: 2\na: 3\n',
  '1: a\n"1": b\n1: c\n',
  '~: a\n"": b\nnull: c\n',
  '.nan: a\n.nan: b\n',
  'true: a\n"true": b\ntrue: c\n',
  '- [a, b, {c: 1, c: 2}]\n- {}\n- []\n- \n',
  'k: v\n' + Array.from({ length: 2000 }, () => 'k: v\n').join(''),
  '',
  'just a scalar\n',
  '- [a: 1, b]\n',
  'a:\n  b:\n    c: [1, 2.5, -3, 0x10, .inf]\n',
  // A key of every scalar kind: the name of a string key is itself, of any other its String.
  '1: a\n2.5: b\ntrue: c\n~: d\n0x10: e\n.inf: f\n-0: g\n"x": h\n\'<< \': i\n',
];

const NOT_COVERED = [
  '"<<": 1\n',
  'a: {<<: {b: 1}}\n',
  'a: &x 1\nb: *x\n',
  'a: !!str 1\n',
  'base: &b {x: 1}\nc:\n  <<: *b\n',
  '? [a]\n: 1\n',
];

test('the plain value and duplicate keys of one walk are those of toJS and addDuplicateKeyErrors', () => {
  for (const text of SPECIAL) assert.ok(assertSame(text), `plain: ${JSON.stringify(text)}`);
  for (const { text } of FUZZ_EXAMPLES) assertSame(text);
  const next = random(5);
  for (let round = 0; round < 300; round++) {
    const { text } = pick(next, FUZZ_EXAMPLES);
    const lines = text.split('\n');
    // Duplicate a line elsewhere in the file: repeated keys at every depth.
    const line = lines[Math.floor(next() * lines.length)];
    lines.splice(Math.floor(next() * lines.length), 0, line);
    assertSame(lines.join('\n'));
  }
});

test('aliases, anchors, tags, merge keys and collection keys take the general path', () => {
  for (const text of NOT_COVERED) {
    const doc = parseDocument(text, PARSE_OPTIONS);
    const errors = doc.errors.length;
    assert.equal(plainValueAndDuplicateKeys(doc), NOT_PLAIN, text);
    assert.equal(doc.errors.length, errors, 'nothing added');
    assert.deepStrictEqual(parseTopology(text).value, general(text).value);
  }
});

test('a nesting too deep for the stack is the general path, and its finding', () => {
  const deep = '['.repeat(20000) + ']'.repeat(20000) + '\n';
  const parsed = parseTopology(deep);
  assert.ok(parsed.diagnostics.length > 0);
});
