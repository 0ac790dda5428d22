import type { DumpLocation } from '../dumpRule';

// Where each rule object sits in the JSON text, so findings point at it: JSON.parse gives the
// values, this gives their spans. ConvertTo-Json writes an array of objects (pretty-printed by
// default, on one line with -Compress) or, for a single rule, the object alone.

export type JsonRead =
  | { ok: true; values: unknown[]; spans: DumpLocation[]; top: DumpLocation }
  | { ok: false; location: DumpLocation; reason: string };

export function readJsonItems(text: string): JsonRead {
  const lineStarts = [0];
  for (let k = 0; k < text.length; k++) if (text[k] === '\n') lineStarts.push(k + 1);
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
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const offset = position ? Math.min(Number(position[1]), text.length) : 0;
    return { ok: false, location: span(offset, Math.min(offset + 1, text.length)), reason: message };
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
