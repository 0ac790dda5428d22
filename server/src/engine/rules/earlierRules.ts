import {
  IntervalIndex,
  PartCounts,
  placesOf,
  type Places,
  sortIntervals,
  type SortedIntervals,
  type Visitor,
} from './overlapIndex';
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
export function earlierMeeting(geometry: Geometry): (i: number) => readonly number[] {
  if (geometry.pieces[0].first.length - 1 <= PAIRWISE) return earlierByScan(geometry.hulls);
  const earlier = new EarlierRules(geometry);
  return (i) => earlier.ask(i);
}

// A class, not closures over one call's variables: V8 specializes a closure's optimized code to
// the objects it closes over, and drops that code once a collection has freed them (after every
// check), so each check of a large file ran these loops unoptimized again.

/** The parts, counts and indexes of one firewall's rules (see earlierMeeting), and the rule being asked. */
class EarlierRules implements Visitor {
  private readonly hulls: Float64Array;
  private readonly dimensions: Dimension[];
  private readonly partOfRule: Int32Array;
  private readonly counts: PartCounts[];
  private readonly used: boolean[];
  /** Per part and dimension (at part * 4 + dimension), built when first asked. */
  private readonly indexes: (IntervalIndex | undefined)[];
  /** A rule met by two of the pieces asked is found twice: the second time, its mark says so. */
  private readonly marks: Int32Array;
  private asking = 0;
  /** Most rules of a large file meet none above them: their answer is one shared empty list. */
  private found: number[] | undefined = undefined;

  constructor({ pieces, hulls }: Geometry) {
    const count = pieces[0].first.length - 1;
    this.hulls = hulls;
    const dimensions = pieces.map(dimensionOf);
    this.dimensions = dimensions;
    const [src, dst, tcp, udp] = dimensions;
    // A rule with no piece in some dimension meets nothing: it is in no part.
    const partOfRule = new Int32Array(count);
    for (let k = 0; k < count; k++) {
      const sources = meetingAll(src, k);
      const destinations = meetingAll(dst, k);
      const ports = meetingAll(tcp, k) + meetingAll(udp, k);
      partOfRule[k] = sources && destinations && ports ? orderOf(sources, destinations, ports) : -1;
    }
    this.partOfRule = partOfRule;
    this.counts = dimensions.map(
      ({ pieces: { owner }, sorted, places }) =>
        new PartCounts(sorted, places, partsOf(owner, partOfRule), ORDERS.length),
    );
    this.used = ORDERS.map((_, part) => partOfRule.includes(part));
    this.indexes = new Array<IntervalIndex | undefined>(ORDERS.length * 4).fill(undefined);
    this.marks = new Int32Array(count);
  }

  ask(i: number): readonly number[] {
    this.asking = i;
    this.found = undefined;
    for (let part = 0; part < ORDERS.length; part++) {
      if (!this.used[part]) continue;
      // The part's own order first: its rules are likeliest to meet none in its first dimension.
      const [first, second, third] = ORDERS[part];
      const a = this.meeting(part, first, i);
      if (a === 0) continue;
      const b = this.meeting(part, second, i);
      if (b === 0) continue;
      const c = this.meeting(part, third, i);
      if (c === 0) continue;
      const fewest = a <= b && a <= c ? first : b <= c ? second : third;
      if (fewest < 2) this.askIndex(part, fewest, i);
      else {
        this.askIndex(part, 2, i);
        this.askIndex(part, 3, i);
      }
    }
    // Filled by visit(), which TypeScript does not follow into.
    const answer = this.found as number[] | undefined;
    if (!answer) return NONE;
    return answer.length > 1 ? answer.sort((a, b) => a - b) : answer;
  }

  /** Called by the indexes for each rule above the one asked that one of its pieces meets. */
  visit(k: number): void {
    const marks = this.marks;
    const asking = this.asking;
    if (marks[k] !== asking + 1 && hullsMeet(this.hulls, k, this.hulls, asking)) {
      marks[k] = asking + 1;
      (this.found ??= []).push(k);
    }
  }

  /** How many rules of `part` meet rule `i` in one of the three dimensions (about: pieces are counted). */
  private meeting(part: number, dimension: number, i: number): number {
    const { dimensions, counts } = this;
    return dimension < 2
      ? meetingPart(dimensions[dimension], counts[dimension], part, i)
      : meetingPart(dimensions[2], counts[2], part, i) + meetingPart(dimensions[3], counts[3], part, i);
  }

  private askIndex(part: number, dimension: number, i: number): void {
    const { bounds, first } = this.dimensions[dimension].pieces;
    const index = this.indexOf(part, dimension);
    for (let p = first[i]; p < first[i + 1]; p++) index.overlapping(bounds[2 * p], bounds[2 * p + 1], i, this);
  }

  private indexOf(part: number, dimension: number): IntervalIndex {
    let index = this.indexes[part * 4 + dimension];
    if (!index) {
      const { pieces: own, sorted } = this.dimensions[dimension];
      const byLo = inPart(sorted.byLo, own.owner, this.partOfRule, part);
      const byHi = inPart(sorted.byHi, own.owner, this.partOfRule, part);
      index = new IntervalIndex(own.bounds, byLo, byHi, own.owner);
      this.indexes[part * 4 + dimension] = index;
    }
    return index;
  }
}

/** Per piece, the part of the rule owning it. */
function partsOf(owner: Int32Array, partOfRule: Int32Array): Int32Array {
  const parts = new Int32Array(owner.length);
  for (let p = 0; p < owner.length; p++) parts[p] = partOfRule[owner[p]];
  return parts;
}

/** The pieces of `order` whose rule is in `part`, in that order. */
function inPart(order: Int32Array, owner: Int32Array, partOfRule: Int32Array, part: number): Int32Array {
  let size = 0;
  for (let m = 0; m < order.length; m++) if (partOfRule[owner[order[m]]] === part) size++;
  const members = new Int32Array(size);
  for (let m = 0, at = 0; m < order.length; m++) if (partOfRule[owner[order[m]]] === part) members[at++] = order[m];
  return members;
}
