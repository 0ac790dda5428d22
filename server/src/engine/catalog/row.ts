import { parseServiceText } from '../model/service';
import type { CatalogRow } from '../types';
import { SOURCES } from './sources';

// Rows are written as Microsoft's tables write them; protocol, transport and ports follow from
// the service text, so the two can never disagree.

export type RowSpec = Omit<CatalogRow, 'feature' | 'protocol' | 'transport' | 'transportLabel' | 'ports'>;

/**
 * The Lync 2013 consolidated-edge pages repeat one table per topology (PORT-CATALOG §2.4): a row
 * of the NAT page stands on the public-IP and DNS-load-balanced pages too, so messages can cite
 * the page of the user's own topology.
 */
const SAME_TABLE = [SOURCES['L-SCE-PUB'], SOURCES['L-DNSLB-NAT'], SOURCES['L-DNSLB-PUB']];

export function catalogRow(feature: string, spec: RowSpec): CatalogRow {
  if (spec.sources.some((source) => source.key === 'L-SCE-NAT')) {
    spec = { ...spec, sources: [...spec.sources, ...SAME_TABLE.filter((page) => !spec.sources.includes(page))] };
  }
  const parsed = parseServiceText(spec.service);
  if (!parsed.ok || parsed.term.transports.length !== 1)
    throw new Error(`catalog row ${spec.id}: bad service '${spec.service}'`);
  return {
    ...spec,
    feature,
    protocol: spec.service.split('/')[0],
    transport: parsed.term.transports[0],
    transportLabel: parsed.term.transportLabel,
    ports: parsed.term.ports,
  };
}
