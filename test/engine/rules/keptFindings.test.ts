import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkTopology,
  createCheckSession,
  type Diagnostic,
  hasSafeFix,
  isCheckedOnce,
  keptFindingsOn,
  type KeptFindings,
  parseTopology,
  type RuleModel,
} from '../../../server/src/engine/index';
import { CONTOSO, fullRule, withExternal } from './fixtures';

// The bookkeeping an incremental session needs (keptFindings.ts) is skipped by a one-shot check,
// which no version follows: nothing is recorded per rule, and the check's per-rule answers live
// with its own flow list. A session's checks still record every finding.

const RDP = withExternal(fullRule('RDP', 'RDP/TCP/3389', 'any', 'edge01.accessEdge'));

test('keptFindingsOn without keeps: every finding afresh, nothing recorded', () => {
  const parsed = parseTopology(CONTOSO);
  const key = {};
  const rule = { firewall: 'external', index: 0 } as RuleModel;
  const finding = { code: 'unneeded-rule' } as Diagnostic;
  let asked = 0;
  const find = () => (asked++, finding);
  const kept: KeptFindings = new WeakMap();
  const once = keptFindingsOn(kept, parsed, false);
  assert.equal(once(key, rule, [], find), finding);
  assert.equal(once(key, rule, [], find), finding);
  assert.equal(asked, 2);
  assert.equal(kept.has(key), false, 'a one-shot check records nothing');
  keptFindingsOn(kept, parsed)(key, rule, [], find);
  assert.equal(kept.has(key), true, "a session's check records the finding");
});

test("a one-shot check's flows are checked once; a session's are kept for the next version", () => {
  assert.equal(isCheckedOnce(checkTopology(RDP).analysis.flows), true);
  const session = createCheckSession();
  assert.equal(isCheckedOnce(session.update(RDP).analysis.flows), false);
  const edited = RDP.replace('RDP/TCP/3389', 'RDP/TCP/3390');
  assert.equal(isCheckedOnce(session.update(edited).analysis.flows), false);
  assert.equal(session.lastUpdate, 'incremental');
});

test('one-shot and session checks give the same findings, and so does the incremental one after them', () => {
  const session = createCheckSession();
  for (const text of [RDP, RDP.replace('RDP/TCP/3389', 'RDP/TCP/3390'), CONTOSO]) {
    const once = checkTopology(text);
    const kept = session.update(text);
    assert.deepEqual(kept.diagnostics, once.diagnostics);
    assert.deepEqual(kept.flowModel, once.flowModel);
  }
});

/** Contoso with `count` partner rules no feature needs: each an unneeded-rule finding with its removal fix. */
const partners = (count: number) =>
  withExternal(
    Array.from({ length: count }, (_, k) => fullRule(`partner ${k}`, `TCP/${9000 + k}`, 'any', 'edge01.avEdge')).join(
      '',
    ),
  );

test("a session's kept findings give their fixes afresh on each read: what a reader changes is not kept", () => {
  const session = createCheckSession();
  const findings = session.update(partners(6)).diagnostics.filter((finding) => finding.code === 'unneeded-rule');
  assert.equal(findings.length, 6);
  for (const finding of findings) {
    const fixes = finding.fixes!;
    assert.deepEqual(finding.fixes, fixes);
    assert.notEqual(finding.fixes, fixes, 'a fresh array on each read');
    fixes[0].edits[0].startOffset = -1;
    fixes[0].title = 'changed';
    assert.notEqual(finding.fixes![0].edits[0].startOffset, -1);
    assert.notEqual(finding.fixes![0].title, 'changed');
  }
  const edited = session.update(partners(6).replace('TCP/9003', 'TCP/9013'));
  assert.equal(session.lastUpdate, 'incremental');
  assert.deepEqual(edited.diagnostics, checkTopology(partners(6).replace('TCP/9003', 'TCP/9013')).diagnostics);
});

test("a session's kept findings, moved by edits that add lines or characters, equal a full check's", () => {
  const session = createCheckSession();
  let text = partners(12);
  session.update(text);
  let moved = 0;
  for (const k of [2, 7, 0, 11, 5]) {
    const before = new Set(session.update(text).diagnostics);
    const at = text.indexOf(`        from: any\n        to: edge01.avEdge\n`, text.indexOf(`- name: partner ${k}\n`));
    // A line more (the findings below move down), or a digit more on one line (they move along).
    text =
      k % 2
        ? `${text.slice(0, at)}        description: moved ${k}\n${text.slice(at)}`
        : text.replace(`service: TCP/${9000 + k}\n`, `service: TCP/${19000 + k}\n`);
    const kept = session.update(text);
    assert.equal(session.lastUpdate, 'incremental');
    moved += kept.diagnostics.filter((finding) => finding.fixes && !before.has(finding)).length - 1;
    const once = checkTopology(text);
    assert.deepEqual(kept.diagnostics, once.diagnostics, `after the edit of partner ${k}`);
    assert.deepEqual(
      kept.diagnostics.map(hasSafeFix),
      once.diagnostics.map((finding) => finding.fixes?.some((fix) => fix.safe) ?? false),
    );
  }
  assert.ok(moved > 20, `${moved} findings moved`);
});

/** Contoso with `count` rules each written twice: each second one a duplicate-rule finding, related to the first. */
const duplicates = (count: number) =>
  withExternal(
    Array.from({ length: 2 * count }, (_, k) =>
      fullRule(`twin ${k}`, `TCP/${9000 + (k >> 1)}`, 'any', 'edge01.avEdge'),
    ).join(''),
  );

test("a session's kept findings hold related locations as data, given afresh on each read, moved by edits", () => {
  const session = createCheckSession();
  let text = duplicates(8);
  const related = (findings: Diagnostic[]) => findings.filter((finding) => (finding.related?.length ?? 0) > 0);
  const first = related(session.update(text).diagnostics);
  assert.ok(first.length >= 8, `${first.length} findings with related locations`);
  for (const finding of first) {
    // No objects of its own: read through an accessor, from strings and numbers.
    assert.equal(typeof Object.getOwnPropertyDescriptor(finding, 'related')?.get, 'function');
    const items = finding.related!;
    assert.notEqual(finding.related, items, 'a fresh array on each read');
    items[0].range.start.line = -1;
    assert.notEqual(finding.related![0].range.start.line, -1);
  }
  for (const k of [5, 0, 14]) {
    const at = text.indexOf(`        from: any\n`, text.indexOf(`- name: twin ${k}\n`));
    // A line more above the later twins: their findings and related locations move down.
    text = `${text.slice(0, at)}        description: moved ${k}\n${text.slice(at)}`;
    const kept = session.update(text);
    assert.equal(session.lastUpdate, 'incremental');
    assert.deepEqual(kept.diagnostics, checkTopology(text).diagnostics, `after the edit of twin ${k}`);
  }
});
