// Where a schema finding goes in the text: on the value, on its key, or on the first line of
// the mapping it is about, always short and never on trailing white space.

import { isMap, isPair, type Node, type YAMLMap } from 'yaml';
import {
  keyNodeAt,
  keyRangeAtPath,
  nodeAt,
  rangeOfNode,
  rangeOfOffsets,
  type ParsedTopology,
  type PathSegment,
} from '../yaml/parse';
import type { SourceRange } from '../types';
import type { TopologySchema } from './topologySchema';

/** The first line of the document's content (or of the file, when it has none). */
export function topLevelRange(parsed: ParsedTopology): SourceRange {
  const contents = parsed.doc.contents as Node | null;
  const start = contents?.range && contents.range[1] > contents.range[0] ? contents.range[0] : 0;
  const newline = parsed.text.indexOf('\n', start);
  const end = trimEnd(parsed.text, start, newline < 0 ? parsed.text.length : newline);
  return rangeOfOffsets(parsed, start, end);
}

/** The value's span; the key's when the value is empty (`key:` with nothing after it). */
export function valueRange(parsed: ParsedTopology, path: readonly PathSegment[]): SourceRange {
  const range = rangeOfNode(parsed, nodeAt(parsed.doc, path));
  if (range && range.endOffset > range.startOffset) {
    const end = trimEnd(parsed.text, range.startOffset, range.endOffset);
    return end === range.endOffset ? range : rangeOfOffsets(parsed, range.startOffset, end);
  }
  return keyRangeAtPath(parsed, path);
}

export function atRange(parsed: ParsedTopology, path: readonly PathSegment[], schema: TopologySchema): SourceRange {
  if (schema['x-at'] === 'key') return keyRangeAtPath(parsed, path);
  return ownerRange(parsed, path);
}

/**
 * Where a finding about a whole mapping goes: its key for a named entry (`edge01:`), and for a
 * list entry (a rule) its first line, so the squiggle stays short but inside the entry.
 */
export function ownerRange(parsed: ParsedTopology, path: readonly PathSegment[]): SourceRange {
  const last = path[path.length - 1];
  if (path.length > 0 && typeof last === 'string') return keyRangeAtPath(parsed, path);
  const node = path.length === 0 ? (parsed.doc.contents as Node | null) : nodeAt(parsed.doc, path);
  if (node && isMap(node)) {
    const first = (node as YAMLMap).items.find((item) => isPair(item));
    const start = node.range?.[0];
    const firstEnd =
      (first?.value as Node | null | undefined)?.range?.[1] ?? (first?.key as Node | null | undefined)?.range?.[1];
    if (start !== undefined && firstEnd !== undefined && firstEnd > start) {
      const lineEnd = parsed.text.indexOf('\n', start);
      const end = lineEnd >= 0 && lineEnd < firstEnd ? trimEnd(parsed.text, start, lineEnd) : firstEnd;
      if (end > start) return rangeOfOffsets(parsed, start, end);
    }
  }
  const range = rangeOfNode(parsed, node ?? keyNodeAt(parsed.doc, path));
  if (range && range.endOffset > range.startOffset) return range;
  return keyRangeAtPath(parsed, path);
}

export function trimEnd(text: string, start: number, end: number): number {
  let k = end;
  while (k > start && /\s/.test(text[k - 1])) k--;
  return k;
}
