import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { applyEdits, checkTopology, negotiationVerdict } from '../../../server/src/engine/index';
import { edit, NAT, ONE_IP, only, underlined } from './fixtures';
import { assertMessage } from './ruleTester';

describe('xmpp-partner: the TLS / SASL / dialback table of "Negotiation settings for XMPP federated partners"', () => {
  // [TLS, SASL, dialback, expected]
  const table: [string, string, boolean, 'valid' | 'warning' | 'error'][] = [
    ['Required', 'Required', true, 'warning'],
    ['Required', 'Required', false, 'valid'],
    ['Optional', 'Required', true, 'warning'],
    ['Optional', 'Required', false, 'warning'],
    ['NotSupported', 'Required', true, 'warning'],
    ['NotSupported', 'Required', false, 'error'],
    ['Required', 'Optional', true, 'valid'],
    ['Required', 'Optional', false, 'valid'],
    ['Optional', 'Optional', true, 'warning'],
    ['Optional', 'Optional', false, 'warning'],
    ['NotSupported', 'Optional', true, 'warning'],
    ['NotSupported', 'Optional', false, 'error'],
    ['Required', 'NotSupported', true, 'valid'],
    ['Required', 'NotSupported', false, 'error'],
    ['Optional', 'NotSupported', true, 'valid'],
    ['Optional', 'NotSupported', false, 'error'],
    ['NotSupported', 'NotSupported', true, 'valid'],
    ['NotSupported', 'NotSupported', false, 'error'],
  ];
  const partner = `    - domain: gmail.com
      partnerType: PublicUnverified
      tlsNegotiation: NotSupported
      saslNegotiation: NotSupported
      supportDialback: true
      enableKeepAlive: false`;
  for (const [tls, sasl, dialback, expected] of table) {
    test(`TLS ${tls}, SASL ${sasl}, dialback ${dialback}: ${expected}`, () => {
      const verdict = negotiationVerdict(tls as never, sasl as never, dialback);
      assert.equal(verdict ? verdict.severity : 'valid', expected);
      const text = edit(
        NAT,
        partner,
        partner
          .replace('tlsNegotiation: NotSupported', `tlsNegotiation: ${tls}`)
          .replace('saslNegotiation: NotSupported', `saslNegotiation: ${sasl}`)
          .replace('supportDialback: true', `supportDialback: ${dialback}`),
      );
      const found = checkTopology(text).diagnostics.filter((d) => d.code === 'xmpp-partner');
      if (expected === 'valid') {
        assert.deepEqual(found, []);
        return;
      }
      assert.equal(found.length, 1);
      assert.equal(found[0].severity, expected);
      assertMessage(found[0], 'negotiation', { partner: 'gmail.com' });
      const key = underlined(text, found[0]);
      assert.ok([tls, sasl, String(dialback)].includes(key), `range on '${key}'`);
      // The fix leads to a valid combination (never applied by `fix` on its own: it changes security settings).
      const fix = found[0].fixes![0];
      assert.equal(fix.safe, false);
      const after = checkTopology(applyEdits(text, fix.edits)).diagnostics.filter((d) => d.code === 'xmpp-partner');
      assert.deepEqual(
        after.map((d) => d.message),
        [],
      );
    });
  }
  test(
    'defaults (TLS Required, SASL Required, dialback true) warn that dialback will not operate; ' +
      'the range is the domain',
    () => {
      const text = edit(NAT, partner, '    - domain: jabber.example.org');
      const diagnostic = only(text, 'xmpp-partner');
      assert.equal(diagnostic.severity, 'warning');
      assert.equal(underlined(text, diagnostic), 'jabber.example.org');
      assertMessage(diagnostic, 'negotiation', {
        settings:
          'tlsNegotiation: Required (default), saslNegotiation: Required (default), supportDialback: true (default)',
        reason:
          'Dialback will not operate if both SASL and TLS are required (TLS Required, SASL Required, dialback true)',
      });
      const after = checkTopology(applyEdits(text, diagnostic.fixes![0].edits));
      assert.deepEqual(
        after.diagnostics.map((d) => d.message),
        [],
      );
      assert.match(
        applyEdits(text, diagnostic.fixes![0].edits),
        /- domain: jabber\.example\.org\n\s+supportDialback: false\n/,
      );
    },
  );
  test('a domain listed by two partners is an error', () => {
    const text = edit(
      NAT,
      partner,
      `${partner}\n    - domain: example.org\n      additionalDomains: [gmail.com]\n      supportDialback: false`,
    );
    const diagnostic = only(text, 'xmpp-partner');
    assert.equal(diagnostic.severity, 'error');
    assertMessage(diagnostic, 'domainTwice', { domain: 'gmail.com', firstIndex: 1 });
  });
  test('partners without XMPP federation (SfB 2019) are a warning', () => {
    const text = edit(
      ONE_IP,
      '\ndns:\n',
      '\nxmpp:\n  partners:\n' +
        '    - { domain: gmail.com, tlsNegotiation: NotSupported, saslNegotiation: NotSupported }\ndns:\n',
    );
    assert.equal(only(text, 'xmpp-partner').severity, 'warning');
  });
});
