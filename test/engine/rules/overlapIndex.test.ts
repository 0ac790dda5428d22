import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntervalIndex } from '../../../server/src/engine/index';
import { random } from '../../support/fuzz';

// The index against a scan of every hull: the same count, the same hulls, numbers and BigInts,
// empty hulls (lower bound above upper) meeting nothing.

function check<T extends number | bigint>(hulls: [T, T][], queries: [T, T][]) {
  const index = new IntervalIndex(hulls);
  for (const [lo, hi] of queries) {
    const expected = hulls.flatMap(([a, b], k) => (a <= b && lo <= hi && a <= hi && lo <= b ? [k] : []));
    const found: number[] = [];
    index.overlapping([lo, hi], found);
    assert.deepEqual(
      found.sort((a, b) => a - b),
      expected,
      `[${lo}, ${hi}]`,
    );
    assert.equal(index.count([lo, hi]), expected.length, `count of [${lo}, ${hi}]`);
  }
}

test('interval index: every overlapping hull, and their count, as a scan finds them', () => {
  const rng = random(5);
  const interval = (span: number): [number, number] => {
    const a = Math.floor(rng() * span);
    const b = rng() < 0.1 ? a - 1 : a + Math.floor(rng() * rng() * span);
    return [a, b];
  };
  for (let n = 0; n < 200; n++) {
    const span = 1 + Math.floor(rng() * 100);
    const hulls = Array.from({ length: Math.floor(rng() * 60) }, () => interval(span));
    const queries = Array.from({ length: 30 }, () => interval(span));
    check(hulls, queries);
    const big = (x: [number, number]): [bigint, bigint] => [BigInt(x[0]) << 100n, (BigInt(x[1]) << 100n) + 5n];
    check(hulls.map(big), queries.map(big));
  }
});
