import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { visit } from 'yaml';
import {
  checkTopology,
  createCheckSession,
  type CheckResult,
  type ParsedTopology,
  ruleItemSpan,
} from '../../server/src/engine/index';
import { assertSameAsFullCheck } from '../support/sameAsFullCheck';
import { FUZZ_EXAMPLES, pick, random, type Rng } from '../support/fuzz';

// The incremental re-check against the full one: random edit sequences on every example and on
// generated topologies (insert, delete and change a rule, rename a server, change a setting,
// break and repair the YAML). After every step the session's result is the full check's: the
// same findings (ranges, messages, fixes), model, flow model, plain value and line starts, and a
// parsed document whose nodes sit where the fresh parse puts them.

const SERVICES = ['TCP/443', 'TCP/5061', 'SIP/TLS/TCP/443', 'UDP/3478', 'TCP/50000-59999', 'XMPP/TCP/5269', 'TCP/8443'];
const ENDPOINTS = [
  'any',
  'edge01.accessEdge',
  'edge01.internal',
  'edge01',
  '203.0.113.7',
  '198.51.100.0/24',
  '2001:db8::/48',
  '[10.1.2.0/24, 203.0.113.9]',
  'nosuchserver',
  '10.0.0.300',
];

/** Endpoints that resolve, for rule sets dense enough to repeat and shadow each other. */
const VALID = ENDPOINTS.slice(0, 8);

function ruleText(rng: Rng, k: number, dash: number, flow: boolean, endpoints = ENDPOINTS): string {
  const fields = [
    ...(rng() < 0.9 ? [`name: rule ${k}`] : []),
    `service: ${rng() < 0.1 && endpoints === ENDPOINTS ? 'TCP/99999' : pick(rng, SERVICES)}`,
    `from: ${pick(rng, endpoints)}`,
    `to: ${pick(rng, endpoints)}`,
    ...(rng() < 0.15 ? ['action: deny'] : []),
  ];
  const indent = ' '.repeat(dash);
  if (flow) return `${indent}- { ${fields.join(', ')} }\n`;
  return `${indent}- ${fields.join(`\n${indent}  `)}\n`;
}

/** A generated topology: an example with many more rules on its first firewall. */
function generated(seed: number, count: number, endpoints = ENDPOINTS): string {
  const rng = random(seed);
  const base = FUZZ_EXAMPLES.find((example) => example.name === 'sfb2015-single-edge-public.topology.yaml')!.text;
  const marker = '  internal:\n    between';
  assert.ok(base.includes(marker));
  const rules = Array.from({ length: count }, (_, k) => ruleText(rng, k, 6, rng() < 0.5, endpoints)).join('');
  return base.replace(marker, `${rules}${marker}`);
}

interface Spot {
  start: number;
  end: number;
  dash: number;
}

/** Where the block rule items of the text are. */
function ruleSpots(parsed: ParsedTopology, result: CheckResult): Spot[] {
  return result.model.firewalls.flatMap((firewall) =>
    firewall.rules.flatMap((rule) => {
      const span = ruleItemSpan(parsed, rule.path);
      return span ? [{ start: span.start, end: span.end, dash: span.dashColumn }] : [];
    }),
  );
}

