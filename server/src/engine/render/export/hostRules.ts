import { type AddressSet, isAny, overlaps } from '../../model/address';
import type { EndpointRef, InterfaceModel, ServerModel, TopologyModel } from '../../model/model';
import type { ExportedRule, ExportedTopology } from './model';

// A host firewall sees a perimeter firewall's rule from one end: the Edge server is the
// destination (an inbound rule on it) or the source (outbound), and it knows only its own
// private addresses — the NAT address a perimeter rule names never reaches the host, and a
// load balancer VIP stands for the interface behind it.

export type Direction = 'Inbound' | 'Outbound';

export interface HostRule {
  firewall: string;
  rule: ExportedRule;
  direction: Direction;
  /** The host's own private addresses the rule reaches, as CIDR blocks. */
  local: string[];
}

export interface HostRules {
  server: ServerModel;
  rules: HostRule[];
  /** Rules from any to any: not a host rule (the Windows profile's default decides). */
  skipped: { firewall: string; rule: ExportedRule }[];
}

/** Each Edge server with the rules of every firewall that reach it, in file order. */
export function edgeHostRules(model: TopologyModel, topology: ExportedTopology): HostRules[] {
  return model.servers
    .filter((server) => server.role === 'edge')
    .map((server) => {
      const host: HostRules = { server, rules: [], skipped: [] };
      model.firewalls.forEach((firewall, f) => {
        firewall.rules.forEach((rule, r) => {
          const exported = topology.firewalls[f].rules[r];
          if (!rule.complete) return;
          if (isAny(rule.src) && isAny(rule.dst)) {
            host.skipped.push({ firewall: firewall.name, rule: exported });
            return;
          }
          const inbound = hostAddresses(server, rule.to, rule.dst);
          if (inbound)
            host.rules.push({ firewall: firewall.name, rule: exported, direction: 'Inbound', local: inbound });
          const outbound = hostAddresses(server, rule.from, rule.src);
          if (outbound)
            host.rules.push({ firewall: firewall.name, rule: exported, direction: 'Outbound', local: outbound });
        });
      });
      return host;
    });
}

/**
 * The host's private addresses one side of a rule names, or undefined when it names none. A side
 * that is any address names no host in particular: a rule from any to the Edge is inbound only.
 */
function hostAddresses(server: ServerModel, refs: readonly EndpointRef[], side: AddressSet): string[] | undefined {
  if (isAny(side)) return undefined;
  const reached = server.interfaces.filter(
    (item) =>
      item.ip !== undefined && (item.alternatives.some((address) => overlaps(address, side)) || namedByVip(item, refs)),
  );
  const addresses = [...new Set(reached.map((item) => privateCidr(item)))];
  return addresses.length > 0 ? addresses : undefined;
}

/** `vip.accessEdge` and the like: the load balancer forwards to this interface of each Edge in the pool. */
function namedByVip(item: InterfaceModel, refs: readonly EndpointRef[]): boolean {
  return refs.some((ref) => ref.kind === 'vip' && ref.target === item.name);
}

function privateCidr(item: InterfaceModel): string {
  const ip = item.ip as string;
  return ip.includes(':') ? `${ip}/128` : `${ip}/32`;
}
