import { SOURCES } from '../catalog/sources';
import { yamlScalar, appendItemsEdit } from '../yaml/edits';
import { PRODUCT_NAMES } from '../catalog/products';
import type { TopologyModel } from '../model/model';
import { keyRangeAtPath, rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { isFeatureActive as enabled, usesAccessEdge } from './activeFeatures';
import { report, safeFix, type Rule, type RuleContext } from './rule';

// The Access Edge external certificate's subject alternative names (code certificate-san),
// checked when the file has certificates.external (PORT-CATALOG §3.4, §5.2):
//   XMPP, Lync Server 2013: the XMPP domain itself (contoso.com; a parent domain covers its children)
//   XMPP, Skype for Business Server 2015: xmpp.<domain> and *.<domain>
//   the Access Edge FQDN and the Web Conferencing Edge FQDN (edge.fqdns), when their features are on.

export interface RequiredSan {
  name: string;
  why: string;
  source: string;
  /** True when a SAN entry satisfies the requirement. */
  satisfiedBy: (san: string) => boolean;
}

const LACKS = 'The Access Edge external certificate (certificates.external.san) lacks {{missing}}; {{product}} needs';
const ASK_AGAIN = 'to the SAN list and request the certificate again.';

const meta = {
  code: 'certificate-san',
  severity: 'error',
  summary: 'The Access Edge external certificate lacks a subject alternative name the features need.',
  docs:
    'The Access Edge external certificate lacks a subject alternative name the features need: Lync 2013 needs the ' +
    'XMPP domain itself; Skype for Business Server 2015 needs `xmpp.<domain>` and `*.<domain>`; plus the Access Edge ' +
    'and Web Conferencing FQDNs.',
  fixKinds: ['other'],
  messages: {
    lacksOne: `${LACKS} it per {{sources}}. Add it ${ASK_AGAIN}`,
    lacksSeveral: `${LACKS} them per {{sources}}. Add them ${ASK_AGAIN}`,
  },
} as const satisfies Rule['meta'];

export function requiredSans(model: TopologyModel): RequiredSan[] {
  const out: RequiredSan[] = [];
  const fqdns = model.settings.edge.fqdns;
  const exact = (name: string) => (san: string) => san === name;
  if (fqdns.accessEdge && usesAccessEdge(model)) {
    out.push({
      name: fqdns.accessEdge,
      why: 'the Access Edge FQDN',
      source: `"${SOURCES['S-ENV'].title}"`,
      satisfiedBy: exact(fqdns.accessEdge),
    });
  }
  if (fqdns.webConferencingEdge && enabled(model, 'webConferencing')) {
    out.push({
      name: fqdns.webConferencingEdge,
      why: 'the Web Conferencing Edge FQDN',
      source: `"${SOURCES['S-ENV'].title}"`,
      satisfiedBy: exact(fqdns.webConferencingEdge),
    });
  }
  if (enabled(model, 'xmppFederation')) {
    const domains = (model.xmppDomains.length > 0 ? model.xmppDomains : model.sipDomains).map((domain) =>
      domain.toLowerCase(),
    );
    for (const domain of domains) {
      if (model.product === 'lync2013') {
        out.push({
          name: domain,
          why:
            `the XMPP domain ${domain} ("the entry required for federation with the XMPP partner at the root domain ` +
            `level")`,
          source: `"${SOURCES['L-XMPP-CERT'].title}"`,
          satisfiedBy: (san) => san === domain || domain.endsWith(`.${san}`),
        });
      } else {
        out.push({
          name: `xmpp.${domain}`,
          why: `XMPP for ${domain}`,
          source: `"${SOURCES['S-ENV'].title}" (XMPP certificate: two additional SANs)`,
          satisfiedBy: exact(`xmpp.${domain}`),
        });
        out.push({
          name: `*.${domain}`,
          why: `XMPP for ${domain}`,
          source: `"${SOURCES['S-ENV'].title}" (XMPP certificate: two additional SANs)`,
          satisfiedBy: exact(`*.${domain}`),
        });
      }
    }
  }
  return out;
}

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const certificate = model.settings.certificates.external;
  if (!certificate) return [];
  const missing = requiredSans(model).filter((required) => !certificate.san.some((san) => required.satisfiedBy(san)));
  if (missing.length === 0) return [];
  const edit = appendItemsEdit(
    parsed,
    certificate.path,
    'san',
    missing.map((required) => yamlScalar(required.name)),
  );
  const sanRange = rangeAtPath(parsed, [...certificate.path, 'san']);
  const range =
    sanRange.startOffset === rangeAtPath(parsed, certificate.path).startOffset
      ? keyRangeAtPath(parsed, certificate.path)
      : sanRange;
  const product = PRODUCT_NAMES[model.product];
  const data = {
    missing: missing.map((required) => `${required.name} (${required.why})`).join(', '),
    product,
    sources: [...new Set(missing.map((required) => required.source))].join('; '),
  };
  const title = `Add ${missing.map((required) => required.name).join(', ')} to certificates.external.san`;
  return [
    report(meta, missing.length > 1 ? 'lacksSeveral' : 'lacksOne', data, {
      range,
      fixes: safeFix(title, 'other', edit),
    }),
  ];
}

export const certificateSan: Rule<typeof meta> = { meta, check };
