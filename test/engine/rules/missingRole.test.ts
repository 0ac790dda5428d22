import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

describe('missing-role', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'no Front End runs the XMPP gateway',
        text: edit(CONTOSO, '    services: [xmppGateway]\n', ''),
        errors: (text) => [
          {
            code: 'missing-role',
            severity: 'error',
            at: span(text, 'xmppFederation'),
            messageId: 'missing',
            data: { feature: 'xmppFederation', role: 'frontEnd', service: 'xmppGateway' },
          },
        ],
      },
      {
        name: 'no Edge server',
        text: edit(CONTOSO, '    role: edge\n', '    role: director\n'),
        errors: (text) => [
          {
            code: 'missing-role',
            severity: 'error',
            at: span(text, 'xmppFederation'),
            messageId: 'missing',
            data: { role: 'edge', service: '' },
          },
        ],
      },
    ],
  });
});
