import type { ServerModel, TopologyModel } from '../model/model';
import type { CatalogRow } from '../types';

// Several Edge pools: only one carries federation and XMPP at a time, the site's federation route
// (Topology Builder; `Set-CsSite -XmppExternalFederationRoute`, L-XMPP-FAILOVER). Its pool gets
// X1–X3 and E06/E07, and the SRV records point at it (L-XMPP-SETUP). The file names it with
// `edge.federationRoute`; every other Edge row applies to every pool.

/**
 * The Edge pools the file names: pool FQDN → members. An Edge server without `pool` belongs to no named pool; it
 * cannot be told apart from the route's pool, so it keeps every row.
 */
export function edgePools(model: TopologyModel): Map<string, ServerModel[]> {
  const pools = new Map<string, ServerModel[]>();
  for (const server of model.servers.filter((candidate) => candidate.role === 'edge' && candidate.pool)) {
    pools.set(server.pool!, [...(pools.get(server.pool!) ?? []), server]);
  }
  return pools;
}

export type FederationRoute =
  | { kind: 'single' }
  | { kind: 'named'; pool: string; servers: ServerModel[] }
  | { kind: 'unnamed'; pools: string[] }
  | { kind: 'unknown'; name: string; pools: string[] };

/** How the topology routes federation: one Edge pool, the named one, or several without (a valid) name. */
export function federationRoute(model: TopologyModel): FederationRoute {
  const pools = edgePools(model);
  const named = model.settings.edge.federationRoute;
  const names = [...pools.keys()];
  if (named !== undefined) {
    const wanted = named.replace(/\.$/, '').toLowerCase();
    const server = model.servers.find(
      (candidate) => candidate.role === 'edge' && candidate.name.toLowerCase() === wanted,
    );
    const key = names.find((name) => name.toLowerCase() === wanted) ?? server?.pool;
    if (key === undefined) return { kind: 'unknown', name: named, pools: names };
    return { kind: 'named', pool: key, servers: pools.get(key)! };
  }
  return names.length > 1 ? { kind: 'unnamed', pools: names } : { kind: 'single' };
}

/** The Edge servers of the federation route, when the file names one of several pools; else undefined (all). */
export function routeServers(model: TopologyModel): ServerModel[] | undefined {
  const route = federationRoute(model);
  if (route.kind !== 'named' || edgePools(model).size < 2) return undefined;
  return model.servers.filter((server) => server.role === 'edge' && (!server.pool || route.servers.includes(server)));
}

/** A federation row's Edge servers: those of the route's pool. Other rows and roles keep every server. */
export function onFederationRoute(model: TopologyModel, row: CatalogRow, servers: ServerModel[]): ServerModel[] {
  if (!row.federationRoute) return servers;
  const route = routeServers(model);
  return route ? servers.filter((server) => server.role !== 'edge' || route.includes(server)) : servers;
}
