import { enabledFeatures } from '../flows/rows';
import { SOURCES } from '../catalog/sources';
import { keyRangeAtPath, PathSegment, rangeAtPath } from '../yaml/parse';
import type { Diagnostic, Fix, Severity, TextEdit } from '../types';
import { isFeatureActive } from './activeFeatures';
import { report, type Rule, type RuleContext } from './rule';
import { Negotiation, PARTNER_DEFAULTS, XmppPartner } from '../model/settings';
import { setKeyEdit } from '../yaml/edits';
import { fixTitle } from './fixTitles';

// XMPP federated partners (xmpp.partners, code xmpp-partner): the TLS / SASL / dialback
// combinations of "Negotiation settings for XMPP federated partners" (PORT-CATALOG §5.4): the
// "Not valid" rows are errors, the rows with a warning are warnings, each with Microsoft's reason.
// Defaults (New-CsXmppAllowedPartner): TLS Required, SASL Required, dialback true, keep-alive true.

const NEG = `"${SOURCES['L-XMPP-NEG'].title}"`;

type Key = 'tlsNegotiation' | 'saslNegotiation' | 'supportDialback';

interface Verdict {
  severity: Severity;
  reason: string;
  /** Keys the finding is about, most specific first (the range goes on the first one written). */
  about: Key[];
  /** Settings that make the combination valid. */
  fix?: { title: string; set: Partial<Record<Key, string | boolean>> };
}

/** Microsoft's validity matrix for one partner's TLS, SASL and dialback settings; undefined when valid. */
export function negotiationVerdict(tls: Negotiation, sasl: Negotiation, dialback: boolean): Verdict | undefined {
  if (sasl === 'NotSupported') {
    if (dialback) return undefined;
    return {
      severity: 'error',
      reason:
        'SASL or Dialback must be enabled: with SASL NotSupported and dialback off, no authentication method is left',
      about: ['supportDialback', 'saslNegotiation'],
      fix: { title: 'Set supportDialback: true', set: { supportDialback: true } },
    };
  }
  if (tls === 'NotSupported') {
    if (!dialback) {
      return {
        severity: 'error',
        reason:
          `SASL requires TLS, and TLS is NotSupported while dialback is off: no negotiation method is left (SASL ` +
          `${sasl}, TLS NotSupported, dialback false is "Not valid")`,
        about: ['tlsNegotiation', 'saslNegotiation', 'supportDialback'],
        fix: { title: 'Set tlsNegotiation: Required', set: { tlsNegotiation: 'Required' } },
      };
    }
    return {
      severity: 'warning',
      reason:
        `SASL requires TLS, which is NotSupported: only TCP dialback will be negotiated (the Lync Server Control ` +
        `Panel refuses to save SASL without TLS support)`,
      about: ['saslNegotiation', 'tlsNegotiation'],
      fix: { title: 'Set saslNegotiation: NotSupported (TCP dialback only)', set: { saslNegotiation: 'NotSupported' } },
    };
  }
  if (tls === 'Optional') {
    return {
      severity: 'warning',
      reason:
        `SASL requires TLS; with TLS Optional, SASL negotiation may fail when TLS is not negotiated (SASL ${sasl}, ` +
        `TLS Optional, dialback ${dialback})`,
      about: ['tlsNegotiation', 'saslNegotiation'],
      fix:
        sasl === 'Required' && dialback
          ? {
              title: 'Set tlsNegotiation: Required and supportDialback: false',
              set: { tlsNegotiation: 'Required', supportDialback: false },
            }
          : { title: 'Set tlsNegotiation: Required', set: { tlsNegotiation: 'Required' } },
    };
  }
  if (sasl === 'Required' && dialback) {
    return {
      severity: 'warning',
      reason:
        'Dialback will not operate if both SASL and TLS are required (TLS Required, SASL Required, dialback true)',
      about: ['supportDialback', 'saslNegotiation', 'tlsNegotiation'],
      fix: { title: 'Set supportDialback: false', set: { supportDialback: false } },
    };
  }
  return undefined;
}

const UNREACHABLE_TAIL =
  'No partner can be reached. Enable xmppFederation (Lync Server 2013, Skype for Business Server 2015), or remove ' +
  'the partners.';
const NEGOTIATION = 'XMPP partner {{partner}}: its TLS, SASL and dialback settings conflict.';
const NEGOTIATION_WHY = '{{settings}}: {{reason}} (' + NEG + ').';

