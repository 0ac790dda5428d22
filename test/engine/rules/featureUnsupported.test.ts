import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTOSO, edit, ONE_IP, only, underlined } from './fixtures';
import { ruleTester, span } from './ruleTester';

describe('feature-unsupported', () => {
  ruleTester({
    valid: [
      {
        name: 'Skype for Business Server 2015 keeps XMPP',
        text: edit(CONTOSO, 'product: lync2013', 'product: sfb2015'),
      },
      {
        name: 'XMPP off on 2019 needs no XMPP rules',
        text: edit(
          edit(CONTOSO, 'product: lync2013', 'product: sfb2019'),
          'xmppFederation: true',
          'xmppFederation: false',
        ),
      },
    ],
    invalid: [
      {
        name: 'XMPP on Skype for Business Server 2019',
        text: edit(CONTOSO, 'product: lync2013', 'product: sfb2019'),
        errors: (text) => [
          {
            code: 'feature-unsupported',
            severity: 'error',
            at: span(text, 'xmppFederation'),
            messageId: 'unsupported',
            data: { feature: 'XMPP federation', product: 'sfb2019' },
          },
        ],
      },
    ],
  });

  test('SfB 2019 has no XMPP federation', () => {
    const text = edit(ONE_IP, 'features:\n', 'features:\n  xmppFederation: true\n');
    const diagnostic = only(text, 'feature-unsupported');
    assert.equal(underlined(text, diagnostic), 'xmppFederation');
    assert.match(String(diagnostic.data?.reason), /legacy/);
  });
});
