// Figures of a side-by-side measurement. The machine is shared and absolute times drift, so what
// the bench reports is the ratio of two things measured in the same rounds, in alternating order.
import { performance } from 'node:perf_hooks';

const round2 = (value) => +value.toFixed(2);

/** Median, p95, min and max of `samples`. */
export function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
  return {
    runs: sorted.length,
    median: round2(at(0.5)),
    p95: round2(at(0.95)),
    min: round2(sorted[0]),
    max: round2(sorted[sorted.length - 1]),
  };
}

/**
 * Ours against a reference, measured in the same rounds: the ratio of the medians, of the p95s,
 * and the spread (lowest and highest ratio of one round's figures).
 */
export function comparison(name, size, unit, ours, theirs, perRound) {
  const a = summary(ours);
  const b = summary(theirs);
  const ratios = perRound.map(([x, y]) => x / y).filter(Number.isFinite);
  return {
    name,
    size,
    unit,
    ours: a,
    reference: b,
    ratio: round2(a.median / b.median),
    p95Ratio: round2(a.p95 / b.p95),
    spread: ratios.length > 0 ? [round2(Math.min(...ratios)), round2(Math.max(...ratios))] : undefined,
  };
}

/** CPU time (user + system, milliseconds) of one synchronous call. */
export function cpuMs(fn) {
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function wallMs(fn) {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Runs `a` and `b` in `rounds` rounds, b first in odd rounds; returns the pairs of their results. */
export async function alternate(rounds, a, b) {
  const pairs = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      const x = await a(round);
      pairs.push([x, await b(round)]);
    } else {
      const y = await b(round);
      pairs.push([await a(round), y]);
    }
  }
  return pairs;
}

export const median = (samples) => summary(samples).median;
