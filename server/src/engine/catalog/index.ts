import type { CatalogFeature, CatalogRow } from '../types';
import { audioVideo } from './audioVideo';
import { director } from './director';
import { dnsAndCrl } from './dnsAndCrl';
import { edgeInternal } from './edgeInternal';
import { remoteUserAccess } from './remoteUserAccess';
import { reverseProxy } from './reverseProxy';
import { publicImConnectivity, sipFederation } from './sipFederation';
import { webConferencing } from './webConferencing';
import { xmppFederation } from './xmppFederation';

/** Every feature the engine knows, in the order the diagram and the docs list them. */
export const CATALOG: readonly CatalogFeature[] = [
  xmppFederation,
  sipFederation,
  publicImConnectivity,
  remoteUserAccess,
  webConferencing,
  audioVideo,
  edgeInternal,
  dnsAndCrl,
  reverseProxy,
  director,
];

export function findFeature(name: string): CatalogFeature | undefined {
  return CATALOG.find((feature) => feature.name === name);
}

// The catalog is fixed for the life of the process: its rows and their ids are listed once, not
// on each of the lookups every check makes (the rows a feature borrows, the rows of a rule).
const ROWS: readonly CatalogRow[] = CATALOG.flatMap((feature) => feature.rows);
const ROW_BY_ID = new Map<string, CatalogRow>();
for (const row of ROWS) if (!ROW_BY_ID.has(row.id)) ROW_BY_ID.set(row.id, row);

/** Every row of every feature, in catalog order; a new array the caller may change. */
export function allCatalogRows(): CatalogRow[] {
  return [...ROWS];
}

export function findCatalogRow(id: string): CatalogRow | undefined {
  return ROW_BY_ID.get(id);
}
