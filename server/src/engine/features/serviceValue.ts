import type { Scalar } from 'yaml';
import { isScalar } from '../yaml/nodeTypes';
import type { CursorContext } from '../yaml/cursor';
import { nodeAt, type ParsedTopology } from '../yaml/parse';

// The service value under the cursor, whole. The cursor's word stops at a comma, as flow
// collections need, but a service holds commas: Microsoft's `A/V/RTP/TCP/50,000-59,999`, a port
// list `80,443`. Hover explains, and completion replaces, the whole value instead of a piece.

export interface ServiceValue {
  text: string;
  /** Offsets of the value's text (inside its quotes, when quoted). */
  start: number;
  end: number;
}

const WORD_CHAR = /[^\s,[\]{}"'#]/;

export function serviceValueAt(parsed: ParsedTopology, context: CursorContext, offset: number): ServiceValue {
  const node = nodeAt(parsed.doc, context.path);
  if (isScalar(node) && typeof node.value === 'string' && node.range) {
    const quoted = (node as Scalar).type === 'QUOTE_DOUBLE' || (node as Scalar).type === 'QUOTE_SINGLE';
    const start = node.range[0] + (quoted ? 1 : 0);
    const end = Math.max(start, node.range[1] - (quoted ? 1 : 0));
    if (start <= offset && offset <= end) return { text: parsed.text.slice(start, end), start, end };
  }
  // While the YAML is too broken to read the value: outside a flow collection, a comma between
  // digits belongs to the value.
  const { text } = parsed;
  let start = context.wordStart;
  let end = context.wordEnd;
  if (!context.inFlow) {
    const joins = (comma: number) => text[comma] === ',' && /\d/.test(text[comma - 1]) && /\d/.test(text[comma + 1]);
    while (start > 1 && joins(start - 1)) {
      start--;
      while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
    }
    while (end < text.length - 1 && joins(end)) {
      end++;
      while (end < text.length && WORD_CHAR.test(text[end])) end++;
    }
  }
  return { text: text.slice(start, end), start, end };
}
