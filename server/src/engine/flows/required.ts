import { ANY, type AddressSet, isSubset, subtract, union } from '../model/address';
import { EDGE_EXTERNAL_INTERFACES, VipModel } from '../model/settings';
import { firewallsOnTheWay, type PlacementProblem } from './crossing';
import type { ServerModel, TopologyModel } from '../model/model';
import { networkOf } from '../model/model';
import { resolveEndpoint } from '../model/endpoints';
import { formatPorts, serviceOf } from '../model/service';
import type { CatalogRow, EndpointSelector } from '../types';
import { onFederationRoute } from './federationRoute';
import type { FlowMember, FlowSide, RequiredFlow } from './requiredFlow';
import { requiredRows } from './rows';
import { flowSourcePorts } from './sourcePorts';

export type { FlowMember, FlowSide, PlacementProblem, RequiredFlow };

// Required flows: catalog rows of the enabled features, bound to the servers of this topology,
// with the firewalls each crosses (crossing.ts).
//
// The Edge settings shape the binding: rows that apply only under a setting (OCS 2007 federation,
// Centralized Logging, HTTP publishing, the A/V firewall policy), ports that are settings (one
// external IP: 5061/444/443), and a hardware load balancer's VIPs (`loadBalanced` rows land on
// the VIP, per-node rows on each Edge server's own address).

