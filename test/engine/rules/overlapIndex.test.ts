import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntervalIndex, PartCounts, placesOf, sortIntervals } from '../../../server/src/engine/index';
import { random } from '../../support/fuzz';

// The interval index against a scan of every interval: the same sort, the same counts per part,
// the same items (or their owners) below a bound; empty intervals (lower bound above upper)
// meeting nothing, equal bounds, bounds beyond 2^53.

type Interval = [number, number];

const meets = ([a, b]: Interval, [lo, hi]: Interval) => a <= b && lo <= hi && a <= hi && lo <= b;

function check(intervals: Interval[], queries: Interval[], rng: () => number) {
  const bounds = Float64Array.from(intervals.flat());
  const sorted = sortIntervals(bounds);
  const nonEmpty = intervals.flatMap(([a, b], k) => (a <= b ? [k] : []));
  const by = (side: 0 | 1) => [...nonEmpty].sort((x, y) => intervals[x][side] - intervals[y][side] || x - y);
  assert.deepEqual([...sorted.byLo], by(0));
  assert.deepEqual([...sorted.byHi], by(1));
  assert.deepEqual(
    [...sorted.los],
    by(0).map((k) => intervals[k][0]),
  );
  assert.deepEqual(
    [...sorted.his],
    by(1).map((k) => intervals[k][1]),
  );

  const places = placesOf(bounds, sorted);
  const parts = 3;
  const part = Int32Array.from(intervals, () => Math.floor(rng() * (parts + 1)) - 1);
  const counts = new PartCounts(sorted, places, part, parts);
  intervals.forEach((interval, k) => {
    const meeting = intervals.flatMap((other, m) => (meets(other, interval) ? [m] : []));
    assert.equal(places.upTo[k] - places.before[k], meeting.length, `all meeting ${k}`);
    for (let p = 0; p < parts; p++)
      assert.equal(counts.meeting(p, k), meeting.filter((m) => part[m] === p).length, `part ${p} meeting ${k}`);
  });

  // Each item is owned by one of a few owners (rules owning pieces), in order.
  const owners = Int32Array.from(intervals, (_, k) => Math.floor(k / 2));
  for (let p = 0; p < parts; p++) {
    const inPart = (order: Int32Array) => order.filter((k) => part[k] === p);
    const index = new IntervalIndex(bounds, inPart(sorted.byLo), inPart(sorted.byHi), owners);
    const plain = new IntervalIndex(bounds, inPart(sorted.byLo), inPart(sorted.byHi));
    for (const query of [...queries, ...intervals]) {
      const before = Math.floor(rng() * (intervals.length / 2 + 2));
      const meeting = intervals.flatMap((other, m) => (part[m] === p && meets(other, query) ? [m] : []));
      const context = `part ${p}: [${query}] below ${before} of ${JSON.stringify(intervals)} (parts ${part})`;
      const found: number[] = [];
      index.overlapping(query[0], query[1], before, { visit: (k) => found.push(k) });
      assert.deepEqual(
        found.sort((a, b) => a - b),
        meeting.map((m) => owners[m]).filter((k) => k < before),
        context,
      );
      const items: number[] = [];
      plain.overlapping(query[0], query[1], 2 * before, { visit: (k) => items.push(k) });
      assert.deepEqual(
        items.sort((a, b) => a - b),
        meeting.filter((m) => m < 2 * before),
        `items of ${context}`,
      );
    }
  }
}

test('interval index: sorted, counted per part and listed below a bound as a scan finds them', () => {
  const rng = random(5);
  const interval = (span: number): Interval => {
    const a = Math.floor(rng() * span);
    const b = rng() < 0.1 ? a - 1 : a + Math.floor(rng() * rng() * span);
    return [a, b];
  };
  for (let n = 0; n < 150; n++) {
    const span = 1 + Math.floor(rng() * 100);
    const intervals = Array.from({ length: Math.floor(rng() * 70) }, () => interval(span));
    const queries = Array.from({ length: 20 }, () => interval(span));
    check(intervals, queries, rng);
    const scale = ([a, b]: Interval): Interval => [a * 2 ** 100, b * 2 ** 100];
    check(intervals.map(scale), queries.map(scale), rng);
  }
});
