import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parseDocument } from 'yaml';
import { checkTopology, parseTopology } from '../../../server/src/engine/index';

// Documents built to hurt the parser: huge maps, duplicate keys, thousands of levels, NUL bytes.
const CONTOSO = readFileSync(join(__dirname, '../../../../examples/contoso.topology.yaml'), 'utf8');

function manyKeys(count: number): string {
  const keys: string[] = [];
  for (let k = 0; k < count; k++) keys.push(`  key${k}: ${k}\n`);
  return `x-many:\n${keys.join('')}  key7: again\n`;
}

describe('duplicate keys', () => {
  test('the same errors as the library’s own (quadratic) check, at the same places', () => {
    const documents = [
      'a: 1\nb: 2\na: 3\n',
      'm: { x: 1, y: 2, x: 3 }\n',
      's:\n  - { k: 1, k: 2 }\n  - k: 1\n    j: 2\n    k: 3\n',
      '1: a\n"1": b\n1: c\n',
      'base: &b { x: 1 }\nm:\n  <<: *b\n  <<: *b\n',
      '? [a]\n: 1\n? [a]\n: 2\n',
      'a: &x 1\n&y a: 2\n',
      'k: 1\nk: [unclosed\n',
    ];
    let total = 0;
    for (const text of documents) {
      const expected = parseDocument(text, { uniqueKeys: true, merge: true, strict: true, prettyErrors: false });
      const ours = parseTopology(text).doc;
      const dups = (errors: typeof ours.errors) =>
        errors.filter((error) => error.code === 'DUPLICATE_KEY').map((error) => error.pos);
      assert.deepEqual(dups(ours.errors), dups(expected.errors), text);
      total += dups(ours.errors).length;
    }
    assert.ok(total >= 6, `${total} duplicate keys found`);
  });

  test('one map of 100,000 keys is checked in linear time, its duplicate reported', () => {
    const started = performance.now();
    const result = checkTopology(manyKeys(100_000));
    const elapsed = performance.now() - started;
    const found = result.diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 100_001);
    assert.match(found[0].message, /^Map keys must be unique/);
    // The library's own check took 152 s here; linear parsing takes a few seconds on a slow machine.
    assert.ok(elapsed < 30_000, `${Math.round(elapsed)} ms`);
  });

  test('the finding lies on the occurrence the checker reads (the last)', () => {
    const text = CONTOSO.replace(
      '        service: XMPP/TCP/5269\n        from: any\n',
      '        service: XMPP/TCP/5269\n        from: any\n        service: XMPP/TCP/5296\n',
    );
    const result = checkTopology(text);
    const wrongPort = result.diagnostics.find((d) => d.code === 'wrong-port');
    assert.ok(wrongPort, 'the value read is the last one, 5296');
    assert.equal(text.slice(wrongPort.range.startOffset, wrongPort.range.endOffset), 'XMPP/TCP/5296');
    const duplicate = result.diagnostics.find((d) => /must be unique/.test(d.message));
    assert.ok(duplicate);
    assert.equal(duplicate.range.start.line, wrongPort.range.start.line);
  });
});

describe('nesting thousands of levels deep', () => {
  const shapes = {
    'flow brackets': `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`,
    'flow maps': `a: ${'{b: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`,
    'block indentation': Array.from({ length: 10_000 }, (_, k) => `${' '.repeat(k)}k:`).join('\n') + ' 1\n',
    'compact sequences': `a:\n  ${'- '.repeat(10_000)}1\n`,
  };
  for (const [shape, text] of Object.entries(shapes)) {
    test(`${shape}: a yaml-syntax finding, not a stack overflow`, () => {
      const result = checkTopology(text);
      const messages = result.diagnostics.map((d) => `${d.code}: ${d.message}`);
      assert.ok(!messages.some((m) => /call stack|internal-error/.test(m)), messages.join('\n'));
      if (!messages.some((m) => m.startsWith('yaml-syntax: The document nests too deeply'))) {
        // Shallow enough for this stack: then it must parse like any other document.
        assert.ok(!messages.some((m) => m.startsWith('yaml-syntax')), messages.join('\n'));
      }
    });
  }
  test('the bracket shape does exhaust the parser (the case above is not vacuous)', () => {
    const messages = checkTopology(shapes['flow brackets']).diagnostics.map((d) => d.message);
    assert.ok(
      messages.some((m) => m.startsWith('The document nests too deeply')),
      messages.join('\n'),
    );
  });
});

describe('characters YAML does not allow', () => {
  test('NUL and other controls in the text: one error at the first, with the count', () => {
    const result = checkTopology('topology:\n  name: "x\0y"\n  product: sfb2019\n# \u0007 \0\n');
    const found = result.diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0].range.start, { line: 1, character: 10 });
    assert.match(found[0].message, /3 NUL or control characters \(first U\+0000 here\)/);
  });
  test('tabs, CR LF, NEL and escapes in quoted strings are fine', () => {
    const result = checkTopology('topology:\r\n  name: "a\\0b\\x07\u0085\t"\r\n  product: sfb2019\r\n');
    assert.deepEqual(
      result.diagnostics.filter((d) => d.code === 'yaml-syntax'),
      [],
    );
  });
});
