import { changedSpan } from './ruleSplice';

// The structure of each line as its indentation shows it: the `- ` items and the `key:` it opens,
// with block scalars and comments carrying none. The cursor's path is read from these, because
// the YAML being typed is usually too broken for the parser's tree.

export interface Frame {
  type: 'item' | 'key';
  col: number;
  key?: string;
  /** Text after `key:` on the line (trimmed, comment removed). */
  rest?: string;
}

export interface Line {
  text: string;
  /** Blank, comment-only, document marker or block-scalar content: carries no structure. */
  empty: boolean;
  frames: Frame[];
}

export const KEY_PATTERN = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:][^#:]*?|[^\s#'"[\]{},:]):(?=\s|$)/;

/**
 * Where each line of a text starts and the block-scalar state it starts in: what a line's reading
 * depends on, so any line is read again from these alone (lineAt). The lines themselves are not
 * kept: at 60,000 lines their strings, frames and arrays were 23 MB of the language server's main
 * thread; these two arrays are 8 bytes a line. Only the first `count` entries are lines (the
 * arrays keep room for edits that add lines).
 */
export interface LineTable {
  text: string;
  count: number;
  starts: Int32Array;
  /** For each line, the `blockScalarCol` it starts in (-1: none). */
  states: Int32Array;
}

/** One line starting at `start` (a line start), read in `state`: the line and the state the next line starts in. */
function readLine(text: string, start: number, state: number): { line: Line; end: number; state: number } {
  const newline = text.indexOf('\n', start);
  const end = newline < 0 ? text.length : newline;
  const raw = text.slice(start, end);
  const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
  const stripped = stripComment(body);
  const indent = stripped.length - stripped.trimStart().length;
  const blank = stripped.trim() === '' || /^(---|\.\.\.)(\s|$)/.test(stripped) || stripped.startsWith('%');
  const insideBlockScalar = state >= 0 && (blank || indent > state);
  let next = insideBlockScalar ? state : -1;
  const frames = blank || insideBlockScalar ? [] : lineFrames(stripped);
  const last = frames[frames.length - 1];
  if (!insideBlockScalar && last?.type === 'key' && /^[|>][-+0-9]*$/.test(last.rest ?? '')) next = last.col;
  return { line: { text: body, empty: blank || insideBlockScalar, frames }, end, state: next };
}

/** Line `index` of the table's text. */
export function lineAt(table: LineTable, index: number): Line {
  return readLine(table.text, table.starts[index], table.states[index]).line;
}

/** What is kept beside a table: told of each line of a table read afresh, and of the lines an update replaced. */
export interface LineWatcher {
  /** Line `index` of a table read afresh, top to bottom (0: a new table). */
  add(line: Line, index: number): void;
  /** Lines `first`..`first + removed - 1` were replaced by `inserted` lines, read again. */
  spliced(first: number, removed: number, inserted: number): void;
}

export function lineTable(text: string, watcher?: LineWatcher): LineTable {
  let starts: Int32Array = new Int32Array(64);
  let states: Int32Array = new Int32Array(64);
  let count = 0;
  let state = -1;
  for (let start = 0; ;) {
    if (count === starts.length) {
      starts = grown(starts, count, count * 2);
      states = grown(states, count, count * 2);
    }
    starts[count] = start;
    states[count] = state;
    const read = readLine(text, start, state);
    watcher?.add(read.line, count);
    count++;
    state = read.state;
    if (read.end >= text.length) break;
    start = read.end + 1;
  }
  return { text, count, starts, states };
}

function grown(array: Int32Array, count: number, capacity: number): Int32Array {
  const copy = new Int32Array(capacity);
  copy.set(array.subarray(0, count));
  return copy;
}

/** Entries `first`..`first + removed - 1` of the first `count` replaced by `values`: the array, grown if need be. */
function spliced(array: Int32Array, count: number, first: number, removed: number, values: number[]): Int32Array {
  const size = count - removed + values.length;
  const target = size > array.length ? grown(array, count, Math.ceil(size * 1.25)) : array;
  target.copyWithin(first + values.length, first + removed, count);
  target.set(values, first);
  return target;
}

/** More lines read again than this: the table is read afresh (an edit that far is a new text). */
const MOST_REREAD = 5000;

/**
 * The table of `text` from the table of the previous version, updated in place (and returned):
 * the lines that the change between the two texts touches are read again, those after it only
 * move (and are read again only as long as they start in another block-scalar state than before).
 * A table read afresh instead is a new object.
 */
export function updatedLineTable(table: LineTable, text: string, watcher?: LineWatcher): LineTable {
  const span = changedSpan(table.text, text);
  if (!span) return table;
  const { starts, states, count } = table;
  const first = lineIndexAt(starts, count, span.start);
  const last = lineIndexAt(starts, count, span.oldEnd);
  const delta = span.newEnd - span.oldEnd;
  const readStarts: number[] = [];
  const readStates: number[] = [];
  let state = states[first];
  let start = starts[first];
  // Read the changed lines, then on until an old line starts in the state it started in before.
  let k = last + 1;
  for (;;) {
    readStarts.push(start);
    readStates.push(state);
    const line = readLine(text, start, state);
    state = line.state;
    if (readStarts.length > MOST_REREAD) return lineTable(text, watcher);
    if (line.end >= text.length) {
      k = count;
      break;
    }
    start = line.end + 1;
    if (start - delta < (last + 1 < count ? starts[last + 1] : Infinity)) continue;
    while (k < count && starts[k] + delta < start) k++;
    if (k < count && starts[k] + delta === start && states[k] === state) break;
  }
  const inserted = readStarts.length;
  table.starts = spliced(starts, count, first, k - first, readStarts);
  table.states = spliced(states, count, first, k - first, readStates);
  table.count = count - (k - first) + inserted;
  watcher?.spliced(first, k - first, inserted);
  if (delta !== 0) for (let at = first + inserted; at < table.count; at++) table.starts[at] += delta;
  table.text = text;
  return table;
}

/** The last of the first `count` lines that starts at or before `at`. */
export function lineIndexAt(starts: Int32Array, count: number, at: number): number {
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Removes a `#` comment that is not inside quotes. */
export function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = '';
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i).trimEnd();
  }
  return line;
}

export function lineFrames(line: string): Frame[] {
  const frames: Frame[] = [];
  let col = line.length - line.trimStart().length;
  while (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ')) {
    frames.push({ type: 'item', col });
    col++;
    while (line[col] === ' ') col++;
  }
  const match = KEY_PATTERN.exec(line.slice(col));
  if (match)
    frames.push({ type: 'key', col, key: unquote(match[1].trim()), rest: line.slice(col + match[0].length).trim() });
  return frames;
}

export function unquote(key: string): string {
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.length >= 2 && key.startsWith("'") && key.endsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}
