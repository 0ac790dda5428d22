import type { FlowEvaluation } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/requiredFlow';
import type { TopologyModel } from '../model/model';
import { renderExport } from '../render/export';
import { chainNames } from '../render/export/safeText';
import type { Transport } from '../types';
import { natRoutes, natTable } from './nat';
import { negativeProbes } from './negatives';
import { placeTopology } from './placement';
import { SourcePorts } from './ports';
import { type LabContext, requiredProbes } from './required';
import { labGraph, labRoutes } from './routes';
import type { LabListener, LabPlanResult, LabProbe, LabRouter } from './types';

export type * from './types';

// `lync-ports lab FILE`: the plan of a network-namespace lab for the checked topology. Each
// network is a namespace holding its hosts; each firewall a router namespace between its two
// networks, running the nftables export with its own chain hooked in before any NAT, and the
// external routers the perimeter's NAT (nat.ts). Probes: every required flow (expected to pass)
// and a sample that no rule allows (expected to drop).

export interface LabInput {
  model: TopologyModel;
  analysis: { flows: readonly RequiredFlow[]; evaluations: readonly FlowEvaluation[] };
}

export function labPlan(input: LabInput): LabPlanResult {
  const { model } = input;
  const placed = placeTopology(model);
  if (!placed.ok) return placed;
  const { placement } = placed;
  const graph = labGraph(placement.namespaces, placement.links);
  const context: LabContext = { model, placement, graph };
  const flows = input.analysis.flows;
  const required = requiredProbes(context, flows);

  const avoid = new Set<number>([22, 3389, 445, 161]);
  for (const probe of required.probes) [probe.port, probe.port + 1].forEach((port) => avoid.add(port));
  const sourcePorts = new SourcePorts(avoid);
  const negatives = negativeProbes(context, flows, required.probes, (address, transport) =>
    sourcePorts.take(address, transport),
  );

  const probes: LabProbe[] = [
    ...required.probes.map((probe) => ({
      kind: 'required' as const,
      flow: probe.flow.id,
      row: probe.flow.row.id,
      service: probe.flow.row.service,
      firewalls: probe.firewalls.map((firewall) => firewall.name),
      ...translation(probe),
      transport: probe.transport,
      port: probe.port,
      sourcePort: sourcePorts.take(probe.from.address, probe.transport, probe.sourcePorts),
      expected: 'pass' as const,
    })),
    ...negatives.map((probe) => ({
      kind: 'negative' as const,
      flow: probe.flow?.id,
      row: probe.flow?.row.id,
      why: probe.why,
      firewalls: probe.firewalls.map((firewall) => firewall.name),
      ...translation(probe),
      transport: probe.transport,
      port: probe.port,
      sourcePort: probe.sourcePort,
      expected: 'drop' as const,
    })),
  ].map((probe, k) => ({ id: `p${k + 1}`, ...probe }));

  const nftables = renderExport({ model, analysis: input.analysis }, 'nftables');
  const chains = chainNames(model.firewalls, 'fw_', 60, false);
  const routers: LabRouter[] = [...placement.routerOf].map(([firewall, namespace]) => {
    const chain = chains[model.firewalls.indexOf(firewall)];
    const nat = natTable(placement.nat.filter((item) => item.router === namespace));
    return { namespace, firewall: firewall.name, chain, nftables: nftables + filterHook(chain) + nat };
  });
  const routes = labRoutes(graph, placement.links, placement.bridges, placement.addresses);

  return {
    ok: true,
    plan: {
      namespaces: placement.namespaces,
      bridges: placement.bridges,
      links: placement.links,
      addresses: placement.addresses,
      routes: natRoutes(graph, placement.nat, routes),
      routers,
      nat: placement.nat,
      listeners: listenersOf(probes),
      probes,
      unprobed: required.unprobed,
      skippedFirewalls: placement.skippedFirewalls,
    },
  };
}

/**
 * The router's hook into its chain: everything it receives crosses its firewall, so all of it goes to that chain,
 * as it arrives, before the NAT (priority dstnat - 10): the rules name the addresses the packet carries at the
 * firewall, a NAT-ed interface by its private source and its public destination, as the check reads them.
 */
export function filterHook(chain: string): string {
  return [
    '# lync-ports lab: the router passes only what this firewall lets through, filtered before its NAT.',
    'table inet lync_ports {',
    '  chain lab_prerouting {',
    '    type filter hook prerouting priority dstnat - 10; policy drop;',
    `    jump ${chain}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function translation(probe: Pick<LabProbe, 'from' | 'to' | 'arrivesAt' | 'seenFrom'>) {
  const { from, to, arrivesAt, seenFrom } = probe;
  return { from, to, ...(arrivesAt && { arrivesAt }), ...(seenFrom && { seenFrom }) };
}

function listenersOf(probes: readonly LabProbe[]): LabListener[] {
  const seen = new Map<string, LabListener>();
  for (const probe of probes) {
    const at = probe.arrivesAt ?? probe.to;
    const key = `${at.address}|${probe.transport}|${probe.port}`;
    if (!seen.has(key))
      seen.set(key, {
        namespace: at.namespace,
        address: at.address,
        transport: probe.transport as Transport,
        port: probe.port,
      });
  }
  return [...seen.values()];
}
