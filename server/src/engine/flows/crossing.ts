import type { FirewallModel, NetworkModel, TopologyModel } from '../model/model';
import type { CatalogRow, Zone } from '../types';

// Which firewalls a required flow crosses. The crossing comes from the networks' zones, not from
// the catalog's "external"/"internal" column, so a topology names its firewalls as it likes.

/** A required row that cannot be placed on any firewall; rules/missingFlow.ts words it. */
export type PlacementProblem = { row: CatalogRow; feature: string } & (
  | { reason: 'noZone'; anchor: 'networks'; zone: Zone | undefined }
  | { reason: 'noFirewall'; anchor: 'firewalls'; from: string[]; to: string[] }
);

/** Where one end of a flow is: its network, or only its zone (the catalog's "Any"). */
interface FlowEnd {
  network?: NetworkModel;
  zone?: Zone;
}

/** The firewalls from the source's networks to the destination's, in order; or why there is no way. */
export function firewallsOnTheWay(
  model: TopologyModel,
  row: CatalogRow,
  src: FlowEnd,
  dst: FlowEnd,
): { firewalls: FirewallModel[] } | { problem: PlacementProblem } {
  const startNetworks = networksOfSide(model, src);
  const endNetworks = networksOfSide(model, dst);
  if (startNetworks.length === 0 || endNetworks.length === 0) {
    const zone = startNetworks.length === 0 ? src.zone : dst.zone;
    return {
      problem: { row, feature: row.feature, reason: 'noZone', anchor: 'networks', zone },
    };
  }
  // The same network: no firewall in the way.
  if (startNetworks.some((network) => endNetworks.includes(network))) return { firewalls: [] };
  const path = shortestFirewallPath(model, startNetworks, endNetworks);
  if (!path) {
    return {
      problem: {
        row,
        feature: row.feature,
        reason: 'noFirewall',
        anchor: 'firewalls',
        from: startNetworks.map((network) => network.name),
        to: endNetworks.map((network) => network.name),
      },
    };
  }
  return { firewalls: path };
}

function networksOfSide(model: TopologyModel, side: FlowEnd): NetworkModel[] {
  if (side.network) return [side.network];
  return model.networks.filter((network) => network.zone === side.zone);
}

/** Breadth-first over networks joined by firewalls: the firewalls a packet crosses. */
function shortestFirewallPath(
  model: TopologyModel,
  from: NetworkModel[],
  to: NetworkModel[],
): FirewallModel[] | undefined {
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
