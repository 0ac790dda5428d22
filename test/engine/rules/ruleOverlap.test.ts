import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  checkTopology,
  createCheckSession,
  type RuleModel,
  type RuleStanding,
  ruleStandings,
  type TopologyModel,
} from '../../../server/src/engine/index';
import { pick, random, type Rng } from '../../support/fuzz';
import { CONTOSO } from './fixtures';
import { referenceStandings } from './ruleOverlapReference';

// The standings found through the interval indexes (a firewall of more than 128 complete rules)
// and by comparing hulls pair by pair (fewer) are those of the pairwise reference, on random rule
// sets dense enough to repeat and shadow each other: small address and port spaces, IPv4 and
// IPv6, any, CIDRs, lists, servers, interfaces, pools and networks, port ranges and lists, source
// ports, deny; on large sparse ones like a site's (partner networks, hosts, lists spanning the
// addresses between their items); and after each edit of a session, whose re-check keeps the
// standings of the rules an edit cannot reach.

const ENDPOINTS = [
  'any',
  '10.0.0.1',
  '10.0.0.2',
  '10.0.0.0/30',
  '10.0.0.0/29',
  '10.0.0.4/31',
  '10.0.0.0/24',
  '2001:db8::1',
  '2001:db8::/126',
  '2001:db8::/32',
  '::ffff:10.0.0.1',
  'edge01.accessEdge',
  'edge01',
  '[10.0.0.1, 2001:db8::2]',
  '[10.0.0.0/30, 10.0.0.6]',
  'edgepool.contoso.com',
  'pool01.contoso.com',
  'perimeter',
  'corp',
  'fe01',
  '131.107.155.0/25',
  '::/0',
  '0.0.0.0/0',
  'ffff::/16',
  '[10.0.0.1, ffff:ffff::1]',
];
const SERVICES = [
  'TCP/1',
  'TCP/2',
  'TCP/1-3',
  'UDP/1',
  'UDP/1-4',
  'TCP/1,3',
  'UDP/2,4-5',
  'TCP/1-65535',
  'SIP/TLS/2',
  'STUN/MSTURN/UDP/3',
];

function randomRule(rng: Rng): string[] {
  const fields = [`service: ${pick(rng, SERVICES)}`, `from: ${pick(rng, ENDPOINTS)}`, `to: ${pick(rng, ENDPOINTS)}`];
  if (rng() < 0.15) fields.push(`sourcePort: ${pick(rng, ['1', '1-2', '2-3', '1-5'])}`);
  if (rng() < 0.2) fields.push('action: deny');
  return fields;
}

function randomTopology(rng: Rng, most = 40): string {
  const written: string[][] = [];
  const count = 1 + Math.floor(rng() * most);
  for (let k = 0; k < count; k++)
    written.push(written.length > 0 && rng() < 0.15 ? pick(rng, written) : randomRule(rng));
  const rules = written.map((fields, k) => `      - { ${[`name: r${k % 7}`, ...fields].join(', ')} }\n`).join('');
  return CONTOSO.replace('  internal:\n    between', `${rules}  internal:\n    between`);
}

/** A rule of a large site: mostly its own partner network or host, sometimes a list, any, or a shared port. */
function sparseRule(rng: Rng, k: number): string[] {
  const pickOf = (choices: (() => string)[]) => choices[Math.floor(rng() * choices.length)]();
  const theirs = () =>
    pickOf([
      () => `10.${k >> 8}.${k & 255}.0/24`,
      () => `10.${k >> 8}.${k & 255}.${Math.floor(rng() * 256)}`,
      () => `10.${Math.floor(rng() * 4)}.0.0/16`,
      () => `2001:db8:${k.toString(16)}::/48`,
      () => `[10.${k >> 8}.${k & 255}.0/25, 203.0.113.${k & 255}]`,
      () => 'any',
      () => pick(rng, ENDPOINTS),
    ]);
  const ours = () => pick(rng, ['edge01.accessEdge', 'edge01.avEdge', 'edge01', 'perimeter']);
  const port = () =>
    pickOf([
      () => `TCP/${1000 + Math.floor(rng() * 40)}`,
      () => `UDP/${1000 + Math.floor(rng() * 40)}`,
      () => `TCP/${1000 + k}`,
      () => `TCP/${1000 + k}-${1010 + k}`,
      () => pick(rng, SERVICES),
    ]);
  const inbound = rng() < 0.75;
  const fields = [`service: ${port()}`, `from: ${inbound ? theirs() : ours()}`, `to: ${inbound ? ours() : theirs()}`];
  if (rng() < 0.05) fields.push(`sourcePort: ${pick(rng, ['1', '1-2', '2-3', '1-5'])}`);
  if (rng() < 0.1) fields.push('action: deny');
  return fields;
}

