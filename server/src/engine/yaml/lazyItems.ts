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
}

const sources = new WeakMap<Document.Parsed, Source>();

/** A run's size: what one parse of a few kilobytes covers, and what a reader of one rule pays. */
const RUN = 32;

export class LazyRuleItem extends YAMLMap {
  declare rangeStart: number;
  declare rangeValueEnd: number;
  declare rangeEnd: number;
  declare run: Run;
  /** Its entries as last parsed, while something reads them. */
  declare parsed: WeakRef<Pair[]> | undefined;
  /** Entries given to it (nothing here does, the library's API allows it): kept. */
  declare given: Pair[] | undefined;
  /** Out of its list (a splice replaced it): never parsed again. */
  declare detached: boolean;
  /**
   * Where its `name`, `from` and `to` values start, from its own start (-1: none), and how long
   * they are: the outline names every rule, and references and renames read every endpoint
   * (features/), which parsing them all again would cost.
   */
  declare nameAt: number;
  declare nameLength: number;
  declare fromAt: number;
  declare fromLength: number;
  declare toAt: number;
  declare toLength: number;

  /**
   * [start, end] of its `key` value (the node's range[0] and range[1]), read without its entries;
   * undefined when it has none.
   */
  valueRange(key: KeptValue): [number, number] | undefined {
    const at = this[`${key}At`];
    if (at < 0) return undefined;
    const start = this.rangeStart + at;
    return [start, start + this[`${key}Length`]];
  }

  /** Its lines reach into [start, end]. */
  touches(start: number, end: number): boolean {
    return this.rangeEnd >= start && this.rangeStart <= end;
  }

  /** Its entries when parsed and still held, without parsing them. */
  peek(): Pair[] | undefined {
    if (this.given) return this.given;
    const entries = this.parsed?.deref();
    // A reference to collected entries is let go too.
    if (!entries) this.parsed = undefined;
    return entries;
  }
}

defineRangeAccessor(LazyRuleItem.prototype);

// An accessor on the prototype: TypeScript knows `items` as the library's data property.
Object.defineProperty(LazyRuleItem.prototype, 'items', {
  configurable: true,
  get(this: LazyRuleItem): Pair[] {
    return this.peek() ?? parseRun(this);
  },
  set(this: LazyRuleItem, items: Pair[]) {
    // The library's constructor sets an empty list before the item is made lazy.
    if (this.run) this.given = items;
  },
});

/** The map `item` (block or flow) made lazy, the next of `run`. */
function lazyItem(item: YAMLMap, run: Run): LazyRuleItem {
  const lazy = new LazyRuleItem(item.schema);
  const range = item.range!;
  lazy.rangeStart = range[0];
  lazy.rangeValueEnd = range[1];
  lazy.rangeEnd = range[2];
  lazy.run = run;
  lazy.parsed = undefined;
  lazy.given = undefined;
  lazy.detached = false;
  for (const key of KEPT_VALUES) {
    const value = valueRangeIn(item, key);
    lazy[`${key}At`] = value ? value[0] - range[0] : -1;
    lazy[`${key}Length`] = value ? value[1] - value[0] : 0;
  }
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
    if (!run || run.members.length === RUN) run = { source, dash, members: [] };
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
  for (const item of items) if (item instanceof LazyRuleItem) item.detached = true;
}

/** Parses the run of `wanted` again, giving each of its items its entries; `wanted`'s. */
function parseRun(wanted: LazyRuleItem): Pair[] {
  const { source, members, dash } = wanted.run;
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
    member.parsed = new WeakRef(entries);
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
