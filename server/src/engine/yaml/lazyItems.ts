import {
  type Document,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Pair,
  parseDocument,
  type Range,
  YAMLMap,
} from 'yaml';
import { defineRangeAccessor } from './rangeAccessor';
import { PARSE_OPTIONS } from './parse';
import { lineStart, nextLineStart } from './edits';

// The rule items of the document a check session keeps (session.ts), without their nodes: once a
// rule's model and findings exist, its item's key and value nodes are read again only by an editor
// feature or a fix landing on it, and at 20k rules they are most of the kept document. A lazy item
// keeps its range (and those of its name, from and to values, which the outline and references
// read for every rule); its entries are parsed again from the document's current text when read,
// a run of neighbouring items at once (a reader of one rule usually reads the next), and held
// weakly: the collector takes them back once nothing reads them. An item's text parses alone the same as
// in its place (ruleSplice.ts shows it), so its nodes are those of a full parse.

/** The text a document's lazy items are read from, the newest version's (ruleSplice.ts sets it). */
interface Source {
  text: string;
  /** What is done to an item parsed again before its entries are given (compactNodes.ts compacts it). */
  finish: (item: unknown) => void;
}

/** Items read together: neighbours in one list, at the column of its dashes. */
interface Run {
  source: Source;
  dash: number;
  members: LazyRuleItem[];
  /**
   * FIELDS numbers a member (its slot's): its range, where its kept values start and how long
   * they are, whether it is detached. One array a run, not ten properties an item: an item with
   * them was ~160 bytes, ~3 MB at 20k rules.
   */
  numbers: Int32Array;
  /** Each member's entries as last parsed, while something reads them; made on the first parse. */
  parsed: (WeakRef<Pair[]> | undefined)[] | undefined;
  /** Entries given to a member (nothing here does, the library's API allows it): kept. */
  given: (Pair[] | undefined)[] | undefined;
}

const sources = new WeakMap<Document.Parsed, Source>();

/** A run's size: what one parse of a few kilobytes covers, and what a reader of one rule pays. */
const RUN = 32;

/** A member's numbers in its run's array, from the member's first. */
const START = 0;
const VALUE_END = 1;
const END = 2;
/**
 * Of `name`, `from` and `to` (KEPT_VALUES' order), two numbers each: where the value starts from the
 * item's start (-1: none), and its length.
 */
const KEPT_AT = 3;
const DETACHED = 9;
/** 1 when the item has a blank line before it, or is written in flow style (the library's `spaceBefore`, `flow`). */
const SPACE_BEFORE = 10;
const FLOW = 11;
const FIELDS = 12;

export class LazyRuleItem extends YAMLMap {
  declare run: Run;
  /** Its place in its run: its numbers start at slot * FIELDS. */
  declare slot: number;
  /** Its range's numbers (rangeAccessor.ts), read from its run. */
  declare rangeStart: number;
  declare rangeValueEnd: number;
  declare rangeEnd: number;

  /**
   * [start, end] of its `key` value (the node's range[0] and range[1]), read without its entries;
   * undefined when it has none. The outline names every rule, and references and renames read
   * every endpoint (features/), which parsing them all again would cost.
   */
  valueRange(key: KeptValue): [number, number] | undefined {
    const { numbers } = this.run;
    const at = this.slot * FIELDS;
    const value = at + KEPT_AT + 2 * KEPT_VALUES.indexOf(key);
    if (numbers[value] < 0) return undefined;
    const start = numbers[at + START] + numbers[value];
    return [start, start + numbers[value + 1]];
  }

  /** Its lines reach into [start, end]. */
  touches(start: number, end: number): boolean {
    return this.rangeEnd >= start && this.rangeStart <= end;
  }

  /** Out of its list (a splice replaced it): never parsed again. */
  get detached(): boolean {
    return this.run.numbers[this.slot * FIELDS + DETACHED] === 1;
  }

