import { textRef, type TextRef } from '../../messageFormat';
import type { DumpLocation } from '../dumpRule';

// Where each rule object sits in the JSON text, so findings point at it: JSON.parse gives the
// values, this gives their spans. ConvertTo-Json writes an array of objects (pretty-printed by
// default, on one line with -Compress) or, for a single rule, the object alone.

export type JsonRead =
  | { ok: true; values: unknown[]; spans: DumpLocation[]; top: DumpLocation }
  | { ok: false; location: DumpLocation; reason: TextRef };

export function readJsonItems(text: string): JsonRead {
  const lineStarts = [0];
  // Line breaks as an editor counts them: LF, CRLF, and a CR alone.
  for (let k = 0; k < text.length; k++) {
    if (text[k] === '\n' || (text[k] === '\r' && text[k + 1] !== '\n')) lineStarts.push(k + 1);
  }
  const at = (offset: number): { line: number; column: number } => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo] + 1 };
  };
  const span = (start: number, end: number): DumpLocation => {
    const from = at(start);
    const to = at(end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column };
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse does not always say where (V8 quotes the text around it instead): find the place.
    const offset = Math.min(firstError(text), text.length);
    const found =
      offset >= text.length
        ? textRef('dump/json/end')
        : text[offset] < ' '
          ? textRef('dump/json/control')
          : textRef('dump/json/character', { character: text[offset] });
    // A line break is no character of its line: the place is the line's end.
    const width = offset < text.length && !/[\r\n]/.test(text[offset]) ? 1 : 0;
    return { ok: false, location: span(offset, offset + width), reason: textRef('dump/json/unexpected', { found }) };
  }
  const start = skipSpace(text, 0);
  const top = span(start, start + 1);
  if (!Array.isArray(parsed)) return { ok: true, values: [parsed], spans: [span(start, skipValue(text, start))], top };
  const spans: DumpLocation[] = [];
  let offset = skipSpace(text, start + 1);
  while (text[offset] !== ']') {
    const end = skipValue(text, offset);
    spans.push(span(offset, end));
    offset = skipSpace(text, end);
    if (text[offset] === ',') offset = skipSpace(text, offset + 1);
  }
  return { ok: true, values: parsed, spans, top };
}

function skipSpace(text: string, offset: number): number {
  while (offset < text.length && /\s/.test(text[offset])) offset++;
  return offset;
}

/** The offset after the JSON value that starts at `offset` (the text is known to parse). */
function skipValue(text: string, offset: number): number {
  if (text[offset] === '"') return skipString(text, offset);
  if (text[offset] !== '{' && text[offset] !== '[') {
    while (offset < text.length && !/[\s,\]}]/.test(text[offset])) offset++;
    return offset;
  }
  let depth = 0;
  while (offset < text.length) {
    const char = text[offset];
    if (char === '"') {
      offset = skipString(text, offset);
      continue;
    }
    if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return offset + 1;
    }
    offset++;
  }
  return offset;
}

function skipString(text: string, offset: number): number {
  offset++;
  while (offset < text.length && text[offset] !== '"') offset += text[offset] === '\\' ? 2 : 1;
  return offset + 1;
}

/** The offset where the text stops being JSON (the text is known not to parse). */
function firstError(text: string): number {
  let offset = 0;
  const fail = (): never => {
    throw offset;
  };
  const space = () => {
    offset = skipSpace(text, offset);
  };
  const value = (): void => {
    space();
    const char = text[offset];
    if (char === '{' || char === '[') {
      const close = char === '{' ? '}' : ']';
      offset++;
      space();
      if (text[offset] === close) {
        offset++;
        return;
      }
      for (;;) {
        if (close === '}') {
          space();
          if (text[offset] !== '"') fail();
          string();
          space();
          if (text[offset] !== ':') fail();
          offset++;
        }
        value();
        space();
        if (text[offset] === ',') offset++;
        else if (text[offset] === close) {
          offset++;
          return;
        } else fail();
      }
    }
    if (char === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(offset, offset + 400),
    );
    if (!literal) fail();
    offset += literal![0].length;
  };
  const string = (): void => {
    offset++;
    while (offset < text.length && text[offset] !== '"') {
      if (text[offset] < ' ') fail();
      offset += text[offset] === '\\' ? 2 : 1;
    }
    if (offset >= text.length) fail();
    offset++;
  };
  try {
    value();
    space();
    return offset;
  } catch (at) {
    return at as number;
  }
}
