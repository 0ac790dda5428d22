// While the YAML does not parse, the status bar and the diagram show the last good check, marked
// stale (client/src/lastGoodCheck.ts), until the text parses again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { hasSyntaxError, LastGoodChecks } from '../../client/src/lastGoodCheck';

describe('last good check', () => {
  test('a broken file shows the last model that parsed, marked stale, until it parses again', () => {
    const checks = new LastGoodChecks<string>();
    assert.deepEqual(checks.shown('a', 'good 30/30', false), { model: 'good 30/30', stale: false });
    assert.deepEqual(checks.shown('a', 'half-read 3/3', true), { model: 'good 30/30', stale: true });
    assert.deepEqual(checks.shown('a', 'half-read 2/3', true), { model: 'good 30/30', stale: true });
    assert.deepEqual(checks.shown('a', 'fixed 29/30', false), { model: 'fixed 29/30', stale: false });
    // Each document keeps its own.
    assert.deepEqual(checks.shown('b', 'b broken', true), { model: 'b broken', stale: true });
    checks.forget('a');
    assert.deepEqual(checks.shown('a', 'a broken', true), { model: 'a broken', stale: true });
  });

  test('no server answer is no model, and forgets nothing', () => {
    const checks = new LastGoodChecks<string>();
    checks.shown('a', 'good', false);
    assert.deepEqual(checks.shown('a', undefined, false), { model: undefined, stale: false });
    assert.deepEqual(checks.shown('a', undefined, true), { model: 'good', stale: true });
  });

  test('yaml-syntax is recognised in each shape VS Code gives a code', () => {
    assert.equal(hasSyntaxError(['missing-flow', 'yaml-syntax']), true);
    assert.equal(hasSyntaxError([{ value: 'yaml-syntax' }]), true);
    assert.equal(hasSyntaxError(['missing-flow', { value: 'schema' }, 42, undefined]), false);
    assert.equal(hasSyntaxError([]), false);
  });
});
