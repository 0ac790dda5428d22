import type { TopologyModel } from '../model/model';
import { keyNodeAt, nodeAt, ParsedTopology, PathSegment, rangeOfOffsets } from '../yaml/parse';
import { LazyRuleItem } from '../yaml/lazyItems';
import type { SourceRange } from '../types';

// The outline: the file's sections with what each defines, so a long topology can be navigated
// by server, network, firewall and rule.

export type OutlineKind = 'section' | 'feature' | 'network' | 'server' | 'interface' | 'firewall' | 'rule';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  /** From the key to the end of its value. */
  range: SourceRange;
  /** The name itself, what an editor highlights. */
  selectionRange: SourceRange;
  children: OutlineSymbol[];
}

export function documentSymbols(parsed: ParsedTopology, model: TopologyModel): OutlineSymbol[] {
  const sections: OutlineSymbol[] = [];
  const section = (key: string, children: OutlineSymbol[], detail?: string): void => {
    const symbol = entry(parsed, [key], key, 'section', children, detail);
    if (symbol) sections.push(symbol);
  };
  section('topology', [], [model.name, model.product].filter(Boolean).join(' · '));
  /** A section listing what it defines, each entry with its detail and, for some, its own entries. */
  const listSection = <T extends { path: PathSegment[]; name: string }>(
    key: string,
    kind: OutlineKind,
    items: T[],
    detailOf: (item: T) => string,
    childrenOf: (item: T) => (OutlineSymbol | undefined)[] = () => [],
  ): void =>
    section(
      key,
      children(
        items.map((item) => entry(parsed, item.path, item.name, kind, children(childrenOf(item)), detailOf(item))),
      ),
    );
  listSection('features', 'feature', model.features, (feature) => (feature.enabled ? 'enabled' : 'disabled'));
  listSection('networks', 'network', model.networks, (network) => words(network.zone, ...network.subnets));
  listSection(
    'servers',
    'server',
    model.servers,
    (server) => words(server.role, server.pool),
    (server) =>
      server.interfaces.map((item) =>
        entry(
          parsed,
          item.path,
          item.name,
          'interface',
          [],
          words(item.ip, item.publicIp && `NAT ${item.publicIp}`, item.network),
        ),
      ),
  );
  listSection(
    'firewalls',
    'firewall',
    model.firewalls,
    (firewall) => firewall.between.join(' ↔ '),
    (firewall) =>
      firewall.rules.map((rule) =>
        ruleEntry(
          parsed,
          rule.path,
          rule.name ?? `rule ${rule.index + 1}`,
          `${rule.action} ${rule.serviceText}`.trim(),
        ),
      ),
  );
  return sections;
}

/** The parts that are there, space-separated. */
function words(...parts: (string | false | undefined | null)[]): string {
  return parts.filter(Boolean).join(' ');
}

function children(items: (OutlineSymbol | undefined)[]): OutlineSymbol[] {
  return items.filter((item): item is OutlineSymbol => item !== undefined);
}

/** A mapping entry: the range runs from its key to the end of its value. */
function entry(
  parsed: ParsedTopology,
  path: PathSegment[],
  name: string,
  kind: OutlineKind,
  kids: OutlineSymbol[],
  detail?: string,
): OutlineSymbol | undefined {
  const key = keyNodeAt(parsed.doc, path);
  if (!key?.range) return undefined;
  const value = nodeAt(parsed.doc, path);
  // A value reached through an alias lies elsewhere in the file; the entry then is just its key.
  const end = trimmedEnd(parsed, value?.range && value.range[0] >= key.range[0] ? value.range[1] : key.range[1]);
  return finish(parsed, {
    name,
    detail: detail || undefined,
    kind,
    range: rangeOfOffsets(parsed, key.range[0], end),
    selectionRange: rangeOfOffsets(parsed, key.range[0], key.range[1]),
    children: kids,
  });
}

/** A sequence item: the range is the item, the selection its `name` when it has one. */
function ruleEntry(
  parsed: ParsedTopology,
  path: PathSegment[],
  name: string,
  detail: string,
): OutlineSymbol | undefined {
  const item = nodeAt(parsed.doc, path);
  if (!item?.range) return undefined;
  const range = rangeOfOffsets(parsed, item.range[0], trimmedEnd(parsed, item.range[1]));
  // A lazy item (yaml/lazyItems.ts) knows its name's range without parsing its entries again.
  const at = item instanceof LazyRuleItem ? item.valueRange('name') : nodeAt(parsed.doc, [...path, 'name'])?.range;
  const selection = at ? rangeOfOffsets(parsed, at[0], at[1]) : range;
  return finish(parsed, { name, detail, kind: 'rule', range, selectionRange: selection, children: [] });
}

/** Block collections end after their last newline; a symbol ends with its last character. */
function trimmedEnd(parsed: ParsedTopology, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(parsed.text[at - 1])) at--;
  return at;
}

/** Editors reject a selection outside its range, or a child outside its parent: widen to fit. */
function finish(parsed: ParsedTopology, symbol: OutlineSymbol): OutlineSymbol {
  const spans = [symbol.range, symbol.selectionRange, ...symbol.children.map((child) => child.range)];
  const start = Math.min(...spans.map((span) => span.startOffset));
  const end = Math.max(...spans.map((span) => span.endOffset));
  if (start !== symbol.range.startOffset || end !== symbol.range.endOffset)
    symbol.range = rangeOfOffsets(parsed, start, end);
  return symbol;
}
