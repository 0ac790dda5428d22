import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe } from 'node:test';
import { ruleTester, span } from './ruleTester';

const CONTOSO = readFileSync(join(__dirname, '../../../examples/contoso.topology.yaml'), 'utf8');

function edit(from: string, to: string, text = CONTOSO): string {
  if (!text.includes(from)) throw new Error(`test setup: '${from}' not in the text`);
  return text.replace(from, to);
}

const EXTERNAL_RULES = `      - name: XMPP from federated partners
        service: XMPP/TCP/5269
        from: any
        to: edge01.accessEdge
      - name: XMPP to federated partners
        service: XMPP/TCP/5269
        from: edge01.accessEdge
        to: any
`;
const INTERNAL_RULE = `      - name: XMPP gateway to Edge
        service: XMPP/MTLS/23456
        from: any
        to: edge01.internal
`;

/** The contoso example with extra rules appended to the external firewall. */
function withExternal(extra: string, text = CONTOSO): string {
  return edit(EXTERNAL_RULES, EXTERNAL_RULES + extra, text);
}

describe('yaml-syntax', () => {
  ruleTester({
    valid: [{ name: 'the contract example', text: CONTOSO }],
    invalid: [
      {
        name: 'an unclosed flow sequence',
        text: edit('  sip: [contoso.com]', '  sip: [contoso.com'),
        errors: (text) => [{ code: 'yaml-syntax', severity: 'error', at: { ...span(text, 'xmpp: [contoso.com]'), start: 2, end: 3 } }],
      },
    ],
  });
});

describe('unknown-reference', () => {
  ruleTester({
    valid: [
      { name: 'a pool FQDN as source', text: edit('        from: any\n        to: edge01.internal', '        from: pool01.contoso.com\n        to: edge01.internal') },
      { name: 'a network name as source', text: edit('        from: any\n        to: edge01.internal', '        from: corp\n        to: edge01.internal') },
    ],
    invalid: [
      {
        name: 'an interface the server lacks',
        text: edit('        to: edge01.accessEdge', '        to: edge01.accesEdge'),
        errors: (text) => [
          { code: 'unknown-reference', severity: 'error', at: span(text, 'edge01.accesEdge'), mentions: ["Did you mean 'accessEdge'"] },
          // The rule that would have served X1 no longer resolves, so the flow is missing too.
          { code: 'missing-flow', severity: 'error', at: span(text, 'rules', 1), mentions: ['X1'] },
        ],
      },
      {
        name: 'between names an undefined network',
        text: edit('between: [corp, perimeter]', 'between: [crop, perimeter]'),
        errors: (text) => [
          { code: 'unknown-reference', severity: 'error', at: span(text, 'crop'), mentions: ["Did you mean 'corp'"] },
          { code: 'missing-flow', severity: 'error', at: span(text, 'firewalls'), mentions: ['No firewall connects'] },
        ],
      },
      {
        name: 'an interface on an undefined network',
        text: edit('primary: { ip: 192.168.10.90, network: corp }', 'primary: { ip: 192.168.10.90, network: lan }'),
        errors: (text) => [{ code: 'unknown-reference', severity: 'error', at: span(text, 'lan') }],
      },
    ],
  });
});

describe('invalid-address', () => {
  ruleTester({
    valid: [
      { name: 'IPv6 subnets and addresses', text: edit('subnets: [192.168.10.0/24]', 'subnets: [192.168.10.0/24, 2001:db8:10::/48]') },
    ],
    invalid: [
      {
        name: 'an octet above 255',
        text: edit('ip: 192.168.10.90', 'ip: 192.168.10.900'),
        errors: (text) => [
          { code: 'invalid-address', severity: 'error', at: span(text, '192.168.10.900'), mentions: ['not a valid IP address'] },
        ],
      },
      {
        name: 'a CIDR with a bad prefix',
        text: edit('subnets: [192.168.10.0/24]', 'subnets: [192.168.10.0/33]'),
        errors: (text) => [{ code: 'invalid-address', severity: 'error', at: span(text, '192.168.10.0/33'), mentions: ['CIDR'] }],
      },
      {
        name: 'an endpoint that looks like an address',
        text: edit('        from: any\n        to: edge01.internal', '        from: 192.168.10.300\n        to: edge01.internal'),
        errors: (text) => [
          { code: 'invalid-address', severity: 'error', at: span(text, '192.168.10.300') },
          { code: 'missing-flow', severity: 'error', at: span(text, 'rules', 2) },
        ],
      },
    ],
  });
});

