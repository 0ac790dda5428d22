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
  start: number;
  text: string;
  /** Blank, comment-only, document marker or block-scalar content: carries no structure. */
  empty: boolean;
  frames: Frame[];
}

export const KEY_PATTERN = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"[\]{},:][^#:]*?|[^\s#'"[\]{},:]):(?=\s|$)/;

export function splitLines(text: string): Line[] {
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
