import {
  Document,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type Node,
  parseDocument,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { addDuplicateKeyErrors } from './duplicateKeys';
import { unprintableCharacterDiagnostics } from './characters';
import { isMergeKey, isPlainObject, type ParsedTopology, PARSE_OPTIONS, rangeOfOffsets } from './parse';
import { lineStart, nextLineStart } from './edits';
import { detach, LazyRuleItem, retext } from './lazyItems';

// The parse of a new version of a text from the parse of the previous one, when the edit lies in
// the items of one firewall's block list of rules: only those items are parsed again, on their
// own (a block list at the same column parses the same alone as in its place), and the nodes
// after them move by the edit's length. Whatever this cannot show to give the full parse's answer
// is left to the full parse (undefined): a previous version with findings of the parse, anchors,
// aliases, merge keys or tags anywhere, tabs, CR line breaks, block scalars, comments or lines
// less indented than the list in the new items, or an edit that reaches outside the items.

// Text that makes a rule item depend on more than its own lines, or parse differently alone.
const UNSAFE = /[&*!|>%\t\r]|<<|^\s*(---|\.\.\.)|^\s*#/m;

interface Span {
  /** Offset of the first changed character, in both texts. */
  start: number;
  /** End of the changed text in the old text, and in the new one. */
  oldEnd: number;
  newEnd: number;
}

/** Blocks compared as substrings before the characters: V8 compares those natively, far faster than a loop. */
const BLOCK = 4096;

/** Where two texts differ: their common prefix and suffix, found block by block. */
export function changedSpan(before: string, after: string): Span | undefined {
  if (before === after) return undefined;
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start + BLOCK <= limit && before.slice(start, start + BLOCK) === after.slice(start, start + BLOCK))
    start += BLOCK;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = limit - start;
  while (
    tail + BLOCK <= room &&
    before.slice(before.length - tail - BLOCK, before.length - tail) ===
      after.slice(after.length - tail - BLOCK, after.length - tail)
  )
    tail += BLOCK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail))
    tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * Where a spliced parse differs from the one it was made from: the rule items
 * `first`..`first + removed - 1` of one firewall's list, on the whole lines [start, oldEnd) of the
 * old text, became `added` items on [start, start + oldEnd + delta) of the new one; every position
 * after moved by `delta` characters and `lines` lines, in the same column. What was worked out on
 * the previous version for the other rules may be moved instead of worked out again (rules/keptFindings.ts).
 */
export interface Splice {
  /** The generation (generationOf) of the parse this one was spliced from. */
  from: number;
  firewall: string;
  first: number;
  removed: number;
  added: number;
  start: number;
  oldEnd: number;
  delta: number;
  lines: number;
}

const splices = new WeakMap<ParsedTopology, Splice>();
const generations = new WeakMap<ParsedTopology, number>();
let nextGeneration = 1;

/** How the parse was spliced from the previous one; undefined for a full parse. */
export function spliceOf(parsed: ParsedTopology): Splice | undefined {
  return splices.get(parsed);
}

/**
 * A number for the parse, the same for every call: what a splice names its origin by (not the
 * parse itself, which would keep every version alive).
 */
export function generationOf(parsed: ParsedTopology): number {
  let known = generations.get(parsed);
  if (known === undefined) generations.set(parsed, (known = nextGeneration++));
  return known;
}