function edit(rng: Rng, text: string, previous: string, step: number): string {
  const result = checkTopology(text);
  const spots = ruleSpots(result.parsed, result);
  const spot = spots.length > 0 ? pick(rng, spots) : undefined;
  const choice = rng();
  if (spot && choice < 0.25) {
    const at = rng() < 0.8 ? spot.start : spot.end;
    return text.slice(0, at) + ruleText(rng, 1000 + step, spot.dash, rng() < 0.5) + text.slice(at);
  }
  if (spot && choice < 0.4) return text.slice(0, spot.start) + text.slice(spot.end);
  if (spot && choice < 0.55)
    return text.slice(0, spot.start) + ruleText(rng, 2000 + step, spot.dash, rng() < 0.5) + text.slice(spot.end);
  if (spot && choice < 0.7) {
    // One character of the rule's lines: a digit, a letter, a space.
    const at = spot.start + spot.dash + 2 + Math.floor(rng() * Math.max(1, spot.end - spot.start - spot.dash - 3));
    return (
      text.slice(0, at) + pick(rng, ['1', 'x', ' ', '', '9', '\u0000', 'é']) + text.slice(at + (rng() < 0.5 ? 1 : 0))
    );
  }
  if (choice < 0.77) {
    const server = result.model.servers.length > 0 ? pick(rng, result.model.servers).name : undefined;
    return server ? text.split(server).join(`${server}x`) : text;
  }
  if (choice < 0.85) return text.replace(rng() < 0.5 ? ': true' : 'sfb2015', rng() < 0.5 ? ': false' : 'lync2013');
  if (choice < 0.93) {
    const at = Math.floor(rng() * text.length);
    return text.slice(0, at) + pick(rng, ['{', ': [', '\t', '- ', '&a ', '*a']) + text.slice(at);
  }
  return previous;
}

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/**
 * Random edit sequences on `bases`, each step held to a full check. `settle`: a macrotask between
 * the steps, as an editor's keystrokes have, so the session compacts its kept document
 * (compactNodes.ts) before the next edit is spliced into it; `collect`: then a collection too, so
 * the lazy rule items' entries read by the last comparison are gone, and the next edit is spliced
 * among items that hold no nodes (lazyItems.ts).
 */
async function randomEdits(bases: { name: string; text: string }[], settle: boolean, collected = false): Promise<void> {
  let incremental = 0;
  let steps = 0;
  let kept = 0;
  let compacted = 0;
  let bare = 0;
  for (const [n, { name, text: base }] of bases.entries()) {
    const rng = random(1100 + n);
    const session = createCheckSession();
    let previous = base;
    let text = base;
    let last = session.update(text);
    assertSameAsFullCheck(last, text, `${name} (seed ${1100 + n}), start`);
    for (let step = 0; step < 12; step++) {
      if (settle) {
        await new Promise((done) => setTimeout(done, 1));
        if (holdsCompactScalars(last)) compacted++;
      }
      if (collected) {
        // WeakRefs read in this job keep their targets until it ends.
        await new Promise((done) => setImmediate(done));
        collect();
        if (bareLazyItems(last) > 0) bare++;
      }
      const next = edit(rng, text, previous, step);
      previous = text;
      text = next;
      const before = new Set(last.diagnostics);
      last = session.update(text);
      assertSameAsFullCheck(last, text, `${name} (seed ${1100 + n}), step ${step}`);
      if (session.lastUpdate === 'incremental') incremental++;
      if (session.lastUpdate === 'incremental') kept += last.diagnostics.filter((item) => before.has(item)).length;
      steps++;
    }
  }
  // The property holds for the incremental path only if it is taken: most rule edits take it.
  assert.ok(incremental > steps / 4, `${incremental} of ${steps} steps incremental`);
  // ...and for kept findings only if some are kept.
  assert.ok(kept > 0, `${kept} findings kept`);
  // ...and for a compacted document only if the session compacted it.
  if (settle) assert.ok(compacted > steps / 4, `${compacted} of ${steps} steps on a compacted document`);
  // ...and among lazy items without entries only if there were some.
  if (collected) assert.ok(bare > steps / 4, `${bare} of ${steps} steps among lazy items holding no nodes`);
}

/**
 * How many of the result's rule items are lazy and hold no entries now, seen without reading them:
 * a lazy item (yaml/lazyItems.ts) has no `items` of its own, and `peek()` gives those it holds.
 */
function bareLazyItems(result: CheckResult): number {
  const { doc } = result.parsed;
  return result.model.firewalls.reduce((sum, firewall) => {
    const list = doc.getIn(['firewalls', firewall.name, 'rules'], true) as { items?: unknown[] } | undefined;
    const items = (Array.isArray(list?.items) ? list.items : []) as { peek?: () => unknown }[];
    const bare = items.filter((item) => !Object.hasOwn(item, 'items') && item.peek?.() === undefined);
    return sum + bare.length;
  }, 0);
}

