import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/engine/index';
import { edit, HLB, NAT, PUBLIC } from './fixtures';
import { ruleTester, span, type Case, type Expected } from './ruleTester';

/** `text` with the SAN list of its external certificate written as `list`. */
function withSans(text: string, list: string): string {
  assert.match(text, /san: \[.*\]/, 'test setup: no flow-style SAN list');
  return text.replace(/san: \[.*\]/, `san: ${list}`);
}

/** Cases where the features need a SAN the list lacks: the finding is on the list, and the fix adds it. */
const lacking = (cases: { name: string; example: string; list: string; messageId: string; data: Expected['data'] }[]) =>
  cases.map(({ name, example, list, messageId, data }): Case => ({
    name,
    text: withSans(example, list),
    errors: (text, finding) => [finding(span(text, list), messageId, data)],
    fixesClean: true,
  }));

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
  invalid: lacking([
    {
      name: 'Lync 2013: the XMPP domain itself is required',
      example: NAT,
      list: '[sip.contoso.com, webcon.contoso.com]',
      messageId: 'lacksOne',
      data: {
        missing:
          'contoso.com (the XMPP domain contoso.com ("the entry required for federation with the XMPP partner at ' +
          'the root domain level"))',
        sources:
          '"Certificate summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013"',
      },
    },
    {
      name: 'SfB 2015: xmpp.<domain> and *.<domain> are required',
      example: PUBLIC,
      list: '[sip.fabrikam.com, webcon.fabrikam.com, fabrikam.com]',
      messageId: 'lacksSeveral',
      data: { missing: 'xmpp.fabrikam.com (XMPP for fabrikam.com), *.fabrikam.com (XMPP for fabrikam.com)' },
    },
    {
      name: 'the Web Conferencing Edge FQDN is required with web conferencing',
      example: HLB,
      list: '[sip.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]',
      messageId: 'lacksOne',
      data: { missing: 'webcon.fabrikam.com (the Web Conferencing Edge FQDN)' },
    },
  ]),
});

const BLOCK_SANS = 'san:\n      - sip.contoso.com\n      - webcon.contoso.com';

test('certificate-san: a block-style SAN list gets the fix as new items', () => {
  const text = edit(NAT, 'san: [sip.contoso.com, webcon.contoso.com, contoso.com]', BLOCK_SANS);
  const fixed = fixAll(text);
  assert.match(fixed.text, / {6}- webcon\.contoso\.com\n {6}- contoso\.com\n/);
  assert.deepEqual(fixed.remaining, []);
});