  /** Its entries when parsed and still held, without parsing them. */
  peek(): Pair[] | undefined {
    const { run, slot } = this;
    const given = run.given?.[slot];
    if (given) return given;
    const entries = run.parsed?.[slot]?.deref();
    // A reference to collected entries is let go too.
    if (!entries && run.parsed) run.parsed[slot] = undefined;
    return entries;
  }
}

for (const [name, field] of [
  ['rangeStart', START],
  ['rangeValueEnd', VALUE_END],
  ['rangeEnd', END],
] as const)
  Object.defineProperty(LazyRuleItem.prototype, name, {
    configurable: true,
    get(this: LazyRuleItem): number {
      return this.run.numbers[this.slot * FIELDS + field];
    },
    set(this: LazyRuleItem, value: number) {
      this.run.numbers[this.slot * FIELDS + field] = value;
    },
  });

// Two flags the library reads, in the run too: a property added to some items only gave each of
// those an array of properties of its own.
for (const [name, field] of [
  ['spaceBefore', SPACE_BEFORE],
  ['flow', FLOW],
] as const)
  Object.defineProperty(LazyRuleItem.prototype, name, {
    configurable: true,
    get(this: LazyRuleItem): boolean | undefined {
      // Unset, as on the library's node, when not written so.
      return this.run?.numbers[this.slot * FIELDS + field] === 1 ? true : undefined;
    },
    set(this: LazyRuleItem, value: boolean | undefined) {
      this.run.numbers[this.slot * FIELDS + field] = value ? 1 : 0;
    },
  });

defineRangeAccessor(LazyRuleItem.prototype);

// An accessor on the prototype: TypeScript knows `items` as the library's data property.
Object.defineProperty(LazyRuleItem.prototype, 'items', {
  configurable: true,
  get(this: LazyRuleItem): Pair[] {
    return this.peek() ?? parseRun(this);
  },
  set(this: LazyRuleItem, items: Pair[]) {
    // The library's constructor sets an empty list before the item is made lazy.
    if (this.run) (this.run.given ??= [])[this.slot] = items;
  },
});

/** The map `item` (block or flow) made lazy, the next of `run`. */
function lazyItem(item: YAMLMap, run: Run): LazyRuleItem {
  const lazy = new LazyRuleItem(item.schema);
  const slot = run.members.length;
  lazy.run = run;
  lazy.slot = slot;
  const { numbers } = run;
  const at = slot * FIELDS;
  const range = item.range!;
  numbers[at + START] = range[0];
  numbers[at + VALUE_END] = range[1];
  numbers[at + END] = range[2];
  KEPT_VALUES.forEach((key, k) => {
    const value = valueRangeIn(item, key);
    numbers[at + KEPT_AT + 2 * k] = value ? value[0] - range[0] : -1;
    numbers[at + KEPT_AT + 2 * k + 1] = value ? value[1] - value[0] : 0;
  });
  if (item.spaceBefore) lazy.spaceBefore = true;
  // `{ name: x, ... }`: a flow map on the item's line, read again the same way.
  if (item.flow) lazy.flow = true;
  run.members.push(lazy);
  return lazy;
}

/** The values a lazy item keeps the range of. */
const KEPT_VALUES = ['name', 'from', 'to'] as const;
export type KeptValue = (typeof KEPT_VALUES)[number];

/** The range of the item's `key` value node, the one a walk to it finds (yaml/parse.ts pairIn: the last). */
function valueRangeIn(item: YAMLMap, key: KeptValue): Range | undefined {
  let found: Range | undefined;
  for (const pair of item.items as unknown[]) {
    if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== key) continue;
    found = isNode(pair.value) ? (pair.value.range ?? undefined) : undefined;
  }
  return found;
}

/**
 * Replaces the items of a block list of rules (its dashes at column `dash`) for which `alone`
 * holds by lazy ones. `alone` must hold only for a block map whose lines, from its dash's to the
 * next item's, parse alone as in the list (ruleSplice.ts: no comment, anchor, tag, tab...) in
 * `text`, the document's current text.
 */
