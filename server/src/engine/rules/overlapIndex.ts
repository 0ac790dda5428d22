// Which rules of a firewall can meet a given one, without comparing every pair: a static
// centered interval tree per dimension (sources, destinations, TCP and UDP ports) answers "whose
// hull overlaps this one" in O(log n + answers), and two sorted arrays per dimension count the
// answers in O(log n), so each question is put to the dimension with the fewest.

type Bound = number | bigint;
type Hull<T extends Bound> = readonly [T, T];

interface Node<T extends Bound> {
  center: T;
  /** The items whose hull contains the center, by lower bound ascending. */
  byLo: number[];
  /** The same items by upper bound descending. */
  byHi: number[];
  left?: Node<T>;
  right?: Node<T>;
}

const compare = <T extends Bound>(x: T, y: T) => (x < y ? -1 : x > y ? 1 : 0);

/** The number of values of `sorted` below `value` (or at most `value`, when `inclusive`). */
function rank<T extends Bound>(sorted: ArrayLike<T>, value: T, inclusive: boolean): number {
  if (sorted instanceof Float64Array) return rankOfNumber(sorted, value as number, inclusive);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value || (inclusive && sorted[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** rank() on numbers: the index asks it twice per dimension of every rule, and one shape of array keeps it fast. */
function rankOfNumber(sorted: Float64Array, value: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  if (inclusive)
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= value) lo = mid + 1;
      else hi = mid;
    }
  else
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < value) lo = mid + 1;
      else hi = mid;
    }
  return lo;
}

/** Numbers sort fastest as a typed array; BigInts by comparison. */
function sortedBounds<T extends Bound>(values: T[]): ArrayLike<T> {
  if (values.length > 0 && typeof values[0] === 'number')
    return Float64Array.from(values as number[]).sort() as unknown as ArrayLike<T>;
  return values.sort(compare);
}

/** The hulls of one dimension; an empty hull (lower bound above upper) meets nothing and is left out. */
export class IntervalIndex<T extends Bound> {
  /** Built on the first overlapping(): many indexes are only ever counted in. */
  private root?: Node<T> | null;
  private readonly items: number[];
  private readonly los: ArrayLike<T>;
  private readonly his: ArrayLike<T>;

  constructor(private readonly hulls: readonly Hull<T>[]) {
    const items: number[] = [];
    for (let k = 0; k < hulls.length; k++) if (hulls[k][0] <= hulls[k][1]) items.push(k);
    this.items = items;
    this.los = sortedBounds(items.map((k) => hulls[k][0]));
    this.his = sortedBounds(items.map((k) => hulls[k][1]));
  }

  /** How many hulls overlap [lo, hi]: all but those wholly above it and those wholly below. */
  count([lo, hi]: Hull<T>): number {
    if (lo > hi) return 0;
    const above = this.los.length - rank(this.los, hi, true);
    const below = rank(this.his, lo, false);
    return this.los.length - above - below;
  }

  /**
   * Pushes the index of every hull that overlaps [lo, hi] onto `out`, in no particular order;
   * with `below`, only the indexes below it (the rules above the one asking).
   */
  overlapping([lo, hi]: Hull<T>, out: number[], below = Infinity): void {
    if (lo > hi) return;
    const hulls = this.hulls;
    if (this.root === undefined)
      this.root = this.build(this.items.sort((a, b) => compare(hulls[a][0], hulls[b][0]))) ?? null;
    // One stack for every question: it is asked once per rule, and a list per level was most of its garbage.
    const pending = this.pending;
    if (this.root) pending.push(this.root);
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (hi < node.center) {
        for (const k of node.byLo) {
          if (hulls[k][0] > hi) break;
          if (k < below) out.push(k);
        }
        if (node.left) pending.push(node.left);
      } else if (lo > node.center) {
        for (const k of node.byHi) {
          if (hulls[k][1] < lo) break;
          if (k < below) out.push(k);
        }
        if (node.right) pending.push(node.right);
      } else {
        for (const k of node.byLo) if (k < below) out.push(k);
        if (node.left) pending.push(node.left);
        if (node.right) pending.push(node.right);
      }
    }
  }

  private readonly pending: Node<T>[] = [];

  /** `items` sorted by lower bound; the center is the median item's lower bound, so every node holds one. */
  private build(items: number[]): Node<T> | undefined {
    if (items.length === 0) return undefined;
    const hulls = this.hulls;
    const center = hulls[items[items.length >> 1]][0];
    const here: number[] = [];
    const left: number[] = [];
    const right: number[] = [];
    for (const k of items) {
      const [lo, hi] = hulls[k];
      if (hi < center) left.push(k);
      else if (lo > center) right.push(k);
      else here.push(k);
    }
    return {
      center,
      byLo: here,
      byHi: [...here].sort((a, b) => compare(hulls[b][1], hulls[a][1])),
      left: this.build(left),
      right: this.build(right),
    };
  }
}
