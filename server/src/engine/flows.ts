import { ANY, AddressSet, subtract, union } from './address';
import { findFeature } from './catalog';
import type { FirewallModel, NetworkModel, ServerModel, TopologyModel } from './model';
import { networkOf } from './model';
import { serviceOf, ServiceSet } from './service';
import type { CatalogRow, EndpointSelector, Zone } from './types';

// Required flows: catalog rows of the enabled features, bound to the servers of this topology,
// with the firewalls each crosses. The crossing comes from the networks' zones, not from the
// catalog's "external"/"internal" column, so a topology names its firewalls as it likes.

/** One concrete address that must be reachable: an interface or a server, with its NAT alternative. */
export interface FlowMember {
  /** Node id in the flow model: 'server.interface', 'server', or 'internet'. */
  nodeId: string;
  /** The endpoint text a rule would use for it. */
  endpoint: string;
  /** Any one of these sets fully allowed serves the member (private IP, or public NAT IP). */
  alternatives: AddressSet[];
}

export interface FlowSide {
  /** True for the catalog's "Any": some address must be allowed, not every one. */
  existential: boolean;
  members: FlowMember[];
  all: AddressSet;
  /** Endpoint texts for an inserted rule. */
  endpoints: string[];
  network?: NetworkModel;
  zone?: Zone;
}

export interface RequiredFlow {
  id: string;
  row: CatalogRow;
  src: FlowSide;
  dst: FlowSide;
  service: ServiceSet;
  /** Firewalls on the way, in order from source to destination. */
  firewalls: FirewallModel[];
}

export interface PlacementProblem {
  row: CatalogRow;
  feature: string;
  message: string;
  /** Where to report it: the networks or firewalls key. */
  anchor: 'networks' | 'firewalls';
}

export function enabledFeatures(model: TopologyModel): string[] {
  return model.features.filter((feature) => feature.enabled).map((feature) => feature.name);
}

export function requiredFlows(model: TopologyModel): { flows: RequiredFlow[]; problems: PlacementProblem[] } {
  const flows: RequiredFlow[] = [];
  const problems: PlacementProblem[] = [];
  for (const featureName of enabledFeatures(model)) {
    const feature = findFeature(featureName);
    if (!feature || feature.unsupported?.[model.product]) continue;
    for (const row of feature.rows) {
      if (!row.products.includes(model.product)) continue;
      const sources = sidesFor(model, row.source);
      const destinations = sidesFor(model, row.destination);
      for (const src of sources) {
        for (const dst of destinations) {
          const placed = placeFlow(model, row, src, dst);
          if ('problem' in placed) problems.push(placed.problem);
          else if (placed.flow) flows.push(placed.flow);
        }
      }
    }
  }
  // Ids stay stable while editing: the row id, plus a counter only when a row binds several times.
  const counts = new Map<string, number>();
  for (const flow of flows) counts.set(flow.row.id, (counts.get(flow.row.id) ?? 0) + 1);
  const seen = new Map<string, number>();
  for (const flow of flows) {
    const n = (seen.get(flow.row.id) ?? 0) + 1;
    seen.set(flow.row.id, n);
    flow.id = counts.get(flow.row.id)! > 1 ? `${flow.row.id}#${n}` : flow.row.id;
  }
  return { flows, problems: dedupeProblems(problems) };
}

