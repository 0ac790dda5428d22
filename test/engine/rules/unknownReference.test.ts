import { describe } from 'node:test';
import { CONTOSO, DNSLB, edit } from './fixtures';
import { ruleTester, span } from './ruleTester';

const GATEWAY_FROM_ANY = '        from: any\n        to: edge01.internal';

describe('unknown-reference', () => {
  ruleTester({
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
          {
            code: 'unknown-reference',
            severity: 'error',
            at: span(text, 'edge01.accesEdge'),
            message:
              "Server 'edge01' has no interface 'accesEdge'. Did you mean 'accessEdge'? Its interfaces: accessEdge, webConferencingEdge, avEdge, internal.",
          },
          // The rule that would have served X1 no longer resolves, so the flow is missing too.
          {
            code: 'missing-flow',
            severity: 'error',
            at: span(text, 'rules', 1),
            messageId: 'missing',
            data: { rowId: 'X1' },
          },
        ],
      },
      {
        name: 'between names an undefined network',
        text: edit(CONTOSO, 'between: [corp, perimeter]', 'between: [crop, perimeter]'),
        errors: (text) => [
          {
            code: 'unknown-reference',
            severity: 'error',
            at: span(text, 'crop'),
            message:
              "Firewall 'internal' stands between 'crop', which is not a network. Did you mean 'corp'? Networks: internet, perimeter, corp.",
          },
          {
            code: 'missing-flow',
            severity: 'error',
            at: span(text, 'firewalls'),
            messageId: 'noFirewall',
            data: { from: 'corp', to: 'perimeter' },
          },
        ],
      },
      {
        name: 'an interface on an undefined network',
        text: edit(
          CONTOSO,
          'primary: { ip: 192.168.10.90, network: corp }',
          'primary: { ip: 192.168.10.90, network: lan }',
        ),
        errors: (text) => [
          {
            code: 'unknown-reference',
            severity: 'error',
            at: span(text, 'lan'),
            message: "No network is named 'lan'. Define it under networks, or use one of: internet, perimeter, corp.",
          },
        ],
      },
      {
        name: 'an unknown next hop',
        text: edit(DNSLB, 'nextHop: dirpool.contoso.net', 'nextHop: dirpol.contoso.net'),
        errors: (text) => [
          {
            code: 'unknown-reference',
            severity: 'error',
            at: span(text, 'dirpol.contoso.net'),
            messageId: 'nextHop',
            data: { nextHop: 'dirpol.contoso.net', suggestion: " Did you mean 'dirpool.contoso.net'?" },
          },
        ],
      },
    ],
  });
});