export function makeItemsLazy(
  doc: Document.Parsed,
  text: string,
  finish: (item: unknown) => void,
  list: { items: unknown[]; dash: number; from: number; to: number },
  alone: (index: number) => boolean,
): void {
  const { items, dash, from, to } = list;
  let source = sources.get(doc);
  if (!source) sources.set(doc, (source = { text, finish }));
  source.text = text;
  let run: Run | undefined;
  for (let k = from; k < to; k++) {
    const item = items[k];
    if (!isMap(item) || item instanceof LazyRuleItem || !item.range || !alone(k)) {
      run = undefined;
      continue;
    }
    if (!run || run.members.length === RUN)
      run = { source, dash, members: [], numbers: new Int32Array(RUN * FIELDS), parsed: undefined, given: undefined };
    items[k] = lazyItem(item as YAMLMap, run);
  }
}

/** The document's text is now `text` (a splice moved its nodes): what its lazy items are read from. */
export function retext(doc: Document.Parsed, text: string): void {
  const source = sources.get(doc);
  if (source) source.text = text;
}

/** Items a splice took out of their list. */
export function detach(items: readonly unknown[]): void {
  for (const item of items) if (item instanceof LazyRuleItem) item.run.numbers[item.slot * FIELDS + DETACHED] = 1;
}

/** Parses the run of `wanted` again, giving each of its items its entries; `wanted`'s. */
function parseRun(wanted: LazyRuleItem): Pair[] {
  const { run } = wanted;
  const { source, members, dash } = run;
  const { text } = source;
  const live = members.filter((member) => !member.detached || member === wanted);
  const start = lineStart(text, live[0].rangeStart);
  const end = regionEnd(text, live[live.length - 1], dash);
  // A copy: the nodes' strings would otherwise be views keeping this version's whole text alive.
  const region = Buffer.from(text.slice(start, end), 'utf8').toString('utf8');
  const alone = parseDocument(region, PARSE_OPTIONS);
  const parsed = isSeq(alone.contents) ? alone.contents.items : [];
  const byStart = new Map<number, YAMLMap>();
  for (const item of parsed) if (isMap(item) && item.range) byStart.set(item.range[0] + start, item as YAMLMap);
  let answer: Pair[] | undefined;
  for (const member of live) {
    const item = byStart.get(member.rangeStart);
    if (!item) continue;
    moveTree(item, start);
    source.finish(item);
    const entries = item.items as Pair[];
    (run.parsed ??= [])[member.slot] = new WeakRef(entries);
    if (member === wanted) answer = entries;
  }
  // Not found in its own lines: the text and the item disagree, which a splice never leaves.
  if (!answer) throw new Error(`lazy rule item at ${wanted.rangeStart}: not in its text`);
  return answer;
}

/**
 * Where the lines of `last` end: with the blank lines after it when another item follows (its
 * entries end as in the whole list), without them at the end of the list (as ruleSplice.ts reads it).
 */
function regionEnd(text: string, last: LazyRuleItem, dash: number): number {
  let end = last.rangeValueEnd;
  while (end > last.rangeStart && /\s/.test(text[end - 1])) end--;
  end = nextLineStart(text, end);
  let at = end;
  while (at < text.length) {
    const next = nextLineStart(text, at);
    const line = text.slice(at, next).replace(/\n$/, '');
    if (line.trim() !== '') return line.length - line.trimStart().length >= dash ? at : end;
    at = next;
  }
  return end;
}

/** Adds `by` to every position in `node` and below (a region's positions made the document's). */
function moveTree(node: unknown, by: number): void {
  if (!isNode(node)) return;
  const range = node.range;
  if (range) node.range = [range[0] + by, range[1] + by, range[2] + by];
  if (!isMap(node) && !isSeq(node)) return;
  for (const item of (node as YAMLMap).items as unknown[]) {
    if (isPair(item)) {
      moveTree(item.key, by);
      moveTree(item.value, by);
    } else moveTree(item, by);
  }
}
