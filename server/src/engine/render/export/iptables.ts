import type { ExportedTopology } from './model';
import { chainNames, safeComment } from './safeText';
import type { PortRange } from '../../types';

// `lync-ports export --format iptables`: iptables-restore input (IPv4), one chain per firewall.

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

/**
 * A plain `--sport`/`--dport` after `-m multiport` is parsed as multiport's own option, and one
 * multiport match cannot take both directions, so iptables-restore rejects the line: the plain
 * matches, which belong to the `-p` protocol's match, go first.
 */
function portMatchOrder(sport: string, dport: string): string[] {
  const multiport = (match: string) => match.startsWith('-m multiport');
  return [sport, dport].sort((a, b) => Number(multiport(a)) - Number(multiport(b)));
}

const HEAD = `# iptables-restore input (IPv4) from lync-ports export: one chain per firewall, the rules in order,
# replies allowed by conntrack, the default last. Jump to a chain from FORWARD for the traffic that
# crosses that firewall, e.g. -A FORWARD -i <outside> -o <perimeter> -j <chain>. Load with
# iptables-restore --noflush. Where this router also does the NAT, FORWARD sees the private address a
# DNAT wrote: a rule that names only a public destination (a hairpin) needs the private one beside it.`;

export function renderIptables(topology: ExportedTopology): string {
  const chains = chainNames(topology.firewalls, 'LYNC-', 28, true);
  const out: string[] = [HEAD, '*filter', ...chains.map((chain) => `:${chain} - [0:0]`)];
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
      const commentText = safeComment(`${rule.catalogRows.join(' ')} ${rule.name}`, 240) || `rule ${rule.position}`;
      const comment = `-m comment --comment "${commentText}"`;
      const target = rule.action === 'allow' ? 'ACCEPT' : 'DROP';
      for (const transport of ['tcp', 'udp'] as const) {
        if (rule.ports[transport].length === 0) continue;
        const addresses = [
          rule.src.any ? '' : `-s ${rule.src.v4.join(',')}`,
          rule.dst.any ? '' : `-d ${rule.dst.v4.join(',')}`,
        ]
          .filter(Boolean)
          .join(' ');
        const full =
          rule.ports[transport].length === 1 &&
          rule.ports[transport][0].from === 1 &&
          rule.ports[transport][0].to === 65535;
        const destination = full ? [''] : iptablesPortMatches(rule.ports[transport], 'd');
        const source = rule.sourcePorts ? iptablesPortMatches(rule.sourcePorts, 's') : [''];
        for (const dport of destination) {
          for (const sport of source) {
            out.push(
              [`-A ${chain}`, `-p ${transport}`, addresses, ...portMatchOrder(sport, dport), comment, `-j ${target}`]
                .filter(Boolean)
                .join(' '),
            );
          }
        }
      }
    }
    out.push(
      `-A ${chain} -m comment --comment "default ${firewall.defaultAction}" -j ` +
        `${firewall.defaultAction === 'allow' ? 'ACCEPT' : 'DROP'}`,
    );
  });
  out.push('COMMIT');
  if (skippedV6 > 0) out.push(`# ${skippedV6} IPv6-only rule(s) left out: use --format nftables for IPv6.`);
  return out.join('\n') + '\n';
}