export function requiredFlows(model: TopologyModel): { flows: RequiredFlow[]; problems: PlacementProblem[] } {
  const flows: RequiredFlow[] = [];
  const problems: PlacementProblem[] = [];
  const signatures = new Set<string>();
  for (const row of requiredRows(model)) {
    const sources = sidesFor(model, row.source, row, 'source');
    const destinations = sidesFor(model, row.destination, row, 'destination');
    for (const src of sources) {
      for (const dst of destinations) {
        const placed = placeFlow(model, row, src, dst);
        if ('problem' in placed) {
          problems.push(placed.problem);
          continue;
        }
        if (!placed.flow) continue;
        // Two rows that ask for the very same connection (SIP federation and public IM
        // connectivity, the Edge SIP to a Director next hop) are one flow.
        const signature = flowSignature(placed.flow);
        if (signatures.has(signature)) continue;
        signatures.add(signature);
        flows.push(placed.flow);
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

function flowSignature(flow: RequiredFlow): string {
  const side = (s: FlowSide) =>
    `${
      s.existential
        ? `any:${s.zone}`
        : s.members
            .map((m) => m.nodeId)
            .sort()
            .join(',')
    }`;
  const sourcePorts = flow.sourcePorts ? formatPorts(flow.sourcePorts) : '*';
  return `${flow.row.transport}/${formatPorts(flow.row.ports)}/${sourcePorts}|${side(flow.src)}>${side(flow.dst)}`;
}

function dedupeProblems(problems: PlacementProblem[]): PlacementProblem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const where = problem.reason === 'noZone' ? problem.zone : `${problem.from.join('/')}>${problem.to.join('/')}`;
    const key = `${problem.reason}|${problem.row.service}|${problem.row.ruleName}|${where}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---- binding selectors to the topology ----

/**
 * The servers an Edge pool's next hop names: `edge.nextHop` (a pool FQDN or server), else the Directors, else the Front
 * Ends.
 */
export function nextHopServers(model: TopologyModel): ServerModel[] {
  const named = model.settings.edge.nextHop;
  if (named) {
    const members = model.pools.get(named);
    if (members) return model.servers.filter((server) => members.includes(server.name));
    const server = model.servers.find((candidate) => candidate.name === named);
    if (server) return [server];
  }
  const directors = model.servers.filter((server) => server.role === 'director');
  return directors.length > 0 ? directors : model.servers.filter((server) => server.role === 'frontEnd');
}

/**
 * The groups of servers the Edge's SIP 5061 (I02/I03) connects with, one required flow each: the next hop, and with a
 * Director next hop the Front Ends too. "There must be SIP communication from the Edge Server internal interface to the
 * Director and to the Front End pool" (L-DIR1, L-DIRHLB): after the Director the Edge talks to the user's pool. A next
 * hop that is a Front End pool is the whole group.
 */
export function nextHopGroups(model: TopologyModel): ServerModel[][] {
  const hop = nextHopServers(model);
  if (!hop.some((server) => server.role === 'director')) return [hop];
  const frontEnds = model.servers.filter((server) => server.role === 'frontEnd' && !hop.includes(server));
  return frontEnds.length > 0 ? [hop, frontEnds] : [hop];
}

/**
 * Whether the Edge internal side goes through the internal VIP: always on Lync Server 2013 (L-HLB); on Skype for
 * Business Server only with `edge.internalVipRouting`, as "otherwise, you should be able to depend on Central
 * Management store (CMS) to route traffic to the individual Edge Server" (S-ENV).
 */
export function internalVipRouted(model: TopologyModel): boolean {
  return model.product === 'lync2013' || model.settings.edge.internalVipRouting;
}

function serversFor(
  model: TopologyModel,
  selector: Exclude<EndpointSelector, { kind: 'any' }>,
  row: CatalogRow,
): ServerModel[] {
  if (selector.kind === 'nextHop') return nextHopServers(model);
  const ofRole = onFederationRoute(
    model,
    row,
    model.servers.filter((server) => server.role === selector.role),
  );
  if (selector.kind === 'servers') {
    if (selector.service) return ofRole.filter((server) => server.services.includes(selector.service!));
    if (selector.prefer) {
      const preferred = ofRole.filter((server) => server.services.includes(selector.prefer!));
      if (preferred.length > 0) return preferred;
    }
  }
  return ofRole;
}

/**
 * The Edge interface a row names, on this topology: with one external IP, a missing webConferencingEdge/avEdge is the
 * accessEdge.
 */
export function edgeInterfaceOf(
  server: ServerModel,
  name: string,
  model: TopologyModel,
): ServerModel['interfaces'][number] | undefined {
  const found = server.interfaces.find((candidate) => candidate.name === name);
  if (found) return found;
  if (model.settings.edge.externalIps === 'one' && (EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(name)) {
    return server.interfaces.find((candidate) => candidate.name === 'accessEdge');
  }
  return undefined;
}

/** The VIP a row's Edge interface lands on with a hardware load balancer (one external IP: the accessEdge VIP). */
export function vipFor(model: TopologyModel, interfaceName: string): VipModel | undefined {
  const edge = model.settings.edge;
  const vip = edge.vips.find((candidate) => candidate.name === interfaceName);
  if (vip || edge.externalIps !== 'one' || interfaceName === 'internal') return vip;
  return edge.vips.find((candidate) => candidate.name === 'accessEdge');
}

interface BoundMember {
  network: string;
  member: FlowMember;
}

/** Bind a catalog selector to this topology: one side per network the matching servers sit in. */
function sidesFor(
  model: TopologyModel,
  selector: EndpointSelector,
  row: CatalogRow,
  end: 'source' | 'destination',
): FlowSide[] {
  if (selector.kind === 'any') return [anySide(model, selector)];
  const groups = selector.kind === 'nextHop' ? nextHopGroups(model) : [serversFor(model, selector, row)];
  return groups.flatMap((servers) => sidesOfGroup(model, selector, servers, row, end));
}

function anySide(model: TopologyModel, selector: Extract<EndpointSelector, { kind: 'any' }>): FlowSide {
  // "Any" on the far side of a firewall means any address out there: the topology's own
  // subnets on the near side do not count, or a rule for the opposite direction would pass.
  // When every network of the zone lists its subnets (internal clients), it is those subnets.
  // The near side also holds the public (NAT) addresses of its interfaces and its load balancer VIPs.
  const own = model.networks.filter((network) => network.zone === selector.zone);
  const nearNames = new Set(
    model.networks.filter((network) => network.zone !== selector.zone).map((network) => network.name),
  );
  const near = [
    ...model.networks
      .filter((network) => nearNames.has(network.name) && network.subnets.length > 0)
      .map((network) => network.addresses),
    ...model.servers.flatMap((server) =>
      server.interfaces
        .filter((item) => item.network !== undefined && nearNames.has(item.network))
        .map((item) => item.addresses),
    ),
    ...model.settings.edge.vips
      .filter((vip) => vip.network !== undefined && nearNames.has(vip.network))
      .map((vip) => vip.addresses),
  ];
  const listed = own.length > 0 && own.every((network) => network.subnets.length > 0);
  const universe = listed ? union(...own.map((network) => network.addresses)) : subtract(ANY, union(...near));
  // An inserted rule for internal clients names those networks, not any (as narrow as the row allows).
  const named =
    listed &&
    selector.zone === 'internal' &&
    own.every((network) => resolveEndpoint(model, network.name).kind === 'network');
  return {
    existential: true,
    members: [{ nodeId: 'internet', endpoint: 'any', alternatives: [universe] }],
    all: universe,
    endpoints: named ? own.map((network) => network.name) : ['any'],
    zone: selector.zone,
  };
}

function sidesOfGroup(
  model: TopologyModel,
  selector: Exclude<EndpointSelector, { kind: 'any' }>,
  servers: ServerModel[],
  row: CatalogRow,
  end: 'source' | 'destination',
): FlowSide[] {
  let bound: BoundMember[] = servers.flatMap((server) => membersOf(model, server, selector));
  const onVip = row.loadBalanced === 'vip' || row.loadBalanced === 'vipAndNodes';
  const edgeInterface = selector.kind === 'interface' && selector.role === 'edge';
  if (edgeInterface && model.settings.edge.loadBalancing === 'hardware' && onVip) {
    const vip = vipFor(model, selector.interface);
    if (vip && networkOf(model, vip.network) && vip.addresses.intervals.length > 0) {
      if (selector.interface === 'internal' && !internalVipRouted(model)) {
        // Each Edge server's own address carries the traffic; a SIP rule naming the VIP serves it as well.
        // STUN keeps to the servers: S-ENV's per-server table lists it, its VIP table is the optional one.
        if (row.loadBalanced === 'vip') bound = bound.map((item) => withAlternative(item, vip.addresses));
      } else {
        // Traffic leaving the pool through an SNAT-ing load balancer shows the VIP; without SNAT each server's own
        // address.
        const nodes = union(...bound.flatMap((item) => item.member.alternatives));
        const alternatives =
          end === 'source' && row.loadBalanced === 'vip' && bound.length > 0 ? [vip.addresses, nodes] : [vip.addresses];
        const vipMember: BoundMember = {
          network: vip.network!,
          member: { nodeId: `vip.${vip.name}`, endpoint: `vip.${vip.name}`, alternatives },
        };
        bound = row.loadBalanced === 'vip' ? [vipMember] : [vipMember, ...bound];
      }
    }
  }
  const directorVip = model.settings.director.vip;
  const toDirectors = servers.length > 0 && servers.every((server) => server.role === 'director');
  if (row.loadBalanced === 'vip' && end === 'destination' && toDirectors && directorVip) {
    // L-DIRHLB: the Edge's SIP and the reverse proxy's web traffic reach the Director pool at its load balancer.
    if (networkOf(model, directorVip.network) && directorVip.addresses.intervals.length > 0)
      bound = [
        {
          network: directorVip.network!,
          member: { nodeId: 'vip.director', endpoint: 'vip.director', alternatives: [directorVip.addresses] },
        },
      ];
  }
  const byNetwork = new Map<string, FlowMember[]>();
  for (const item of bound) {
    const list = byNetwork.get(item.network) ?? [];
    if (!list.some((existing) => existing.nodeId === item.member.nodeId)) list.push(item.member);
    byNetwork.set(item.network, list);
  }
  return [...byNetwork.entries()].map(([networkName, members]) => ({
    existential: false,
    members,
    all: union(...members.flatMap((member) => member.alternatives)),
    endpoints: endpointsFor(model, members),
    network: networkOf(model, networkName),
    zone: networkOf(model, networkName)?.zone,
  }));
}

function withAlternative(item: BoundMember, addresses: AddressSet): BoundMember {
  return { ...item, member: { ...item.member, alternatives: [...item.member.alternatives, addresses] } };
}

function membersOf(
  model: TopologyModel,
  server: ServerModel,
  selector: Exclude<EndpointSelector, { kind: 'any' }>,
): BoundMember[] {
  if (selector.kind === 'interface' && selector.address === 'public') return publicMembers(model, server, selector);
  if (selector.kind === 'interface') {
    // Edge interfaces are nodes of their own in the diagram; other servers are one node each.
    // A one-armed server (a single interface) serves every interface name.
    const item =
      server.role === 'edge'
        ? edgeInterfaceOf(server, selector.interface, model)
        : (server.interfaces.find((candidate) => candidate.name === selector.interface) ??
          (server.interfaces.length === 1 ? server.interfaces[0] : undefined));
    // An interface on an undefined network is reported as unknown-reference; it places no flow.
    if (!item || !networkOf(model, item.network) || item.addresses.intervals.length === 0) return [];
    const endpoint = `${server.name}.${item.name}`;
    return [
      {
        network: item.network!,
        member: { nodeId: server.role === 'edge' ? endpoint : server.name, endpoint, alternatives: item.alternatives },
      },
    ];
  }
  const usable = server.interfaces.filter(
    (item) => networkOf(model, item.network) && item.addresses.intervals.length > 0,
  );
  const networks = [...new Set(usable.map((item) => item.network!))];
  return networks.map((network) => {
    const items = usable.filter((item) => item.network === network);
    return {
      network,
      member: {
        nodeId: server.name,
        endpoint: server.name,
        alternatives: [union(...items.map((item) => item.addresses))],
      },
    };
  });
}

/**
 * An Edge interface's public (NAT) address as a destination: it lives on the external side of the NAT firewall, so
 * traffic to it from the perimeter crosses that firewall and comes back (hairpin NAT). Without NAT: no member.
 */
function publicMembers(
  model: TopologyModel,
  server: ServerModel,
  selector: Extract<EndpointSelector, { kind: 'interface' }>,
): BoundMember[] {
  const item = edgeInterfaceOf(server, selector.interface, model);
  // Both addresses must parse, or the last alternative is not the public one.
  const parsedAll = item?.alternatives.length === (item?.ip !== undefined ? 2 : 1);
  if (!item?.publicIp || !parsedAll || !networkOf(model, item.network)) return [];
  const address = item.alternatives[item.alternatives.length - 1];
  const external = model.networks.filter((network) => network.zone === 'external');
  const network =
    external.find((candidate) => candidate.subnets.length > 0 && isSubset(address, candidate.addresses)) ??
    external.find((candidate) => candidate.subnets.length === 0);
  if (!network) return [];
  const endpoint = `${server.name}.${item.name}`;
  return [{ network: network.name, member: { nodeId: endpoint, endpoint, alternatives: [address] } }];
}

/** A pool FQDN when the members are exactly a whole pool's servers (least text, least privilege). */
function endpointsFor(model: TopologyModel, members: FlowMember[]): string[] {
  const names = members.map((member) => member.endpoint);
  if (
    members.every(
      (member) => member.endpoint === member.nodeId && model.servers.some((server) => server.name === member.endpoint),
    )
  ) {
    for (const [pool, poolMembers] of model.pools) {
      if (
        poolMembers.length > 1 &&
        poolMembers.length === names.length &&
        poolMembers.every((name) => names.includes(name))
      )
        return [pool];
    }
  }
  return names;
}

type Placement = { flow?: RequiredFlow } | { problem: PlacementProblem };

function placeFlow(model: TopologyModel, row: CatalogRow, src: FlowSide, dst: FlowSide): Placement {
  const service = serviceOf(row.transport, row.ports);
  const flow: RequiredFlow = {
    id: row.id,
    row,
    src,
    dst,
    service,
    sourcePorts: flowSourcePorts(row, model),
    firewalls: [],
  };
  const crossing = firewallsOnTheWay(model, row, src, dst);
  if ('problem' in crossing) return crossing;
  flow.firewalls = crossing.firewalls;
  return { flow };
}
