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

/** The lines of a text, and for each the column of the block scalar it may continue (-1: none). */
export interface LineTable {
  text: string;
  lines: Line[];
  /** Where each line starts: apart from the lines, so an edit moves the lines after it without copying them. */
  starts: number[];
  /** For each line, the `blockScalarCol` it starts in: a line's reading depends on no more of the text above. */
  states: number[];
}

/** One line starting at `start` (a line start), read in `state`: the line and the state the next line starts in. */
function readLine(
  text: string,
  start: number,
  state: number,
  detach = false,
): { line: Line; end: number; state: number } {
  const newline = text.indexOf('\n', start);
  const end = newline < 0 ? text.length : newline;
  const raw = detach ? detached(text.slice(start, end)) : text.slice(start, end);
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

/**
 * A copy of a line that does not hold on to the text it was cut from. V8 keeps a long slice as a
 * view of its parent, so a line kept across versions would keep every version's whole text alive
 * (megabytes per edit); a concatenation, flattened by the slice after it, is a string of its own.
 */
function detached(line: string): string {
  return (' ' + line).slice(1);
}

export function splitLines(text: string): Line[] {
  return lineTable(text).lines;
}

export function lineTable(text: string): LineTable {
  const lines: Line[] = [];
  const starts: number[] = [];
  const states: number[] = [];
  let state = -1;
  for (let start = 0; ;) {
    starts.push(start);
    states.push(state);
    const read = readLine(text, start, state);
    lines.push(read.line);
    state = read.state;
    if (read.end >= text.length) break;
    start = read.end + 1;
  }
  return { text, lines, starts, states };
}

/** More lines read again than this: the table is read afresh (splice's arguments stay few). */
const MOST_REREAD = 5000;

/**
 * The table of `text` from the table of the previous version, updated in place (and returned):
 * the lines that the change between the two texts touches are read again, those after it only
 * move (and are read again only as long as they start in another block-scalar state than before).
 * `spliced` is told which lines were replaced when the table is updated in place; a table read
 * afresh is a new object.
 */
export function updatedLineTable(
  table: LineTable,
  text: string,
  spliced?: (first: number, removed: number, inserted: number) => void,
): LineTable {
  const span = changedSpan(table.text, text);
  if (!span) return table;
  const { lines, starts, states } = table;
  const first = lineIndexAt(starts, span.start);
  const last = lineIndexAt(starts, span.oldEnd);
  const delta = span.newEnd - span.oldEnd;
  const read: Line[] = [];
  const readStarts: number[] = [];
  const readStates: number[] = [];
  let state = states[first];
  let start = starts[first];
  // Read the changed lines, then on until an old line starts in the state it started in before.
  let k = last + 1;
  for (;;) {
    readStarts.push(start);
    readStates.push(state);
    const line = readLine(text, start, state, true);
    read.push(line.line);
    state = line.state;
    if (read.length > MOST_REREAD) return lineTable(text);
    if (line.end >= text.length) {
      k = lines.length;
      break;
    }
    start = line.end + 1;
    if (start - delta < (starts[last + 1] ?? Infinity)) continue;
    while (k < lines.length && starts[k] + delta < start) k++;
    if (k < lines.length && starts[k] + delta === start && states[k] === state) break;
  }
  lines.splice(first, k - first, ...read);
  starts.splice(first, k - first, ...readStarts);
  states.splice(first, k - first, ...readStates);
  spliced?.(first, k - first, read.length);
  if (delta !== 0) for (let at = first + read.length; at < starts.length; at++) starts[at] += delta;
  table.text = text;
  return table;
}

/** The last line that starts at or before `at`. */
export function lineIndexAt(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
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
