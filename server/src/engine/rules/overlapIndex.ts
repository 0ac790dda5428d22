// Which items of a set of intervals overlap a given one, without comparing every pair. The items
// are sorted once both ways (sortIntervals); a table then counts, for items grouped in parts,
// how many of each part meet an item in O(1) (PartCounts), and a static centered interval tree
// per part lists them in O(log n + answers) (IntervalIndex). Everything lives in typed arrays:
// the standings ask a dozen parts once per rule, and objects per node or per interval were
// most of their time and garbage. Item k's interval is [bounds[2k], bounds[2k + 1]].

/** The items with a non-empty interval (lower bound at most upper), sorted by each bound, ascending. */
export interface SortedIntervals {
  byLo: Int32Array;
  /** The lower bounds, in that order. */
  los: Float64Array;
  byHi: Int32Array;
  his: Float64Array;
}

// A double's two 32-bit halves, low half first on a little-endian machine.
const LOW = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
const DIGIT = 11;
const DIGITS = 1 << DIGIT;

/**
 * The positions of `keys` (non-negative doubles, whose bits order as the numbers do) by key, equal
 * keys by position: a least-significant-digit radix sort, 11 bits a pass, skipping the digits
 * every key shares. A typed array's own sort() took most of the index's time here.
 */
function sortedPositions(keys: Float64Array): Int32Array {
  const size = keys.length;
  const words = new Uint32Array(keys.buffer, keys.byteOffset, 2 * size);
  let order = new Int32Array(size);
  for (let m = 0; m < size; m++) order[m] = m;
  let spare = new Int32Array(size);
  const starts = new Int32Array(DIGITS);
  for (let pass = 0; pass < 6 && size > 1; pass++) {
    const half = pass < 3 ? LOW : 1 - LOW;
    const shift = (pass % 3) * DIGIT;
    starts.fill(0);
    for (let m = 0; m < size; m++) starts[(words[2 * m + half] >>> shift) & (DIGITS - 1)]++;
    if (starts[(words[half] >>> shift) & (DIGITS - 1)] === size) continue;
    for (let digit = 0, at = 0; digit < DIGITS; digit++) {
      const count = starts[digit];
      starts[digit] = at;
      at += count;
    }
    for (let m = 0; m < size; m++) {
      const position = order[m];
      spare[starts[(words[2 * position + half] >>> shift) & (DIGITS - 1)]++] = position;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/** The intervals of `bounds` (non-negative bounds) sorted both ways; empty ones are left out. */
export function sortIntervals(bounds: Float64Array): SortedIntervals {
  const count = bounds.length / 2;
  let size = 0;
  for (let k = 0; k < count; k++) if (bounds[2 * k] <= bounds[2 * k + 1]) size++;
  const items = new Int32Array(size);
  const los = new Float64Array(size);
  const his = new Float64Array(size);
  for (let k = 0, m = 0; k < count; k++)
    if (bounds[2 * k] <= bounds[2 * k + 1]) {
      items[m] = k;
      los[m] = bounds[2 * k];
      his[m++] = bounds[2 * k + 1];
    }
  const byLo = sortedBy(los, items);
  const byHi = sortedBy(his, items);
  return { byLo: byLo.order, los: byLo.values, byHi: byHi.order, his: byHi.values };
}

/** `items` in the order of their `keys`, and the keys in that order. */
function sortedBy(keys: Float64Array, items: Int32Array): { order: Int32Array; values: Float64Array } {
  const size = items.length;
  const positions = sortedPositions(keys);
  const order = new Int32Array(size);
  const values = new Float64Array(size);
  for (let m = 0; m < size; m++) {
    order[m] = items[positions[m]];
    values[m] = keys[positions[m]];
  }
  return { order, values };
}

/**
 * Where each item's interval falls among all: `upTo[k]` items have a lower bound at most its
 * upper bound, `before[k]` an upper bound below its lower bound, so upTo[k] - before[k] meet it
 * (itself included). An empty interval meets none.
 */
export interface Places {
  upTo: Int32Array;
  before: Int32Array;
}

export function placesOf(bounds: Float64Array, sorted: SortedIntervals): Places {
  const count = bounds.length / 2;
  const upTo = new Int32Array(count);
  const before = new Int32Array(count);
  const { byLo, los, byHi, his } = sorted;
  // Both walks go up both lists at once: by upper bound against lower bounds, and the reverse.
  for (let m = 0, r = 0; m < byHi.length; m++) {
    const k = byHi[m];
    while (r < los.length && los[r] <= bounds[2 * k + 1]) r++;
    upTo[k] = r;
  }
  for (let m = 0, r = 0; m < byLo.length; m++) {
    const k = byLo[m];
    while (r < his.length && his[r] < bounds[2 * k]) r++;
    before[k] = r;
  }
  return { upTo, before };
}

/** Per place r and part p, at r * parts + p: how many of the part are among the first r of `order`. */
function cumulative(order: Int32Array, part: Int32Array, parts: number): Int32Array {
  const table = new Int32Array((order.length + 1) * parts);
  for (let r = 0; r < order.length; r++) {
    const at = (r + 1) * parts;
    for (let p = 0; p < parts; p++) table[at + p] = table[at - parts + p];
    const p = part[order[r]];
    if (p >= 0) table[at + p]++;
  }
  return table;
}

/** For items grouped in parts (part[k], or -1 for none), how many of a part meet an item. */
export class PartCounts {
  /** Per place r and part p, at r * parts + p: how many of the part are among the first r by lower bound... */
  private readonly byLo: Int32Array;
  /** ...and among the first r by upper bound. */
  private readonly byHi: Int32Array;

  constructor(
    sorted: SortedIntervals,
    private readonly places: Places,
    part: Int32Array,
    private readonly parts: number,
  ) {
    this.byLo = cumulative(sorted.byLo, part, parts);
    this.byHi = cumulative(sorted.byHi, part, parts);
  }

  /** How many items of part `p` meet item `k`. */
  meeting(p: number, k: number): number {
    const { upTo, before } = this.places;
    return this.byLo[upTo[k] * this.parts + p] - this.byHi[before[k] * this.parts + p];
  }
}

/** The tree's nodes side by side; a node's items are one slice of `byLo` and the same slice of `byHi`. */
interface Tree {
  center: Float64Array;
  start: Int32Array;
  end: Int32Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node, its items (those whose interval holds the center) by lower bound ascending... */
  byLo: Int32Array;
  loOf: Float64Array;
  /** ...and by upper bound descending. */
  byHi: Int32Array;
  hiOf: Float64Array;
}

/**
 * What IntervalIndex.overlapping() calls: an object with a method rather than a function, so the
 * caller's state lives in an object of a class (see earlierRules.ts) and not in a closure.
 */
export interface Visitor {
  visit(k: number): void;
}

/** Deep enough for any tree: each level at least halves the items. */
const STACK = new Int32Array(128);

/**
 * Some items, given sorted both ways (`byLo`, `byHi`: ascending, non-empty intervals only). With
 * `owners`, an item is known by its owner, owners[k] (the rule an interval belongs to): that is
 * what overlapping() reports and compares with `before`.
 */
export class IntervalIndex {
  private tree?: Tree;

  constructor(
    private readonly bounds: Float64Array,
    private readonly byLo: Int32Array,
    private readonly byHi: Int32Array,
    private readonly owners?: ArrayLike<number>,
  ) {}

  /**
   * Calls `found.visit(k)` for every item (or owner) k below `before` whose interval meets [lo, hi],
   * in no particular order (an owner once per item of it that meets). `found` may not ask an index.
   */
  overlapping(lo: number, hi: number, before: number, found: Visitor): void {
    if (lo > hi || this.byLo.length === 0) return;
    const tree = (this.tree ??= this.build());
    const { center, start, end, left, right, byLo, loOf, byHi, hiOf } = tree;
    const stack = STACK;
    let depth = 0;
    stack[depth++] = 0;
    while (depth > 0) {
      const node = stack[--depth];
      const c = center[node];
      const last = end[node];
      if (hi < c) {
        for (let m = start[node]; m < last && loOf[m] <= hi; m++) if (byLo[m] < before) found.visit(byLo[m]);
        if (left[node] >= 0) stack[depth++] = left[node];
      } else if (lo > c) {
        for (let m = start[node]; m < last && hiOf[m] >= lo; m++) if (byHi[m] < before) found.visit(byHi[m]);
        if (right[node] >= 0) stack[depth++] = right[node];
      } else {
        for (let m = start[node]; m < last; m++) if (byLo[m] < before) found.visit(byLo[m]);
        if (left[node] >= 0) stack[depth++] = left[node];
        if (right[node] >= 0) stack[depth++] = right[node];
      }
    }
  }

  private build(): Tree {
    const split = splitNodes(this.bounds, this.byLo);
    return layOut(this.bounds, this.byLo, this.byHi, this.owners, split);
  }
}

/** The nodes of a tree before their items are laid out: see splitNodes. */
interface Split {
  nodes: number;
  center: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node, how many items it holds; per item, its node. */
  held: Int32Array;
  nodeOf: Int32Array;
}

// The tree is built by functions of their own, not one method: V8 compiles a long method on its
// first loop and, when the loops after it have no type feedback yet (after a collection drops
// it), falls back to the interpreter there on every build.

/**
 * Node 0 is the root. A node's center is the lower bound of the median of its items (so it
 * holds one); it keeps the items whose interval holds the center, and leaves those wholly
 * below it to its left child, those wholly above to its right.
 */
function splitNodes(bounds: Float64Array, sortedByLo: Int32Array): Split {
  const size = sortedByLo.length;
  const center = new Float64Array(size);
  const left = new Int32Array(size);
  const right = new Int32Array(size);
  const held = new Int32Array(size);
  const nodeOf = new Int32Array(bounds.length / 2);
  // The items of the nodes still to split, each a slice of `pending` sorted by lower bound.
  const pending = sortedByLo.slice();
  const from = new Int32Array(size);
  const to = new Int32Array(size);
  const aside = new Int32Array(size);
  // The nodes still to split: at most one per item.
  const work = new Int32Array(size);
  let waiting = 1;
  to[0] = size;
  let nodes = 1;
  while (waiting > 0) {
    const node = work[--waiting];
    const first = from[node];
    const end = to[node];
    const c = bounds[2 * pending[(first + end) >> 1]];
    let below = first;
    let above = 0;
    for (let m = first; m < end; m++) {
      const item = pending[m];
      if (bounds[2 * item + 1] < c) pending[below++] = item;
      else if (bounds[2 * item] > c) aside[above++] = item;
      else {
        nodeOf[item] = node;
        held[node]++;
      }
    }
    pending.set(aside.subarray(0, above), below);
    center[node] = c;
    if (first < below) {
      from[nodes] = first;
      to[nodes] = below;
      work[waiting++] = nodes;
      left[node] = nodes++;
    } else left[node] = -1;
    if (above > 0) {
      from[nodes] = below;
      to[nodes] = below + above;
      work[waiting++] = nodes;
      right[node] = nodes++;
    } else right[node] = -1;
  }
  return { nodes, center, left, right, held, nodeOf };
}

/** Each node's items laid out by lower bound and by upper bound, from one pass over each order of all items. */
function layOut(
  bounds: Float64Array,
  sortedByLo: Int32Array,
  sortedByHi: Int32Array,
  owners: ArrayLike<number> | undefined,
  { nodes, center, left, right, held, nodeOf }: Split,
): Tree {
  const size = sortedByLo.length;
  const start = new Int32Array(nodes);
  const stop = new Int32Array(nodes);
  for (let node = 0, at = 0; node < nodes; node++) {
    start[node] = stop[node] = at;
    at += held[node];
  }
  const byLo = new Int32Array(size);
  const loOf = new Float64Array(size);
  for (let m = 0; m < size; m++) {
    const item = sortedByLo[m];
    const at = stop[nodeOf[item]]++;
    byLo[at] = owners ? owners[item] : item;
    loOf[at] = bounds[2 * item];
  }
  const byHi = new Int32Array(size);
  const hiOf = new Float64Array(size);
  stop.set(start);
  for (let m = size - 1; m >= 0; m--) {
    const item = sortedByHi[m];
    const at = stop[nodeOf[item]]++;
    byHi[at] = owners ? owners[item] : item;
    hiOf[at] = bounds[2 * item + 1];
  }
  return { center, start, end: stop, left, right, byLo, loOf, byHi, hiOf };
}
