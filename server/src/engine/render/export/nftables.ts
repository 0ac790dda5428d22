import type { ExportedTopology } from './model';
import { chainNames, safeComment } from './safeText';
import type { PortRange } from '../../types';

// `lync-ports export --format nftables`: an inet table, one chain per firewall, IPv4 and IPv6.

function nftSet(values: string[]): string {
  return values.length === 1 ? values[0] : `{ ${values.join(', ')} }`;
}

function nftPorts(ports: PortRange[]): string {
  return nftSet(ports.map((range) => (range.from === range.to ? String(range.from) : `${range.from}-${range.to}`)));
}

const HEAD = `#!/usr/sbin/nft -f
# nftables input from lync-ports export: table inet lync_ports, one chain per firewall with the rules
# in order, replies allowed by conntrack, the default last. Jump to a chain from your forward hook
# for the traffic that crosses that firewall, e.g. iifname "outside" oifname "perimeter" jump <chain>.
# Where this router also does the NAT, call the chain from a prerouting hook before it (dstnat - 10):
# the rules name the addresses a packet arrives with, and a hairpin rule only the public one.`;

export function renderNftables(topology: ExportedTopology): string {
  const chains = chainNames(topology.firewalls, 'fw_', 60, false);
  const out: string[] = [HEAD, 'table inet lync_ports', 'flush table inet lync_ports', 'table inet lync_ports {'];
  topology.firewalls.forEach((firewall, k) => {
    out.push(`  chain ${chains[k]} {`);
    out.push(`    # firewall ${safeComment(firewall.name, 60)}`);
    out.push('    ct state established,related accept');
    for (const rule of firewall.rules) {
      if (!rule.complete) {
        out.push(`    # rule ${rule.position} does not resolve and is not exported`);
        continue;
      }
      const commentText = safeComment(`${rule.catalogRows.join(' ')} ${rule.name}`, 120) || `rule ${rule.position}`;
      const comment = `comment "${commentText}"`;
      const verdict = rule.action === 'allow' ? 'accept' : 'drop';
      // One line per address family the two sides have in common.
      const families: ('ip' | 'ip6' | '')[] =
        rule.src.any && rule.dst.any
          ? ['']
          : (['ip', 'ip6'] as const).filter((family) => {
              const key = family === 'ip' ? 'v4' : 'v6';
              return (rule.src.any || rule.src[key].length > 0) && (rule.dst.any || rule.dst[key].length > 0);
            });
      if (families.length === 0)
        out.push(`    # rule ${rule.position}: its source and destination share no address family`);
      for (const family of families) {
        const key = family === 'ip6' ? 'v6' : 'v4';
        const addresses =
          family === ''
            ? ''
            : [
                rule.src.any ? '' : `${family} saddr ${nftSet(rule.src[key])}`,
                rule.dst.any ? '' : `${family} daddr ${nftSet(rule.dst[key])}`,
              ]
                .filter(Boolean)
                .join(' ');
        for (const transport of ['tcp', 'udp'] as const) {
          if (rule.ports[transport].length === 0) continue;
          const full =
            rule.ports[transport].length === 1 &&
            rule.ports[transport][0].from === 1 &&
            rule.ports[transport][0].to === 65535;
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
    out.push(
      `    ${firewall.defaultAction === 'allow' ? 'accept' : 'drop'} comment "default ${firewall.defaultAction}"`,
    );
    out.push('  }');
  });
  out.push('}');
  return out.join('\n') + '\n';
}
