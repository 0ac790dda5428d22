import { isMap, isSeq, Node, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { lineStart, nextLineStart, replaceValueEdit } from '../edits';
import { keyNodeAt, nodeAt, ParsedTopology, PathSegment, positionAt } from '../parse';
import type { TextEdit } from '../types';

// Small edits for the settings sections (xmpp, dns, certificates): set a key of a mapping, append
// an item to a list. Like edits.ts they touch only the text they must.

function column(parsed: ParsedTopology, offset: number): number {
  return positionAt(parsed, offset).character;
}

/** Sets `key: valueText` in the mapping at `mapPath`: replaces the value when the key exists, else adds the key. */
export function setKeyEdit(parsed: ParsedTopology, mapPath: PathSegment[], key: string, valueText: string): TextEdit | undefined {
  if (keyNodeAt(parsed.doc, [...mapPath, key])) {
    const value = nodeAt(parsed.doc, [...mapPath, key]);
    if (value?.range) return replaceValueEdit(parsed, [...mapPath, key], valueText);
    const keyNode = keyNodeAt(parsed.doc, [...mapPath, key])!;
    const colon = parsed.text.indexOf(':', keyNode.range![1]);
    return colon < 0 ? undefined : { startOffset: colon + 1, endOffset: colon + 1, newText: ` ${valueText}` };
  }
  const map = nodeAt(parsed.doc, mapPath);
  if (!isMap(map) || !map.range) return undefined;
  const node = map as YAMLMap;
  if (node.flow) {
    const close = parsed.text.lastIndexOf('}', node.range![1]);
    if (close < 0) return undefined;
    return { startOffset: close, endOffset: close, newText: `${node.items.length > 0 ? ', ' : ' '}${key}: ${valueText} ` };
  }
  const first = node.items[0] as Pair | undefined;
  const firstKey = first?.key as Node | undefined;
  if (!firstKey?.range) return undefined;
  const last = node.items[node.items.length - 1] as Pair;
  const lastEnd = (last.value as Node | undefined)?.range?.[1] ?? (last.key as Node).range![1];
  const offset = nextLineStart(parsed.text, Math.max(lastEnd - 1, 0));
  const prefix = offset === parsed.text.length && !parsed.text.endsWith('\n') ? '\n' : '';
  return { startOffset: offset, endOffset: offset, newText: `${prefix}${' '.repeat(column(parsed, firstKey.range[0]))}${key}: ${valueText}\n` };
}

/** Appends items (flow-style texts) to the list at `mapPath.key`, creating `key: [...]` when absent. */
export function appendItemsEdit(parsed: ParsedTopology, mapPath: PathSegment[], key: string, items: string[]): TextEdit | undefined {
  const seq = nodeAt(parsed.doc, [...mapPath, key]);
  if (isSeq(seq) && seq.range) {
    const node = seq as YAMLSeq;
    if (node.flow) {
      const close = parsed.text.lastIndexOf(']', node.range![1]);
      if (close < 0) return undefined;
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
      const prefix = offset === parsed.text.length && !parsed.text.endsWith('\n') ? '\n' : '';
      return { startOffset: offset, endOffset: offset, newText: prefix + items.map((item) => `${indent}- ${item}\n`).join('') };
    }
  }
  return setKeyEdit(parsed, mapPath, key, `[${items.join(', ')}]`);
}
