import { findFeature } from '../catalog';
import { enabledFeatures } from '../flows/rows';
import type { TopologyModel } from '../model/model';

// A feature counts for DNS, certificates and XMPP partners when it is enabled and the product has
// it; an enabled feature the product lacks is feature-unsupported's finding alone.

export function isFeatureActive(model: TopologyModel, feature: string): boolean {
  return enabledFeatures(model).includes(feature) && !findFeature(feature)?.unsupported?.[model.product];
}

/** The features whose traffic the Access Edge carries (its FQDN in DNS and on the certificate). */
export const ACCESS_EDGE_FEATURES = [
  'xmppFederation',
  'sipFederation',
  'publicImConnectivity',
  'remoteUserAccess',
] as const;

export function usesAccessEdge(model: TopologyModel): boolean {
  return ACCESS_EDGE_FEATURES.some((feature) => isFeatureActive(model, feature));
}
