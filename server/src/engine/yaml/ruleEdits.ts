import { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isScalar, isSeq } from './nodeTypes';
import { keyNodeAt, nodeAt, ParsedTopology, PathSegment } from './parse';
import type { TextEdit } from '../types';
import { brokenWithin, column, lineStart, linesAt, nextLineStart, yamlEndpoint, yamlScalar } from './edits';

// Edits of a firewall's rule list: insert, delete, move and swap rule items. Like every edit they
// touch only the lines they must, so comments, blank lines and quoting elsewhere stay as written.

/** Where a firewall lives in the document: the rule edits need nothing else of it. */
export interface RuleListOwner {
  path: readonly PathSegment[];
}

export interface NewRule {
  name: string;
  service: string;
  from: string[];
  to: string[];
  action?: 'allow' | 'deny';
}

/** Block-style rule lines, each starting with `indent` (the column of the `-`). */
export function blockRuleText(rule: NewRule, indent: string): string {
  const inner = `${indent}  `;
  const lines = [
    `${indent}- name: ${yamlScalar(rule.name)}`,
    `${inner}service: ${yamlScalar(rule.service)}`,
    `${inner}from: ${yamlEndpoint(rule.from)}`,
    `${inner}to: ${yamlEndpoint(rule.to)}`,
  ];
  if (rule.action === 'deny') lines.push(`${inner}action: deny`);
  return lines.map((line) => `${line}\n`).join('');
}

export function flowRuleText(rule: NewRule): string {
  const parts = [
    `name: ${yamlScalar(rule.name)}`,
    `service: ${yamlScalar(rule.service)}`,
    `from: ${yamlEndpoint(rule.from)}`,
    `to: ${yamlEndpoint(rule.to)}`,
  ];
  if (rule.action === 'deny') parts.push('action: deny');
  return `{ ${parts.join(', ')} }`;
}

