import { allCatalogRows } from '.';
import { parseServiceText } from '../model/service';
import { PRODUCT_NAMES } from './products';
import type { CatalogRow, EndpointSelector, Product, ServerRole } from '../types';

// How completion and hover present a row of Microsoft's port tables: what it is for, from where
// to where, on which firewall, and the Microsoft page it comes from.

const ROLE_NAMES: Record<ServerRole, string> = {
  edge: 'Edge Server',
  frontEnd: 'Front End Server',
  director: 'Director',
  reverseProxy: 'reverse proxy',
  officeWebApps: 'Office Web Apps Server',
};

export function describeSelector(selector: EndpointSelector): string {
  switch (selector.kind) {
    case 'any':
      return selector.zone === 'external'
        ? 'any address on the Internet'
        : selector.zone === 'internal'
          ? 'any internal address'
          : 'any address in the perimeter network';
    case 'interface':
      return `the \`${selector.interface}\` interface of each ${ROLE_NAMES[selector.role] ?? selector.role}`;
    case 'servers': {
      const running = selector.service ? ` running \`${selector.service}\`` : '';
      const preferring = selector.prefer ? ` (those running \`${selector.prefer}\` when any does)` : '';
      return `each ${ROLE_NAMES[selector.role] ?? selector.role}${running}${preferring}`;
    }
    case 'nextHop':
      return (
        "the Edge pool's next hop (the Director pool and the Front End pool, else the Front End pool; " +
        '`edge.nextHop` names it)'
      );
  }
}

export function catalogRowMarkdown(row: CatalogRow): string {
  const pages = row.sources.map((source) => `[${source.title}](${source.url})`).join('  \n');
  const condition = conditionText(row);
  const balancer = loadBalancerText(row);
  return [
    `**${row.service}** · ${row.feature} · catalog row ${row.id}`,
    '',
    row.comment,
    '',
    '| | |',
    '| --- | --- |',
    `| Source | ${describeSelector(row.source)} |`,
    `| Destination | ${describeSelector(row.destination)} |`,
    `| Firewall | ${row.firewall} (${row.direction}) |`,
    ...(condition ? [`| Condition | ${cell(condition)} |`] : []),
    ...(row.portSetting
      ? [`| Port | ${row.ports.map(portText).join(', ')} by default; \`edge.ports.${row.portSetting}\` sets it |`]
      : []),
    ...(row.sourcePortsByPolicy
      ? [
          `| Source ports | ${row.sourcePortsByPolicy.map(portText).join(', ')} when ` +
            `\`edge.avFirewallPolicy\` is \`sourceAndDestination\` |`,
        ]
      : []),
    ...(balancer ? [`| Hardware load balancer | ${cell(balancer)} |`] : []),
    `| Products | ${row.products.map((product) => PRODUCT_NAMES[product]).join(', ')} |`,
    '',
    `Microsoft: ${pages}`,
  ].join('\n');
}

/** When the row applies: its condition, and for which products (the others need it always). */
export function conditionText(row: CatalogRow): string | undefined {
  const condition = row.condition;
  if (!condition) return undefined;
  const scoped = condition.products?.filter((product) => row.products.includes(product)) ?? [];
  const others = row.products.filter((product) => !scoped.includes(product));
  if (!condition.products || others.length === 0) return `only when ${condition.text}`;
  // The text may already name the products it is scoped to ("Lync Server 2013: ...").
  const names = (products: Product[]) => products.map((product) => PRODUCT_NAMES[product]).join(', ');
  const text = condition.text.startsWith(`${names(scoped)}: `)
    ? condition.text.slice(names(scoped).length + 2)
    : condition.text;
  return `${names(scoped)}: only when ${text}; ${names(others)}: always`;
}

/**
 * With an Edge pool behind hardware load balancers (`edge.loadBalancing: hardware`), where the
 * row's Edge end lands: the virtual IP, each server's own address, or both.
 */
export function loadBalancerText(row: CatalogRow): string | undefined {
  const edgeEnd = [row.source, row.destination].find(
    (selector) => selector.kind === 'interface' && selector.role === 'edge',
  );
  if (!edgeEnd || edgeEnd.kind !== 'interface') return undefined;
  const vip = `\`vip.${edgeEnd.interface}\``;
  // Skype for Business Server routes the internal side through its VIP only when the file says so (S-ENV).
  const sfbInternal =
    edgeEnd.interface === 'internal' && row.loadBalanced && row.products.some((product) => product !== 'lync2013')
      ? "; Skype for Business Server: only with `edge.internalVipRouting`, else each Edge Server's own address" +
        (row.loadBalanced === 'vip' ? ' or the VIP' : '')
      : '';
  if (row.perNode) return `each Edge Server's own \`${edgeEnd.interface}\` address, never the ${vip} VIP`;
  if (row.loadBalanced === 'vip') return `the ${vip} VIP${sfbInternal}`;
  if (row.loadBalanced === 'vipAndNodes')
    return `both: the ${vip} VIP and each Edge Server's own \`${edgeEnd.interface}\` address${sfbInternal}`;
  return `each Edge Server's own \`${edgeEnd.interface}\` address`;
}

function portText(range: { from: number; to: number }): string {
  return range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`;
}

/** Text safe inside a markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * Catalog rows a service text stands for: same transport and an overlapping port. Rows whose
 * label is written the same way come first, so `XMPP/TCP/5269` shows X1/X2 before anything else.
 */
export function catalogRowsForService(text: string): CatalogRow[] {
  const parsed = parseServiceText(text);
  if (!parsed.ok || parsed.term.portText === 'any') return [];
  const { transports, ports } = parsed.term;
  const normalized = text.replace(/\s+/g, '').toUpperCase();
  const matches = allCatalogRows().filter(
    (row) =>
      transports.includes(row.transport) &&
      row.ports.some((range) => ports.some((port) => port.from <= range.to && range.from <= port.to)),
  );
  const exact = (row: CatalogRow) => row.service.replace(/\s+/g, '').toUpperCase() === normalized;
  return [...matches.filter(exact), ...matches.filter((row) => !exact(row))];
}
