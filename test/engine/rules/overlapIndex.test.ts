import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntervalIndex } from '../../../server/src/engine/index';
import { random } from '../../support/fuzz';

// The index against a scan of every interval: the same count, the same items (each once, below
// the bound asked), intervals read at a stride and offset, of some members only, empty intervals
// (lower bound above upper) meeting nothing, bounds beyond 2^53.

type Interval = [number, number];

function check(intervals: Interval[], queries: Interval[], scale: number, rng: () => number) {
  // Each interval sits at slot 1 of 3 pairs per item, between noise the index must not read.
  const stride = 6;
  const values = new Float64Array(intervals.length * stride).map(() => rng() * 100 * scale);
  intervals.forEach(([lo, hi], k) => values.set([lo * scale, hi * scale], k * stride + 2));
  const members = intervals.map((_, k) => k).filter(() => rng() < 0.7);
  const index = new IntervalIndex(values, stride, 2, members);
  for (const [lo, hi] of queries) {
    const before = Math.floor(rng() * (intervals.length + 2));
    const meets = ([a, b]: Interval) => a <= b && lo <= hi && a <= hi && lo <= b;
    const expected = members.filter((k) => meets(intervals[k]));
    const found: number[] = [];
    index.overlapping(lo * scale, hi * scale, before, (k) => found.push(k));
    const context = `[${lo}, ${hi}] × ${scale} below ${before} of ${JSON.stringify(intervals)} (members ${members})`;
    assert.deepEqual(
      found.sort((a, b) => a - b),
      expected.filter((k) => k < before),
      context,
    );
    assert.equal(index.count(lo * scale, hi * scale), expected.length, `count of ${context}`);
  }
}

test('interval index: every overlapping interval below the bound, once, and their count, as a scan finds them', () => {
  const rng = random(5);
  const interval = (span: number): Interval => {
    const a = Math.floor(rng() * span);
    const b = rng() < 0.1 ? a - 1 : a + Math.floor(rng() * rng() * span);
    return [a, b];
  };
  for (let n = 0; n < 300; n++) {
    const span = 1 + Math.floor(rng() * 100);
    const intervals = Array.from({ length: Math.floor(rng() * 80) }, () => interval(span));
    const queries = Array.from({ length: 30 }, () => interval(span));
    check(intervals, queries, 1, rng);
    check(intervals, queries, 2 ** 100, rng);
  }
});

test('interval index: all items when no members are given, read as pairs', () => {
  const index = new IntervalIndex(Float64Array.from([1, 5, 3, 2, 4, 9, 6, 6]));
  const found: number[] = [];
  index.overlapping(5, 6, 4, (k) => found.push(k));
  assert.deepEqual(
    found.sort((a, b) => a - b),
    [0, 2, 3],
  );
  assert.equal(index.count(5, 6), 3);
  assert.equal(index.count(0, 0), 0);
  assert.equal(index.count(6, 5), 0);
});