/** The first index of `starts` (ascending) holding more than `offset`. */
function firstAfter(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * lineStartsOf(text) from the previous text's: the lines before the spliced ones are the same,
 * those after moved. The spliced text breaks lines with \n only (no \r: standsAlone).
 */
function splicedLineStarts(
  previous: readonly number[],
  text: string,
  start: number,
  oldEnd: number,
  delta: number,
): number[] {
  const first = firstAfter(previous, start);
  const inside: number[] = [];
  for (let at = text.indexOf('\n', start); at >= 0 && at < oldEnd + delta; at = text.indexOf('\n', at + 1))
    inside.push(at + 1);
  // A copy changed in place: one pass over the lines after the edit, none growing the array.
  const starts = previous.slice();
  starts.splice(first, firstAfter(previous, oldEnd) - first, ...inside);
  if (delta !== 0) for (let k = first + inside.length; k < starts.length; k++) starts[k] += delta;
  return starts;
}

function lineBreaksIn(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

interface RuleList {
  firewall: string;
  seq: YAMLSeq;
  /** Column of the list's dashes. */
  dash: number;
  /** Where the line of each item's dash starts, and where the last item's lines end. */
  lines: number[];
}

/** The block rule lists of the document, with where their items' lines start. */
function ruleLists(parsed: ParsedTopology): RuleList[] | undefined {
  const { doc, text } = parsed;
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const lists: RuleList[] = [];
  const firewalls = (root as YAMLMap).items.find((pair) => isScalar(pair.key) && pair.key.value === 'firewalls');
  if (!firewalls || !isMap(firewalls.value)) return lists;
  for (const pair of (firewalls.value as YAMLMap).items) {
    if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !isMap(pair.value)) continue;
    const rules = (pair.value as YAMLMap).items.find((item) => isScalar(item.key) && item.key.value === 'rules');
    if (!rules || !isSeq(rules.value)) continue;
    const seq = rules.value as YAMLSeq;
    if (seq.flow || seq.items.length === 0 || !seq.range) continue;
    const dash = seq.range[0] - lineStart(text, seq.range[0]);
    const lines: number[] = [];
    for (const item of seq.items as Node[]) {
      if (!item?.range) return undefined;
      const line = lineStart(text, item.range[0]);
      if (text[line + dash] !== '-' || !blank(text, line, line + dash)) return undefined;
      lines.push(line);
    }
    const last = seq.items[seq.items.length - 1] as Node;
    lines.push(nextLineStart(text, contentEnd(text, last)));
    lists.push({ firewall: pair.key.value, seq, dash, lines });
  }
  return lists;
}

/** text.slice(from, to).trim() === '', without the slice for the usual indentation of spaces. */
function blank(text: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) if (text.charCodeAt(at) !== 0x20) return text.slice(from, to).trim() === '';
  return true;
}

