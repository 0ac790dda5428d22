import { SOURCES } from '../catalog/sources';
import { yamlScalar, appendItemsEdit, setKeyEdit } from '../yaml/edits';
import { PRODUCT_NAMES } from '../catalog/products';
import type { TopologyModel } from '../model/model';
import { keyRangeAtPath, rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { isFeatureActive as enabled, usesAccessEdge } from './activeFeatures';
import { accessEdgeFqdn, publicAddresses, requiredSrvRecords } from './dnsRecord';
import { report, safeFix, type Rule, type RuleContext } from './rule';
import { fixTitle } from './fixTitles';

// The Edge certificates (code certificate-san), checked when the file has them (PORT-CATALOG §3.4, §5.2).
// The external certificate's subject alternative names:
//   XMPP, Lync Server 2013: the XMPP domain itself (contoso.com; a parent domain covers its children)
//   XMPP, Skype for Business Server 2015: xmpp.<domain> and *.<domain>
//   the Access Edge FQDN and the Web Conferencing Edge FQDN (edge.fqdns), when their features are on
//   sip.<domain> for each SIP domain the Access Edge serves: its _sip._tls or _sipfederationtls._tcp
//   record points at the Access Edge (S-ENV's table adds sip.fabrikam.com "as a demo of what to request if
//   you have multiple SIP domains"; L-FED-CERT: "You add SAN entries as needed for additional SIP domains").
// The internal certificate's subject: the Edge pool's internal FQDN (S-ENV: "it uses an SN entry, and
// no SAN entries"). In this file format that is edge.fqdns.internal ("the internal FQDN of the Edge
// pool, as in Topology Builder"), else the `pool` of the Edge servers: Topology Builder names an Edge
// pool by its internal FQDN, and every example gives both the same value.

export interface RequiredSan {
  name: string;
  why: string;
  source: string;
  /** True when a SAN entry satisfies the requirement. */
  satisfiedBy: (san: string) => boolean;
}

const LACKS = 'The external Edge certificate (certificates.external.san) lacks {{names}}.';
const NEEDS = 'Missing: {{missing}}; {{product}} needs';
const AGAIN = 'and request the certificate again.';
const ASK_AGAIN = `to the SAN list ${AGAIN}`;
const INTERNAL =
  "The internal Edge certificate's subject name must be the Edge pool's internal FQDN {{fqdn}} ({{where}}) " +
  'per {{source}}';

const meta = {
  code: 'certificate-san',
  severity: 'error',
  summary: 'An Edge certificate lacks a name the features need.',
  docs:
    'The Access Edge external certificate lacks a subject alternative name the features need: `sip.<domain>` for ' +
    'each SIP domain whose `_sip._tls` or `_sipfederationtls._tcp` record points at the Access Edge; Lync 2013 ' +
    'needs the XMPP domain itself; Skype for Business Server 2015 needs `xmpp.<domain>` and `*.<domain>`; plus the ' +
    "Access Edge and Web Conferencing FQDNs. Or the internal Edge certificate's subject is not the Edge pool's " +
    "internal FQDN (`edge.fqdns.internal`, else the Edge servers' `pool`).",
  fixKinds: ['other'],
  messages: {
    lacksOne: LACKS,
    lacksSeveral: LACKS,
    internalSubject: "certificates.internal.subjectName is {{subject}}, not the Edge pool's internal FQDN {{fqdn}}.",
    internalSubjectMissing: 'certificates.internal has no subjectName.',
  },
  details: {
    lacksOne: `${NEEDS} it per {{sources}}. Add it ${ASK_AGAIN}`,
    lacksSeveral: `${NEEDS} them per {{sources}}. Add them ${ASK_AGAIN}`,
    internalSubject: `${INTERNAL}. Set it to {{fixed}} ${AGAIN}`,
    internalSubjectMissing: `${INTERNAL}. Set it to {{fixed}} ${AGAIN}`,
  },
} as const satisfies Rule['meta'];

/** The records that make the Access Edge serve a SIP domain (sign-in and federation discovery). */
const SIP_SRV = ['_sip._tls.', '_sipfederationtls._tcp.'];

interface ServedDomain {
  /** The SRV records by which the Access Edge serves the domain. */
  records: string[];
  /** Targets of those records that lie in the domain itself: the names clients of the domain connect to. */
  ownNames: string[];
}

const within = (name: string, domain: string) => name === domain || name.endsWith(`.${domain}`);

/**
 * SIP domain → how the Access Edge serves it: the SRV records the enabled features need (they must
 * point at the Access Edge) and those written in dns.external that point at it.
 */
function domainsOnAccessEdge(model: TopologyModel): Map<string, ServedDomain> {
  const out = new Map<string, ServedDomain>();
  const add = (name: string, target?: string) => {
    const prefix = SIP_SRV.find((candidate) => name.startsWith(candidate));
    const domain = prefix && name.slice(prefix.length);
    if (!domain) return;
    const served = out.get(domain) ?? { records: [], ownNames: [] };
    if (!served.records.includes(name)) served.records.push(name);
    if (target && within(target, domain) && !served.ownNames.includes(target)) served.ownNames.push(target);
    out.set(domain, served);
  };
  for (const required of requiredSrvRecords(model)) add(required.name);
  const records = model.settings.dns.external;
  const fqdn = accessEdgeFqdn(model);
  const addresses = publicAddresses(model, 'accessEdge');
  const onAccessEdge = (target: string | undefined) =>
    target !== undefined &&
    (target === fqdn ||
      records.some(
        (record) =>
          record.name === target &&
          (record.type === 'A' || record.type === 'AAAA') &&
          record.address !== undefined &&
          addresses.includes(record.address),
      ));
  for (const record of records)
    if (record.type === 'SRV' && onAccessEdge(record.target)) add(record.name, record.target);
  return out;
}

/**
 * The name a served SIP domain needs on the certificate: what its clients connect to inside the
 * domain (a target its own records name there, else the Access Edge FQDN when it lies there), else
 * sip.<domain>, Microsoft's name for each further SIP domain. A custom Access Edge name in the
 * domain (access.contoso.com) so needs no sip.contoso.com beside it.
 */
function sipDomainName(model: TopologyModel, domain: string, served: ServedDomain): string {
  if (served.ownNames.length > 0) return served.ownNames[0];
  const fqdn = accessEdgeFqdn(model);
  return fqdn && within(fqdn, domain) ? fqdn : `sip.${domain}`;
}

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
  if (usesAccessEdge(model)) {
    const lync = model.product === 'lync2013';
    for (const [domain, served] of domainsOnAccessEdge(model)) {
      const name = sipDomainName(model, domain, served);
      if (out.some((required) => required.name === name)) continue;
      out.push({
        name,
        why: `the SIP domain ${domain}, served by the Access Edge (${served.records.join(', ')})`,
        source: lync
          ? `"${SOURCES['L-FED-CERT'].title}" ("You add SAN entries as needed for additional SIP domains")`
          : `"${SOURCES['S-ENV'].title}" (Edge certificate table: sip.<domain> for each SIP domain)`,
        satisfiedBy: exact(name),
      });
    }
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
  return [...checkExternal(context), ...checkInternal(context)];
}

function checkExternal(context: RuleContext): Diagnostic[] {
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
    names: missing.map((required) => required.name).join(', '),
    product,
    sources: [...new Set(missing.map((required) => required.source))].join('; '),
  };
  const title = fixTitle('fix/addSan', { names: missing.map((required) => required.name).join(', ') });
  return [
    report(meta, missing.length > 1 ? 'lacksSeveral' : 'lacksOne', data, {
      range,
      fixes: safeFix(title, 'other', edit),
    }),
  ];
}

