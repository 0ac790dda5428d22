import type { Node } from 'yaml';
import type { Analysis } from '../rules/rule';
import { catalogRowMarkdown } from '../catalog/describe';
import { formatAddressSet } from '../model/address';
import type { EndpointRef, RuleModel, ServiceTermModel, TopologyModel } from '../model/model';
import { nodeAt, positionAt, type ParsedTopology, type PathSegment } from '../yaml/parse';
import { LazyRuleItem } from '../yaml/lazyItems';
import type { CatalogRow, Position } from '../types';

// Inlay hints in a firewall's rules: after an endpoint that is a name, the addresses it resolves
// to; after a service, the catalog rows of the required flows the rule serves. The editor asks
// for a range (the lines on screen); hints outside it are left out.

export interface InlayHintEntry {
  position: Position;
  offset: number;
  label: string;
  kind: 'endpoint' | 'service';
  /** Markdown. */
  tooltip?: string;
}

// Literal addresses say what they are already; `any` is any.
const NAMED = new Set<EndpointRef['kind']>(['server', 'interface', 'pool', 'network', 'vip']);

export function inlayHints(
  result: { parsed: ParsedTopology; model: TopologyModel; analysis: Analysis },
  startOffset = 0,
  endOffset = Number.MAX_SAFE_INTEGER,
): InlayHintEntry[] {
  const { parsed, model, analysis } = result;
  const hints: InlayHintEntry[] = [];
  const at = (path: PathSegment[]): number | undefined => {
    const node = nodeAt(parsed.doc, path) as Node | undefined;
    if (!node?.range) return undefined;
    let end = node.range[1];
    while (end > node.range[0] && /\s/.test(parsed.text[end - 1])) end--;
    return end;
  };
  const push = (offset: number | undefined, hint: Omit<InlayHintEntry, 'position' | 'offset'>) => {
    if (offset === undefined || offset < startOffset || offset > endOffset) return;
    hints.push({ ...hint, offset, position: positionAt(parsed, offset) });
  };
  const served = new Map<RuleModel, CatalogRow[]>();
  for (const evaluation of analysis.evaluations) {
    for (const rule of evaluation.servingRules) {
      const rows = served.get(rule) ?? [];
      if (!rows.includes(evaluation.flow.row)) rows.push(evaluation.flow.row);
      served.set(rule, rows);
    }
  }
  for (const firewall of model.firewalls) {
    for (const rule of firewall.rules) {
      // A hint lies in its rule's lines (a lazy item holds no alias): one off screen is not read again.
      const item = nodeAt(parsed.doc, rule.path);
      if (item instanceof LazyRuleItem && !item.touches(startOffset, endOffset)) continue;
      for (const ref of [...rule.from, ...rule.to]) {
        if (!NAMED.has(ref.kind) || ref.addresses.intervals.length === 0) continue;
        push(at(ref.path), { label: formatAddressSet(ref.addresses), kind: 'endpoint' });
      }
      const rows = served.get(rule) ?? [];
      for (const term of rule.terms) {
        const mine = rows.filter((row) => serves(term, row));
        if (mine.length === 0) continue;
        push(at(term.form === 'rule' ? [...rule.path, 'port'] : term.path), {
          label: mine.map((row) => row.id).join(', '),
          kind: 'service',
          tooltip: mine.map(catalogRowMarkdown).join('\n\n---\n\n'),
        });
      }
    }
  }
  return hints.sort((a, b) => a.offset - b.offset);
}

/** The row's transport and a port of it in the term: in a list of services, the one that serves it. */
function serves(term: ServiceTermModel, row: CatalogRow): boolean {
  if (!term.transports.includes(row.transport)) return false;
  if (term.ports.length === 0) return true;
  return row.ports.some((wanted) => term.ports.some((port) => port.from <= wanted.to && wanted.from <= port.to));
}
