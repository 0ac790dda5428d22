import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkTopology,
  createCheckSession,
  type Diagnostic,
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
