import { parseServiceText } from '../service';
import type { CatalogRow } from '../types';

// Rows are written as Microsoft's tables write them; protocol, transport and ports follow from
// the service text, so the two can never disagree.

export type RowSpec = Omit<CatalogRow, 'feature' | 'protocol' | 'transport' | 'transportLabel' | 'ports'>;

export function catalogRow(feature: string, spec: RowSpec): CatalogRow {
  const parsed = parseServiceText(spec.service);
  if (!parsed.ok || parsed.term.transports.length !== 1) throw new Error(`catalog row ${spec.id}: bad service '${spec.service}'`);
  return {
    ...spec,
    feature,
    protocol: spec.service.split('/')[0],
    transport: parsed.term.transports[0],
    transportLabel: parsed.term.transportLabel,
    ports: parsed.term.ports,
  };
}
