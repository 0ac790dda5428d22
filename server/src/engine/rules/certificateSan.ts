import { findFeature } from '../catalog';
import { SOURCES } from '../catalog/sources';
import { yamlScalar } from '../yaml/edits';
import { enabledFeatures, settingsOf } from '../flows/required';
import type { TopologyModel } from '../model/model';
import { keyRangeAtPath, rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import type { CheckContext } from './featureChecks';
import { appendItemsEdit } from '../yaml/edits';

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

function enabled(model: TopologyModel, feature: string): boolean {
  return enabledFeatures(model).includes(feature) && !findFeature(feature)?.unsupported?.[model.product];
}

export function requiredSans(model: TopologyModel): RequiredSan[] {
  const out: RequiredSan[] = [];
  const fqdns = settingsOf(model).edge.fqdns;
  const exact = (name: string) => (san: string) => san === name;
  if (fqdns.accessEdge && ['xmppFederation', 'sipFederation', 'publicImConnectivity', 'remoteUserAccess'].some((feature) => enabled(model, feature))) {
    out.push({ name: fqdns.accessEdge, why: 'the Access Edge FQDN', source: `"${SOURCES['S-ENV'].title}"`, satisfiedBy: exact(fqdns.accessEdge) });
  }
  if (fqdns.webConferencingEdge && enabled(model, 'webConferencing')) {
    out.push({ name: fqdns.webConferencingEdge, why: 'the Web Conferencing Edge FQDN', source: `"${SOURCES['S-ENV'].title}"`, satisfiedBy: exact(fqdns.webConferencingEdge) });
  }
  if (enabled(model, 'xmppFederation')) {
    const domains = (model.xmppDomains.length > 0 ? model.xmppDomains : model.sipDomains).map((domain) => domain.toLowerCase());
    for (const domain of domains) {
      if (model.product === 'lync2013') {
        out.push({
          name: domain,
          why: `the XMPP domain ${domain} ("the entry required for federation with the XMPP partner at the root domain level")`,
          source: `"${SOURCES['L-XMPP-CERT'].title}"`,
          satisfiedBy: (san) => san === domain || domain.endsWith(`.${san}`),
        });
      } else {
        out.push({ name: `xmpp.${domain}`, why: `XMPP for ${domain}`, source: `"${SOURCES['S-ENV'].title}" (XMPP certificate: two additional SANs)`, satisfiedBy: exact(`xmpp.${domain}`) });
        out.push({ name: `*.${domain}`, why: `XMPP for ${domain}`, source: `"${SOURCES['S-ENV'].title}" (XMPP certificate: two additional SANs)`, satisfiedBy: exact(`*.${domain}`) });
      }
    }
  }
  return out;
}

export function checkCertificates(context: CheckContext): Diagnostic[] {
  const { parsed, model } = context;
  const certificate = settingsOf(model).certificates.external;
  if (!certificate) return [];
  const missing = requiredSans(model).filter((required) => !certificate.san.some((san) => required.satisfiedBy(san)));
  if (missing.length === 0) return [];
  const edit = appendItemsEdit(parsed, certificate.path, 'san', missing.map((required) => yamlScalar(required.name)));
  const sanRange = rangeAtPath(parsed, [...certificate.path, 'san']);
  const range = sanRange.startOffset === rangeAtPath(parsed, certificate.path).startOffset ? keyRangeAtPath(parsed, certificate.path) : sanRange;
  const product = model.product === 'lync2013' ? 'Lync Server 2013' : model.product === 'sfb2015' ? 'Skype for Business Server 2015' : 'Skype for Business Server 2019';
  return [
    {
      code: 'certificate-san',
      severity: 'error',
      message: `The Access Edge external certificate (certificates.external.san) lacks ${missing.map((required) => `${required.name} (${required.why})`).join(', ')}; ${product} needs ${missing.length > 1 ? 'them' : 'it'} per ${[...new Set(missing.map((required) => required.source))].join('; ')}. Add ${missing.length > 1 ? 'them' : 'it'} to the SAN list and request the certificate again.`,
      range,
      fixes: edit ? [{ title: `Add ${missing.map((required) => required.name).join(', ')} to certificates.external.san`, kind: 'other', preferred: true, safe: true, edits: [edit] }] : undefined,
    },
  ];
}
