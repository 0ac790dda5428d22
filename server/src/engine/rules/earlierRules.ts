import { IntervalIndex } from './overlapIndex';
import { DST, hullsMeet, SRC, STRIDE, TCP, UDP } from './ruleHulls';

// Which rules above a rule of a firewall have hulls that meet its hulls (ruleHulls.ts), in file
// order: all that the standings compare boxes with. A few rules are compared pair by pair; more
// are found through interval indexes, so a rule costs about the rules it may meet, not all.

/** Up to this many rules, every pair of hulls is compared: the indexes would cost more than they save. */
export const PAIRWISE = 128;

type Dimension = 'src' | 'dst' | 'port';

/** One index per dimension (ports: TCP and UDP) of some of the rules. */
interface Part {
  src: IntervalIndex;
  dst: IntervalIndex;
  tcp: IntervalIndex;
  udp: IntervalIndex;
}

function partOf(hulls: Float64Array, members?: ArrayLike<number>): Part {
  return {
    src: new IntervalIndex(hulls, STRIDE, SRC, members),
    dst: new IntervalIndex(hulls, STRIDE, DST, members),
    tcp: new IntervalIndex(hulls, STRIDE, TCP, members),
    udp: new IntervalIndex(hulls, STRIDE, UDP, members),
  };
}

/**
 * The dimension in which the fewest rules of `part` meet rule `i`, or undefined when none meets
 * it in one of them (then none meets it at all). Ties go to sources, then destinations.
 */
function fewestIn(part: Part, hulls: Float64Array, i: number): Dimension | undefined {
  const at = i * STRIDE;
  const src = part.src.count(hulls[at + SRC], hulls[at + SRC + 1]);
  if (src === 0) return undefined;
  const dst = part.dst.count(hulls[at + DST], hulls[at + DST + 1]);
  if (dst === 0) return undefined;
  const tcp = part.tcp.count(hulls[at + TCP], hulls[at + TCP + 1]);
  const port = tcp + part.udp.count(hulls[at + UDP], hulls[at + UDP + 1]);
  if (port === 0) return undefined;
  if (src <= dst && src <= port) return 'src';
  return dst <= port ? 'dst' : 'port';
}

/**
 * The rules split by their "home" dimension, the one in which they meet the fewest others, each
 * part indexed in every dimension. A rule from `any` meets every rule in sources but few in
 * ports: asked of one index per dimension, each rule from a partner network would meet every
 * `any` rule above it (quadratic). Asked part by part, the `any` rules are found by their ports.
 */
function homeParts(hulls: Float64Array, count: number): Part[] {
  const all = partOf(hulls);
  const homes: Record<Dimension, number[]> = { src: [], dst: [], port: [] };
  // A rule that meets no rule in some dimension (an empty hull) meets nothing: it is in no part.
  for (let k = 0; k < count; k++) homes[fewestIn(all, hulls, k) ?? 'src'].push(k);
  return [homes.src, homes.dst, homes.port].filter((members) => members.length > 0).map((m) => partOf(hulls, m));
}

/** earlierMeeting() by comparing rule `i` with every rule above it. */
export function earlierByScan(hulls: Float64Array): (i: number) => number[] {
  return (i) => {
    const found: number[] = [];
    for (let k = 0; k < i; k++) if (hullsMeet(hulls, k, hulls, i)) found.push(k);
    return found;
  };
}

/**
 * For the rules whose hulls are `hulls` (STRIDE numbers a rule), a function giving the rules
 * above rule `i` whose hulls meet its hulls, ascending. It is asked once per rule, in any order.
 */
export function earlierMeeting(hulls: Float64Array): (i: number) => number[] {
  const count = hulls.length / STRIDE;
  if (count <= PAIRWISE) return earlierByScan(hulls);
  const parts = homeParts(hulls, count);
  // A rule meeting both in TCP and UDP ports is found twice: the second time, its mark says so.
  const marks = new Int32Array(count);
  let asking = 0;
  let found: number[] = [];
  const visit = (k: number) => {
    if (marks[k] !== asking + 1 && hullsMeet(hulls, k, hulls, asking)) {
      marks[k] = asking + 1;
      found.push(k);
    }
  };
  return (i) => {
    asking = i;
    found = [];
    const at = i * STRIDE;
    for (const part of parts) {
      const fewest = fewestIn(part, hulls, i);
      if (fewest === 'src') part.src.overlapping(hulls[at + SRC], hulls[at + SRC + 1], i, visit);
      else if (fewest === 'dst') part.dst.overlapping(hulls[at + DST], hulls[at + DST + 1], i, visit);
      else if (fewest === 'port') {
        part.tcp.overlapping(hulls[at + TCP], hulls[at + TCP + 1], i, visit);
        part.udp.overlapping(hulls[at + UDP], hulls[at + UDP + 1], i, visit);
      }
    }
    return found.length > 1 ? found.sort((a, b) => a - b) : found;
  };
}
