import { Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isSeq } from './nodeTypes';
import { keyNodeAt, nodeAt, ParsedTopology, PathSegment, positionAt } from './parse';
import type { TextEdit } from '../types';

// Text edits on the user's original text. They touch only the lines they must, so comments,
// blank lines, quoting and key order everywhere else stay as the user wrote them.

export function column(parsed: ParsedTopology, offset: number): number {
  return positionAt(parsed, offset).character;
}

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_./ -]*$/;
const YAML_KEYWORDS = /^(true|false|yes|no|on|off|null|~|y|n)$/i;

/** A YAML scalar for a user string: plain when unambiguous, otherwise double-quoted (JSON is valid YAML). */
export function yamlScalar(value: string): string {
  if (
    PLAIN_SAFE.test(value) &&
    !YAML_KEYWORDS.test(value) &&
    !/^[0-9.]+$/.test(value) &&
    !/\s$/.test(value) &&
    !value.includes(' #')
  ) {
    return value;
  }
  return JSON.stringify(value);
}

/** One endpoint as a scalar, several as a flow list: how `from`/`to` are written. */
export function yamlEndpoint(values: string[]): string {
  return values.length === 1 ? yamlScalar(values[0]) : `[${values.map(yamlScalar).join(', ')}]`;
}

export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just past the newline that ends the line holding `offset`. */
export function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

/**
 * `lines` (whole lines, each ending in \n) as inserted at `offset`. At the end of a file whose last
 * line has no line break the break goes first and the last one is left off: the file keeps ending
 * as it did, and several inserts there join line by line as they would anywhere else.
 */
export function linesAt(text: string, offset: number, lines: string): string {
  if (offset < text.length || text === '' || text.endsWith('\n')) return lines;
  return `\n${lines.replace(/\n$/, '')}`;
}

/**
 * True when the parser reported an error inside the node: what it read there is a guess, and an
 * edit placed by that guess (a new `rules:` after lines that lost theirs) can land anywhere.
 */
export function brokenWithin(parsed: ParsedTopology, node: Node | null | undefined): boolean {
  if (!node?.range) return false;
  const [start, end] = node.range;
  return parsed.doc.errors.some((error) => error.pos[0] <= end && start <= error.pos[1]);
}

/**
 * The offset of a flow collection's closing bracket, when the parser found it where the node
 * ends. An unclosed `[` runs on over the lines below it; a bracket found there belongs to another
 * value, and an edit at it would write into that value.
 */
function closingBracket(parsed: ParsedTopology, node: Node, bracket: ']' | '}'): number | undefined {
  const [start, end] = node.range!;
  if (brokenWithin(parsed, node)) return undefined;
  let at = end;
  while (at > start && /\s/.test(parsed.text[at - 1])) at--;
  return parsed.text[at - 1] === bracket ? at - 1 : undefined;
}

/** Replaces the value at a path (a scalar) with new YAML text. */
export function replaceValueEdit(parsed: ParsedTopology, path: PathSegment[], newText: string): TextEdit | undefined {
  const node = nodeAt(parsed.doc, path);
  if (!node?.range) return undefined;
  return { startOffset: node.range[0], endOffset: node.range[1], newText };
}

/** Sets `key: valueText` in the mapping at `mapPath`: replaces the value when the key exists, else adds the key. */
export function setKeyEdit(
  parsed: ParsedTopology,
  mapPath: PathSegment[],
  key: string,
  valueText: string,
): TextEdit | undefined {
  // A duplicate key or a broken line in the map: which occurrence the checker read is a guess.
  if (brokenWithin(parsed, nodeAt(parsed.doc, mapPath))) return undefined;
  if (keyNodeAt(parsed.doc, [...mapPath, key])) {
    const value = nodeAt(parsed.doc, [...mapPath, key]);
    // `key:` with nothing after it is a null scalar of no width, placed wherever the parser
    // stopped (before a comment line, say): the value goes right after the colon instead.
    const empty = value?.range && parsed.text.slice(value.range[0], value.range[1]).trim() === '';
    if (value?.range && !empty) return replaceValueEdit(parsed, [...mapPath, key], valueText);
    const keyNode = keyNodeAt(parsed.doc, [...mapPath, key])!;
    const colon = parsed.text.indexOf(':', keyNode.range![1]);
    return colon < 0 ? undefined : { startOffset: colon + 1, endOffset: colon + 1, newText: ` ${valueText}` };
  }
  const map = nodeAt(parsed.doc, mapPath);
  if (!isMap(map) || !map.range) return undefined;
  const node = map as YAMLMap;
  if (node.flow) {
    const close = closingBracket(parsed, node, '}');
    if (close === undefined) return undefined;
    return {
      startOffset: close,
      endOffset: close,
      newText: `${node.items.length > 0 ? ', ' : ' '}${key}: ${valueText} `,
    };
  }
  const first = node.items[0] as Pair | undefined;
  const firstKey = first?.key as Node | undefined;
  if (!firstKey?.range) return undefined;
  const last = node.items[node.items.length - 1] as Pair;
  const lastEnd = (last.value as Node | undefined)?.range?.[1] ?? (last.key as Node).range![1];
  const offset = nextLineStart(parsed.text, Math.max(lastEnd - 1, 0));
  return {
    startOffset: offset,
    endOffset: offset,
    newText: linesAt(parsed.text, offset, `${' '.repeat(column(parsed, firstKey.range[0]))}${key}: ${valueText}\n`),
  };
}

