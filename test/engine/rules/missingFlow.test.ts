import { CONTOSO, edit, EXTERNAL_RULES, fullRule, INTERNAL_RULE, PUBLIC } from './fixtures';
import { findingsOf, ruleItem, ruleTester, span, spanWithin } from './ruleTester';

const unneeded = findingsOf('unneeded-rule', 'warning');
const X2 = { rowId: 'X2', service: 'XMPP/TCP/5269', page: 'Port summary - XMPP federation in Lync Server 2013' };

ruleTester('missing-flow', {
  valid: [
    {
      name: 'a source narrowed to a partner range still serves "Any"',
      text: edit(
        CONTOSO,
        '        from: any\n        to: edge01.accessEdge',
        '        from: 74.125.0.0/16\n        to: edge01.accessEdge',
      ),
    },
    {
      name: 'the NAT public address on the external firewall',
      text: edit(
        edit(
          edit(CONTOSO, 'from: edge01.accessEdge', 'from: 131.107.155.10'),
          'to: edge01.accessEdge',
          'to: 131.107.155.10',
        ),
        'accessEdge: { ip: 131.107.155.10, network: perimeter }',
        'accessEdge: { ip: 10.45.16.10, publicIp: 131.107.155.10, network: perimeter }',
      ),
    },
    {
      name: 'a firewall whose default is allow',
      text: edit(
        CONTOSO,
        '    between: [corp, perimeter]\n    rules:\n' + INTERNAL_RULE,
        '    between: [corp, perimeter]\n    default: allow\n    rules: []\n',
      ),
    },
  ],
  invalid: [
    {
      name: 'the outbound 5269 rule is absent',
      text: edit(CONTOSO, EXTERNAL_RULES, EXTERNAL_RULES.split('      - name: XMPP to')[0]),
      errors: (text, finding) => [finding(span(text, 'rules'), 'missing', X2)],
    },
    {
      name: 'a firewall without rules is reported on its name',
      text: edit(CONTOSO, '    rules:\n' + INTERNAL_RULE, ''),
      errors: (text, finding) => {
        const key = span(text, '  internal:\n    between');
        const at = { line: key.line, start: 2, endLine: key.line, end: 10 };
        return [finding(at, 'missing', { rowId: 'X3', firewall: 'internal', service: 'XMPP/MTLS/23456' })];
      },
    },
    {
      name: 'a rule that misses one of two Edge servers',
      text: edit(
        edit(
          edit(CONTOSO, 'from: edge01.accessEdge', 'from: [edge01.accessEdge, edge02.accessEdge]'),
          'to: edge01.internal',
          'to: [edge01.internal, edge02.internal]',
        ),
        '  fe01:',
        '  edge02:\n    role: edge\n    interfaces:\n      accessEdge: { ip: 131.107.155.11, network: perimeter }\n' +
          '      internal: { ip: 172.25.33.11, network: perimeter }\n  fe01:',
      ),
      errors: (text, finding) => [
        finding(span(text, 'rules'), 'missing', { rowId: 'X1', to: 'edge01.accessEdge, edge02.accessEdge' }),
      ],
    },
    {
      name: 'both 5269 rules missing: two findings on the same rules key',
      text: edit(
        CONTOSO,
        EXTERNAL_RULES,
        '      - { name: web, service: HTTPS/TCP/443, from: any, to: edge01.webConferencingEdge }\n',
      ),
      errors: (text, finding) => [
        finding(span(text, 'rules'), 'missing', { rowId: 'X1' }),
        finding(span(text, 'rules'), 'missing', X2),
        unneeded(
          span(text, '{ name: web, service: HTTPS/TCP/443, from: any, to: edge01.webConferencingEdge }'),
          'reaches',
        ),
      ],
    },
    {
      name: 'no network of the zone a row needs',
      text: edit(CONTOSO, 'zone: external', 'zone: perimeter'),
      errors: (text, finding) =>
        ['XMPP from federated partners', 'XMPP to federated partners'].map((ruleName) =>
          finding(span(text, 'networks'), 'noZone', { zone: 'external', ruleName }),
        ),
    },
    {
      name: 'a feature that borrows a row names itself in the message',
      text: edit(
        edit(PUBLIC, '  edgeInternal: true\n', ''),
        fullRule('PSOM from Front Ends to Edge', 'PSOM/MTLS/TCP/8057', 'pool01.fabrikam.net', 'edge01.internal'),
        '',
      ),
      errors: (text, finding) => [
        finding(spanWithin(text, 'between: [corp, dmz-internal]', 'rules'), 'missing', {
          feature: 'webConferencing',
          rowId: 'I04',
        }),
        // Without edgeInternal, nothing needs its rules.
        unneeded(ruleItem(text, 'CMS replication to Edge', 'to: edge01.internal', 6), 'reaches'),
        unneeded(ruleItem(text, 'Centralized Logging to Edge', 'to: edge01.internal', 7), 'reaches'),
      ],
    },
  ],
});
