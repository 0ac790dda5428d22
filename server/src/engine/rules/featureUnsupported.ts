import { findFeature } from '../catalog';
import { enabledFeatures } from '../flows/rows';
import { keyRangeAtPath } from '../yaml/parse';
import type { CatalogFeature, Diagnostic } from '../types';
import type { TopologyModel } from '../model/model';
import { report, type Rule, type RuleContext } from './rule';

const meta = {
  code: 'feature-unsupported',
  severity: 'error',
  summary: 'A feature enabled for a product that does not support it.',
  docs: 'A feature the product does not have — XMPP federation on Skype for Business Server 2019.',
  fixKinds: [],
  messages: { unsupported: '{{feature}} is not supported by {{product}}.' },
  details: { unsupported: '{{reason}}' },
} as const satisfies Rule['meta'];

/**
 * The enabled features the catalog knows (the schema names unknown ones), with why the product
 * lacks each, if it does.
 */
export function enabledCatalogFeatures(model: TopologyModel): { feature: CatalogFeature; unsupported?: string }[] {
  return enabledFeatures(model).flatMap((name) => {
    const feature = findFeature(name);
    return feature ? [{ feature, unsupported: feature.unsupported?.[model.product] }] : [];
  });
}

function check({ parsed, model }: RuleContext): Diagnostic[] {
  return enabledCatalogFeatures(model).flatMap(({ feature, unsupported }) => {
    if (!unsupported) return [];
    const data = { feature: feature.title, product: model.product, reason: unsupported };
    return [report(meta, 'unsupported', data, { range: keyRangeAtPath(parsed, ['features', feature.name]) })];
  });
}

export const featureUnsupported: Rule<typeof meta> = { meta, check };
