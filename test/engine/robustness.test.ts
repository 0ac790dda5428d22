import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology, fixAll } from '../../server/src/engine/index';

// Bad input never throws out of the engine: each of these returns diagnostics with a location.

function checkSafely(text: string) {
  const result = checkTopology(text);
  for (const diagnostic of result.diagnostics) {
    assert.ok(diagnostic.range.start.line >= 0 && diagnostic.range.startOffset <= text.length, `range inside the text: ${JSON.stringify(diagnostic.range)}`);
    assert.ok(diagnostic.message.length > 10, 'a message that explains');
    assert.notEqual(diagnostic.code, 'internal-error', diagnostic.message);
  }
  return result;
}

describe('bad input', () => {
  test('an empty file says what a topology file is', () => {
    const { diagnostics } = checkSafely('');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'schema');
  });

  test('a comment-only file', () => {
    assert.equal(checkSafely('# nothing yet\n').diagnostics[0].code, 'schema');
  });

  test('a scalar', () => {
    const { diagnostics } = checkSafely('hello');
    assert.deepEqual(diagnostics.map((d) => d.code), ['schema']);
  });

  test('a list at the top', () => {
    const { diagnostics } = checkSafely('- topology: {}\n- networks: {}\n');
    assert.deepEqual(diagnostics.map((d) => d.code), ['schema']);
    assert.match(diagnostics[0].message, /list/);
  });

  test('binary garbage', () => {
    let seed = 7;
    const bytes = Buffer.from(Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 255));
    const { diagnostics } = checkSafely(bytes.toString('latin1'));
    assert.ok(diagnostics.length > 0);
  });

  test('a YAML alias bomb is bounded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 10; k++) levels.push(`${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9).fill('*' + String.fromCharCode(96 + k)).join(', ')}]`);
    const { diagnostics } = checkSafely(levels.join('\n') + '\n');
    assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax' && /alias/i.test(d.message)), JSON.stringify(diagnostics.map((d) => d.message)));
  });

  test('a half-typed rule still checks the rest of the file', () => {
    const contoso = readFileSync(join(__dirname, '../../../examples/contoso.topology.yaml'), 'utf8');
    const typing = contoso.replace('        to: edge01.internal\n', '        to: edge01.internal\n      - name: new\n        ser\n');
    const { diagnostics, model } = checkSafely(typing);
    assert.ok(diagnostics.length > 0);
    assert.equal(model.servers.length, 2, 'servers still read');
  });

  test('10,000 rules', () => {
    const contoso = readFileSync(join(__dirname, '../../../examples/contoso.topology.yaml'), 'utf8');
    const many: string[] = [];
    for (let k = 0; k < 10000; k++) many.push(`      - { name: r${k}, service: TCP/${10000 + k}, from: 198.51.${(k >> 8) & 255}.${k & 255}, to: edge01.accessEdge }\n`);
    const text = contoso.replace('  internal:\n    between', `${many.join('')}  internal:\n    between`);
    const result = checkSafely(text);
    assert.equal(result.model.firewalls[0].rules.length, 10002);
    assert.equal(result.flowModel.summary.allowed, 3);
  });

  test('fixAll on garbage returns the text unchanged', () => {
    assert.equal(fixAll('{{{').text, '{{{');
  });
});
