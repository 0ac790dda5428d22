import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, checkTopology, createCheckSession, type Diagnostic } from '../../../server/src/engine/index';
import { fullRule, withExternal } from './fixtures';

// A finding's fixes in a one-shot check are written when first read (rule.ts reportFixedWhenRead): the
// CLI's check shows none, and unneeded-rule's removal was a good part of a large file's check.
// What a reader sees is the same object a session's check builds at once.

const RDP = withExternal(fullRule('RDP', 'RDP/TCP/3389', 'any', 'edge01.accessEdge'));
const unneeded = (diagnostics: Diagnostic[]) => diagnostics.find((item) => item.code === 'unneeded-rule')!;

test("a one-shot check's removal fix is written when read, and is the session's fix", () => {
  const once = unneeded(checkTopology(RDP).diagnostics);
  const session = unneeded(createCheckSession().update(RDP).diagnostics);
  const before = Object.getOwnPropertyDescriptor(once, 'fixes')!;
  assert.equal(typeof before.get, 'function', 'not written before it is read');
  assert.equal(before.enumerable, true);
  // A session's fix is written at once (kept findings hold it packed: rules/packedFixes.ts), from this version's parse.
  assert.ok(session.fixes, "a session's fix is written at once");
  assert.deepEqual(Object.keys(once), Object.keys(session), 'the same keys, in the same order');
  const fixes = once.fixes!;
  assert.equal(fixes.length, 1);
  assert.equal(once.fixes, fixes, 'written once');
  assert.deepEqual(fixes, session.fixes);
  assert.equal(JSON.stringify(once), JSON.stringify(session));
  assert.ok(!applyEdits(RDP, fixes[0].edits).includes('RDP/TCP/3389'), 'the fix removes the rule');
});

test('a fix written when read can be replaced like any other', () => {
  const once = unneeded(checkTopology(RDP).diagnostics);
  once.fixes = [];
  assert.deepEqual(once.fixes, []);
  assert.deepEqual({ ...once }.fixes, []);
});

test('every finding whose fixes are written when read shares one accessor, and keeps them where no copy looks', () => {
  const extra = fullRule('SQL', 'SQL/TCP/1433', 'any', 'edge01.accessEdge');
  const found = checkTopology(RDP.replace('      - name: RDP', `${extra}      - name: RDP`)).diagnostics.filter(
    (item) => item.code === 'unneeded-rule',
  );
  assert.equal(found.length, 2);
  const [first, second] = found.map((item) => Object.getOwnPropertyDescriptor(item, 'fixes')!);
  assert.equal(first.get, second.get, 'one getter for all');
  assert.equal(first.set, second.set, 'one setter for all');
  assert.equal(first.configurable, true);
  const copy = { ...found[0] };
  assert.deepEqual(Object.getOwnPropertySymbols(copy), [], 'a copy holds the fixes, nothing else');
  assert.deepStrictEqual(copy, {
    ...unneeded(createCheckSession().update(RDP.replace('      - name: RDP', `${extra}      - name: RDP`)).diagnostics),
  });
  assert.equal(Object.getPrototypeOf(found[0]), Object.prototype);
  assert.notDeepEqual(found[0].fixes, found[1].fixes, 'each finding its own fixes');
});
