import { keyRangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { enabledCatalogFeatures } from './featureUnsupported';
import { report, type Rule, type RuleContext } from './rule';

// A feature the product lacks is feature-unsupported; only the supported ones need their roles.

const meta = {
  code: 'missing-role',
  severity: 'error',
  summary: 'An enabled feature needs a role that no server has.',
  docs:
    'An enabled feature needs a server role that no server has (an Edge server; a Front End with `services: ' +
    '[xmppGateway]`).',
  fixKinds: [],
  messages: { missing: 'Feature {{feature}} needs a server with role {{role}}, and there is none.' },
  // The catalog words each need for its feature (CatalogFeature.requiredRoles).
  details: { missing: '{{need}}' },
} as const satisfies Rule['meta'];

function check({ parsed, model }: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { feature, unsupported } of enabledCatalogFeatures(model)) {
    if (unsupported) continue;
    for (const need of feature.requiredRoles) {
      const present = model.servers.some(
        (server) => server.role === need.role && (!need.service || server.services.includes(need.service)),
      );
      if (present) continue;
      const data = { feature: feature.name, role: need.role, service: need.service ?? '', need: need.message };
      out.push(report(meta, 'missing', data, { range: keyRangeAtPath(parsed, ['features', feature.name]) }));
    }
  }
  return out;
}

export const missingRole: Rule<typeof meta> = { meta, check };
