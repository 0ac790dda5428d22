import { type DiagramTexts, fill } from './texts';
import type { FlowModel, FlowNode, Zone } from '../../types';

// The zones left to right (external, perimeter, internal) and which zone boundary each
// firewall's bar stands on.

export const ZONE_ORDER: Zone[] = ['external', 'perimeter', 'internal'];

export function zonesOf(model: FlowModel): Zone[] {
  const present = new Set<Zone>(model.zones);
  for (const node of model.nodes) present.add(node.zone);
  const zones = ZONE_ORDER.filter((zone) => present.has(zone));
  return zones.length > 0 ? zones : ['external'];
}

/** Which zone boundary (0: after the first zone) each firewall's bar stands on. */
export function boundariesOfFirewalls(
  model: FlowModel,
  zones: Zone[],
  nodes: Map<string, { zone: Zone; kind: string }>,
): Map<string, number> {
  const boundaries = new Map<string, number>();
  const boundaryCount = Math.max(0, zones.length - 1);
  if (boundaryCount === 0) return boundaries;
  for (const firewall of model.firewalls) {
    // The flows that cross a firewall tell which zones it separates. Flows between named nodes
    // say it best; flows from or to "any" only count when there are no others.
    const crossing = model.flows.filter(
      (candidate) => candidate.firewall === firewall.id && nodes.has(candidate.from) && nodes.has(candidate.to),
    );
    const named = crossing.filter(
      (flow) => nodes.get(flow.from)!.kind !== 'internet' && nodes.get(flow.to)!.kind !== 'internet',
    );
    const ranks: number[] = [];
    for (const flow of named.length > 0 ? named : crossing) {
      const a = zones.indexOf(nodes.get(flow.from)!.zone);
      const b = zones.indexOf(nodes.get(flow.to)!.zone);
      if (a !== b && a >= 0 && b >= 0) ranks.push(Math.min(a, b));
    }
    if (ranks.length > 0) {
      boundaries.set(firewall.id, Math.min(boundaryCount - 1, mostFrequent(ranks)));
    }
  }
  // A firewall no flow crosses takes the first boundary without a bar (the external firewall
  // first, as edge deployments are described), else the last one.
  for (const firewall of model.firewalls) {
    if (boundaries.has(firewall.id)) continue;
    const used = new Set(boundaries.values());
    let boundary = 0;
    while (boundary < boundaryCount - 1 && used.has(boundary)) boundary++;
    boundaries.set(firewall.id, boundary);
  }
  return boundaries;
}

/**
 * "Any" is always on the far side of the firewall from the flow's other end (the catalog's
 * `any` has a zone). A model that names one node for every "any" (the Internet) would draw
 * "any internal client → Edge internal interface" from the Internet, through no bar at all; such
 * an end is drawn on an "Any" node of the right zone instead. The flow and its id are unchanged.
 */
export function anyOnTheFarSide(model: FlowModel, zones: Zone[], words: DiagramTexts): FlowModel {
  const nodes = new Map<string, FlowNode>(model.nodes.map((node) => [node.id, node]));
  const boundaries = boundariesOfFirewalls(model, zones, nodes);
  const added = new Map<string, FlowNode>();
  const flows = model.flows.map((flow) => {
    const from = nodes.get(flow.from);
    const to = nodes.get(flow.to);
    const boundary = boundaries.get(flow.firewall);
    if (!from || !to || boundary === undefined || (from.kind === 'internet') === (to.kind === 'internet')) return flow;
    const a = zones.indexOf(from.zone);
    const b = zones.indexOf(to.zone);
    if (Math.min(a, b) <= boundary && boundary < Math.max(a, b)) return flow; // it crosses its bar
    const named = from.kind === 'internet' ? b : a;
    const zone = named <= boundary ? zones[boundary + 1] : zones[boundary];
    if (!zone) return flow;
    const id = `any:${zone}`;
    if (!nodes.has(id) && !added.has(id))
      added.set(id, {
        id,
        label: words.any,
        detail: fill(words.anyDetail, { zone: words.zones[zone].toLowerCase() }),
        zone,
        kind: 'internet',
      });
    return from.kind === 'internet' ? { ...flow, from: id } : { ...flow, to: id };
  });
  if (added.size === 0) return model;
  return { ...model, nodes: [...model.nodes, ...added.values()], flows };
}

function mostFrequent(values: number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}
