import { describe } from 'node:test';
import { CONTOSO, edit } from './fixtures';
import { findingsOf, ruleTester, span } from './ruleTester';

const missingRole = findingsOf('missing-role', 'error');

describe('missing-role', () => {
  ruleTester({
    invalid: [
      {
        name: 'no Front End runs the XMPP gateway',
        text: edit(CONTOSO, '    services: [xmppGateway]\n', ''),
        errors: (text) => [
          missingRole(span(text, 'xmppFederation'), 'missing', {
            feature: 'xmppFederation',
            role: 'frontEnd',
            service: 'xmppGateway',
          }),
        ],
      },
      {
        name: 'no Edge server',
        text: edit(CONTOSO, '    role: edge\n', '    role: director\n'),
        errors: (text) => [missingRole(span(text, 'xmppFederation'), 'missing', { role: 'edge', service: '' })],
      },
    ],
  });
});
