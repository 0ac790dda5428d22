import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type YAMLMap, type YAMLSeq } from 'yaml';
import {
  checkTopology,
  createCheckSession,
  type CheckResult,
  type CheckSession,
  documentSymbols,
} from '../../server/src/engine/index';
import { FUZZ_EXAMPLES } from '../support/fuzz';

// A session lives as long as its document is open, through thousands of edits: what it keeps of
// a version must die with the version after next. Two ways it did not: weak maps whose values
// name the previous version's key (firewall model → previous firewall model, flow list →
// previous flow list) chained every version to the one before; and the strings of re-parsed
// rule items were slices of that version's whole text.

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** A macrotask, then a full collection: WeakRefs read in the same job keep their targets. */
async function collected(): Promise<void> {
  await new Promise((done) => setImmediate(done));
  collect();
  await new Promise((done) => setImmediate(done));
  collect();
}

const COUNT = 3000;

/** The example with COUNT more rules on its external firewall, with names longer than V8 copies. */
function topology(): string {
  const base = FUZZ_EXAMPLES.find((example) => example.name === 'sfb2015-single-edge-public.topology.yaml')!.text;
  const marker = '  internal:\n    between';
  assert.ok(base.includes(marker));
  const rules = Array.from(
    { length: COUNT },
    (_, k) =>
      `      - name: partner agreement ${k}\n        service: TCP/${10000 + k}\n` +
      `        from: 198.51.${k >> 8}.${k & 255}\n        to: edge01.accessEdge\n        reason: partner ${k}\n`,
  ).join('');
  return base.replace(marker, `${rules}${marker}`);
}

/** The text with the port of rule `rule` (the middle one by default) changed: `round` picks the port. */
function edited(text: string, round: number, rule = COUNT / 2): string {
  const at = text.indexOf(`service: TCP/${10000 + rule}\n`) + 'service: TCP/'.length;
  return `${text.slice(0, at)}${20000 + round}${text.slice(at + 5)}`;
}

function update(session: CheckSession, text: string): void {
  session.update(text);
  assert.equal(session.lastUpdate, 'incremental');
}

/** Weak references to a result's parts, in a frame of their own: no local variable keeps them. */
function weakly(result: ReturnType<CheckSession['update']>): WeakRef<object>[] {
  return [result.model, ...result.model.firewalls, result.flowModel, result.analysis].map((item) => new WeakRef(item));
}

test('session: a version two edits back is collected (its model, firewalls and flow lists)', async () => {
  const text = topology();
  const session = createCheckSession();
  session.update(text);
  update(session, edited(text, 1));
  const refs = weakly(session.update(edited(text, 2)));
  for (let round = 3; round < 7; round++) update(session, edited(text, round));
  await collected();
  assert.deepEqual(
    refs.map((ref) => ref.deref() === undefined),
    refs.map(() => true),
  );
});

test('session: the heap does not grow with edits of one rule after another (no old text kept)', async () => {
  const text = topology();
  const session = createCheckSession();
  session.update(text);
  for (let round = 1; round < 4; round++) update(session, edited(text, round));
  await collected();
  const before = process.memoryUsage().heapUsed;
  // Each version's edit in another rule, whose re-parsed item stays in the next versions.
  let version = edited(text, 3);
  for (let round = 4; round < 24; round++) update(session, (version = edited(version, round, 100 * round + 7)));
  await collected();
  const growth = process.memoryUsage().heapUsed - before;
  // 20 versions of the text are 20 × its length; what is kept of 20 rules' edits is far less.
  assert.ok(growth < 2 * text.length, `${growth} bytes more after 20 edits of a ${text.length}-character text`);
});

/** Weak references to the entries (key/value pairs) of the external firewall's rule items. */
function ruleEntries(result: CheckResult): WeakRef<object>[] {
  const list = result.parsed.doc.getIn(['firewalls', 'external', 'rules'], true) as YAMLSeq<YAMLMap>;
  return list.items.flatMap((item) => item.items.map((pair) => new WeakRef(pair)));
}

test('session: the nodes of checked rule items are not kept, and those read again are let go', async () => {
  const text = topology();
  const session = createCheckSession();
  const result = session.update(text);
  const parsed = ruleEntries(result);
  assert.ok(parsed.length > 4 * COUNT);
  await collected();
  // What the features read of the rules is parsed again: as on a fresh check.
  const fresh = checkTopology(text);
  assert.deepEqual(documentSymbols(result.parsed, result.model), documentSymbols(fresh.parsed, fresh.model));
  const read = ruleEntries(result);
  await collected();
  const gone = (refs: WeakRef<object>[]): number => refs.filter((ref) => ref.deref() === undefined).length;
  assert.deepEqual([gone(parsed), gone(read)], [parsed.length, read.length]);
  // Read again after the collection, from the text: the same answers.
  assert.deepEqual(documentSymbols(result.parsed, result.model), documentSymbols(fresh.parsed, fresh.model));
  update(session, edited(text, 1));
});

/** The example with COUNT rules from IPv6 networks (addresses V8 slices from the text), each with a long reason. */
function addressedTopology(): string {
  return topology()
    .replace(/from: 198\.51\.(\d+)\.(\d+)\n/g, (_, high, low) => `from: 2001:db8:${high}:${low}::/64\n`)
    .replace(/reason: partner (\d+)\n/g, (_, k) => `reason: partner ${k} ${'x'.repeat(1000)}\n`);
}

test('session: nothing the engine keeps across documents holds the text of one whose session is gone', async () => {
  const length = addressedTopology().length;
  // The code's first run, and what is kept of any document (per address and key text), measured apart.
  createCheckSession().update(topology());
  await collected();
  const before = process.memoryUsage().heapUsed;
  let session: CheckSession | undefined = createCheckSession();
  session.update(addressedTopology());
  session = undefined;
  // The least of a few collections, macrotasks apart: a frame of the runtime's can hold the last
  // document's objects through one of them.
  let kept = Infinity;
  for (let round = 0; round < 5; round++) {
    await new Promise((done) => setTimeout(done, 10));
    await collected();
    kept = Math.min(kept, process.memoryUsage().heapUsed - before);
  }
  // The text alone is `length` bytes (one a character); what stays is the answers kept per address.
  assert.ok(kept < length / 2, `${kept} bytes kept after the session of a ${length}-character text`);
});
