import { enabledFeatures } from '../flows/required';
import { findFeature } from '../catalog';
import { SOURCES } from '../catalog/sources';
import { keyRangeAtPath, PathSegment, rangeAtPath } from '../yaml/parse';
import type { Diagnostic, Fix, Severity, TextEdit } from '../types';
import type { CheckContext } from './featureChecks';
import { Negotiation, PARTNER_DEFAULTS, XmppPartner } from '../model/settings';
import { setKeyEdit } from '../yaml/edits';

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
      reason: 'SASL or Dialback must be enabled: with SASL NotSupported and dialback off, no authentication method is left',
      about: ['supportDialback', 'saslNegotiation'],
      fix: { title: 'Set supportDialback: true', set: { supportDialback: true } },
    };
  }
  if (tls === 'NotSupported') {
    if (!dialback) {
      return {
        severity: 'error',
        reason: `SASL requires TLS, and TLS is NotSupported while dialback is off: no negotiation method is left (SASL ${sasl}, TLS NotSupported, dialback false is "Not valid")`,
        about: ['tlsNegotiation', 'saslNegotiation', 'supportDialback'],
        fix: { title: 'Set tlsNegotiation: Required', set: { tlsNegotiation: 'Required' } },
      };
    }
    return {
      severity: 'warning',
      reason: `SASL requires TLS, which is NotSupported: only TCP dialback will be negotiated (the Lync Server Control Panel refuses to save SASL without TLS support)`,
      about: ['saslNegotiation', 'tlsNegotiation'],
      fix: { title: 'Set saslNegotiation: NotSupported (TCP dialback only)', set: { saslNegotiation: 'NotSupported' } },
    };
  }
  if (tls === 'Optional') {
    return {
      severity: 'warning',
      reason: `SASL requires TLS; with TLS Optional, SASL negotiation may fail when TLS is not negotiated (SASL ${sasl}, TLS Optional, dialback ${dialback})`,
      about: ['tlsNegotiation', 'saslNegotiation'],
      fix:
        sasl === 'Required' && dialback
          ? { title: 'Set tlsNegotiation: Required and supportDialback: false', set: { tlsNegotiation: 'Required', supportDialback: false } }
          : { title: 'Set tlsNegotiation: Required', set: { tlsNegotiation: 'Required' } },
    };
  }
  if (sasl === 'Required' && dialback) {
    return {
      severity: 'warning',
      reason: 'Dialback will not operate if both SASL and TLS are required (TLS Required, SASL Required, dialback true)',
      about: ['supportDialback', 'saslNegotiation', 'tlsNegotiation'],
      fix: { title: 'Set supportDialback: false', set: { supportDialback: false } },
    };
  }
  return undefined;
}

export function checkXmppPartners(context: CheckContext): Diagnostic[] {
  const { parsed, model } = context;
  const partners = model.settings.xmppPartners ?? [];
  if (partners.length === 0) return [];
  const out: Diagnostic[] = [];
  const xmpp = findFeature('xmppFederation');
  const enabled = enabledFeatures(model).includes('xmppFederation') && !xmpp?.unsupported?.[model.product];
  if (!enabled) {
    out.push({
      code: 'xmpp-partner',
      severity: 'warning',
      message: `xmpp.partners lists ${partners.length} partner${partners.length > 1 ? 's' : ''}, but ${enabledFeatures(model).includes('xmppFederation') ? `XMPP federation is not available in ${model.product}` : 'features.xmppFederation is not enabled'}, so no partner can be reached. Enable xmppFederation (Lync Server 2013, Skype for Business Server 2015), or remove the partners.`,
      range: keyRangeAtPath(parsed, ['xmpp', 'partners']),
    });
  }
  const seen = new Map<string, XmppPartner>();
  for (const partner of partners) {
    const domains = [partner.domain, ...partner.additionalDomains].filter((domain): domain is string => !!domain);
    for (const [k, domain] of domains.entries()) {
      const first = seen.get(domain);
      if (first && first !== partner) {
        const path: PathSegment[] = k === 0 ? [...partner.path, 'domain'] : [...partner.path, 'additionalDomains', k - 1];
        out.push({
          code: 'xmpp-partner',
          severity: 'error',
          message: `XMPP domain ${domain} is already a domain of partner #${first.index + 1} (${first.domain}). Each domain belongs to one allowed partner (New-CsXmppAllowedPartner -Domain / -AdditionalDomains); merge the two partners or remove this domain.`,
          range: rangeAtPath(parsed, path),
          related: [{ range: rangeAtPath(parsed, first.path), message: `Partner ${first.domain}.` }],
        });
      } else {
        seen.set(domain, partner);
      }
    }
    const verdict = negotiationVerdict(partner.tlsNegotiation, partner.saslNegotiation, partner.supportDialback);
    if (!verdict) continue;
    const written = verdict.about.find((key) => partner.explicit.has(key));
    const range = written ? rangeAtPath(parsed, [...partner.path, written]) : rangeAtPath(parsed, [...partner.path, 'domain']);
    const describe = (key: Key) => `${key}: ${String(partner[key])}${partner.explicit.has(key) ? '' : ' (default)'}`;
    const edits: TextEdit[] = [];
    for (const [key, value] of Object.entries(verdict.fix?.set ?? {})) {
      const edit = setKeyEdit(parsed, partner.path, key, String(value));
      if (edit) edits.push(edit);
    }
    const fixes: Fix[] | undefined =
      verdict.fix && edits.length === Object.keys(verdict.fix.set).length
        ? [{ title: `${verdict.fix.title} for partner ${partner.domain ?? `#${partner.index + 1}`}`, kind: 'other', preferred: true, safe: false, edits }]
        : undefined;
    out.push({
      code: 'xmpp-partner',
      severity: verdict.severity,
      message: `XMPP partner ${partner.domain ?? `#${partner.index + 1}`} (${(['tlsNegotiation', 'saslNegotiation', 'supportDialback'] as Key[]).map(describe).join(', ')}): ${verdict.reason} (${NEG}). ${verdict.fix ? `${verdict.fix.title}.` : ''}`.trim(),
      range,
      fixes,
    });
  }
  return out;
}

export { PARTNER_DEFAULTS };