function sparseTopology(rng: Rng, count: number): string {
  const written: string[][] = [];
  for (let k = 0; k < count; k++) written.push(rng() < 0.05 && k > 0 ? pick(rng, written) : sparseRule(rng, k));
  const rules = written.map((fields, k) => `      - { ${[`name: s${k}`, ...fields].join(', ')} }\n`).join('');
  return CONTOSO.replace('  internal:\n    between', `${rules}  internal:\n    between`);
}

/** A standing by rule indexes, so two computations compare as data. */
function shape({ firewall, rule, duplicateOf, shadowedBy }: RuleStanding) {
  // The standings of a firewall name its own rules: another version's are a bug.
  assert.ok(firewall.rules.includes(rule) && (!duplicateOf || firewall.rules.includes(duplicateOf)));
  assert.ok((shadowedBy ?? []).every((other) => firewall.rules.includes(other)));
  const at = (other: RuleModel) => firewall.rules.indexOf(other);
  return {
    firewall: firewall.name,
    rule: at(rule),
    duplicateOf: duplicateOf && at(duplicateOf),
    shadowedBy: shadowedBy?.map(at),
  };
}

test('duplicate and shadowed rules: the interval index finds what the pairwise comparison finds', () => {
  const rng = random(11);
  const seen = { duplicates: 0, shadowed: 0, indexed: 0 };
  for (let n = 0; n < 66; n++) {
    // The last documents have firewalls too large to compare pair by pair.
    const text = n < 60 ? randomTopology(rng) : randomTopology(rng, 400);
    seen.indexed += text.split('\n').length - CONTOSO.split('\n').length > 128 ? 1 : 0;
    const { model } = checkTopology(text);
    const actual = ruleStandings(model).map(shape);
    const expected = model.firewalls.flatMap(referenceStandings).map(shape);
    assert.deepEqual(actual, expected, `document ${n}:\n${text}`);
    seen.duplicates += actual.filter((s) => s.duplicateOf !== undefined).length;
    seen.shadowed += actual.filter((s) => s.shadowedBy !== undefined).length;
  }
  // The documents are dense enough to exercise both answers, many times.
  assert.ok(seen.duplicates > 40 && seen.shadowed > 40 && seen.indexed >= 3, JSON.stringify(seen));
});

function assertStandings(model: TopologyModel, context: string) {
  const actual = ruleStandings(model).map(shape);
  assert.deepEqual(actual, model.firewalls.flatMap(referenceStandings).map(shape), context);
  return actual;
}

test('duplicate and shadowed rules: the indexes of sparse firewalls find what the pairwise comparison finds', () => {
  const rng = random(12);
  const seen = { duplicates: 0, shadowed: 0 };
  for (const count of [129, 200, 400, 700, 1200]) {
    const text = sparseTopology(rng, count);
    const actual = assertStandings(checkTopology(text).model, `${count} rules:\n${text}`);
    seen.duplicates += actual.filter((s) => s.duplicateOf !== undefined).length;
    seen.shadowed += actual.filter((s) => s.shadowedBy !== undefined).length;
  }
  assert.ok(seen.duplicates > 40 && seen.shadowed > 40, JSON.stringify(seen));
});

test('duplicate and shadowed rules: after every edit of a session, what the pairwise comparison finds', () => {
  const rng = random(13);
  let incremental = 0;
  let steps = 0;
  for (const [dense, count] of [
    [true, 30],
    [true, 150],
    [false, 300],
  ] as const) {
    let text = dense ? randomTopology(rng, count) : sparseTopology(rng, count);
    const session = createCheckSession();
    assertStandings(session.update(text).model, `start:\n${text}`);
    for (let step = 0; step < 25; step++) {
      // One rule replaced by another in place, a rule repeated or shadowed now or no longer.
      const lines = text.split('\n');
      const rules = lines.flatMap((line, k) => (line.startsWith('      - { name: ') ? [k] : []));
      const at = pick(rng, rules);
      const fields = rng() < 0.3 ? lines[pick(rng, rules)].slice('      - { '.length, -' }'.length) : undefined;
      lines[at] =
        `      - { ${fields ?? [`name: e${step}`, ...(dense ? randomRule(rng) : sparseRule(rng, step))].join(', ')} }`;
      text = lines.join('\n');
      const { model } = session.update(text);
      if (session.lastUpdate === 'incremental') incremental++;
      steps++;
      assertStandings(model, `step ${step}:\n${text}`);
    }
  }
  assert.ok(incremental > steps / 2, `${incremental} of ${steps} steps incremental`);
});

test('duplicate and shadowed rules: the standings of a model are worked out once, for three checks', () => {
  const { model } = checkTopology(sparseTopology(random(14), 200));
  const standings = ruleStandings(model);
  // duplicate-rule, shadowed-rule and overly-permissive each ask: the same list, not a copy each.
  assert.equal(ruleStandings(model), standings);
  assert.deepEqual(standings.map(shape), model.firewalls.flatMap(referenceStandings).map(shape));
});