/** The document holds compacted scalars (a value and a range, no source text). */
function holdsCompactScalars(result: CheckResult): boolean {
  let found = false;
  visit(result.parsed.doc, {
    Scalar(_, node) {
      if (Object.hasOwn(node, 'source')) return undefined;
      found = true;
      return visit.BREAK;
    },
  });
  return found;
}

const GENERATED = [
  { name: 'generated 40', text: generated(1, 40) },
  { name: 'generated 200', text: generated(2, 200) },
];

test('incremental re-check: after every random edit, the result of a full check', () =>
  randomEdits([...FUZZ_EXAMPLES, ...GENERATED], false));

test('incremental re-check: the same with the kept document compacted between the edits', () =>
  randomEdits([...FUZZ_EXAMPLES.slice(0, 6), ...GENERATED], true));

test('incremental re-check: the same with the entries of the lazy rule items collected between the edits', () =>
  randomEdits([...FUZZ_EXAMPLES.slice(2, 8), ...GENERATED], true, true));

test('incremental re-check: a one-rule edit keeps the models of the other rules', () => {
  const text = generated(3, 50);
  const session = createCheckSession();
  const before = session.update(text);
  const rules = before.model.firewalls[0].rules;
  const span = ruleItemSpan(before.parsed, rules[10].path)!;
  const rule = ruleText(random(4), 9999, span.dashColumn, false);
  const changed = `${text.slice(0, span.start)}${rule}${text.slice(span.end)}`;
  const after = session.update(changed);
  assert.equal(session.lastUpdate, 'incremental');
  const kept = after.model.firewalls[0].rules.filter((rule, k) => rule === rules[k]).length;
  // Every rule but the changed one, except those with findings of their own (their ranges move).
  const withFindings = rules.filter((rule) => !rule.complete).length;
  assert.ok(kept >= rules.length - 1 - withFindings, `${kept} of ${rules.length} rule models kept`);
  assert.notEqual(after.model.firewalls[0].rules[10], rules[10]);
  assertSameAsFullCheck(after, changed, 'one-rule edit');
});

test('incremental re-check: rules changed in place among rules that repeat and shadow each other', () => {
  let kept = 0;
  for (let seed = 0; seed < 4; seed++) {
    const rng = random(1200 + seed);
    const session = createCheckSession();
    let text = generated(1300 + seed, 60, VALID);
    session.update(text);
    for (let step = 0; step < 25; step++) {
      const result = checkTopology(text);
      const spot = pick(rng, ruleSpots(result.parsed, result));
      const rule = ruleText(rng, 3000 + step, spot.dash, rng() < 0.5, VALID);
      text = text.slice(0, spot.start) + rule + text.slice(spot.end);
      const label = `dense (seed ${1200 + seed}), step ${step}`;
      const updated = session.update(text);
      assertSameAsFullCheck(updated, text, label);
      if (session.lastUpdate === 'incremental') kept++;
      const shadowed = updated.diagnostics.filter((item) => item.code === 'shadowed-rule').length;
      const repeated = updated.diagnostics.filter((item) => item.code === 'duplicate-rule').length;
      assert.ok(shadowed + repeated > 0, `${label}: the rules meet each other`);
    }
  }
  assert.ok(kept > 50, `${kept} of 100 steps incremental`);
});

