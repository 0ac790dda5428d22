import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { windowsFirewallFormat } from '../../../../server/src/engine/index';
import { IPTABLES_SAVE, NFT_JSON, english, fixture, objectAt } from './dumpText';

// The Windows Firewall reader against JSON written as ConvertTo-Json writes Get-NetFirewallRule
// with its port and address filters: Windows PowerShell 5.1 (numeric enums, CRLF, four-space
// indents) and PowerShell 7 with -EnumsAsStrings.

const CONTOSO = fixture('windows/contoso-edge01.json');
const FEATURES = fixture('windows/edge-features.json');
const TOP = { line: 1, column: 1, endLine: 1, endColumn: 2 };

describe('Windows Firewall reader', () => {
  test('recognizes rule JSON, and neither iptables-save, nft JSON nor an ASA config', () => {
    for (const text of [CONTOSO, FEATURES]) assert.equal(windowsFirewallFormat.recognizes(text), true);
    assert.equal(windowsFirewallFormat.recognizes(IPTABLES_SAVE), false);
    assert.equal(windowsFirewallFormat.recognizes(NFT_JSON), false);
    assert.equal(windowsFirewallFormat.recognizes(fixture('asa/contoso-external.asa.txt')), false);
  });

  test('contoso edge01, inbound: numeric enums, disabled and ICMP rules passed over, default block', () => {
    assert.deepEqual(windowsFirewallFormat.read(CONTOSO, {}), {
      rules: [
        {
          location: objectAt(CONTOSO, 'external: XMPP from federated partners'),
          name: 'external: XMPP from federated partners',
          action: 'allow',
          from: ['any'],
          to: ['131.107.155.10'],
          services: [{ transport: 'TCP', port: '5269' }],
        },
        {
          location: objectAt(CONTOSO, 'internal: XMPP gateway to Edge'),
          name: 'internal: XMPP gateway to Edge',
          action: 'allow',
          from: ['any'],
          to: ['172.25.33.10'],
          services: [{ transport: 'TCP', port: '23456' }],
        },
      ],
      listLocation: TOP,
      defaultAction: 'deny',
      problems: [],
      direction: 'inbound',
    });
  });

  test('contoso edge01, outbound: from the local address to the remote port, default allow', () => {
    assert.deepEqual(windowsFirewallFormat.read(CONTOSO, { ruleList: 'Outbound' }), {
      rules: [
        {
          location: objectAt(CONTOSO, 'external: XMPP to federated partners'),
          name: 'external: XMPP to federated partners',
          action: 'allow',
          from: ['131.107.155.10'],
          to: ['any'],
          services: [{ transport: 'TCP', port: '5269' }],
        },
      ],
      listLocation: TOP,
      defaultAction: 'allow',
      problems: [],
      direction: 'outbound',
    });
  });

  test('block rules come first, then allow rules, each in file order; lists, ranges, masks, wrapped lists', () => {
    const reading = windowsFirewallFormat.read(FEATURES, { ruleList: 'inbound' });
    const at = (name: string) => objectAt(FEATURES, name);
    assert.deepEqual(reading.rules, [
      {
        location: at('Block a partner range'),
        name: 'Block a partner range',
        action: 'deny',
        from: ['198.51.100.10/31', '198.51.100.12/30', '198.51.100.16/31'],
        to: ['any'],
        services: [{ transport: 'ANY' }],
      },
      {
        location: at("Block an old partner's SIP"),
        name: "Block an old partner's SIP",
        action: 'deny',
        from: ['203.0.113.0/24'],
        to: ['131.107.155.10'],
        services: [{ transport: 'TCP', port: '5061' }],
      },
      {
        location: at('Edge: SIP and web conferencing (TCP-In)'),
        name: 'Edge: SIP and web conferencing (TCP-In)',
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [
          { transport: 'TCP', port: '443' },
          { transport: 'TCP', port: '5061' },
        ],
      },
      {
        location: at('Edge: media ports (TCP-In)'),
        name: 'Edge: media ports (TCP-In)',
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.30'],
        services: [{ transport: 'TCP', port: '50000-59999' }],
      },
      {
        // RemotePort of an inbound rule is the source port; `{ value, Count }` is a list.
        location: at('Edge: SIP from the Front End pool (TCP-In)'),
        name: 'Edge: SIP from the Front End pool (TCP-In)',
        action: 'allow',
        from: ['192.168.10.0/24', '2001:db8:beef::/48'],
        to: ['172.25.33.10'],
        services: [
          { transport: 'TCP', port: '5061' },
          { transport: 'TCP', port: '5062' },
        ],
        sourcePort: '1024-65535',
      },
      {
        location: at('Edge: STUN (UDP-In)'),
        name: 'Edge: STUN (UDP-In)',
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.30'],
        services: [{ transport: 'UDP', port: '3478' }],
      },
    ]);
    assert.deepEqual(english(reading.problems), [
      {
        location: at('Edge: SIP from the Front End pool (TCP-In)'),
        message:
          'Edge: SIP from the Front End pool (TCP-In): RemoteAddress LocalSubnet is resolved by Windows at run ' +
          'time: verify matches only its other addresses',
        severity: 'warning',
      },
      {
        location: at('Web from the Internet keyword'),
        message:
          'Web from the Internet keyword: RemoteAddress Internet is resolved by Windows at run time: verify leaves ' +
          'the rule out',
        severity: 'warning',
      },
      {
        location: at('Remote administration (RPC)'),
        message:
          'Remote administration (RPC): RemoteAddress LocalSubnet is resolved by Windows at run time: verify ' +
          'leaves the rule out',
        severity: 'warning',
      },
      {
        location: at('Remote administration (RPC)'),
        message:
          'Remote administration (RPC): LocalPort RPC is chosen by Windows at run time: verify leaves the rule out',
        severity: 'warning',
      },
    ]);
  });

  test('outbound: the block rule before the allow rule written above it, protocol by number', () => {
    const reading = windowsFirewallFormat.read(FEATURES, { ruleList: 'Outbound' });
    assert.deepEqual(
      reading.rules.map((rule) => [rule.name, rule.action, rule.from, rule.to, rule.services]),
      [
        ['Block Telnet (TCP-Out)', 'deny', ['any'], ['any'], [{ transport: 'TCP', port: '23' }]],
        [
          'Edge: XMPP to partners (TCP-Out)',
          'allow',
          ['131.107.155.10'],
          ['any'],
          [{ transport: 'TCP', port: '5269' }],
        ],
      ],
    );
    assert.equal(reading.defaultAction, 'allow');
  });

  test('a single object and a one-line array are read, with the columns of each object', () => {
    const rule =
      '{"DisplayName":"SIP","Enabled":true,"Direction":"Inbound","Action":"Allow","Protocol":"TCP",' +
      '"LocalPort":"5061","RemotePort":"Any","LocalAddress":"10.0.0.5","RemoteAddress":"Any"}';
    const single = windowsFirewallFormat.read(`\uFEFF${rule}\n`, {});
    assert.deepEqual(single.rules[0].location, { line: 1, column: 1, endLine: 1, endColumn: rule.length + 1 });
    const line = `[${rule},${rule.replace('"SIP"', '"SIP 2"')}]`;
    const both = windowsFirewallFormat.read(line, {});
    assert.deepEqual(
      both.rules.map((read) => [read.name, read.location]),
      [
        ['SIP', { line: 1, column: 2, endLine: 1, endColumn: rule.length + 2 }],
        ['SIP 2', { line: 1, column: rule.length + 3, endLine: 1, endColumn: 2 * rule.length + 5 }],
      ],
    );
    assert.deepEqual(both.problems, []);
  });

  test('broken input: JSON that does not parse, values it does not know, a dump cut short, no filters', () => {
    const broken = windowsFirewallFormat.read('[\n  {\n    "Direction": 1,\n    "Action": \n  }\n]\n', {});
    assert.deepEqual(english(broken.problems), [
      {
        location: { line: 5, column: 3, endLine: 5, endColumn: 4 },
        message: "the JSON does not parse: '}' is unexpected here",
        severity: 'error',
      },
    ]);
    assert.deepEqual(broken.rules, []);

    const text = [
      '[',
      '  { "DisplayName": "A", "Enabled": 1, "Direction": 3, "Action": 2, "Protocol": "TCP" },',
      '  { "DisplayName": "B", "Enabled": 1, "Direction": 1, "Action": 2 },',
      '  { "DisplayName": "C", "Enabled": 1, "Direction": 1, "Action": 2, "Protocol": "TCP",',
      '    "LocalPort": "System.Object[]", "LocalAddress": "Any", "RemoteAddress": "Any" },',
      '  { "DisplayName": "D", "Enabled": 1, "Direction": 1, "Action": 2, "Protocol": "TCP", "LocalPort": "80" },',
      '  { "DisplayName": "E", "Enabled": 1, "Direction": 1, "Action": 2, "Protocol": "Any", "LocalPort": "80",',
      '    "LocalAddress": "Any", "RemoteAddress": "10.0.0.300" },',
      '  { "DisplayName": "F", "Enabled": 1, "Direction": 1, "Action": 2, "Protocol": "Any", "LocalPort": "80",',
      '    "LocalAddress": "Any", "RemoteAddress": "Any" }',
      ']',
    ].join('\n');
    const reading = windowsFirewallFormat.read(text, {});
    const row = (line: number, endLine = line) => ({
      line,
      column: 3,
      endLine,
      endColumn: text.split('\n')[endLine - 1].lastIndexOf('}') + 2,
    });
    assert.deepEqual(english(reading.problems), [
      { location: row(2), message: "A: Direction is '3', neither Inbound nor Outbound", severity: 'error' },
      {
        location: row(3),
        message: 'B has no Protocol: the dump needs the properties of Get-NetFirewallPortFilter',
        severity: 'error',
      },
      {
        location: row(4, 5),
        message:
          "C: LocalPort reads 'System.Object[]': ConvertTo-Json cut the dump short; write it again with -Depth 4",
        severity: 'error',
      },
      {
        location: row(6),
        message:
          'D has no LocalAddress/RemoteAddress: the dump needs the properties of Get-NetFirewallAddressFilter; ' +
          'rules without them are read as Any',
        severity: 'warning',
      },
      {
        location: row(7, 8),
        message:
          "E: RemoteAddress 10.0.0.300: '10.0.0.300' is not a valid IP address: write four numbers 0-255 " +
          'separated by dots (131.107.155.10) or an IPv6 address.',
        severity: 'error',
      },
      {
        location: row(9, 10),
        message: "F: ports need the protocol TCP or UDP, and this rule's protocol is Any",
        severity: 'error',
      },
    ]);
    assert.deepEqual(
      reading.rules.map((rule) => [rule.name, rule.from, rule.to, rule.services]),
      [['D', ['any'], ['any'], [{ transport: 'TCP', port: '80' }]]],
    );
  });

  test('comma-joined lists are lists; a port outside 1-65535 is an error', () => {
    const text =
      '{"DisplayName":"J","Enabled":1,"Direction":1,"Action":2,"Protocol":"UDP","LocalPort":"3478, 50000-59999",' +
      '"RemotePort":"Any","LocalAddress":"10.0.0.5,10.0.0.6","RemoteAddress":"Any"}\n';
    assert.deepEqual(windowsFirewallFormat.read(text, {}).rules[0], {
      location: { line: 1, column: 1, endLine: 1, endColumn: text.length },
      name: 'J',
      action: 'allow',
      from: ['any'],
      to: ['10.0.0.5', '10.0.0.6'],
      services: [
        { transport: 'UDP', port: '3478' },
        { transport: 'UDP', port: '50000-59999' },
      ],
    });
    const wide = windowsFirewallFormat.read(text.replace('3478', '70000'), {});
    assert.deepEqual(english(wide.problems), [
      {
        location: { line: 1, column: 1, endLine: 1, endColumn: text.length + 1 },
        message: "J: LocalPort '70000' is not a port or range within 1-65535",
        severity: 'error',
      },
    ]);
    assert.deepEqual(wide.rules[0].services, [{ transport: 'UDP', port: '50000-59999' }]);
  });

  test('a rule list other than Inbound or Outbound is an error', () => {
    const reading = windowsFirewallFormat.read(CONTOSO, { ruleList: 'FORWARD' });
    assert.deepEqual(reading.rules, []);
    assert.deepEqual(english(reading.problems), [
      {
        location: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: "the rule list of a Windows Firewall dump is Inbound or Outbound, not 'FORWARD'",
        severity: 'error',
      },
    ]);
  });
});