/** Appends items (flow-style texts) to the list at `mapPath.key`, creating `key: [...]` when absent. */
export function appendItemsEdit(
  parsed: ParsedTopology,
  mapPath: PathSegment[],
  key: string,
  items: string[],
): TextEdit | undefined {
  if (brokenWithin(parsed, nodeAt(parsed.doc, mapPath))) return undefined;
  const seq = nodeAt(parsed.doc, [...mapPath, key]);
  if (isSeq(seq) && seq.range) {
    const node = seq as YAMLSeq;
    if (node.flow) {
      const close = closingBracket(parsed, node, ']');
      if (close === undefined) return undefined;
      // Before the bracket, after the last item: keep `[a, b]` tidy.
      let at = close;
      while (at > 0 && /[ \t]/.test(parsed.text[at - 1])) at--;
      return { startOffset: at, endOffset: at, newText: `${node.items.length > 0 ? ', ' : ''}${items.join(', ')}` };
    }
    if (node.items.length > 0) {
      const firstItem = node.items[0] as Node;
      const dash = parsed.text.lastIndexOf('-', firstItem.range![0]);
      const indent = ' '.repeat(dash - lineStart(parsed.text, dash));
      const lastItem = node.items[node.items.length - 1] as Node;
      const offset = nextLineStart(parsed.text, Math.max(lastItem.range![1] - 1, 0));
      return {
        startOffset: offset,
        endOffset: offset,
        newText: linesAt(parsed.text, offset, items.map((item) => `${indent}- ${item}\n`).join('')),
      };
    }
  }
  return setKeyEdit(parsed, mapPath, key, `[${items.join(', ')}]`);
}

/**
 * Applies edits made against one text. Inserts at the same offset keep their given order;
 * an edit overlapping an earlier one is dropped, so a batch can never corrupt the text.
 */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const ordered = edits
    .map((edit, order) => ({ edit, order }))
    .sort(
      (a, b) => a.edit.startOffset - b.edit.startOffset || a.edit.endOffset - b.edit.endOffset || a.order - b.order,
    );
  let out = '';
  let cursor = 0;
  for (const { edit } of ordered) {
    if (edit.startOffset < cursor || edit.endOffset < edit.startOffset || edit.endOffset > text.length) continue;
    out += text.slice(cursor, edit.startOffset) + edit.newText;
    cursor = edit.endOffset;
  }
  return out + text.slice(cursor);
}

/** The file's own line break: CRLF when most of its line breaks are CRLF. */
export function lineBreakOf(text: string): '\n' | '\r\n' {
  // Most files hold no CR at all: one native scan answers, not one call per line.
  if (!text.includes('\r')) return '\n';
  let crlf = 0;
  let lf = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) {
    if (text[index - 1] === '\r') crlf++;
    else lf++;
  }
  return crlf > lf ? '\r\n' : '\n';
}

/** Edits written with \n, turned to the file's line break (lineBreakOf, read once) so a CRLF file stays CRLF. */
export function withLineBreak<T extends TextEdit>(edits: T[], lineBreak: '\n' | '\r\n'): T[] {
  if (lineBreak === '\n') return edits;
  return edits.map((edit) => ({ ...edit, newText: edit.newText.replace(/\r?\n/g, '\r\n') }));
}
