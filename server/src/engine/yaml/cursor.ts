import type { PathSegment } from './parse';

// Completion and hover run while the user is typing, when the YAML is usually broken (`    ser`,
// `to: `, `{ ip: 1.2.3.4, netw`). The `yaml` AST of such text is unreliable, so the path at the
// cursor is read from indentation and the flow brackets of the cursor's line instead; for a
// well-formed file this gives the same path as the AST.

export interface CursorContext {
  /** Key: the path of the mapping that holds the key. Value: the path of the value itself. */
  path: PathSegment[];
  kind: 'key' | 'value';
  /** The word at the cursor (a key, or a scalar such as `edge01.accessEdge`), and the part before the cursor. */
  word: string;
  prefix: string;
  /** Offsets of `word`, the text a completion replaces. */
  wordStart: number;
  wordEnd: number;
  /** Keys already written in the mapping the cursor is in (key context), so completion can leave them out. */
  presentKeys: string[];
  /** Whether the value sits inside `[...]` or `{...}` on the cursor's line. */
  inFlow: boolean;
  /** Column where the block entry at the cursor starts: where a new sibling line would be indented. */
  indent: number;
  inComment: boolean;
}

interface Frame {
  type: 'item' | 'key';
  col: number;
  key?: string;
  /** Text after `key:` on the line (trimmed, comment removed). */
  rest?: string;
}

interface Line {
  start: number;
  text: string;
  /** Blank, comment-only, document marker or block-scalar content: carries no structure. */
  empty: boolean;
  frames: Frame[];
}

