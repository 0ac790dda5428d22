import { CONTOSO, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

ruleTester('missing-role', {
  invalid: [
    {
      name: 'no Front End runs the XMPP gateway',
      text: edit(CONTOSO, '    services: [xmppGateway]\n', ''),
      errors: (text, finding) => {
        const data = { feature: 'xmppFederation', role: 'frontEnd', service: 'xmppGateway' };
        return [finding(span(text, 'xmppFederation'), 'missing', data)];
      },
    },
    {
      name: 'no Edge server',
      text: edit(CONTOSO, '    role: edge\n', '    role: director\n'),
      errors: (text, finding) => [finding(span(text, 'xmppFederation'), 'missing', { role: 'edge', service: '' })],
    },
  ],
});
