import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, createCheckSession, type CheckResult, ruleItemSpan } from '../../server/src/engine/index';
import { assertSameAsFullCheck } from '../support/sameAsFullCheck';
import { FUZZ_EXAMPLES, pick, random, type Rng } from '../support/fuzz';

// The incremental re-check validates only the rule items an edit spliced and keeps the schema
// findings of the others: against the full check, on rules that break the schema in every way a
// rule can (unknown and misspelt keys, wrong types, values out of an enum, a missing `to`, a
// service with a port, neither service nor transport, an item that is no mapping, an empty item).

const BROKEN = [
  (fields: string[]) => [...fields, 'description: partner agreement'],
  (fields: string[]) => fields.map((field) => field.replace(/^service:/, 'servce:')),
  (fields: string[]) => [...fields, 'action: maybe'],
  (fields: string[]) => [...fields.filter((field) => !field.startsWith('name:')), 'name: [a, b]'],
  (fields: string[]) => fields.filter((field) => !field.startsWith('to:')),
  (fields: string[]) => [...fields, 'port: 443'],
  (fields: string[]) => fields.filter((field) => !field.startsWith('service:')),
  (fields: string[]) => [...fields, 'sourcePort: many'],
  (fields: string[]) => [...fields, 'reason: 12'],
];

function ruleText(rng: Rng, k: number, dash: number): string {
  const indent = ' '.repeat(dash);
  const shape = rng();
  if (shape < 0.04) return `${indent}- just text ${k}\n`;
  if (shape < 0.06) return `${indent}-\n`;
  let fields = [`name: rule ${k}`, `service: ${pick(rng, ['TCP/443', 'XMPP/TCP/5269'])}`, 'from: any'];
  fields.push(`to: ${pick(rng, ['edge01.accessEdge', 'edge01.internal'])}`);
  // One way to break it, sometimes two (never the same twice: a key would repeat).
  const ways = rng() < 0.6 ? [Math.floor(rng() * BROKEN.length)] : [];
  if (ways.length > 0 && rng() < 0.25)
    ways.push((ways[0] + 1 + Math.floor(rng() * (BROKEN.length - 1))) % BROKEN.length);
  for (const way of ways) fields = BROKEN[way](fields);
  if (rng() < 0.4) return `${indent}- { ${fields.join(', ')} }\n`;
  return `${indent}- ${fields.join(`\n${indent}  `)}\n`;
}

function generated(seed: number, count: number): string {
  const rng = random(seed);
  const base = FUZZ_EXAMPLES.find((example) => example.name === 'sfb2015-single-edge-public.topology.yaml')!.text;
  const marker = '  internal:\n    between';
  assert.ok(base.includes(marker));
  const rules = Array.from({ length: count }, (_, k) => ruleText(rng, k, 6)).join('');
  return base.replace(marker, `${rules}${marker}`);
}

/** The block rule items of the text, where they lie. */
function ruleSpots(text: string): { start: number; end: number; dash: number }[] {
  const result = checkTopology(text);
  return result.model.firewalls.flatMap((firewall) =>
    firewall.rules.flatMap((rule) => {
      const span = ruleItemSpan(result.parsed, rule.path);
      return span ? [{ start: span.start, end: span.end, dash: span.dashColumn }] : [];
    }),
  );
}

function edit(rng: Rng, text: string, step: number): string {
  const spots = ruleSpots(text);
  const spot = pick(rng, spots);
  const choice = rng();
  if (choice < 0.3) {
    const at = rng() < 0.8 ? spot.start : spot.end;
    return text.slice(0, at) + ruleText(rng, 1000 + step, spot.dash) + text.slice(at);
  }
  if (choice < 0.45 && spots.length > 1) return text.slice(0, spot.start) + text.slice(spot.end);
  if (choice < 0.8) return text.slice(0, spot.start) + ruleText(rng, 2000 + step, spot.dash) + text.slice(spot.end);
  // One character inside a word of the rule: a key or a value changes.
  const words: number[] = [];
  for (let at = spot.start + 1; at < spot.end; at++) if (/\w\w/.test(text.slice(at - 1, at + 1))) words.push(at);
  if (words.length === 0) return text;
  const at = pick(rng, words);
  return text.slice(0, at) + pick(rng, ['1', 'x', 'y', '']) + text.slice(at + (rng() < 0.5 ? 1 : 0));
}

test('incremental re-check: rules that break the schema, after every random edit the full check', () => {
  let incremental = 0;
  let steps = 0;
  let schema = 0;
  for (let seed = 0; seed < 5; seed++) {
    const rng = random(1400 + seed);
    const session = createCheckSession();
    let text = generated(1500 + seed, 30 + 20 * seed);
    assertSameAsFullCheck(session.update(text), text, `seed ${1400 + seed}, start`);
    for (let step = 0; step < 16; step++) {
      text = edit(rng, text, step);
      const result = session.update(text);
      assertSameAsFullCheck(result, text, `seed ${1400 + seed}, step ${step}`);
      if (session.lastUpdate === 'incremental') incremental++;
      schema += result.diagnostics.filter((item) => item.code === 'schema').length;
      steps++;
    }
  }
  assert.ok(incremental > steps / 2, `${incremental} of ${steps} steps incremental`);
  assert.ok(schema > steps * 10, `${schema} schema findings`);
});

test('incremental re-check: the schema findings of the rules an edit did not touch are kept or moved', () => {
  const text = generated(1600, 80);
  const session = createCheckSession();
  const before = session.update(text);
  const previous = new Set(before.diagnostics);
  const rules = before.model.firewalls[0].rules;
  const span = ruleItemSpan(before.parsed, rules[40].path)!;
  // A rule with a misspelt key, on more lines than the one it replaces: what follows moves.
  const inside = ' '.repeat(span.dashColumn + 2);
  const fields = ['servce: TCP/1', 'from: any', 'to: any'].map((field) => `${inside}${field}\n`).join('');
  const rule = `${' '.repeat(span.dashColumn)}- name: new\n${fields}`;
  const changed = `${text.slice(0, span.start)}${rule}${text.slice(span.end)}`;
  const after = session.update(changed);
  assert.equal(session.lastUpdate, 'incremental');
  assertSameAsFullCheck(after, changed, 'one-rule edit');
  const schema = (items: CheckResult['diagnostics']) => items.filter((item) => item.code === 'schema');
  const end = span.start + rule.length;
  const above = schema(after.diagnostics).filter((item) => item.range.endOffset < span.start);
  const on = schema(after.diagnostics).filter(
    (item) => item.range.startOffset >= span.start && item.range.endOffset <= end,
  );
  const below = schema(after.diagnostics).filter((item) => item.range.startOffset > end);
  assert.ok(above.length > 10 && below.length > 10, `${above.length} schema findings above, ${below.length} below`);
  assert.deepEqual(
    above.filter((item) => !previous.has(item)),
    [],
    'the schema findings above the edit are those of the previous version',
  );
  assert.equal(below.filter((item) => previous.has(item)).length, 0, 'those below are moved copies');
  assert.deepEqual(
    on.map((item) => [item.messageId, changed.slice(item.range.startOffset, item.range.endOffset)]),
    [
      ['message', 'name: new'],
      ['unknownKey', 'servce'],
    ],
  );
});
