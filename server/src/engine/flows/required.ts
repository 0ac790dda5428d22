import { ANY, isSubset, subtract, union } from '../model/address';
import { EDGE_EXTERNAL_INTERFACES, VipModel } from '../model/settings';
import { firewallsOnTheWay, type PlacementProblem } from './crossing';
import { evaluateFlow, FlowEvaluation } from './evaluate';
import type { FirewallModel, RuleModel, ServerModel, TopologyModel } from '../model/model';
import { networkOf } from '../model/model';
import { formatPorts, intersectRanges, serviceOf, subtractRanges } from '../model/service';
import type { CatalogRow, EndpointSelector, PortRange } from '../types';
import { onFederationRoute } from './federationRoute';
import type { FlowMember, FlowSide, RequiredFlow } from './requiredFlow';
import { requiredRows } from './rows';

export type { FlowMember, FlowSide, PlacementProblem, RequiredFlow };

// Required flows: catalog rows of the enabled features, bound to the servers of this topology,
// with the firewalls each crosses (crossing.ts).
//
// The Edge settings shape the binding: rows that apply only under a setting (OCS 2007 federation,
// Centralized Logging, HTTP publishing, the A/V firewall policy), ports that are settings (one
// external IP: 5061/444/443), and a hardware load balancer's VIPs (`loadBalanced` rows land on
// the VIP, per-node rows on each Edge server's own address).

function flowSourcePorts(row: CatalogRow, model: TopologyModel): PortRange[] | undefined {
  const bothEnds = model.settings.edge.avFirewallPolicy === 'sourceAndDestination';
  return row.sourcePortsByPolicy && bothEnds ? row.sourcePortsByPolicy : undefined;
}

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
  if (selector.kind === 'any') {
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
    const universe =
      own.length > 0 && own.every((network) => network.subnets.length > 0)
        ? union(...own.map((network) => network.addresses))
        : subtract(ANY, union(...near));
    return [
      {
        existential: true,
        members: [{ nodeId: 'internet', endpoint: 'any', alternatives: [universe] }],
        all: universe,
        endpoints: ['any'],
        zone: selector.zone,
      },
    ];
  }
  const servers = serversFor(model, selector, row);
  let bound: BoundMember[] = servers.flatMap((server) => membersOf(model, server, selector));
  const onVip = row.loadBalanced === 'vip' || row.loadBalanced === 'vipAndNodes';
  const edgeInterface = selector.kind === 'interface' && selector.role === 'edge';
  if (edgeInterface && model.settings.edge.loadBalancing === 'hardware' && onVip) {
    const vip = vipFor(model, selector.interface);
    if (vip && networkOf(model, vip.network) && vip.addresses.intervals.length > 0) {
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

// ---- source ports (the A/V "source and destination" firewall policy) ----

/**
 * Whether a rule takes part in a flow's evaluation, by source port. A rule without `sourcePort`
 * matches every source port. An allow rule limited to some source ports carries a flow only when
 * it covers all the flow's source ports (a flow from any source port: never). A deny rule limited
 * to source ports counts when it stops some of the flow's.
 */
export function sourcePortsApply(rule: RuleModel, flow: RequiredFlow): boolean {
  if (!rule.sourcePorts) return true;
  const wanted = flow.sourcePorts ?? [{ from: 1, to: 65535 }];
  if (rule.action === 'deny') return intersectRanges(rule.sourcePorts, wanted).length > 0;
  return flow.sourcePorts !== undefined && subtractRanges(wanted, rule.sourcePorts).length === 0;
}

/** First-match evaluation of a flow on a firewall, with rules restricted by source port taken into account. */
export function evaluateRequiredFlow(flow: RequiredFlow, firewall: FirewallModel): FlowEvaluation {
  if (!firewall.rules.some((rule) => rule.sourcePorts)) return evaluateFlow(flow, firewall);
  const evaluation = evaluateFlow(flow, {
    ...firewall,
    rules: firewall.rules.filter((rule) => sourcePortsApply(rule, flow)),
  });
  return { ...evaluation, firewall };
}
