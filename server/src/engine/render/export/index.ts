import ipaddr from 'ipaddr.js';
import { AddressSet, isAny } from '../../model/address';
import { findCatalogRow } from '../../catalog';
import type { CheckResult } from '../../index';
import type { RuleModel } from '../../model/model';
import { formatPorts } from '../../model/service';
import type { CatalogSource, PortRange, Transport } from '../../types';

// `lync-ports export`: each firewall's rules (as the file writes them, in order, with the catalog
// rows each one serves) as CSV, Markdown, PowerShell (New-NetFirewallRule), iptables-restore or
// nftables input. Every string that comes from the topology file is escaped for its format, or
// reduced to a safe character set where the format has no escaping (iptables and nftables
// comments, chain names): no topology file can inject a command, a formula or markup.
// Addresses and ports are never copied from the file: they are printed from the parsed model.

export const EXPORT_FORMATS = ['csv', 'markdown', 'powershell', 'iptables', 'nftables'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedRule {
  /** 1-based position in the firewall. */
  position: number;
  name: string;
  action: 'allow' | 'deny';
  /** The service as written (a label: protocols are documentation). */
  service: string;
  ports: Record<Transport, PortRange[]>;
  sourcePorts?: PortRange[];
  from: string[];
  to: string[];
  src: CidrSet;
  dst: CidrSet;
  /** Catalog rows whose required flows this rule lets through, e.g. ['X1']. */
  catalogRows: string[];
  /** False when the rule does not resolve (unknown name, bad port): it matches nothing and is not exported to firewalls. */
  complete: boolean;
}

export interface ExportedFirewall {
  name: string;
  between: string[];
  defaultAction: 'allow' | 'deny';
  rules: ExportedRule[];
}

export interface ExportedTopology {
  name?: string;
  product: string;
  firewalls: ExportedFirewall[];
}

/** Addresses as CIDR blocks, per family; `any` when the set is every address. */
export interface CidrSet {
  any: boolean;
  v4: string[];
  v6: string[];
}

// ---- the rule sets, from a check result ----

export function exportedTopology(result: Pick<CheckResult, 'model' | 'analysis'>): ExportedTopology {
  const { model, analysis } = result;
  return {
    name: model.name,
    product: model.product,
    firewalls: model.firewalls.map((firewall) => ({
      name: firewall.name,
      between: firewall.between,
      defaultAction: firewall.defaultAction,
      rules: firewall.rules.map((rule) => ({
        position: rule.index + 1,
        name: rule.name ?? `rule ${rule.index + 1}`,
        action: rule.action,
        service: rule.serviceText,
        ports: { tcp: rule.service.tcp, udp: rule.service.udp },
        sourcePorts: rule.sourcePorts,
        from: rule.from.map((ref) => ref.text),
        to: rule.to.map((ref) => ref.text),
        src: cidrs(rule.src),
        dst: cidrs(rule.dst),
        catalogRows: servedRows(rule, firewall.name, analysis),
        complete: rule.complete,
      })),
    })),
  };
}

function servedRows(rule: RuleModel, firewall: string, analysis: CheckResult['analysis']): string[] {
  const ids = new Set<string>();
  for (const evaluation of analysis.evaluations) {
    if (evaluation.firewall.name === firewall && evaluation.servingRules.includes(rule)) ids.add(evaluation.flow.row.id);
  }
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

const V4_BASE = 0xffffn << 32n;
const V4_END = V4_BASE + 0xffffffffn;
const MAX = (1n << 128n) - 1n;

/** Splits an address set into the fewest CIDR blocks, IPv4 (the ::ffff:0:0/96 part) and IPv6. */
export function cidrs(set: AddressSet): CidrSet {
  if (isAny(set)) return { any: true, v4: [], v6: [] };
  const out: CidrSet = { any: false, v4: [], v6: [] };
  for (const [lo, hi] of set.intervals) {
    // The IPv4-mapped part, then what lies below and above it.
    const pieces: [bigint, bigint, 'v4' | 'v6'][] = [];
    if (lo < V4_BASE) pieces.push([lo, hi < V4_BASE ? hi : V4_BASE - 1n, 'v6']);
    if (hi >= V4_BASE && lo <= V4_END) pieces.push([lo > V4_BASE ? lo : V4_BASE, hi < V4_END ? hi : V4_END, 'v4']);
    if (hi > V4_END) pieces.push([lo > V4_END ? lo : V4_END + 1n, hi, 'v6']);
    for (const [from, to, family] of pieces) {
      for (const [start, bits] of blocks(from, to)) {
        if (family === 'v4') out.v4.push(`${formatV4(start - V4_BASE)}/${32 - bits}`);
        else out.v6.push(`${formatV6(start)}/${128 - bits}`);
      }
    }
  }
  return out;
}

/** The largest aligned power-of-two blocks covering [from, to]: [start, host bits]. */
function blocks(from: bigint, to: bigint): [bigint, number][] {
  const out: [bigint, number][] = [];
  let start = from;
  while (start <= to) {
    let bits = 0;
    while (bits < 128) {
      const size = 1n << BigInt(bits + 1);
      if ((start & (size - 1n)) !== 0n || start + size - 1n > to) break;
      bits++;
    }
    out.push([start, bits]);
    const next = start + (1n << BigInt(bits));
    if (next > MAX) break;
    start = next;
  }
  return out;
}

function formatV4(value: bigint): string {
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function formatV6(value: bigint): string {
  const bytes: number[] = [];
  for (let k = 15; k >= 0; k--) bytes.push(Number((value >> BigInt(k * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** "1.2.3.4/32" → "1.2.3.4" (and /128 for IPv6), for formats where a bare address reads better. */
function bare(cidr: string): string {
  return cidr.includes(':') ? cidr.replace(/\/128$/, '') : cidr.replace(/\/32$/, '');
}

// ---- text safety ----

/** Control characters (newlines, tabs, escapes, bidi overrides) become spaces in every format. */
export function flatten(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** RFC 4180 field, always quoted; a leading = + - @ is defused for spreadsheets (CSV/formula injection). */
export function csvField(value: string): string {
  let text = flatten(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * Markdown table cell text: HTML entities for & < >, a backslash before every character that can
 * start markup inside a cell (emphasis, code, links, images, tables, strikethrough, math, mentions),
 * and autolinks (http://, www.) broken.
 */
export function markdownText(value: string): string {
  return flatten(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()|~!$@#^=+])/g, '\\$1')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

/** A PowerShell verbatim (single-quoted) string: only quote characters are special, and they are doubled. */
export function powershellString(value: string): string {
  // PowerShell treats ' and the typographic single quotes U+2018-U+201B alike.
  return `'${flatten(value).replace(/['\u2018\u2019\u201a\u201b]/g, (quote) => quote + quote)}'`;
}

/** Text for iptables and nftables comments, which have no escaping: a safe character set only. */
export function safeComment(value: string, max: number): string {
  const text = flatten(value)
    .replace(/[^A-Za-z0-9 ._:/,()+#=@-]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max) : text;
}

/** An identifier from a firewall name: letters, digits and _ only, never empty, unique among `taken`. */
function identifier(name: string, prefix: string, max: number, taken: Set<string>, upper: boolean): string {
  let base = `${prefix}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  if (upper) base = base.toUpperCase();
  base = base.slice(0, max);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, max - String(n).length - 1)}_${n}`;
  taken.add(candidate);
  return candidate;
}

// ---- the formats ----

export function renderExport(result: Pick<CheckResult, 'model' | 'analysis'>, format: ExportFormat): string {
  const topology = exportedTopology(result);
  switch (format) {
    case 'csv':
      return renderCsv(topology);
    case 'markdown':
      return renderMarkdown(topology);
    case 'powershell':
      return renderPowerShell(topology);
    case 'iptables':
      return renderIptables(topology);
    case 'nftables':
      return renderNftables(topology);
  }
}

function portText(rule: ExportedRule): string {
  return (['tcp', 'udp'] as const)
    .filter((transport) => rule.ports[transport].length > 0)
    .map((transport) => `${transport.toUpperCase()} ${formatPorts(rule.ports[transport])}`)
    .join('; ');
}

function addressText(set: CidrSet): string {
  return set.any ? 'any' : [...set.v4, ...set.v6].map(bare).join(' ');
}

function renderCsv(topology: ExportedTopology): string {
  const header = ['firewall', 'position', 'name', 'action', 'service', 'ports', 'source_ports', 'from', 'to', 'source_addresses', 'destination_addresses', 'catalog_rows', 'resolved'];
  const lines = [header.join(',')];
  for (const firewall of topology.firewalls) {
    for (const rule of firewall.rules) {
      lines.push(
        [firewall.name, String(rule.position), rule.name, rule.action, rule.service, portText(rule), rule.sourcePorts ? formatPorts(rule.sourcePorts) : '', rule.from.join(' '), rule.to.join(' '), addressText(rule.src), addressText(rule.dst), rule.catalogRows.join(' '), rule.complete ? 'yes' : 'no']
          .map(csvField)
          .join(','),
      );
    }
    lines.push([firewall.name, 'default', '(default)', firewall.defaultAction, 'any', 'any', '', 'any', 'any', 'any', 'any', '', 'yes'].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

function rowLink(id: string): string {
  const source: CatalogSource | undefined = findCatalogRow(id)?.sources[0];
  return source ? `[${id}](${source.url})` : id;
}

function renderMarkdown(topology: ExportedTopology): string {
  const out: string[] = [`# Firewall rules${topology.name ? `: ${markdownText(topology.name)}` : ''}`, '', `Product: ${markdownText(topology.product)}. Rules are evaluated in order; the first match wins. Firewalls are stateful: a rule allows connections that start at *From*, and their replies.`, ''];
  for (const firewall of topology.firewalls) {
    out.push(`## ${markdownText(firewall.name)} (${firewall.between.map(markdownText).join(' ↔ ')})`, '');
    out.push('| # | Name | Action | Service | Ports | From | To | Source addresses | Destination addresses | Catalog rows |');
    out.push('| ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const rule of firewall.rules) {
      const ports = portText(rule) + (rule.sourcePorts ? ` (source ${formatPorts(rule.sourcePorts)})` : '');
      out.push(
        `| ${rule.position} | ${markdownText(rule.name)}${rule.complete ? '' : ' (does not resolve)'} | ${rule.action} | ${markdownText(rule.service)} | ${markdownText(ports)} | ${markdownText(rule.from.join(', '))} | ${markdownText(rule.to.join(', '))} | ${markdownText(addressText(rule.src))} | ${markdownText(addressText(rule.dst))} | ${rule.catalogRows.map(rowLink).join(', ')} |`,
      );
    }
    out.push(`| | (default) | ${firewall.defaultAction} | any | | any | any | | | |`, '');
  }
  const rows = [...new Set(topology.firewalls.flatMap((firewall) => firewall.rules.flatMap((rule) => rule.catalogRows)))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (rows.length > 0) {
    out.push('## Catalog rows', '');
    for (const id of rows) {
      const row = findCatalogRow(id);
      if (!row) continue;
      out.push(`- **${id}** \`${row.service}\` (${row.feature}): ${markdownText(row.ruleName)}. ${row.sources.map((source) => `[${markdownText(source.title)}](${source.url})`).join('; ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

function renderPowerShell(topology: ExportedTopology): string {
  const out: string[] = [
    '# Windows Firewall rules (New-NetFirewallRule), one per rule and transport: connections from the',
    "# rule's 'from' (RemoteAddress, RemotePort) to its 'to' (LocalAddress, LocalPort). Windows Firewall applies",
    '# block rules before allow rules, whatever their order: check the order-dependent rules by hand.',
    '# Every value is a single-quoted (verbatim) string. Generated by lync-ports export.',
    '#Requires -Modules NetSecurity',
    "$ErrorActionPreference = 'Stop'",
    '',
  ];
  for (const firewall of topology.firewalls) {
    out.push(`# Firewall ${safeComment(firewall.name, 60)}: default ${firewall.defaultAction}`);
    for (const rule of firewall.rules) {
      if (!rule.complete) {
        out.push(`# rule ${rule.position} does not resolve and is not exported`);
        continue;
      }
      for (const transport of ['tcp', 'udp'] as const) {
        if (rule.ports[transport].length === 0) continue;
        const list = (values: string[]) => (values.length === 1 ? powershellString(values[0]) : `@(${values.map(powershellString).join(', ')})`);
        const parameters: string[] = [
          `-DisplayName ${powershellString(`${firewall.name}: ${rule.name}${transport === 'udp' && rule.ports.tcp.length > 0 ? ' (UDP)' : ''}`)}`,
          `-Group ${powershellString(`lync-ports ${firewall.name}`)}`,
          '-Direction Inbound',
          `-Action ${rule.action === 'allow' ? 'Allow' : 'Block'}`,
          `-Protocol ${transport.toUpperCase()}`,
          `-LocalPort ${list(rule.ports[transport].map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`)))}`,
        ];
        if (rule.sourcePorts) parameters.push(`-RemotePort ${list(rule.sourcePorts.map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`)))}`);
        parameters.push(`-RemoteAddress ${rule.src.any ? "'Any'" : list([...rule.src.v4, ...rule.src.v6])}`);
        parameters.push(`-LocalAddress ${rule.dst.any ? "'Any'" : list([...rule.dst.v4, ...rule.dst.v6])}`);
        parameters.push(`-Description ${powershellString(`${rule.service}; from ${rule.from.join(', ')} to ${rule.to.join(', ')}${rule.catalogRows.length > 0 ? `; catalog rows ${rule.catalogRows.join(', ')}` : ''}`)}`);
        out.push(`New-NetFirewallRule ${parameters.join(' ')} | Out-Null`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** --dport / --sport, or multiport with at most 15 entries per rule (a range counts twice). */
function iptablesPortMatches(ports: PortRange[], which: 'd' | 's'): string[] {
  const items = ports.map((range) => (range.from === range.to ? String(range.from) : `${range.from}:${range.to}`));
  if (items.length === 1) return [`--${which}port ${items[0]}`];
  const groups: string[][] = [];
  let current: string[] = [];
  let weight = 0;
  for (const item of items) {
    const cost = item.includes(':') ? 2 : 1;
    if (weight + cost > 15) {
      groups.push(current);
      current = [];
      weight = 0;
    }
    current.push(item);
    weight += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((group) => `-m multiport --${which}ports ${group.join(',')}`);
}

function renderIptables(topology: ExportedTopology): string {
  const taken = new Set<string>();
  const chains = topology.firewalls.map((firewall) => identifier(firewall.name, 'LYNC-', 28, taken, true));
  const out: string[] = [
    '# iptables-restore input (IPv4) from lync-ports export: one chain per firewall, the rules in order,',
    '# replies allowed by conntrack, the default last. Jump to a chain from FORWARD for the traffic that',
    '# crosses that firewall, e.g. -A FORWARD -i <outside> -o <perimeter> -j <chain>. Load with',
    '# iptables-restore --noflush.',
    '*filter',
    ...chains.map((chain) => `:${chain} - [0:0]`),
  ];
  let skippedV6 = 0;
  topology.firewalls.forEach((firewall, k) => {
    const chain = chains[k];
    out.push(`# firewall ${safeComment(firewall.name, 60)}`);
    out.push(`-A ${chain} -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT`);
    for (const rule of firewall.rules) {
      if (!rule.complete) {
        out.push(`# rule ${rule.position} does not resolve and is not exported`);
        continue;
      }
      if ((!rule.src.any && rule.src.v4.length === 0) || (!rule.dst.any && rule.dst.v4.length === 0)) {
        skippedV6++;
        out.push(`# rule ${rule.position} is IPv6 only (see the nftables export)`);
        continue;
      }
      const comment = `-m comment --comment "${safeComment(`${rule.catalogRows.join(' ')} ${rule.name}`, 240) || `rule ${rule.position}`}"`;
      const target = rule.action === 'allow' ? 'ACCEPT' : 'DROP';
      for (const transport of ['tcp', 'udp'] as const) {
        if (rule.ports[transport].length === 0) continue;
        const addresses = [rule.src.any ? '' : `-s ${rule.src.v4.join(',')}`, rule.dst.any ? '' : `-d ${rule.dst.v4.join(',')}`].filter(Boolean).join(' ');
        const full = rule.ports[transport].length === 1 && rule.ports[transport][0].from === 1 && rule.ports[transport][0].to === 65535;
        const destination = full ? [''] : iptablesPortMatches(rule.ports[transport], 'd');
        const source = rule.sourcePorts ? iptablesPortMatches(rule.sourcePorts, 's') : [''];
        for (const dport of destination) {
          for (const sport of source) {
            out.push([`-A ${chain}`, `-p ${transport}`, addresses, sport, dport, comment, `-j ${target}`].filter(Boolean).join(' '));
          }
        }
      }
    }
    out.push(`-A ${chain} -m comment --comment "default ${firewall.defaultAction}" -j ${firewall.defaultAction === 'allow' ? 'ACCEPT' : 'DROP'}`);
  });
  out.push('COMMIT');
  if (skippedV6 > 0) out.push(`# ${skippedV6} IPv6-only rule(s) left out: use --format nftables for IPv6.`);
  return out.join('\n') + '\n';
}

function nftSet(values: string[]): string {
  return values.length === 1 ? values[0] : `{ ${values.join(', ')} }`;
}

function nftPorts(ports: PortRange[]): string {
  return nftSet(ports.map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`)));
}

function renderNftables(topology: ExportedTopology): string {
  const taken = new Set<string>();
  const chains = topology.firewalls.map((firewall) => identifier(firewall.name, 'fw_', 60, taken, false));
  const out: string[] = [
    '#!/usr/sbin/nft -f',
    '# nftables input from lync-ports export: table inet lync_ports, one chain per firewall with the rules',
    '# in order, replies allowed by conntrack, the default last. Jump to a chain from your forward hook',
    '# for the traffic that crosses that firewall, e.g. iifname "outside" oifname "perimeter" jump <chain>.',
    'table inet lync_ports',
    'flush table inet lync_ports',
    'table inet lync_ports {',
  ];
  topology.firewalls.forEach((firewall, k) => {
    out.push(`  chain ${chains[k]} {`);
    out.push(`    # firewall ${safeComment(firewall.name, 60)}`);
    out.push('    ct state established,related accept');
    for (const rule of firewall.rules) {
      if (!rule.complete) {
        out.push(`    # rule ${rule.position} does not resolve and is not exported`);
        continue;
      }
      const comment = `comment "${safeComment(`${rule.catalogRows.join(' ')} ${rule.name}`, 120) || `rule ${rule.position}`}"`;
      const verdict = rule.action === 'allow' ? 'accept' : 'drop';
      // One line per address family the two sides have in common.
      const families: ('ip' | 'ip6' | '')[] = rule.src.any && rule.dst.any ? [''] : (['ip', 'ip6'] as const).filter((family) => {
        const key = family === 'ip' ? 'v4' : 'v6';
        return (rule.src.any || rule.src[key].length > 0) && (rule.dst.any || rule.dst[key].length > 0);
      });
      if (families.length === 0) out.push(`    # rule ${rule.position}: its source and destination share no address family`);
      for (const family of families) {
        const key = family === 'ip6' ? 'v6' : 'v4';
        const addresses = family === '' ? '' : [rule.src.any ? '' : `${family} saddr ${nftSet(rule.src[key])}`, rule.dst.any ? '' : `${family} daddr ${nftSet(rule.dst[key])}`].filter(Boolean).join(' ');
        for (const transport of ['tcp', 'udp'] as const) {
          if (rule.ports[transport].length === 0) continue;
          const full = rule.ports[transport].length === 1 && rule.ports[transport][0].from === 1 && rule.ports[transport][0].to === 65535;
          const match = [
            // Both sides any (but one family): match the family alone.
            family !== '' && addresses === '' ? `meta nfproto ${family === 'ip' ? 'ipv4' : 'ipv6'}` : '',
            addresses,
            rule.sourcePorts ? `${transport} sport ${nftPorts(rule.sourcePorts)}` : '',
            full ? `meta l4proto ${transport}` : `${transport} dport ${nftPorts(rule.ports[transport])}`,
          ];
          out.push(`    ${[...match, verdict, comment].filter(Boolean).join(' ')}`);
        }
      }
    }
    out.push(`    ${firewall.defaultAction === 'allow' ? 'accept' : 'drop'} comment "default ${firewall.defaultAction}"`);
    out.push('  }');
  });
  out.push('}');
  return out.join('\n') + '\n';
}