const KEY_PATTERN = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},:][^#:]*?|[^\s#'"\[\]{},:]):(?=\s|$)/;
const KEY_CHARS = /[^\s,\[\]{}:"'#]/;
const VALUE_CHARS = /[^\s,\[\]{}"'#]/;

export function cursorContext(text: string, offset: number): CursorContext {
  const lines = splitLines(text);
  const at = Math.max(0, Math.min(offset, text.length));
  let lineNo = 0;
  while (lineNo + 1 < lines.length && lines[lineNo + 1].start <= at) lineNo++;
  const line = lines[lineNo];
  const column = at - line.start;
  const code = stripComment(line.text);
  const hash = line.text.indexOf('#', code.length);
  if (hash >= 0 && column > hash && code.length < line.text.length) {
    // In a comment nothing is completed or explained.
    return { path: [], kind: 'value', word: '', prefix: '', wordStart: at, wordEnd: at, presentKeys: [], inFlow: false, indent: column, inComment: true };
  }
  const own = ownLine(line.text, column);
  const onKey = !own.onValue && own.frames[own.frames.length - 1]?.type === 'key';

  // The leftmost element of the cursor's line; a bare word (`    ser`) is a key being typed.
  const first: Frame = own.frames[0] ?? { type: 'key', col: own.contentCol };
  const above = chainAbove(lines, lineNo, first);
  const chain = [...above.chain, ...own.frames.slice(1).map((frame) => ({ frame, index: 0 }))];
  if (own.frames.length === 0) chain.pop();
  const path: PathSegment[] = [];
  chain.forEach(({ frame, index }, position) => {
    if (frame.type === 'item') path.push(index);
    else if (position < chain.length - 1 || !onKey) path.push(frame.key as string);
  });

  let kind: 'key' | 'value' = own.onValue || own.frames[own.frames.length - 1]?.type === 'item' ? 'value' : 'key';
  let presentKeys: string[] = [];
  let inFlow = false;
  if (own.flow) {
    inFlow = true;
    path.push(...own.flow.path);
    kind = own.flow.kind;
    presentKeys = own.flow.keys;
  } else if (kind === 'key') {
    // Siblings above count only when the key is not the first of a new `- ` item.
    const keyCol = onKey ? own.frames[own.frames.length - 1].col : own.contentCol;
    const opensItem = own.frames.length > 1;
    presentKeys = [...(opensItem ? [] : above.siblingKeys), ...siblingsBelow(lines, lineNo, keyCol)];
  }

  const chars = kind === 'key' ? KEY_CHARS : VALUE_CHARS;
  let wordStart = column;
  // A value's word never reaches back over its key's colon (values may hold colons: IPv6).
  const floor = own.onValue ? own.valueStart : 0;
  while (wordStart > floor && chars.test(line.text[wordStart - 1])) wordStart--;
  let wordEnd = column;
  while (wordEnd < line.text.length && chars.test(line.text[wordEnd])) wordEnd++;
  const word = line.text.slice(wordStart, wordEnd);
  const last = own.frames[own.frames.length - 1];
  return {
    path,
    kind,
    word,
    prefix: line.text.slice(wordStart, column),
    wordStart: line.start + wordStart,
    wordEnd: line.start + wordEnd,
    presentKeys: unique(presentKeys.filter((key) => key !== word)),
    inFlow,
    indent: last?.type === 'item' && !own.onValue ? last.col + 2 : last ? last.col : own.contentCol,
    inComment: false,
  };
}

// ---- lines ----

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let blockScalarCol = -1;
  for (const raw of text.split('\n')) {
    const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const stripped = stripComment(body);
    const indent = stripped.length - stripped.trimStart().length;
    const blank = stripped.trim() === '' || /^(---|\.\.\.)(\s|$)/.test(stripped) || stripped.startsWith('%');
    const insideBlockScalar = blockScalarCol >= 0 && (blank || indent > blockScalarCol);
    if (!insideBlockScalar) blockScalarCol = -1;
    const frames = blank || insideBlockScalar ? [] : lineFrames(stripped);
    const last = frames[frames.length - 1];
    if (!insideBlockScalar && last?.type === 'key' && /^[|>][-+0-9]*$/.test(last.rest ?? '')) blockScalarCol = last.col;
    lines.push({ start, text: body, empty: blank || insideBlockScalar, frames });
    start += raw.length + 1;
  }
  return lines;
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

function lineFrames(line: string): Frame[] {
  const frames: Frame[] = [];
  let col = line.length - line.trimStart().length;
  while (line[col] === '-' && (col + 1 === line.length || line[col + 1] === ' ')) {
    frames.push({ type: 'item', col });
    col++;
    while (line[col] === ' ') col++;
  }
  const match = KEY_PATTERN.exec(line.slice(col));
  if (match) frames.push({ type: 'key', col, key: unquote(match[1].trim()), rest: line.slice(col + match[0].length).trim() });
  return frames;
}

function unquote(key: string): string {
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) return key.slice(1, -1).replace(/\\(.)/g, '$1');
  if (key.length >= 2 && key.startsWith("'") && key.endsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key;
}

// ---- the cursor's own line ----

interface OwnLine {
  frames: Frame[];
  contentCol: number;
  onValue: boolean;
  /** Column just after the colon of the key whose value the cursor is in. */
  valueStart: number;
  flow?: { path: PathSegment[]; kind: 'key' | 'value'; keys: string[] };
}

function ownLine(text: string, column: number): OwnLine {
  const full = stripComment(text);
  const frames = lineFrames(full);
  const contentCol = text.slice(0, column).trim() === '' ? column : text.length - text.trimStart().length;
  // A dash is the cursor's frame only when the cursor is past it; `key:` only when past its colon.
  const kept: Frame[] = [];
  let onValue = false;
  for (const frame of frames) {
    if (frame.type === 'item') {
      if (column > frame.col) kept.push(frame);
      continue;
    }
    if (column < frame.col) break;
    kept.push(frame);
    const colon = frame.col + keyLength(full.slice(frame.col));
    onValue = column > colon;
  }
  const last = kept[kept.length - 1];
  const valueStart = onValue && last?.type === 'key' ? last.col + keyLength(full.slice(last.col)) + 1 : 0;
  const result: OwnLine = { frames: kept, contentCol: kept.length > 0 ? kept[0].col : contentCol, onValue, valueStart };
  if (onValue && last?.type === 'key') {
    const flow = scanFlow(text.slice(valueStart, column), text.slice(column));
    if (flow) result.flow = flow;
  } else if (!onValue && last?.type === 'item') {
    const flow = scanFlow(text.slice(last.col + 1, column), text.slice(column));
    if (flow) result.flow = flow;
  }
  return result;
}

function keyLength(fromKey: string): number {
  const match = KEY_PATTERN.exec(fromKey);
  return match ? match[0].length - 1 : fromKey.length;
}

interface FlowFrame {
  type: 'map' | 'seq';
  index: number;
  key?: string;
  afterColon: boolean;
  keys: string[];
}

/** Reads `[a, b` or `{ ip: x, net` up to the cursor: where in the flow collection the cursor is. */
function scanFlow(before: string, after: string): OwnLine['flow'] | undefined {
  const stack: FlowFrame[] = [];
  let token = '';
  const finishKey = (frame: FlowFrame | undefined) => {
    if (frame?.type === 'map' && !frame.afterColon && token.trim()) frame.keys.push(unquote(token.trim()));
  };
  for (let i = 0; i < before.length; i++) {
    const char = before[i];
    const top = stack[stack.length - 1];
    if (char === '"' || char === "'") {
      const close = before.indexOf(char, i + 1);
      if (close < 0) break;
      token += before.slice(i, close + 1);
      i = close;
    } else if (char === '[' || char === '{') {
      stack.push({ type: char === '[' ? 'seq' : 'map', index: 0, afterColon: false, keys: [] });
      token = '';
    } else if (char === ']' || char === '}') {
      stack.pop();
      token = '';
    } else if (char === ',' && top) {
      if (top.type === 'seq') top.index++;
      else finishKey(top);
      top.afterColon = false;
      top.key = undefined;
      token = '';
    } else if (char === ':' && top?.type === 'map' && !top.afterColon && (i + 1 === before.length || /\s/.test(before[i + 1]))) {
      top.key = unquote(token.trim());
      top.keys.push(top.key);
      top.afterColon = true;
      token = '';
    } else {
      token += char;
    }
  }
  if (stack.length === 0) return undefined;
  const path: PathSegment[] = [];
  for (const frame of stack) {
    if (frame.type === 'seq') path.push(frame.index);
    else if (frame.afterColon && frame.key !== undefined) path.push(frame.key);
  }
  const top = stack[stack.length - 1];
  const kind = top.type === 'map' && !top.afterColon ? 'key' : 'value';
  const keys = [...top.keys, ...flowKeysAfter(after)];
  return { path, kind, keys };
}

/** Keys written after the cursor in the same flow mapping (`{ ip: |, network: x }`). */
function flowKeysAfter(after: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const match of after.matchAll(/([{}\[\]])|(?:^|,)\s*([^\s,:{}\[\]'"]+):(?=\s|$)/g)) {
    if (match[1] === '{' || match[1] === '[') depth++;
    else if (match[1] === '}' || match[1] === ']') {
      if (depth-- === 0) break;
    } else if (depth === 0 && match[2]) keys.push(match[2]);
  }
  return keys;
}

// ---- ancestors, from the lines above ----

interface Link {
  frame: Frame;
  /** Position among its sibling items, for an item. */
  index: number;
}

/**
 * The chain of frames that enclose `first` (outermost first, `first` last with its own index),
 * and the keys of `first`'s mapping written above it.
 */
function chainAbove(lines: Line[], lineNo: number, first: Frame): { chain: Link[]; siblingKeys: string[] } {
  const chain: Link[] = [];
  const siblingKeys: string[] = [];
  let element = first;
  let index = 0;
  let collecting = true;
  for (let j = lineNo - 1; j >= 0; j--) {
    const frames = lines[j].frames;
    if (lines[j].empty || frames.length === 0) continue;
    // `rules:` followed by `- x` at the same column: the compact style of block sequences.
    const compact = element.type === 'item' ? frames.find((frame) => frame.col === element.col && frame.type === 'key' && !frame.rest) : undefined;
    let parentIndex = compact ? frames.indexOf(compact) : -1;
    if (!compact) for (let k = frames.length - 1; k >= 0 && parentIndex < 0; k--) if (frames[k].col < element.col) parentIndex = k;
    const same = frames.find((frame) => frame.col === element.col && frame !== compact);
    if (same && same.type === element.type) {
      if (same.type === 'item' && parentIndex < 0) index++;
      else if (same.type === 'key' && collecting) siblingKeys.push(same.key as string);
    }
    if (parentIndex < 0) continue;
    chain.push({ frame: element, index });
    collecting = false;
    // Frames of one line nest left to right; any not leftmost opens its collection on that line.
    for (let k = parentIndex; k >= 1; k--) chain.push({ frame: frames[k], index: 0 });
    element = frames[0];
    index = 0;
  }
  chain.push({ frame: element, index });
  return { chain: chain.reverse(), siblingKeys };
}

/** Keys after the cursor's line in the same mapping. */
function siblingsBelow(lines: Line[], lineNo: number, col: number): string[] {
  const keys: string[] = [];
  for (let j = lineNo + 1; j < lines.length; j++) {
    const leftmost = lines[j].frames[0];
    if (lines[j].empty || !leftmost) continue;
    if (leftmost.col < col || (leftmost.col === col && leftmost.type === 'item')) break;
    if (leftmost.col === col) keys.push(leftmost.key as string);
  }
  return keys;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
