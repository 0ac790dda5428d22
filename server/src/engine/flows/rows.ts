import { findCatalogRow, findFeature } from '../catalog';
import type { TopologyModel } from '../model/model';
import type { CatalogRow } from '../types';

// Which catalog rows a topology needs: the enabled features' rows and the rows they borrow, each
// as it applies here (configured ports, conditions on settings, the page of this topology first).

export function enabledFeatures(model: TopologyModel): string[] {
  return model.features.filter((feature) => feature.enabled).map((feature) => feature.name);
}

/** Whether a row's condition holds for this topology (rows without one always apply). */
export function conditionHolds(row: CatalogRow, model: TopologyModel): boolean {
  const condition = row.condition;
  if (!condition) return true;
  if (condition.products && !condition.products.includes(model.product)) return true;
  const edge = model.settings.edge;
  return edge[condition.setting] === condition.value;
}

/** The row as it applies to this topology: configured ports, source ports, and the feature that asked for it. */
export function effectiveRow(row: CatalogRow, model: TopologyModel, feature = row.feature): CatalogRow {
  let result = row;
  if (row.portSetting) {
    const port = model.settings.edge.ports[row.portSetting];
    if (row.ports.length !== 1 || row.ports[0].from !== port || row.ports[0].to !== port) {
      const tokens = row.service.split('/');
      tokens[tokens.length - 1] = String(port);
      result = { ...result, ports: [{ from: port, to: port }], service: tokens.join('/') };
    }
  }
  if (feature !== row.feature) result = { ...result, feature };
  // The page a message cites first is the one for this product and topology; a page that holds the row only in its
  // hardware-load-balancer tables is not the page of a topology without them.
  const preferred = preferredSources(model);
  const hlb = model.settings.edge.loadBalancing === 'hardware';
  const rank = (key: string) => {
    const index = hlb || !row.hlbTableOnly?.includes(key) ? preferred.indexOf(key) : -1;
    return index < 0 ? preferred.length : index;
  };
  const sorted = [...result.sources].sort((a, b) => rank(a.key) - rank(b.key));
  if (sorted.some((source, k) => source !== result.sources[k])) result = { ...result, sources: sorted };
  return result;
}

/** Source keys in the order that best describes this topology (PORT-CATALOG §0). */
function preferredSources(model: TopologyModel): string[] {
  const edge = model.settings.edge;
  const nat = model.servers.some(
    (server) => server.role === 'edge' && server.interfaces.some((item) => item.publicIp !== undefined),
  );
  const topology =
    edge.loadBalancing === 'hardware'
      ? 'L-HLB'
      : edge.loadBalancing === 'dns'
        ? nat
          ? 'L-DNSLB-NAT'
          : 'L-DNSLB-PUB'
        : nat
          ? 'L-SCE-NAT'
          : 'L-SCE-PUB';
  return model.product === 'lync2013' ? [topology] : ['S-ENV', 'S-LB', 'S-PORTS', 'S-OWAS'];
}

/**
 * The rows of each model: one check asks three times (its flows, the NAT and the unneeded-rule
 * checks), and a model is not changed once built.
 */
const rowsOf = new WeakMap<TopologyModel, readonly CatalogRow[]>();

/** The rows the enabled features need, each once: own rows first, then the rows they borrow. */
export function requiredRows(model: TopologyModel): CatalogRow[] {
  let rows = rowsOf.get(model);
  if (!rows) rowsOf.set(model, (rows = rowsOfModel(model)));
  return [...rows];
}

function rowsOfModel(model: TopologyModel): CatalogRow[] {
  const features = enabledFeatures(model)
    .map((name) => findFeature(name))
    .filter(
      (feature): feature is NonNullable<typeof feature> =>
        feature !== undefined && !feature.unsupported?.[model.product],
    );
  const rows: CatalogRow[] = [];
  const seen = new Set<string>();
  const take = (row: CatalogRow | undefined, feature: string) => {
    if (!row || seen.has(row.id)) return;
    seen.add(row.id);
    if (!row.products.includes(model.product) || !conditionHolds(row, model)) return;
    rows.push(effectiveRow(row, model, feature));
  };
  for (const feature of features) for (const row of feature.rows) take(row, feature.name);
  for (const feature of features) for (const id of feature.alsoRequires ?? []) take(findCatalogRow(id), feature.name);
  return rows;
}