describe('invalid-port', () => {
  ruleTester({
    valid: [{ name: 'a port list and a range', text: withExternal('      - name: web\n        service: HTTPS/TCP/443,8443-8444\n        from: any\n        to: edge01.webConferencingEdge\n') }],
    invalid: [
      {
        name: 'a port above 65535',
        text: withExternal('      - name: too high\n        service: XMPP/TCP/70000\n        from: any\n        to: edge01.accessEdge\n'),
        errors: (text) => [{ code: 'invalid-port', severity: 'error', at: span(text, 'XMPP/TCP/70000'), mentions: ['1..65535'] }],
      },
      {
        name: 'a range that starts after it ends',
        text: withExternal('      - name: backwards\n        service: RTP/UDP/59999-50000\n        from: edge01.avEdge\n        to: any\n'),
        errors: (text) => [{ code: 'invalid-port', severity: 'error', at: span(text, 'RTP/UDP/59999-50000'), mentions: ['50000-59999'] }],
      },
      {
        name: 'port 0 in the object form',
        text: withExternal('      - name: zero\n        transport: TCP\n        port: 0\n        from: any\n        to: edge01.accessEdge\n'),
        errors: (text) => [{ code: 'invalid-port', severity: 'error', at: { ...span(text, 'port: 0'), start: span(text, 'port: 0').start + 6 } }],
      },
    ],
  });
});

describe('missing-flow', () => {
  ruleTester({
    valid: [
      { name: 'a source narrowed to a partner range still serves "Any"', text: edit('        from: any\n        to: edge01.accessEdge', '        from: 74.125.0.0/16\n        to: edge01.accessEdge') },
      { name: 'the NAT public address on the external firewall', text: edit('accessEdge: { ip: 131.107.155.10, network: perimeter }', 'accessEdge: { ip: 172.25.33.20, publicIp: 131.107.155.10, network: perimeter }', edit('to: edge01.accessEdge', 'to: 131.107.155.10', edit('from: edge01.accessEdge', 'from: 131.107.155.10'))) },
      { name: 'a firewall whose default is allow', text: edit('    between: [corp, perimeter]\n    rules:\n' + INTERNAL_RULE, '    between: [corp, perimeter]\n    default: allow\n    rules: []\n') },
    ],
    invalid: [
      {
        name: 'the outbound 5269 rule is absent',
        text: edit(EXTERNAL_RULES, EXTERNAL_RULES.split('      - name: XMPP to')[0]),
        errors: (text) => [{ code: 'missing-flow', severity: 'error', at: span(text, 'rules'), mentions: ['X2', 'XMPP/TCP/5269', 'Port summary - XMPP federation'] }],
      },
      {
        name: 'a firewall without rules is reported on its name',
        text: edit('    rules:\n' + INTERNAL_RULE, ''),
        errors: (text) => {
          const key = span(text, '  internal:\n    between');
          return [{ code: 'missing-flow', severity: 'error', at: { line: key.line, start: 2, endLine: key.line, end: 10 }, mentions: ['X3', '23456'] }];
        },
      },
      {
        name: 'a rule that misses one of two Edge servers',
        text: edit(
          '  fe01:',
          '  edge02:\n    role: edge\n    interfaces:\n      accessEdge: { ip: 131.107.155.11, network: perimeter }\n      internal: { ip: 172.25.33.11, network: perimeter }\n  fe01:',
          edit('to: edge01.internal', 'to: [edge01.internal, edge02.internal]', edit('from: edge01.accessEdge', 'from: [edge01.accessEdge, edge02.accessEdge]')),
        ),
        errors: (text) => [{ code: 'missing-flow', severity: 'error', at: span(text, 'rules'), mentions: ['edge02.accessEdge'] }],
      },
    ],
  });
});