test('incremental re-check: the findings of the rules an edit did not touch are kept or moved, not redone', () => {
  const text = generated(5, 80, VALID);
  const session = createCheckSession();
  const before = session.update(text);
  const previous = new Set(before.diagnostics);
  const rules = before.model.firewalls[0].rules;
  const span = ruleItemSpan(before.parsed, rules[40].path)!;
  // One more line than the rule had: what follows moves by a line.
  const reason = `${' '.repeat(span.dashColumn + 2)}reason: x\n`;
  const rule = `${ruleText(random(6), 9998, span.dashColumn, false, VALID)}${reason}`;
  const changed = `${text.slice(0, span.start)}${rule}${text.slice(span.end)}`;
  const after = session.update(changed);
  assert.equal(session.lastUpdate, 'incremental');
  assertSameAsFullCheck(after, changed, 'one-rule edit');
  const above = after.diagnostics.filter((item) => item.range.endOffset < span.start);
  const below = after.diagnostics.filter((item) => item.range.startOffset > span.start + rule.length);
  assert.ok(above.length > 10 && below.length > 10, `${above.length} findings above the edit, ${below.length} below`);
  // Above the edit, the very findings of the previous version, but for the rule next to the edit's
  // (a removal edit reads its neighbours) and the near misses (worked out firewall by firewall).
  const neighbour = ruleItemSpan(before.parsed, rules[39].path)!;
  const EXPLAINED = ['wrong-firewall', 'wrong-port', 'wrong-transport', 'reversed-flow'];
  const redone = above.filter(
    (item) => !previous.has(item) && !EXPLAINED.includes(item.code) && item.range.startOffset < neighbour.start,
  );
  assert.deepEqual(redone, []);
  assert.ok(above.filter((item) => previous.has(item)).length > 10);
  assert.equal(below.filter((item) => previous.has(item)).length, 0, 'findings below the edit are moved copies');
});

test('incremental re-check: below an edit that keeps the length of the text, the previous findings themselves', () => {
  const text = generated(7, 80, VALID);
  const session = createCheckSession();
  const before = session.update(text);
  const previous = new Set(before.diagnostics);
  const span = ruleItemSpan(before.parsed, before.model.firewalls[0].rules[40].path)!;
  // One digit of the rule's port, another digit: every offset and position after it stays.
  const digit = text.slice(span.start, span.end).search(/\d(?=\D*$)/) + span.start;
  const changed = `${text.slice(0, digit)}${text[digit] === '7' ? '8' : '7'}${text.slice(digit + 1)}`;
  const after = session.update(changed);
  assert.equal(session.lastUpdate, 'incremental');
  assertSameAsFullCheck(after, changed, 'same-length edit');
  const below = after.diagnostics.filter((item) => item.range.startOffset > span.end);
  assert.ok(below.length > 10, `${below.length} findings below the edit`);
  assert.deepEqual(
    below.filter((item) => !previous.has(item)),
    [],
    'no finding below the edit is copied',
  );
});

test('incremental re-check: a document with an anchor, alias, tag or merge key anywhere is re-checked whole', () => {
  const text = generated(8, 20, VALID);
  const anchored = text.replace('name: rule 3', 'name: &three rule 3');
  const marks = [
    anchored,
    text.replace('name: rule 3', 'name: !!str rule 3'),
    anchored.replace('name: rule 5', 'name: *three'),
    text.replace('topology:\n', 'defaults: &defaults\n  a: 1\ntopology:\n  <<: *defaults\n'),
  ];
  assert.ok(marks.every((marked) => marked !== text));
  for (const [k, marked] of marks.entries()) {
    const session = createCheckSession();
    const before = session.update(marked);
    const span = ruleItemSpan(before.parsed, before.model.firewalls[0].rules[10].path)!;
    const digit = marked.slice(span.start, span.end).search(/\d(?=\D*$)/) + span.start;
    const changed = `${marked.slice(0, digit)}${marked[digit] === '7' ? '8' : '7'}${marked.slice(digit + 1)}`;
    assert.deepEqual(session.update(changed).diagnostics, checkTopology(changed).diagnostics, `mark ${k}`);
    assert.equal(session.lastUpdate, 'full', `mark ${k}`);
  }
  // ...and a plain one is not.
  const session = createCheckSession();
  const before = session.update(text);
  const span = ruleItemSpan(before.parsed, before.model.firewalls[0].rules[10].path)!;
  const digit = text.slice(span.start, span.end).search(/\d(?=\D*$)/) + span.start;
  session.update(`${text.slice(0, digit)}${text[digit] === '7' ? '8' : '7'}${text.slice(digit + 1)}`);
  assert.equal(session.lastUpdate, 'incremental');
});