function contentEnd(text: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The new items' text may stand alone: every line at the list's column or deeper, the first a dash. */
export function standsAlone(region: string, dash: number): boolean {
  if (region === '') return true;
  if (!region.endsWith('\n') || UNSAFE.test(region)) return false;
  // A control character is a finding of the parse (characters.ts), which the full parse reports.
  if (unprintableCharacterDiagnostics(region, () => rangeOfOffsets({ text: '', lineStarts: [0] }, 0, 0)).length > 0)
    return false;
  const lines = region.slice(0, -1).split('\n');
  if (lines[0].slice(0, dash).trim() !== '' || lines[0][dash] !== '-') return false;
  return lines.every((line) => line.trim() === '' || line.length - line.trimStart().length >= dash);
}

/** After the last item: blank lines, then a line less indented than the list (or the end). */
function endsTheList(text: string, from: number, dash: number): boolean {
  let at = from;
  while (at < text.length) {
    const end = nextLineStart(text, at);
    const line = text.slice(at, end).replace(/\n$/, '');
    if (line.trim() !== '') {
      const indent = line.length - line.trimStart().length;
      return indent < dash && !line.trimStart().startsWith('#');
    }
    at = end;
  }
  return true;
}

/**
 * Moves every position at or after `from` by `by`, in `node` and below. A node that ends before
 * `from` holds no such position (its children lie within it): the part of the document before an
 * edit is not walked.
 */
function shiftTree(node: unknown, from: number, by: number): void {
  if (!isNode(node)) return;
  const range = node.range;
  if (range) {
    if (range[2] < from) return;
    for (let k = 0; k < 3; k++) if (range[k] >= from) range[k] += by;
    // A compact scalar's range is made on each read (compactNodes.ts): written back.
    node.range = range;
  }
  // A lazy item's entries are parsed again from the new text when read; those read are moved.
  const items = node instanceof LazyRuleItem ? node.peek() : isMap(node) || isSeq(node) ? node.items : undefined;
  if (!items) return;
  for (const item of items as unknown[]) {
    if (isPair(item)) {
      shiftTree(item.key, from, by);
      shiftTree(item.value, from, by);
    } else shiftTree(item, from, by);
  }
}

/** Moves every position at or after `from` by `by`, in every node of the document. */
function shiftDocument(doc: Document.Parsed, from: number, by: number): void {
  shiftTree(doc.contents, from, by);
  if (doc.range) for (let k = 0; k < 3; k++) if (doc.range[k] >= from) doc.range[k] += by;
}

/** No anchors, aliases, tags or merge keys: every value is read from its own text alone. */
export function isPlainDocument(doc: Document.Parsed): boolean {
  return isPlainNode(doc.contents);
}

/** The node and those below it, as isPlainDocument asks (a walk of its own: visit() builds a path for each node). */
function isPlainNode(node: unknown): boolean {
  if (!isNode(node)) return true;
  const { anchor, tag } = node as { anchor?: string; tag?: string };
  if (isAlias(node) || anchor || tag) return false;
  if (isScalar(node)) return !isMergeKey(node.value);
  if (!isMap(node) && !isSeq(node)) return true;
  for (const item of (node as YAMLMap | YAMLSeq).items) {
    if (isPair(item) ? !isPlainNode(item.key) || !isPlainNode(item.value) : !isPlainNode(item)) return false;
  }
  return true;
}

/**
 * The parse of `text` from `previous`, the parse of a plain document (isPlainDocument), when the
 * edit lies in one firewall's block list of rules; the previous document's nodes become the new
 * ones. Undefined when the full parse must answer.
 */
export function spliceRuleItems(previous: ParsedTopology, text: string): ParsedTopology | undefined {
  const before = previous.text;
  if (previous.diagnostics.length > 0 || previous.doc.errors.length > 0 || previous.doc.warnings.length > 0)
    return undefined;
  if (!isPlainObject(previous.value)) return undefined;
  const span = changedSpan(before, text);
  const lists = span && ruleLists(previous);
  if (!span || !lists) return undefined;
  const list = lists.find((item) => item.lines[0] <= span.start && span.oldEnd <= item.lines[item.lines.length - 1]);
  if (!list) return undefined;
  const { lines, dash, seq } = list;
  const count = seq.items.length;
  // The items whose lines hold the change: first..last (inclusive).
  let first = 0;
  while (first + 1 < count && lines[first + 1] <= span.start) first++;
  let last = first;
  while (last + 1 < count && lines[last + 1] < span.oldEnd) last++;
  const regionStart = lines[first];
  const regionEnd = lines[last + 1];
  const delta = text.length - before.length;
  // A copy, not a slice: the strings of the new items' nodes (and the names, messages and data
  // derived from them) would otherwise point into this version's whole text and keep it alive
  // after the next edit replaced it — a text's worth of memory per edit.
  const region = ownCopy(text.slice(regionStart, regionEnd + delta));
  const atEnd = last === count - 1;
  if (!standsAlone(region, dash)) return undefined;
  if (atEnd && (region === '' || !endsTheList(text, regionEnd + delta, dash))) return undefined;

  const alone = parseDocument(region, PARSE_OPTIONS);
  addDuplicateKeyErrors(alone);
  if (alone.errors.length > 0 || alone.warnings.length > 0) return undefined;
  const items = region === '' ? [] : isSeq(alone.contents) ? (alone.contents as YAMLSeq).items : undefined;
  if (!items || (region !== '' && (alone.contents as YAMLSeq).range?.[0] !== dash)) return undefined;
  if (count - (last - first + 1) + items.length === 0) return undefined;
  const values = items.length === 0 ? [] : (alone.toJS() as unknown[]);
  const seqEnd = atEnd ? (alone.contents as YAMLSeq).range! : undefined;
  if (
    seqEnd &&
    (seqEnd[1] + regionStart !== seq.range![1] + delta || seqEnd[2] + regionStart !== seq.range![2] + delta)
  )
    return undefined;

  // Checked: now the previous document becomes the new one.
  const value = spliceValue(previous.value as Record<string, unknown>, list.firewall, first, last, values);
  if (!value) return undefined;
  const from = generationOf(previous);
  const lineDelta = lineBreaksIn(text, regionStart, regionEnd + delta) - lineBreaksIn(before, regionStart, regionEnd);
  if (delta !== 0) shiftDocument(previous.doc, regionEnd, delta);
  shiftDocument(alone, 0, regionStart);
  detach(seq.items.splice(first, last - first + 1, ...items));
  retext(previous.doc, text);
  const lineStarts = splicedLineStarts(previous.lineStarts, text, regionStart, regionEnd, delta);
  const parsed: ParsedTopology = { text, doc: previous.doc, lineStarts, value, diagnostics: [] };
  splices.set(parsed, {
    from,
    firewall: list.firewall,
    first,
    removed: last - first + 1,
    added: items.length,
    start: regionStart,
    oldEnd: regionEnd,
    delta,
    lines: lineDelta,
  });
  return parsed;
}

/** The plain value with the firewall's rules first..last replaced, sharing every other part. */
function spliceValue(
  root: Record<string, unknown>,
  firewall: string,
  first: number,
  last: number,
  items: unknown[],
): Record<string, unknown> | undefined {
  const firewalls = root.firewalls;
  if (!isPlainObject(firewalls)) return undefined;
  const owner = firewalls[firewall];
  if (!isPlainObject(owner) || !Array.isArray(owner.rules)) return undefined;
  const rules = [...owner.rules];
  rules.splice(first, last - first + 1, ...items);
  return { ...root, firewalls: { ...firewalls, [firewall]: { ...owner, rules } } };
}

/** The same text in a string of its own, which V8 does not keep as a view of a larger one. */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}
