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

export function allCatalogRows(): CatalogRow[] {
  return CATALOG.flatMap((feature) => feature.rows);
}

export function findCatalogRow(id: string): CatalogRow | undefined {
  return allCatalogRows().find((row) => row.id === id);
}