/** Where a node's text really ends: block nodes' ranges run on to the start of the next line. */
function contentEnd(text: string, node: Node | null | undefined): number | undefined {
  if (!node?.range) return undefined;
  let end = node.range[1];
  while (end > node.range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

/** Where a new block item goes: the start of the line after the last item. */
function afterLastItem(parsed: ParsedTopology, seq: YAMLSeq): number {
  const last = seq.items[seq.items.length - 1] as Node;
  return nextLineStart(parsed.text, contentEnd(parsed.text, last) ?? seq.range![1]);
}

/**
 * Inserts rules into a firewall: before `beforeIndex` when given (so they precede a deny that
 * would stop them), else at the end of its rules. Handles block and flow style, an empty
 * `rules:` and a firewall that has no rules key yet.
 */
export function insertRulesEdit(
  parsed: ParsedTopology,
  firewall: RuleListOwner,
  rules: NewRule[],
  beforeIndex?: number,
  blockText: (indent: string) => string = (indent) => rules.map((rule) => blockRuleText(rule, indent)).join(''),
): TextEdit | undefined {
  const { text } = parsed;
  const firewallNode = nodeAt(parsed.doc, firewall.path);
  const rulesNode = nodeAt(parsed.doc, [...firewall.path, 'rules']);
  // Also the map of firewalls: with a name twice in it, the checker may have read the other one.
  if (brokenWithin(parsed, firewallNode) || brokenWithin(parsed, nodeAt(parsed.doc, firewall.path.slice(0, -1))))
    return undefined;
  const firewallIsFlow = isMap(firewallNode) && (firewallNode as YAMLMap).flow === true;
  if (isSeq(rulesNode) && rulesNode.range) {
    const seq = rulesNode as YAMLSeq;
    // An empty `[]` in a block firewall becomes a block list below; a flow list with items stays flow.
    if (seq.flow && (seq.items.length > 0 || firewallIsFlow)) {
      const items = rules.map(flowRuleText);
      if (beforeIndex !== undefined && seq.items[beforeIndex]) {
        const at = (seq.items[beforeIndex] as Node).range![0];
        return { startOffset: at, endOffset: at, newText: `${items.join(', ')}, ` };
      }
      const last = seq.items[seq.items.length - 1] as Node | undefined;
      if (last) {
        const at = contentEnd(text, last)!;
        return { startOffset: at, endOffset: at, newText: `, ${items.join(', ')}` };
      }
      const open = text.indexOf('[', seq.range![0]);
      return { startOffset: open + 1, endOffset: open + 1, newText: items.join(', ') };
    }
    if (seq.items.length > 0) {
      const dashColumn = column(parsed, seq.range![0]);
      const indent = ' '.repeat(dashColumn);
      const body = blockText(indent);
      if (beforeIndex !== undefined && seq.items[beforeIndex]) {
        // Above the rule's own comment lines too: they describe that rule, not the new one.
        const at =
          ruleItemSpan(parsed, [...firewall.path, 'rules', beforeIndex])?.start ??
          lineStart(text, (seq.items[beforeIndex] as Node).range![0]);
        return { startOffset: at, endOffset: at, newText: body };
      }
      const offset = afterLastItem(parsed, seq);
      return { startOffset: offset, endOffset: offset, newText: linesAt(text, offset, body) };
    }
  }
  const rulesKey = keyNodeAt(parsed.doc, [...firewall.path, 'rules']);
  if (rulesKey?.range && isMap(firewallNode) && !(firewallNode as YAMLMap).flow) {
    // `rules:` with nothing, `rules: []` or `rules: ~`: replace the value with a block list.
    const keyColumn = column(parsed, rulesKey.range[0]);
    const indent = ' '.repeat(keyColumn + 2);
    const pair = (firewallNode as YAMLMap).items.find((item) => (item as Pair).key === rulesKey) as Pair | undefined;
    const valueNode = pair?.value as Node | null | undefined;
    // Anything else there (a rule written without its `-`, a string) is the user's text to sort
    // out: replacing it would delete it.
    const empty =
      !valueNode ||
      (isScalar(valueNode) && (valueNode as Scalar).value === null) ||
      (isSeq(valueNode) && (valueNode as YAMLSeq).items.length === 0);
    if (!empty) return undefined;
    const start = rulesKey.range[1];
    const colon = text.indexOf(':', start);
    const from = colon >= 0 ? colon + 1 : start;
    const end = valueNode?.range ? valueNode.range[1] : from;
    const body = blockText(indent);
    const tail = text.slice(end, nextLineStart(text, end));
    const keepsNewline = tail.endsWith('\n');
    return {
      startOffset: from,
      endOffset: keepsNewline ? nextLineStart(text, end) : end,
      newText: `\n${keepsNewline ? body : body.replace(/\n$/, '')}`,
    };
  }
  if (isMap(firewallNode) && firewallNode.range) {
    const map = firewallNode as YAMLMap;
    if (map.flow) {
      const lastPair = map.items[map.items.length - 1] as Pair | undefined;
      const end =
        contentEnd(text, lastPair?.value as Node | undefined) ?? contentEnd(text, lastPair?.key as Node | undefined);
      const list = `rules: [${rules.map(flowRuleText).join(', ')}]`;
      const creates = [...firewall.path, 'rules'].join('.');
      if (end !== undefined) return { startOffset: end, endOffset: end, newText: `, ${list}`, creates };
      const open = text.indexOf('{', map.range![0]);
      return { startOffset: open + 1, endOffset: open + 1, newText: ` ${list} `, creates };
    }
    const firstKey = (map.items[0] as Pair | undefined)?.key as Node | undefined;
    const keyColumn = firstKey?.range ? column(parsed, firstKey.range[0]) : column(parsed, map.range![0]);
    const lastPair = map.items[map.items.length - 1] as Pair | undefined;
    const lastEnd =
      contentEnd(text, lastPair?.value as Node | undefined) ??
      contentEnd(text, lastPair?.key as Node | undefined) ??
      map.range![1];
    const offset = nextLineStart(text, lastEnd);
    const body = blockText(' '.repeat(keyColumn + 2));
    return {
      startOffset: offset,
      endOffset: offset,
      newText: linesAt(text, offset, `${' '.repeat(keyColumn)}rules:\n${body}`),
      creates: [...firewall.path, 'rules'].join('.'),
    };
  }
  return undefined;
}

/** Swaps the texts of a rule's `from` and `to` values. */
export function swapEndpointsEdits(parsed: ParsedTopology, rulePath: PathSegment[]): TextEdit[] | undefined {
  const from = nodeAt(parsed.doc, [...rulePath, 'from']);
  const to = nodeAt(parsed.doc, [...rulePath, 'to']);
  if (!from?.range || !to?.range) return undefined;
  const fromText = parsed.text.slice(from.range[0], from.range[1]);
  const toText = parsed.text.slice(to.range[0], to.range[1]);
  return [
    { startOffset: from.range[0], endOffset: from.range[1], newText: toText },
    { startOffset: to.range[0], endOffset: to.range[1], newText: fromText },
  ];
}

/** The whole lines of a block rule item, from its `-` to its last line (with comments inside it). */
export function ruleItemSpan(
  parsed: ParsedTopology,
  rulePath: PathSegment[],
): { start: number; end: number; dashColumn: number } | undefined {
  const seq = nodeAt(parsed.doc, rulePath.slice(0, -1));
  const item = nodeAt(parsed.doc, rulePath);
  if (!isSeq(seq) || (seq as YAMLSeq).flow || !item?.range) return undefined;
  const itemLine = lineStart(parsed.text, item.range[0]);
  const dash = parsed.text.lastIndexOf('-', item.range[0]);
  if (dash < itemLine) return undefined;
  // Comment lines right above the `-` describe the rule; they travel and go with it.
  let start = itemLine;
  while (start > 0) {
    const previous = lineStart(parsed.text, start - 1);
    const line = parsed.text.slice(previous, start - 1);
    if (!line.trim().startsWith('#') || line.length - line.trimStart().length !== dash - itemLine) break;
    start = previous;
  }
  return { start, end: nextLineStart(parsed.text, contentEnd(parsed.text, item)!), dashColumn: dash - itemLine };
}

export function deleteRuleEdit(parsed: ParsedTopology, rulePath: PathSegment[]): TextEdit | undefined {
  const span = ruleItemSpan(parsed, rulePath);
  if (!span) return undefined;
  const seq = nodeAt(parsed.doc, rulePath.slice(0, -1)) as YAMLSeq;
  const { text } = parsed;
  // The file's last line without a line break: the break before the rule goes with it, so the
  // file still ends without one.
  const lastLine = span.end === text.length && !text.endsWith('\n');
  if (seq.items.length === 1) {
    // Removing the only item would leave `rules:` null; leave an explicit empty list instead.
    const key = keyNodeAt(parsed.doc, rulePath.slice(0, -1));
    if (!key?.range) return undefined;
    const colon = text.indexOf(':', key.range[1]);
    return { startOffset: colon + 1, endOffset: span.end, newText: lastLine ? ' []' : ' []\n' };
  }
  if (lastLine && span.start > 0) {
    const start = span.start - (text[span.start - 2] === '\r' ? 2 : 1);
    return { startOffset: start, endOffset: span.end, newText: '' };
  }
  return { startOffset: span.start, endOffset: span.end, newText: '' };
}

/** The rule's own lines re-indented for another firewall, keeping its comments. */
export function reindentedRuleText(
  parsed: ParsedTopology,
  rulePath: PathSegment[],
  targetDashColumn: number,
): string | undefined {
  const span = ruleItemSpan(parsed, rulePath);
  if (!span) return undefined;
  const delta = targetDashColumn - span.dashColumn;
  const lines = parsed.text.slice(span.start, span.end).replace(/\n$/, '').split('\n');
  return (
    lines
      .map((line) =>
        line.trim() === ''
          ? ''
          : delta >= 0
            ? ' '.repeat(delta) + line
            : line.slice(Math.min(-delta, line.length - line.trimStart().length)),
      )
      .join('\n') + '\n'
  );
}

/** The dash column the firewall's rules use, or the one a new `rules:` list would use. */
export function dashColumnOf(parsed: ParsedTopology, firewall: RuleListOwner): number | undefined {
  const rulesNode = nodeAt(parsed.doc, [...firewall.path, 'rules']);
  if (isSeq(rulesNode) && !(rulesNode as YAMLSeq).flow && (rulesNode as YAMLSeq).items.length > 0 && rulesNode.range) {
    return column(parsed, rulesNode.range[0]);
  }
  return undefined;
}
