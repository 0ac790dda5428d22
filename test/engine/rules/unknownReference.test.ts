import { CONTOSO, DNSLB, edit } from './fixtures';
import { findingsOf, messagesOf, ruleTester, span } from './ruleTester';

const GATEWAY_FROM_ANY = '        from: any\n        to: edge01.internal';
// The model reports the references it cannot resolve; the next hop is checked in rules/.
const unknown = messagesOf('unknown-reference', 'error');
const missingFlow = findingsOf('missing-flow', 'error');

ruleTester('unknown-reference', {
  valid: [
    {
      name: 'a pool FQDN as source',
      text: edit(CONTOSO, GATEWAY_FROM_ANY, '        from: pool01.contoso.com\n        to: edge01.internal'),
    },
    {
      name: 'a network name as source',
      text: edit(CONTOSO, GATEWAY_FROM_ANY, '        from: corp\n        to: edge01.internal'),
    },
  ],
  invalid: [
    {
      name: 'an interface the server lacks',
      text: edit(CONTOSO, '        to: edge01.accessEdge', '        to: edge01.accesEdge'),
      errors: (text) => [
        unknown(
          span(text, 'edge01.accesEdge'),
          "Server 'edge01' has no interface 'accesEdge'. Did you mean 'accessEdge'? " +
            'Its interfaces: accessEdge, webConferencingEdge, avEdge, internal.',
        ),
        // The rule that would have served X1 no longer resolves, so the flow is missing too.
        missingFlow(span(text, 'rules', 1), 'missing', { rowId: 'X1' }),
      ],
    },
    {
      name: 'between names an undefined network',
      text: edit(CONTOSO, 'between: [corp, perimeter]', 'between: [crop, perimeter]'),
      errors: (text) => [
        unknown(
          span(text, 'crop'),
          "Firewall 'internal' stands between 'crop', which is not a network. Did you mean 'corp'? " +
            'Networks: internet, perimeter, corp.',
        ),
        missingFlow(span(text, 'firewalls'), 'noFirewall', { from: 'corp', to: 'perimeter' }),
      ],
    },
    {
      name: 'an interface on an undefined network',
      text: edit(CONTOSO, 'network: corp }', 'network: lan }'),
      errors: (text) => [
        unknown(
          span(text, 'lan'),
          "No network is named 'lan'. Define it under networks, or use one of: internet, perimeter, corp.",
        ),
      ],
    },
    {
      name: 'an unknown next hop',
      text: edit(DNSLB, 'nextHop: dirpool.contoso.net', 'nextHop: dirpol.contoso.net'),
      errors: (text, finding) => [
        finding(span(text, 'dirpol.contoso.net'), 'nextHop', {
          nextHop: 'dirpol.contoso.net',
          suggestion: { id: 'yaml/didYouMean', data: { match: 'dirpool.contoso.net' } },
        }),
      ],
    },
  ],
});
