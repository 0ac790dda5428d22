import { IntervalIndex, PartCounts, placesOf, type Places, sortIntervals, type SortedIntervals } from './overlapIndex';
import { type Geometry, hullsMeet, type Pieces } from './ruleHulls';

// Which rules above a rule of a firewall may meet it, in file order: all that the standings
// compare boxes with. A few rules are compared pair by pair (their hulls); more are found
// through interval indexes of their pieces (ruleHulls.ts), so a rule costs about the rules it
// may meet, not all.

/** No rule: what most rules meet, shared (frozen, so no caller can change it). */
const NONE: readonly number[] = Object.freeze([]);

/** Up to this many rules, every pair of hulls is compared: the indexes would cost more than they save. */
export const PAIRWISE = 128;

/** earlierMeeting() by comparing the hulls of rule `i` with those of every rule above it. */
export function earlierByScan(hulls: Float64Array): (i: number) => readonly number[] {
  return (i) => {
    const found: number[] = [];
    for (let k = 0; k < i; k++) if (hullsMeet(hulls, k, hulls, i)) found.push(k);
    return found;
  };
}

// The six orders of the three dimensions (sources 0, destinations 1, ports 2); a part holds the
// rules of one: those that meet the fewest others in its first dimension, then its second.
const ORDERS = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
] as const;

/** The order of the dimensions by count, fewest first, ties in the order sources, destinations, ports. */
function orderOf(src: number, dst: number, port: number): number {
  if (src <= dst) return dst <= port ? 0 : src <= port ? 1 : 4;
  return src <= port ? 2 : dst <= port ? 3 : 5;
}

/** One dimension's pieces (ports: TCP and UDP, two of them), sorted and placed among each other. */
interface Dimension {
  pieces: Pieces;
  sorted: SortedIntervals;
  places: Places;
}

function dimensionOf(pieces: Pieces): Dimension {
  const sorted = sortIntervals(pieces.bounds);
  return { pieces, sorted, places: placesOf(pieces.bounds, sorted) };
}

/** How many pieces meet the pieces of rule `k` in `dimension`, itself included (a piece meeting two counts twice). */
function meetingAll({ pieces, places }: Dimension, k: number): number {
  let count = 0;
  for (let p = pieces.first[k]; p < pieces.first[k + 1]; p++) count += places.upTo[p] - places.before[p];
  return count;
}

function meetingPart({ pieces }: Dimension, counts: PartCounts, part: number, k: number): number {
  let count = 0;
  for (let p = pieces.first[k]; p < pieces.first[k + 1]; p++) count += counts.meeting(part, p);
  return count;
}

/**
 * For rules whose geometry is `geometry`, a function giving the rules above rule `i` that may
 * meet it, ascending: at least those whose boxes meet its box, only some whose hulls meet its
 * hulls. It is asked once per rule, in any order.
 *
 * The rules are split by the order of their dimensions, from the one in which they meet the
 * fewest others (ORDERS), and each rule asks each part in the dimension in which the fewest of
 * that part meet it. A rule from `any` meets every rule in sources but few in ports: asked of
 * one index per dimension, each rule from a partner network would meet every `any` rule above it
 * in sources, and every partner rule of its port in ports (quadratic). Asked part by part, the
 * `any` rules are found by their ports, the partner rules by their sources.
 */
export function earlierMeeting({ pieces, hulls }: Geometry): (i: number) => readonly number[] {
  const count = pieces[0].first.length - 1;
  if (count <= PAIRWISE) return earlierByScan(hulls);
  const dimensions = pieces.map(dimensionOf);
  const [src, dst, tcp, udp] = dimensions;
  // A rule with no piece in some dimension meets nothing: it is in no part.
  const partOfRule = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    const sources = meetingAll(src, k);
    const destinations = meetingAll(dst, k);
    const ports = meetingAll(tcp, k) + meetingAll(udp, k);
    partOfRule[k] = sources && destinations && ports ? orderOf(sources, destinations, ports) : -1;
  }
  const counts = dimensions.map(
    ({ pieces: { owner }, sorted, places }) =>
      new PartCounts(
        sorted,
        places,
        owner.map((k) => partOfRule[k]),
        ORDERS.length,
      ),
  );
  const used = ORDERS.map((_, part) => partOfRule.includes(part));
  // Per part and dimension, built when first asked.
  const indexes = new Map<number, IntervalIndex>();
  const indexOf = (part: number, dimension: number): IntervalIndex => {
    let index = indexes.get(part * 4 + dimension);
    if (!index) {
      const { pieces: own, sorted } = dimensions[dimension];
      const inPart = (order: Int32Array) => {
        let size = 0;
        for (let m = 0; m < order.length; m++) if (partOfRule[own.owner[order[m]]] === part) size++;
        const members = new Int32Array(size);
        for (let m = 0, at = 0; m < order.length; m++)
          if (partOfRule[own.owner[order[m]]] === part) members[at++] = order[m];
        return members;
      };
      index = new IntervalIndex(own.bounds, inPart(sorted.byLo), inPart(sorted.byHi), own.owner);
      indexes.set(part * 4 + dimension, index);
    }
    return index;
  };
  // A rule met by two of the pieces asked is found twice: the second time, its mark says so.
  const marks = new Int32Array(count);
  let asking = 0;
  // Most rules of a large file meet none above them: their answer is one shared empty list.
  let found: number[] | undefined;
  const visit = (k: number) => {
    if (marks[k] !== asking + 1 && hullsMeet(hulls, k, hulls, asking)) {
      marks[k] = asking + 1;
      (found ??= []).push(k);
    }
  };
  const ask = (part: number, dimension: number, i: number) => {
    const { bounds, first } = dimensions[dimension].pieces;
    const index = indexOf(part, dimension);
    for (let p = first[i]; p < first[i + 1]; p++) index.overlapping(bounds[2 * p], bounds[2 * p + 1], i, visit);
  };
  /** How many rules of `part` meet rule `i` in one of the three dimensions (about: pieces are counted). */
  const meeting = (part: number, dimension: number, i: number) =>
    dimension < 2
      ? meetingPart(dimensions[dimension], counts[dimension], part, i)
      : meetingPart(tcp, counts[2], part, i) + meetingPart(udp, counts[3], part, i);
  return (i) => {
    asking = i;
    found = undefined;
    for (let part = 0; part < ORDERS.length; part++) {
      if (!used[part]) continue;
      // The part's own order first: its rules are likeliest to meet none in its first dimension.
      const [first, second, third] = ORDERS[part];
      const a = meeting(part, first, i);
      if (a === 0) continue;
      const b = meeting(part, second, i);
      if (b === 0) continue;
      const c = meeting(part, third, i);
      if (c === 0) continue;
      const fewest = a <= b && a <= c ? first : b <= c ? second : third;
      if (fewest < 2) ask(part, fewest, i);
      else {
        ask(part, 2, i);
        ask(part, 3, i);
      }
    }
    // Filled by visit(), which TypeScript does not follow into.
    const answer = found as number[] | undefined;
    if (!answer) return NONE;
    return answer.length > 1 ? answer.sort((a, b) => a - b) : answer;
  };
}
