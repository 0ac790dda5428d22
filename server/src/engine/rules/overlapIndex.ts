// Which items of a set of intervals overlap a given one, without comparing every pair: two sorted
// arrays count the answers in O(log n), and a static centered interval tree, built on the first
// question, lists them in O(log n + answers). Everything lives in typed arrays: the standings
// build a dozen indexes per firewall and ask each once per rule, and objects per node or per
// hull were most of their time and garbage.

/** The number of values of `sorted` at most `value`. */
function atMost(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The number of values of `sorted` below `value`. */
function under(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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

/** Deep enough for any tree: each level at least halves the items. */
const STACK = new Int32Array(128);

/**
 * The intervals [lo[k], hi[k]] of the items `members` (all, when absent), read from `values` at
 * `k * stride + offset` and the number after it. An empty interval (lower bound above upper)
 * overlaps nothing and is left out.
 */
export class IntervalIndex {
  private readonly items: Int32Array;
  private readonly los: Float64Array;
  private readonly his: Float64Array;
  private tree?: Tree;

  constructor(
    private readonly values: Float64Array,
    private readonly stride = 2,
    private readonly offset = 0,
    members?: ArrayLike<number>,
  ) {
    const count = members ? members.length : values.length / stride;
    const items = new Int32Array(count);
    let size = 0;
    for (let m = 0; m < count; m++) {
      const k = members ? members[m] : m;
      const at = k * stride + offset;
      if (values[at] <= values[at + 1]) items[size++] = k;
    }
    this.items = items.subarray(0, size);
    this.los = new Float64Array(size);
    this.his = new Float64Array(size);
    for (let m = 0; m < size; m++) {
      const at = this.items[m] * stride + offset;
      this.los[m] = values[at];
      this.his[m] = values[at + 1];
    }
    this.los.sort();
    this.his.sort();
  }

  /** The number of items whose interval meets [lo, hi]: all but those wholly above it and those wholly below. */
  count(lo: number, hi: number): number {
    if (lo > hi) return 0;
    return atMost(this.los, hi) - under(this.his, lo);
  }

  /**
   * Calls `found(k)` for every item below `before` whose interval meets [lo, hi], in no
   * particular order.
   */
  overlapping(lo: number, hi: number, before: number, found: (k: number) => void): void {
    if (lo > hi || this.items.length === 0) return;
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
        for (let m = start[node]; m < last && loOf[m] <= hi; m++) if (byLo[m] < before) found(byLo[m]);
        if (left[node] >= 0) stack[depth++] = left[node];
      } else if (lo > c) {
        for (let m = start[node]; m < last && hiOf[m] >= lo; m++) if (byHi[m] < before) found(byHi[m]);
        if (right[node] >= 0) stack[depth++] = right[node];
      } else {
        for (let m = start[node]; m < last; m++) if (byLo[m] < before) found(byLo[m]);
        if (left[node] >= 0) stack[depth++] = left[node];
        if (right[node] >= 0) stack[depth++] = right[node];
      }
    }
  }

  /** Node 0 is the root; a node's center is the lower bound of the median of its items, so each node holds one. */
  private build(): Tree {
    const { values, stride, offset } = this;
    const size = this.items.length;
    const loAt = (k: number) => values[k * stride + offset];
    const hiAt = (k: number) => values[k * stride + offset + 1];
    const sorted = Int32Array.from(this.items).sort((a, b) => loAt(a) - loAt(b));
    const tree: Tree = {
      center: new Float64Array(size),
      start: new Int32Array(size),
      end: new Int32Array(size),
      left: new Int32Array(size),
      right: new Int32Array(size),
      byLo: new Int32Array(size),
      loOf: new Float64Array(size),
      byHi: new Int32Array(size),
      hiOf: new Float64Array(size),
    };
    let nodes = 0;
    let placed = 0;
    const scratch = new Int32Array(size);
    // Each call splits sorted[from, to) (by lower bound) in place: left part, then right part.
    const node = (from: number, to: number): number => {
      if (from >= to) return -1;
      const id = nodes++;
      const c = loAt(sorted[(from + to) >> 1]);
      let leftEnd = from;
      let rights = 0;
      tree.start[id] = placed;
      for (let m = from; m < to; m++) {
        const k = sorted[m];
        if (hiAt(k) < c) sorted[leftEnd++] = k;
        else if (loAt(k) > c) scratch[rights++] = k;
        else {
          tree.byLo[placed] = k;
          tree.loOf[placed] = loAt(k);
          placed++;
        }
      }
      tree.end[id] = placed;
      tree.center[id] = c;
      const here = tree.byLo.subarray(tree.start[id], placed);
      const byHi = Int32Array.from(here).sort((a, b) => hiAt(b) - hiAt(a));
      tree.byHi.set(byHi, tree.start[id]);
      for (let m = 0; m < byHi.length; m++) tree.hiOf[tree.start[id] + m] = hiAt(byHi[m]);
      sorted.set(scratch.subarray(0, rights), leftEnd);
      const rightStart = leftEnd;
      const rightEnd = leftEnd + rights;
      tree.left[id] = node(from, leftEnd);
      tree.right[id] = node(rightStart, rightEnd);
      return id;
    };
    node(0, size);
    return tree;
  }
}