describe('wrong-port, wrong-transport, reversed-flow, wrong-firewall', () => {
  ruleTester({
    valid: [
      { name: 'an unrelated rule between the same endpoints', text: withExternal('      - name: SIP federation\n        service: SIP/MTLS/5061\n        from: any\n        to: edge01.accessEdge\n') },
    ],
    invalid: [
      {
        name: 'digits swapped',
        text: edit('service: XMPP/TCP/5269\n        from: any', 'service: XMPP/TCP/5296\n        from: any'),
        errors: (text) => [{ code: 'wrong-port', severity: 'error', at: span(text, 'XMPP/TCP/5296'), mentions: ['5269', 'X1'] }],
      },
      {
        name: 'UDP for XMPP',
        text: edit('service: XMPP/MTLS/23456', 'service: XMPP/UDP/23456'),
        errors: (text) => [{ code: 'wrong-transport', severity: 'error', at: span(text, 'XMPP/UDP/23456'), mentions: ['MTLS', 'X3'] }],
      },
      {
        name: 'the object form with the wrong transport',
        text: edit('        service: XMPP/MTLS/23456\n', '        service: { protocol: XMPP, transport: UDP, port: 23456 }\n'),
        errors: (text) => [{ code: 'wrong-transport', severity: 'error', at: span(text, '{ protocol: XMPP, transport: UDP, port: 23456 }') }],
      },
      {
        name: 'the gateway rule written from the Edge to the Front End',
        text: edit('        from: any\n        to: edge01.internal', '        from: edge01.internal\n        to: fe01'),
        errors: (text) => {
          const rule = span(text, '- name: XMPP gateway to Edge');
          const last = span(text, 'to: fe01');
          return [{ code: 'reversed-flow', severity: 'error', at: { line: rule.line, start: rule.start + 2, endLine: last.line, end: last.end }, mentions: ['Swap from and to'] }];
        },
      },
      {
        name: '23456 on the external firewall',
        text: withExternal(INTERNAL_RULE, edit('    rules:\n' + INTERNAL_RULE, '    rules: []\n')),
        errors: (text) => {
          const rule = span(text, '- name: XMPP gateway to Edge');
          const last = span(text, 'to: edge01.internal');
          return [{ code: 'wrong-firewall', severity: 'error', at: { line: rule.line, start: rule.start + 2, endLine: last.line, end: last.end }, mentions: ["'internal'", 'X3'] }];
        },
      },
    ],
  });
});

describe('blocked-flow', () => {
  const denyXmpp = '      - name: no XMPP\n        service: TCP/5269\n        from: any\n        to: edge01\n        action: deny\n';
  ruleTester({
    valid: [
      { name: 'a block list before the allow rule', text: edit('    rules:\n      - name: XMPP from', `    rules:\n      - name: block list\n        service: any\n        from: 198.51.100.0/24\n        to: any\n        action: deny\n      - name: XMPP from`) },
      { name: 'a deny-all at the end', text: withExternal('      - name: deny all\n        service: any\n        from: any\n        to: any\n        action: deny\n') },
    ],
    invalid: [
      {
        name: 'a deny above the allow rules',
        text: edit('    rules:\n      - name: XMPP from', `    rules:\n${denyXmpp}      - name: XMPP from`),
        errors: (text) => {
          const deny = span(text, '- name: no XMPP');
          const denyEnd = span(text, 'action: deny');
          const allow = span(text, '- name: XMPP from federated partners');
          const allowEnd = span(text, 'to: edge01.accessEdge');
          return [
            { code: 'blocked-flow', severity: 'error', at: { line: deny.line, start: deny.start + 2, endLine: denyEnd.line, end: denyEnd.end }, mentions: ['X1', "Move rule 'XMPP from federated partners' above it"] },
            { code: 'shadowed-rule', severity: 'warning', at: { line: allow.line, start: allow.start + 2, endLine: allowEnd.line, end: allowEnd.end } },
          ];
        },
      },
    ],
  });
});

