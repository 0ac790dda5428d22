import { Node, Pair, Scalar, YAMLMap } from 'yaml';
import { isMap, isScalar } from './nodeTypes';
import { keyNodeAt, nodeAt, type ParsedTopology } from './parse';
import type { TextEdit } from '../types';
import { brokenWithin, column, linesAt, nextLineStart, yamlScalar } from './edits';

// A new firewall in the `firewalls` map (created when absent), with its `between` and an empty
// `rules: []` for the missing rules to go into. Like every edit it touches only the lines it adds;
// a comment on the `firewalls:` line stays there.

export interface NewFirewall {
  name: string;
  between: [string, string];
}

/** Where a block node's text really ends: its range runs on to the start of the next line. */
function contentEnd(text: string, node: Node | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** The file's indentation step, read from the first block mapping nested in a top-level one. */
function indentStep(parsed: ParsedTopology, root: YAMLMap): number {
  for (const item of root.items) {
    const pair = item as Pair;
    const value = pair.value as Node | null;
    if (!isMap(value) || (value as YAMLMap).flow || !(pair.key as Node | null)?.range) continue;
    const child = ((value as YAMLMap).items[0] as Pair | undefined)?.key as Node | undefined;
    if (!child?.range) continue;
    const step = column(parsed, child.range[0]) - column(parsed, (pair.key as Node).range![0]);
    if (step > 0 && step <= 8) return step;
  }
  return 2;
}

function blockLines(firewall: NewFirewall, keyColumn: number, step: number): string {
  const pad = ' '.repeat(keyColumn);
  const inner = ' '.repeat(keyColumn + step);
  return (
    `${pad}${yamlScalar(firewall.name)}:\n` +
    `${inner}between: [${firewall.between.map(yamlScalar).join(', ')}]\n` +
    `${inner}rules: []\n`
  );
}

/** The end of the line holding `offset`, before its line break. */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return newline > 0 && text[newline - 1] === '\r' ? newline - 1 : newline;
}

/**
 * Adds the firewall. Undefined where the text around is not sure enough to write into: a parse
 * error anywhere (what the parser read is a guess), a flow-style document, or a `firewalls`
 * value that is not a mapping.
 */
export function addFirewallEdits(parsed: ParsedTopology, firewall: NewFirewall): TextEdit[] | undefined {
  const { text } = parsed;
  const root = parsed.doc.contents;
  if (parsed.doc.errors.length > 0 || !isMap(root) || (root as YAMLMap).flow || root.items.length === 0)
    return undefined;
  const step = indentStep(parsed, root as YAMLMap);
  const rootColumn = column(parsed, ((root.items[0] as Pair).key as Node).range![0]);
  const key = keyNodeAt(parsed.doc, ['firewalls']);
  const creates = 'firewalls';
  if (!key?.range) {
    const last = root.items[root.items.length - 1] as Pair;
    const end = contentEnd(text, last.value as Node | null) ?? contentEnd(text, last.key as Node)!;
    const offset = nextLineStart(text, end);
    const lines = `${' '.repeat(rootColumn)}firewalls:\n${blockLines(firewall, rootColumn + step, step)}`;
    return [{ startOffset: offset, endOffset: offset, newText: linesAt(text, offset, lines), creates }];
  }
  const map = nodeAt(parsed.doc, ['firewalls']);
  if (brokenWithin(parsed, map)) return undefined;
  const keyColumn = column(parsed, key.range[0]);
  const empty = !map || (isScalar(map) && (map as Scalar).value === null);
  if (empty || (isMap(map) && (map as YAMLMap).flow && (map as YAMLMap).items.length === 0)) {
    // After whatever ends the `firewalls:` line (a comment), the `{}` taken out.
    const at = lineEnd(text, key.range[1]);
    const body = blockLines(firewall, keyColumn + step, step).replace(/\n$/, '');
    const edits: TextEdit[] = [{ startOffset: at, endOffset: at, newText: `\n${body}`, creates }];
    // `{}`, `~` or `null` goes; a value of no width is where the parser stopped, not text.
    const written = map?.range && text.slice(map.range[0], map.range[1]).trim() !== '' ? map.range : undefined;
    if (written) {
      if (written[1] > at) return undefined;
      edits.unshift({ startOffset: written[0], endOffset: written[1], newText: '' });
    }
    return edits;
  }
  if (!isMap(map) || !map.range) return undefined;
  const node = map as YAMLMap;
  const entry = `firewalls.${firewall.name}`;
  if (node.flow) {
    const end = contentEnd(text, node);
    if (end === undefined || text[end - 1] !== '}') return undefined;
    let at = end - 1;
    while (at > 0 && /[ \t]/.test(text[at - 1])) at--;
    const between = firewall.between.map(yamlScalar).join(', ');
    const newText = `, ${yamlScalar(firewall.name)}: { between: [${between}], rules: [] }`;
    return [{ startOffset: at, endOffset: at, newText, creates: entry }];
  }
  const firstKey = (node.items[0] as Pair).key as Node;
  const last = node.items[node.items.length - 1] as Pair;
  const end = contentEnd(text, last.value as Node | null) ?? contentEnd(text, last.key as Node)!;
  const offset = nextLineStart(text, end);
  const lines = blockLines(firewall, column(parsed, firstKey.range![0]), step);
  return [{ startOffset: offset, endOffset: offset, newText: linesAt(text, offset, lines), creates: entry }];
}