function dedupeProblems(problems: PlacementProblem[]): PlacementProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = `${problem.anchor}|${problem.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Bind a catalog selector to this topology: one side per network the matching servers sit in. */
function sidesFor(model: TopologyModel, selector: EndpointSelector): FlowSide[] {
  if (selector.kind === 'any') {
    // "Any" on the far side of a firewall means any address out there: the topology's own
    // subnets on the near side do not count, or a rule for the opposite direction would pass.
    const near = model.networks.filter((network) => network.zone !== selector.zone).map((network) => network.addresses);
    const universe = subtract(ANY, union(...near));
    return [{ existential: true, members: [{ nodeId: 'internet', endpoint: 'any', alternatives: [universe] }], all: universe, endpoints: ['any'], zone: selector.zone }];
  }
  const servers = model.servers.filter(
    (server) => server.role === selector.role && (selector.kind !== 'servers' || !selector.service || server.services.includes(selector.service)),
  );
  const byNetwork = new Map<string, FlowMember[]>();
  for (const server of servers) {
    for (const member of membersOf(model, server, selector)) {
      const list = byNetwork.get(member.network) ?? [];
      list.push(member.member);
      byNetwork.set(member.network, list);
    }
  }
  return [...byNetwork.entries()].map(([networkName, members]) => ({
    existential: false,
    members,
    all: union(...members.flatMap((member) => member.alternatives)),
    endpoints: endpointsFor(model, servers, members, selector),
    network: networkOf(model, networkName),
    zone: networkOf(model, networkName)?.zone,
  }));
}

function membersOf(model: TopologyModel, server: ServerModel, selector: EndpointSelector): { network: string; member: FlowMember }[] {
  if (selector.kind === 'interface') {
    const item = server.interfaces.find((candidate) => candidate.name === selector.interface);
    if (!item || !networkOf(model, item.network) || item.addresses.intervals.length === 0) return [];
    return [{ network: item.network!, member: { nodeId: `${server.name}.${item.name}`, endpoint: `${server.name}.${item.name}`, alternatives: item.alternatives } }];
  }
  // An interface on an undefined network is reported as unknown-reference; it places no flow.
  const usable = server.interfaces.filter((item) => networkOf(model, item.network) && item.addresses.intervals.length > 0);
  const networks = [...new Set(usable.map((item) => item.network!))];
  return networks.map((network) => {
    const items = usable.filter((item) => item.network === network);
    return { network, member: { nodeId: server.name, endpoint: server.name, alternatives: [union(...items.map((item) => item.addresses))] } };
  });
}

/** A pool FQDN when the members are exactly a whole pool's servers (least text, least privilege). */
function endpointsFor(model: TopologyModel, servers: ServerModel[], members: FlowMember[], selector: EndpointSelector): string[] {
  if (selector.kind === 'servers') {
    const names = members.map((member) => member.endpoint);
    for (const [pool, poolMembers] of model.pools) {
      const poolServers = servers.filter((server) => poolMembers.includes(server.name));
      if (poolMembers.length > 1 && poolServers.length === poolMembers.length && poolMembers.every((name) => names.includes(name)) && names.length === poolMembers.length) {
        return [pool];
      }
    }
  }
  return members.map((member) => member.endpoint);
}

type Placement = { flow?: RequiredFlow } | { problem: PlacementProblem };

function placeFlow(model: TopologyModel, row: CatalogRow, src: FlowSide, dst: FlowSide): Placement {
  const service = serviceOf(row.transport, row.ports);
  const flow: RequiredFlow = { id: row.id, row, src, dst, service, firewalls: [] };
  const startNetworks = networksOfSide(model, src);
  const endNetworks = networksOfSide(model, dst);
  if (startNetworks.length === 0 || endNetworks.length === 0) {
    const zone = startNetworks.length === 0 ? src.zone : dst.zone;
    return {
      problem: {
        row,
        feature: row.feature,
        anchor: 'networks',
        message: `No network has zone '${zone}', so ${row.service} (${row.ruleName}) cannot be placed on a firewall. Add one, e.g. \`internet: { zone: external }\`.`,
      },
    };
  }
  if (startNetworks.some((network) => endNetworks.includes(network))) return { flow }; // same network: no firewall in the way
  const path = shortestFirewallPath(model, startNetworks, endNetworks);
  if (!path) {
    return {
      problem: {
        row,
        feature: row.feature,
        anchor: 'firewalls',
        message: `No firewall connects ${startNetworks.map((n) => n.name).join('/')} to ${endNetworks.map((n) => n.name).join('/')}, so ${row.service} (${row.ruleName}) cannot be checked. Add a firewall with \`between: [${startNetworks[0].name}, ${endNetworks[0].name}]\`.`,
      },
    };
  }
  flow.firewalls = path;
  return { flow };
}

function networksOfSide(model: TopologyModel, side: FlowSide): NetworkModel[] {
  if (side.network) return [side.network];
  return model.networks.filter((network) => network.zone === side.zone);
}

/** Breadth-first over networks joined by firewalls: the firewalls a packet crosses. */
function shortestFirewallPath(model: TopologyModel, from: NetworkModel[], to: NetworkModel[]): FirewallModel[] | undefined {
  const targets = new Set(to.map((network) => network.name));
  const previous = new Map<string, { network: string; firewall: FirewallModel } | null>();
  const queue: string[] = [];
  for (const network of from) {
    previous.set(network.name, null);
    queue.push(network.name);
  }
  while (queue.length > 0) {
    const current = queue.shift()!;
    if (targets.has(current)) {
      const path: FirewallModel[] = [];
      for (let step = previous.get(current); step; step = previous.get(step.network)) path.unshift(step.firewall);
      return path;
    }
    for (const firewall of model.firewalls) {
      if (firewall.between.length !== 2 || !firewall.between.includes(current)) continue;
      const next = firewall.between[0] === current ? firewall.between[1] : firewall.between[0];
      if (previous.has(next)) continue;
      previous.set(next, { network: current, firewall });
      queue.push(next);
    }
  }
  return undefined;
}
