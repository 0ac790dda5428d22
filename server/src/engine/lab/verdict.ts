import type { FirewallModel, RuleModel } from '../model/model';
import type { PortRange, Transport } from '../types';
import { holds } from './ipv4';

// One packet through one firewall, first match wins, as the nftables export orders it: what the
// lab expects of a probe that no required flow covers (a negative must be dropped by the file's
// own rules, or it is no negative).

export interface Packet {
  src: string;
  dst: string;
  transport: Transport;
  port: number;
  sourcePort: number;
}

export function inPorts(ranges: readonly PortRange[], port: number): boolean {
  return ranges.some((range) => range.from <= port && port <= range.to);
}

/** The rule that decides the packet (undefined: the default), and its action. */
export function packetVerdict(firewall: FirewallModel, packet: Packet): { action: 'allow' | 'deny'; rule?: RuleModel } {
  for (const rule of firewall.rules) {
    // A rule that does not resolve is not exported: it matches nothing.
    if (!rule.complete) continue;
    if (!inPorts(rule.service[packet.transport], packet.port)) continue;
    if (rule.sourcePorts && !inPorts(rule.sourcePorts, packet.sourcePort)) continue;
    if (holds(rule.src, packet.src) && holds(rule.dst, packet.dst)) return { action: rule.action, rule };
  }
  return { action: firewall.defaultAction };
}

/** True when every firewall on the way lets the packet's connection start. */
export function passesAll(firewalls: readonly FirewallModel[], packet: Packet): boolean {
  return firewalls.every((firewall) => packetVerdict(firewall, packet).action === 'allow');
}
