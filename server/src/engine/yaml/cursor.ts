import type { PathSegment } from './parse';
import {
  KEY_PATTERN,
  type Frame,
  lineAt,
  lineFrames,
  lineIndexAt,
  lineTable,
  type LineTable,
  stripComment,
  updatedLineTable,
} from './cursorLines';
import { type FlowPosition, scanFlow } from './flowCollection';
import { BLOCK_LINES, LineBlocks } from './lineBlocks';

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

const KEY_CHARS = /[^\s,[\]{}:"'#]/;
const VALUE_CHARS = /[^\s,[\]{}"'#]/;

// An editor asks completion and hover many times of one text, and of the next version of it: the
// lines are split and classified once, then updated where the text changed (updatedLineTable),
// and the cursor's line is found by bisection. The blocks' summaries (lineBlocks.ts) are kept
// with the table, and worked out again only where an edit reached.
let table: LineTable | undefined;
const blocks = new LineBlocks();
/** Lines read one by one by the walks above and below the cursor: what the blocks are there to keep small. */
let walked = 0;

/** The lines the walks of all cursorContext calls so far read one by one (not those crossed as blocks). */
export function linesWalked(): number {
  return walked;
}

function linesOf(text: string): LineTable {
  table = table ? updatedLineTable(table, text, blocks) : lineTable(text, blocks);
  return table;
}

/** `lineByLine`: the reference the tests compare with, every line above and below walked, no block skipped. */
export function cursorContext(text: string, offset: number, lineByLine = false): CursorContext {
  const lines = linesOf(text);
  const at = Math.max(0, Math.min(offset, text.length));
  const lineNo = lineIndexAt(lines.starts, lines.count, at);
  const line = lineAt(lines, lineNo);
  const lineStart = lines.starts[lineNo];
  const column = at - lineStart;
  const code = stripComment(line.text);
  const hash = line.text.indexOf('#', code.length);
  if (hash >= 0 && column > hash && code.length < line.text.length) {
    // In a comment nothing is completed or explained.
    return {
      path: [],
      kind: 'value',
      word: '',
      prefix: '',
      wordStart: at,
      wordEnd: at,
      presentKeys: [],
      inFlow: false,
      indent: column,
      inComment: true,
    };
  }
  const own = ownLine(line.text, column);
  const onKey = !own.onValue && own.frames[own.frames.length - 1]?.type === 'key';

  // The leftmost element of the cursor's line; a bare word (`    ser`) is a key being typed.
  const first: Frame = own.frames[0] ?? { type: 'key', col: own.contentCol };
  const summaries = lineByLine ? undefined : blocks;
  const above = chainAbove(lines, lineNo, first, summaries);
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
    presentKeys = [...(opensItem ? [] : above.siblingKeys), ...siblingsBelow(lines, lineNo, keyCol, summaries)];
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
    wordStart: lineStart + wordStart,
    wordEnd: lineStart + wordEnd,
    presentKeys: unique(presentKeys.filter((key) => key !== word)),
    inFlow,
    indent: last?.type === 'item' && !own.onValue ? last.col + 2 : last ? last.col : own.contentCol,
    inComment: false,
  };
}

// ---- the cursor's own line ----

interface OwnLine {
  frames: Frame[];
  contentCol: number;
  onValue: boolean;
  /** Column just after the colon of the key whose value the cursor is in. */
  valueStart: number;
  flow?: FlowPosition;
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
function chainAbove(
  lines: LineTable,
  lineNo: number,
  first: Frame,
  summaries: LineBlocks | undefined,
): { chain: Link[]; siblingKeys: string[] } {
  const chain: Link[] = [];
  const siblingKeys: string[] = [];
  let element = first;
  let index = 0;
  let collecting = true;
  for (let j = lineNo - 1; j >= 0; j--) {
    // At a block's last line: the whole block at once, when no line of it encloses the element.
    if (summaries && j % BLOCK_LINES === BLOCK_LINES - 1) {
      const block = summaries.summary(lines, (j + 1) / BLOCK_LINES - 1);
      const atColumn = block.minCol === element.col;
      if (block.minCol > element.col || (atColumn && element.type === 'key')) {
        if (atColumn && collecting) for (let k = block.keys.length - 1; k >= 0; k--) siblingKeys.push(block.keys[k]);
        j -= BLOCK_LINES - 1;
        continue;
      }
      if (atColumn && !block.bareKey) {
        index += block.items;
        j -= BLOCK_LINES - 1;
        continue;
      }
    }
    walked++;
    const line = lineAt(lines, j);
    const frames = line.frames;
    if (line.empty || frames.length === 0) continue;
    // `rules:` followed by `- x` at the same column: the compact style of block sequences.
    const compact =
      element.type === 'item'
        ? frames.find((frame) => frame.col === element.col && frame.type === 'key' && !frame.rest)
        : undefined;
    let parentIndex = compact ? frames.indexOf(compact) : -1;
    if (!compact)
      for (let k = frames.length - 1; k >= 0 && parentIndex < 0; k--) if (frames[k].col < element.col) parentIndex = k;
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
function siblingsBelow(lines: LineTable, lineNo: number, col: number, summaries: LineBlocks | undefined): string[] {
  const keys: string[] = [];
  for (let j = lineNo + 1; j < lines.count; j++) {
    // At a block's first line: the whole block at once, when it holds no line that ends the mapping.
    if (summaries && j % BLOCK_LINES === 0) {
      const block = summaries.summary(lines, j / BLOCK_LINES);
      if (block.minCol > col || (block.minCol === col && block.items === 0)) {
        if (block.minCol === col) keys.push(...block.keys);
        j += BLOCK_LINES - 1;
        continue;
      }
    }
    walked++;
    const line = lineAt(lines, j);
    const leftmost = line.frames[0];
    if (line.empty || !leftmost) continue;
    if (leftmost.col < col || (leftmost.col === col && leftmost.type === 'item')) break;
    if (leftmost.col === col) keys.push(leftmost.key as string);
  }
  return keys;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