const meta = {
  code: 'xmpp-partner',
  severity: 'error',
  alsoEmits: ['warning'],
  summary: 'An XMPP federated partner with an invalid or risky TLS/SASL/dialback combination.',
  docs:
    'An `xmpp.partners` entry whose TLS / SASL / dialback combination Microsoft\'s "Negotiation settings for XMPP ' +
    'federated partners" table marks not valid (error) or likely to fail (warning), or a partner domain listed twice.',
  fixKinds: ['other'],
  messages: {
    xmppNotAvailable: 'xmpp.partners lists {{partners}}, but XMPP federation is not available in {{product}}.',
    xmppNotEnabled: 'xmpp.partners lists {{partners}}, but features.xmppFederation is not enabled.',
    domainTwice: 'XMPP domain {{domain}} is already a domain of partner #{{firstIndex}} ({{firstDomain}}).',
    negotiation: NEGOTIATION,
    negotiationWithoutFix: NEGOTIATION,
  },
  details: {
    xmppNotAvailable: UNREACHABLE_TAIL,
    xmppNotEnabled: UNREACHABLE_TAIL,
    domainTwice:
      'Each domain belongs to one allowed partner (New-CsXmppAllowedPartner -Domain / -AdditionalDomains); merge the ' +
      'two partners or remove this domain.',
    negotiation: `${NEGOTIATION_WHY} {{fix}}.`,
    negotiationWithoutFix: NEGOTIATION_WHY,
  },
} as const satisfies Rule['meta'];

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const partners = model.settings.xmppPartners;
  if (partners.length === 0) return [];
  const out: Diagnostic[] = [];
  if (!isFeatureActive(model, 'xmppFederation')) {
    const partnerCount = `${partners.length} partner${partners.length > 1 ? 's' : ''}`;
    const range = keyRangeAtPath(parsed, ['xmpp', 'partners']);
    out.push(
      enabledFeatures(model).includes('xmppFederation')
        ? report(
            meta,
            'xmppNotAvailable',
            { partners: partnerCount, product: model.product },
            { severity: 'warning', range },
          )
        : report(meta, 'xmppNotEnabled', { partners: partnerCount }, { severity: 'warning', range }),
    );
  }
  const seen = new Map<string, XmppPartner>();
  for (const partner of partners) {
    const domains = [partner.domain, ...partner.additionalDomains].filter((domain): domain is string => !!domain);
    for (const [k, domain] of domains.entries()) {
      const first = seen.get(domain);
      if (first && first !== partner) {
        const path: PathSegment[] =
          k === 0 ? [...partner.path, 'domain'] : [...partner.path, 'additionalDomains', k - 1];
        const data = { domain, firstIndex: first.index + 1, firstDomain: String(first.domain) };
        out.push(
          report(meta, 'domainTwice', data, {
            range: rangeAtPath(parsed, path),
            related: [{ range: rangeAtPath(parsed, first.path), message: `Partner ${first.domain}.` }],
          }),
        );
      } else {
        seen.set(domain, partner);
      }
    }
    const verdict = negotiationVerdict(partner.tlsNegotiation, partner.saslNegotiation, partner.supportDialback);
    if (!verdict) continue;
    const written = verdict.about.find((key) => partner.explicit.has(key));
    const range = written
      ? rangeAtPath(parsed, [...partner.path, written])
      : rangeAtPath(parsed, [...partner.path, 'domain']);
    const describe = (key: Key) => `${key}: ${String(partner[key])}${partner.explicit.has(key) ? '' : ' (default)'}`;
    const edits: TextEdit[] = [];
    for (const [key, value] of Object.entries(verdict.fix?.set ?? {})) {
      const edit = setKeyEdit(parsed, partner.path, key, String(value));
      if (edit) edits.push(edit);
    }
    const fixes: Fix[] | undefined =
      verdict.fix && edits.length === Object.keys(verdict.fix.set).length
        ? [
            {
              ...fixTitle('fix/xmppPartner', {
                setting: verdict.fix.title,
                partner: partner.domain ?? `#${partner.index + 1}`,
              }),
              kind: 'other',
              preferred: true,
              safe: false,
              edits,
            },
          ]
        : undefined;
    const data = {
      partner: partner.domain ?? `#${partner.index + 1}`,
      settings: (['tlsNegotiation', 'saslNegotiation', 'supportDialback'] as Key[]).map(describe).join(', '),
      reason: verdict.reason,
      ...(verdict.fix ? { fix: verdict.fix.title } : {}),
    };
    out.push(
      report(meta, verdict.fix ? 'negotiation' : 'negotiationWithoutFix', data, {
        severity: verdict.severity,
        range,
        fixes,
      }),
    );
  }
  return out;
}

export const xmppPartner: Rule<typeof meta> = { meta, check };

export { PARTNER_DEFAULTS };
