import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, type RuleModel, type RuleStanding, ruleStandings } from '../../../server/src/engine/index';
import { pick, random, type Rng } from '../../support/fuzz';
import { CONTOSO } from './fixtures';
import { referenceStandings } from './ruleOverlapReference';

// The standings found through the interval index (a firewall of more than 128 complete rules)
// and by comparing hulls pair by pair (fewer) are those of the pairwise reference, on random rule
// sets dense enough to repeat and shadow each other: small address and port spaces, IPv4 and
// IPv6, any, CIDRs, lists, port ranges and lists, source ports, deny.

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

/** A standing by rule indexes, so two computations compare as data. */
function shape({ firewall, rule, duplicateOf, shadowedBy }: RuleStanding) {
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
