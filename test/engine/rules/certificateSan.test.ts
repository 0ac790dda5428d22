import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/engine/index';
import { edit, HLB, NAT, PUBLIC } from './fixtures';
import { ruleTester, span } from './ruleTester';

const NAT_SAN = 'san: [sip.contoso.com, webcon.contoso.com, contoso.com]';

ruleTester('certificate-san', {
  valid: [
    {
      name: 'Lync 2013: a parent domain covers its child domains',
      text: edit(
        edit(NAT, 'xmpp: [contoso.com]', 'xmpp: [corp.contoso.com]'),
        '_xmpp-server._tcp.contoso.com',
        '_xmpp-server._tcp.corp.contoso.com',
      ),
    },
  ],
  invalid: [
    {
      name: 'Lync 2013: the XMPP domain itself is required',
      text: edit(NAT, NAT_SAN, 'san: [sip.contoso.com, webcon.contoso.com]'),
      errors: (text, finding) => [
        finding(span(text, '[sip.contoso.com, webcon.contoso.com]'), 'lacksOne', {
          missing:
            'contoso.com (the XMPP domain contoso.com ("the entry required for federation with the XMPP partner ' +
            'at the root domain level"))',
          sources:
            '"Certificate summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013"',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'SfB 2015: xmpp.<domain> and *.<domain> are required',
      text: edit(PUBLIC, 'xmpp.fabrikam.com, "*.fabrikam.com"]', 'fabrikam.com]'),
      errors: (text, finding) => [
        finding(span(text, '[sip.fabrikam.com, webcon.fabrikam.com, fabrikam.com]'), 'lacksSeveral', {
          missing: 'xmpp.fabrikam.com (XMPP for fabrikam.com), *.fabrikam.com (XMPP for fabrikam.com)',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'the Web Conferencing Edge FQDN is required with web conferencing',
      text: edit(HLB, 'san: [sip.fabrikam.com, webcon.fabrikam.com,', 'san: [sip.fabrikam.com,'),
      errors: (text, finding) => [
        finding(span(text, '[sip.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]'), 'lacksOne', {
          missing: 'webcon.fabrikam.com (the Web Conferencing Edge FQDN)',
        }),
      ],
      fixesClean: true,
    },
  ],
});

test('certificate-san: a block-style SAN list gets the fix as new items', () => {
  const text = edit(NAT, NAT_SAN, 'san:\n      - sip.contoso.com\n      - webcon.contoso.com');
  const fixed = fixAll(text);
  assert.match(fixed.text, / {6}- webcon\.contoso\.com\n {6}- contoso\.com\n/);
  assert.deepEqual(fixed.remaining, []);
});
