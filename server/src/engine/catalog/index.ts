import type { CatalogFeature, CatalogRow } from '../types';
import { xmppFederation } from './xmppFederation';

/** Every feature the engine knows, in the order the diagram and the docs list them. */
export const CATALOG: readonly CatalogFeature[] = [xmppFederation];

export function findFeature(name: string): CatalogFeature | undefined {
  return CATALOG.find((feature) => feature.name === name);
}

export function allCatalogRows(): CatalogRow[] {
  return CATALOG.flatMap((feature) => feature.rows);
}

export function findCatalogRow(id: string): CatalogRow | undefined {
  return allCatalogRows().find((row) => row.id === id);
}
