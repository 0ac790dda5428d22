import type { FlowSide, RequiredFlow } from '../flows/requiredFlow';
import type { FirewallModel, TopologyModel } from '../model/model';
import type { PortRange, Transport } from '../types';
import { holds } from './ipv4';
import { type Addressed, addressed } from './nat';
import type { Placement } from './placement';
import { samplePorts } from './ports';
import { type LabGraph, pathBetween } from './routes';
import type { LabEnd, LabUnprobed } from './types';
import { passesAll } from './verdict';

// The probes every required flow gets: one connection or datagram per member pair and sampled
// port, from the addresses the flow names. The catalog's "Any" is the sample host of the network
// on that side of the flow's firewalls. Of a member's addresses (private, public, VIP) the probe
// uses the first the file's rules let through, as the packet really carries it (nat.ts): from the
// Internet a NAT-ed interface is reached at its public address, and it sends from its private one.

export const MAX_REQUIRED_PROBES = 600;

export interface RequiredProbe extends Addressed {
  flow: RequiredFlow;
  firewalls: FirewallModel[];
  transport: Transport;
  port: number;
  sourcePorts?: PortRange[];
}

export interface LabContext {
  model: TopologyModel;
  placement: Placement;
  graph: LabGraph;
}

/** The firewalls a packet between two namespaces crosses, in order (the routers on the way). */
export function firewallsBetween(context: LabContext, from: string, to: string): FirewallModel[] | undefined {
  const path = pathBetween(context.graph, from, to);
  if (!path) return undefined;
  const byRouter = new Map([...context.placement.routerOf].map(([firewall, id]) => [id, firewall]));
  return path.filter((id) => byRouter.has(id)).map((id) => byRouter.get(id)!);
}

export function requiredProbes(
  context: LabContext,
  flows: readonly RequiredFlow[],
): { probes: RequiredProbe[]; unprobed: LabUnprobed[] } {
  const probes: RequiredProbe[] = [];
  const unprobed: LabUnprobed[] = [];
  for (const flow of flows) {
    const skip = (reason: LabUnprobed['reason'], from?: LabEnd, to?: LabEnd) =>
      unprobed.push({ flow: flow.id, row: flow.row.id, reason, from, to });
    if (flow.firewalls.length === 0) {
      skip('noFirewall');
      continue;
    }
    const sources = choicesOf(context, flow, flow.src, flow.firewalls[0]);
    const destinations = choicesOf(context, flow, flow.dst, flow.firewalls[flow.firewalls.length - 1]);
    if (sources.some((member) => member.length === 0) || destinations.some((member) => member.length === 0)) {
      skip('noAddress');
      continue;
    }
    const ports = samplePorts(flow.service);
    for (const sourceMember of sources) {
      for (const destinationMember of destinations) {
        const [fromEnds, toEnds] = pickAlternatives(context, flow, sourceMember, destinationMember, ports[0]);
        for (const named of fromEnds) {
          for (const goal of toEnds) {
            const sent = addressed(context.graph, context.placement.nat, named, goal);
            if (!sent || sent.from.namespace === sent.to.namespace) {
              skip('sameNamespace', named, goal);
              continue;
            }
            const firewalls = firewallsBetween(context, sent.from.namespace, sent.to.namespace);
            if (
              !firewalls ||
              firewalls.map((f) => f.name).join('\n') !== flow.firewalls.map((f) => f.name).join('\n')
            ) {
              skip('otherPath', named, goal);
              continue;
            }
            if (probes.length + ports.length > MAX_REQUIRED_PROBES) {
              skip('bound', named, goal);
              continue;
            }
            for (const { transport, port } of ports)
              probes.push({ flow, firewalls, ...sent, transport, port, sourcePorts: flow.sourcePorts });
          }
        }
      }
    }
  }
  return { probes, unprobed };
}

/** Per member of the side: its alternatives (private, public NAT address, VIP), each as the placed hosts it holds. */
function choicesOf(context: LabContext, flow: RequiredFlow, side: FlowSide, edge: FirewallModel): LabEnd[][][] {
  const { placement } = context;
  if (side.existential) {
    // "Any" sits in the network of its zone that the flow's first (last) firewall joins.
    const network = edge.between.find(
      (name) => context.model.networks.find((n) => n.name === name)?.zone === side.zone,
    );
    const namespace = network === undefined ? undefined : placement.networkNamespace.get(network);
    const sample = namespace === undefined ? undefined : placement.sampleOf.get(namespace);
    if (namespace === undefined || sample === undefined || !holds(side.all, sample)) return [[]];
    const label = placement.addresses.find((item) => item.address === sample)!.label;
    return [[[{ namespace, address: sample, label, kind: 'sample' }]]];
  }
  return side.members.map((member) =>
    member.alternatives
      .map((alternative) =>
        placement.addresses
          .filter((item) => holds(alternative, item.address))
          .map(({ namespace, address, label, kind }) => ({ namespace, address, label, kind })),
      )
      .filter((ends) => ends.length > 0),
  );
}

/** The first pair of alternatives whose every host pair the file's rules let through; else the first pair. */
function pickAlternatives(
  context: LabContext,
  flow: RequiredFlow,
  sources: LabEnd[][],
  destinations: LabEnd[][],
  sample: { transport: Transport; port: number } | undefined,
): [LabEnd[], LabEnd[]] {
  for (const from of sources)
    for (const to of destinations) {
      const allowed =
        sample !== undefined &&
        from.every((s) =>
          to.every((d) => {
            // The rules see the packet as it comes to the firewall: the private source, the public destination.
            const sent = addressed(context.graph, context.placement.nat, s, d);
            return (
              sent !== undefined &&
              passesAll(flow.firewalls, {
                src: sent.from.address,
                dst: sent.to.address,
                ...sample,
                sourcePort: flow.sourcePorts?.[0].from ?? 40000,
              })
            );
          }),
        );
      if (allowed) return [from, to];
    }
  return [sources[0], destinations[0]];
}