describe('shadowed-rule, duplicate-rule, overly-permissive', () => {
  const fullRule = (name: string, service: string, from: string, to: string) => `      - name: ${name}\n        service: ${service}\n        from: ${from}\n        to: ${to}\n`;
  ruleTester({
    valid: [{ name: 'two rules that overlap only in part', text: withExternal(fullRule('web A', 'HTTPS/TCP/443-444', 'any', 'edge01.webConferencingEdge') + fullRule('web B', 'HTTPS/TCP/444-445', 'any', 'edge01.webConferencingEdge')) }],
    invalid: [
      {
        name: 'the same rule twice',
        text: withExternal(fullRule('again', 'XMPP/TCP/5269', 'any', 'edge01.accessEdge')),
        errors: (text) => {
          const rule = span(text, '- name: again');
          const end = span(text, 'to: edge01.accessEdge', 2);
          return [{ code: 'duplicate-rule', severity: 'warning', at: { line: rule.line, start: rule.start + 2, endLine: end.line, end: end.end } }];
        },
      },
      {
        name: 'a narrower rule after a wider one',
        text: withExternal(fullRule('web', 'HTTPS/TCP/443-444', 'any', 'edge01.webConferencingEdge') + fullRule('web 443', 'HTTPS/TCP/443', '203.0.113.0/24', 'edge01.webConferencingEdge')),
        errors: (text) => {
          const rule = span(text, '- name: web 443');
          const end = span(text, 'to: edge01.webConferencingEdge', 2);
          return [{ code: 'shadowed-rule', severity: 'warning', at: { line: rule.line, start: rule.start + 2, endLine: end.line, end: end.end }, mentions: ["'web'"] }];
        },
      },
      {
        name: 'any to any',
        text: withExternal(fullRule('open', 'TCP/8080', 'any', 'any')),
        errors: (text) => {
          const rule = span(text, '- name: open');
          const end = span(text, 'to: any', 2);
          return [{ code: 'overly-permissive', severity: 'warning', at: { line: rule.line, start: rule.start + 2, endLine: end.line, end: end.end }, mentions: ['any address to any address'] }];
        },
      },
      {
        name: 'a destination any inbound from the Internet',
        text: withExternal(fullRule('partners', 'TCP/8443', '203.0.113.0/24', 'any')),
        errors: (text) => {
          const rule = span(text, '- name: partners');
          const end = span(text, 'to: any', 2);
          return [{ code: 'overly-permissive', severity: 'warning', at: { line: rule.line, start: rule.start + 2, endLine: end.line, end: end.end }, mentions: ['any destination'] }];
        },
      },
      {
        name: 'a port range far wider than XMPP needs',
        text: edit('service: XMPP/MTLS/23456', 'service: TCP/1024-65535'),
        errors: (text) => {
          const rule = span(text, '- name: XMPP gateway to Edge');
          const end = span(text, 'to: edge01.internal');
          return [{ code: 'overly-permissive', severity: 'warning', at: { line: rule.line, start: rule.start + 2, endLine: end.line, end: end.end }, mentions: ['Narrow the port range', '23456'] }];
        },
      },
    ],
  });
});

describe('feature-unsupported, missing-role', () => {
  ruleTester({
    valid: [
      { name: 'Skype for Business Server 2015 keeps XMPP', text: edit('product: lync2013', 'product: sfb2015') },
      { name: 'XMPP off on 2019 needs no XMPP rules', text: edit('xmppFederation: true', 'xmppFederation: false', edit('product: lync2013', 'product: sfb2019')) },
    ],
    invalid: [
      {
        name: 'XMPP on Skype for Business Server 2019',
        text: edit('product: lync2013', 'product: sfb2019'),
        errors: (text) => [{ code: 'feature-unsupported', severity: 'error', at: span(text, 'xmppFederation'), mentions: ['2019', 'legacy'] }],
      },
      {
        name: 'no Front End runs the XMPP gateway',
        text: edit('    services: [xmppGateway]\n', ''),
        errors: (text) => [{ code: 'missing-role', severity: 'error', at: span(text, 'xmppFederation'), mentions: ['xmppGateway'] }],
      },
      {
        name: 'no Edge server',
        text: edit('    role: edge\n', '    role: director\n'),
        errors: (text) => [{ code: 'missing-role', severity: 'error', at: span(text, 'xmppFederation'), mentions: ['role: edge'] }],
      },
    ],
  });
});

describe('several findings at one place', () => {
  ruleTester({
    valid: [],
    invalid: [
      {
        name: 'both 5269 rules missing: two missing-flow findings on the same rules key',
        text: edit(EXTERNAL_RULES, '      - { name: web, service: HTTPS/TCP/443, from: any, to: edge01.webConferencingEdge }\n'),
        errors: (text) => [
          { code: 'missing-flow', severity: 'error', at: span(text, 'rules'), mentions: ['X1'] },
          { code: 'missing-flow', severity: 'error', at: span(text, 'rules'), mentions: ['X2'] },
        ],
      },
    ],
  });
});
