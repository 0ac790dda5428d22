import type { FlowEvaluation } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/requiredFlow';
import type { TopologyModel } from '../model/model';
import { renderExport } from '../render/export';
import { chainNames } from '../render/export/safeText';
import type { Transport } from '../types';
import { negativeProbes } from './negatives';
import { placeTopology } from './placement';
import { SourcePorts } from './ports';
import { type LabContext, requiredProbes } from './required';
import { labGraph, labRoutes } from './routes';
import type { LabListener, LabPlanResult, LabProbe, LabRouter } from './types';

export type * from './types';

// `lync-ports lab FILE`: the plan of a network-namespace lab for the checked topology. Each
// network is a namespace holding its hosts; each firewall a router namespace between its two
// networks, running the nftables export with its own chain hooked into forwarding. Probes:
// every required flow (expected to pass) and a sample that no rule allows (expected to drop).

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
      from: probe.from,
      to: probe.to,
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
      from: probe.from,
      to: probe.to,
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
    return { namespace, firewall: firewall.name, chain, nftables: nftables + forwardHook(chain) };
  });

  return {
    ok: true,
    plan: {
      namespaces: placement.namespaces,
      bridges: placement.bridges,
      links: placement.links,
      addresses: placement.addresses,
      routes: labRoutes(graph, placement.links, placement.bridges, placement.addresses),
      routers,
      listeners: listenersOf(probes),
      probes,
      unprobed: required.unprobed,
      skippedFirewalls: placement.skippedFirewalls,
    },
  };
}

/** The router's forward hook: everything it forwards crosses its firewall, so all of it goes to that chain. */
export function forwardHook(chain: string): string {
  return [
    '# lync-ports lab: the router forwards only what crosses this firewall.',
    'table inet lync_ports {',
    '  chain lab_forward {',
    '    type filter hook forward priority filter; policy drop;',
    `    jump ${chain}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

function listenersOf(probes: readonly LabProbe[]): LabListener[] {
  const seen = new Map<string, LabListener>();
  for (const probe of probes) {
    const key = `${probe.to.address}|${probe.transport}|${probe.port}`;
    if (!seen.has(key))
      seen.set(key, {
        namespace: probe.to.namespace,
        address: probe.to.address,
        transport: probe.transport as Transport,
        port: probe.port,
      });
  }
  return [...seen.values()];
}
