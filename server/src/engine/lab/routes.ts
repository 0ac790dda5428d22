import type { LabAddress, LabBridge, LabLink, LabRoute } from './types';

// Routes: every namespace reaches every address placed elsewhere through the routers on the
// shortest way, found breadth-first over networks and routers in the file's order (as the check
// finds the firewalls a flow crosses). Only the placed hosts are routed, so a packet to anything
// else has no route: nothing leaves the lab.

export interface LabGraph {
  /** Namespace id → its neighbours (a network's routers, a router's two networks), in order. */
  neighbours: Map<string, string[]>;
}

export function labGraph(namespaces: readonly { id: string }[], links: readonly LabLink[]): LabGraph {
  const neighbours = new Map<string, string[]>(namespaces.map((namespace) => [namespace.id, []]));
  for (const link of links) {
    neighbours.get(link.network)!.push(link.router);
    neighbours.get(link.router)!.push(link.network);
  }
  return { neighbours };
}

/** The namespaces from `from` to `to`, both included; undefined when there is no way. */
export function pathBetween(graph: LabGraph, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let head = 0; head < queue.length; head++) {
    const current = queue[head];
    if (current === to) {
      const path: string[] = [];
      for (let step: string | null | undefined = current; step; step = previous.get(step)) path.unshift(step);
      return path;
    }
    for (const next of graph.neighbours.get(current) ?? []) {
      if (previous.has(next)) continue;
      previous.set(next, current);
      queue.push(next);
    }
  }
  return undefined;
}

export function labRoutes(
  graph: LabGraph,
  links: readonly LabLink[],
  bridges: readonly LabBridge[],
  addresses: readonly LabAddress[],
): LabRoute[] {
  const bridgeAddress = new Map(bridges.map((bridge) => [bridge.namespace, bridge.address.split('/')[0]]));
  const routerAddress = (router: string, network: string) =>
    links.find((link) => link.router === router && link.network === network)!.routerAddress.split('/')[0];
  const routes: LabRoute[] = [];
  for (const namespace of graph.neighbours.keys()) {
    for (const target of addresses) {
      if (target.namespace === namespace) continue;
      const path = pathBetween(graph, namespace, target.namespace);
      if (!path) continue;
      const next = path[1];
      // From a network: the first router's address on it. From a router: the next network's own
      // address when the host is there, else the next router's address on that network.
      const via = next.startsWith('r')
        ? routerAddress(next, namespace)
        : next === target.namespace
          ? bridgeAddress.get(next)!
          : routerAddress(path[2], next);
      routes.push({ namespace, destination: `${target.address}/32`, via });
    }
  }
  return routes;
}