/** The Edge pool's internal FQDN: edge.fqdns.internal, else the pools of the Edge servers (any of them). */
function internalFqdns(model: TopologyModel): { fqdns: string[]; where: string } {
  const written = model.settings.edge.fqdns.internal;
  if (written) return { fqdns: [written], where: 'edge.fqdns.internal' };
  const edges = model.servers.filter((server) => server.role === 'edge' && server.pool);
  const fqdns = [...new Set(edges.map((server) => server.pool!.trim().replace(/\.$/, '').toLowerCase()))];
  const owners = edges.map((server) => server.name).join(', ');
  return { fqdns, where: `the ${fqdns.length > 1 ? 'pools' : 'pool'} of ${owners}` };
}

function checkInternal(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const certificate = model.settings.certificates.internal;
  if (!certificate) return [];
  const { fqdns, where } = internalFqdns(model);
  const subject = certificate.subjectName?.replace(/\.$/, '');
  if (fqdns.length === 0 || (subject && fqdns.includes(subject))) return [];
  // Several Edge pools and one internal certificate in the file: which pool it is for is not said.
  const fixed = fqdns.length === 1 ? fqdns[0] : undefined;
  const data = {
    fqdn: fqdns.join(' or '),
    where,
    source: `"${SOURCES['S-ENV'].title}" (Edge certificate table: the internal certificate has a subject name only)`,
    fixed: fixed ?? 'the FQDN of the Edge pool the certificate is for',
  };
  const edit = fixed ? setKeyEdit(parsed, certificate.path, 'subjectName', yamlScalar(fixed)) : undefined;
  const fixes = safeFix(fixTitle('fix/subjectName', { fqdn: fixed ?? '' }), 'other', edit);
  if (certificate.subjectName === undefined)
    return [report(meta, 'internalSubjectMissing', data, { range: keyRangeAtPath(parsed, certificate.path), fixes })];
  const range = rangeAtPath(parsed, [...certificate.path, 'subjectName']);
  return [report(meta, 'internalSubject', { ...data, subject: certificate.subjectName }, { range, fixes })];
}

export const certificateSan: Rule<typeof meta> = { meta, check };
