import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixAll } from '../../../server/src/engine/index';
import { assertFixedClean, codes, edit, HLB, NAT, only, PUBLIC, underlined } from './fixtures';

describe('certificate-san', () => {
  test('Lync 2013: the XMPP domain itself is required', () => {
    const text = edit(
      NAT,
      'san: [sip.contoso.com, webcon.contoso.com, contoso.com]',
      'san: [sip.contoso.com, webcon.contoso.com]',
    );
    const diagnostic = only(text, 'certificate-san');
    assert.equal(underlined(text, diagnostic), '[sip.contoso.com, webcon.contoso.com]');
    assert.match(diagnostic.message, /contoso\.com \(the XMPP domain contoso\.com/);
    assert.match(diagnostic.message, /Certificate summary - Extensible messaging and presence protocol/);
    assertFixedClean(text);
  });
  test('Lync 2013: a parent domain covers its child domains', () => {
    const text = edit(
      edit(NAT, 'xmpp: [contoso.com]', 'xmpp: [corp.contoso.com]'),
      '_xmpp-server._tcp.contoso.com',
      '_xmpp-server._tcp.corp.contoso.com',
    );
    assert.deepEqual(codes(text), []);
  });
  test('SfB 2015: xmpp.<domain> and *.<domain> are required', () => {
    const text = edit(
      PUBLIC,
      'san: [sip.fabrikam.com, webcon.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]',
      'san: [sip.fabrikam.com, webcon.fabrikam.com, fabrikam.com]',
    );
    const diagnostic = only(text, 'certificate-san');
    assert.match(diagnostic.message, /xmpp\.fabrikam\.com .*\*\.fabrikam\.com/);
    assertFixedClean(text);
  });
  test('the Web Conferencing Edge FQDN is required with web conferencing', () => {
    const text = edit(HLB, 'san: [sip.fabrikam.com, webcon.fabrikam.com,', 'san: [sip.fabrikam.com,');
    assert.match(only(text, 'certificate-san').message, /webcon\.fabrikam\.com \(the Web Conferencing Edge FQDN\)/);
    assertFixedClean(text);
  });
  test('a block-style SAN list gets the fix as new items', () => {
    const text = edit(
      NAT,
      'san: [sip.contoso.com, webcon.contoso.com, contoso.com]',
      'san:\n      - sip.contoso.com\n      - webcon.contoso.com',
    );
    const fixed = fixAll(text);
    assert.match(fixed.text, / {6}- webcon\.contoso\.com\n {6}- contoso\.com\n/);
    assert.deepEqual(fixed.remaining, []);
  });
});
