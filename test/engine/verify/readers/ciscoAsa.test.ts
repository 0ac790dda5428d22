import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ciscoAsaFormat } from '../../../../server/src/engine/index';
import { IPTABLES_SAVE, NFT_JSON, english, fixture, lineAt, wordAt } from './dumpText';

// The Cisco ASA reader against configs written from Cisco's documented `show running-config`
// syntax: every rule it yields, where it points, and what it says about what it cannot read.

const PERIMETER = fixture('asa/perimeter.asa.txt');
const CONTOSO = fixture('asa/contoso-external.asa.txt');
const BROKEN = fixture('asa/broken.asa.txt');
const EDGE_EXTERNAL = ['131.107.155.10', '131.107.155.20', '131.107.155.30'];

describe('Cisco ASA reader', () => {
  test('recognizes a running config, and neither iptables-save, nft JSON nor Windows Firewall JSON', () => {
    for (const text of [PERIMETER, CONTOSO, BROKEN]) assert.equal(ciscoAsaFormat.recognizes(text), true);
    assert.equal(ciscoAsaFormat.recognizes(IPTABLES_SAVE), false);
    assert.equal(ciscoAsaFormat.recognizes(NFT_JSON), false);
    assert.equal(ciscoAsaFormat.recognizes(fixture('windows/contoso-edge01.json')), false);
    assert.equal(ciscoAsaFormat.recognizes(fixture('windows/edge-features.json')), false);
  });

  test('the contoso external firewall: a global access-group, remarks as names, an implicit deny', () => {
    const reading = ciscoAsaFormat.read(CONTOSO, {});
    assert.deepEqual(reading, {
      rules: [
        {
          location: lineAt(CONTOSO, 'permit tcp any object edge01-accessEdge'),
          name: 'XMPP from federated partners',
          action: 'allow',
          from: ['any'],
          to: ['131.107.155.10'],
          services: [{ transport: 'TCP', port: '5269' }],
        },
        {
          location: lineAt(CONTOSO, 'permit tcp object edge01-accessEdge any'),
          name: 'XMPP to federated partners',
          action: 'allow',
          from: ['131.107.155.10'],
          to: ['any'],
          services: [{ transport: 'TCP', port: '5269' }],
        },
      ],
      listLocation: lineAt(CONTOSO, 'access-group EDGE-EXTERNAL global'),
      defaultAction: 'deny',
      problems: [],
    });
  });

  test('object groups expand into one rule per entry, on its line, with every address and service', () => {
    const reading = ciscoAsaFormat.read(PERIMETER, { ruleList: 'outside' });
    const line = (needle: string) => lineAt(PERIMETER, needle);
    assert.deepEqual(reading.rules, [
      {
        location: line('object-group EDGE-EXTERNAL object-group WEB-PORTS'),
        name: 'Web conferencing over HTTPS',
        action: 'allow',
        from: ['any'],
        to: EDGE_EXTERNAL,
        services: [
          { transport: 'TCP', port: '443' },
          { transport: 'TCP', port: '80' },
        ],
      },
      {
        // Two remarks in a row name the rule together; the FQDN member is left out, the range is CIDRs.
        location: line('permit object SIP-TLS'),
        name: 'SIP federation (partners only)',
        action: 'allow',
        from: ['192.0.2.0/24', '198.51.100.10/31', '198.51.100.12/30', '198.51.100.16/31', '2001:db8:beef::/48'],
        to: ['131.107.155.10'],
        services: [{ transport: 'TCP', port: '5061' }],
      },
      {
        // A service group whose members differ in source port: one rule per source port, same line.
        location: line('permit object-group EDGE-SIGNALLING'),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [
          { transport: 'TCP', port: '5061' },
          { transport: 'TCP', port: '5060' },
        ],
      },
      {
        location: line('permit object-group EDGE-SIGNALLING'),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [{ transport: 'UDP', port: '3478' }],
        sourcePort: '1024-65535',
      },
      {
        location: line('object-group TCP-AND-UDP'),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.30'],
        services: [
          { transport: 'TCP', port: '50000-59999' },
          { transport: 'UDP', port: '50000-59999' },
        ],
      },
      {
        location: line('permit udp any host 131.107.155.30 eq 3478'),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.30'],
        services: [{ transport: 'UDP', port: '3478' }],
      },
      {
        // `eq domain` after the source is the source port; `gt 1023` the destination's.
        location: line('permit udp host 192.0.2.53 eq domain'),
        action: 'allow',
        from: ['192.0.2.53'],
        to: ['131.107.155.0/24'],
        services: [{ transport: 'UDP', port: '1024-65535' }],
        sourcePort: '53',
      },
      {
        location: line('deny tcp any4'),
        action: 'deny',
        from: ['0.0.0.0/0'],
        to: EDGE_EXTERNAL,
        services: [{ transport: 'TCP', port: '1-442,444-65535' }],
      },
      {
        location: line('lt 1024 time-range'),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [{ transport: 'TCP', port: '1-1023' }],
      },
      {
        location: line('permit ip 198.51.100.0 255.255.255.0'),
        action: 'allow',
        from: ['198.51.100.0/24'],
        to: ['2001:db8:155::/64'],
        services: [{ transport: 'ANY' }],
      },
      {
        location: line('deny ip any any log'),
        action: 'deny',
        from: ['any'],
        to: ['any'],
        services: [{ transport: 'ANY' }],
      },
    ]);
    assert.deepEqual(reading.listLocation, line('access-group OUTSIDE-IN in interface outside'));
    assert.equal(reading.defaultAction, 'deny');
  });

  test('inactive rules, time ranges, FQDN objects and the ASA itself are said, ICMP passed over', () => {
    const { problems } = ciscoAsaFormat.read(PERIMETER, { ruleList: 'OUTSIDE-IN' });
    assert.deepEqual(english(problems), [
      {
        location: wordAt(PERIMETER, 'fqdn v4', 'sip.fabrikam.com'),
        message:
          'object PARTNER-FQDN is the FQDN sip.fabrikam.com, which the ASA resolves at run time: rules that use it ' +
          'match only their other addresses',
        severity: 'warning',
      },
      {
        location: wordAt(PERIMETER, 'lt 1024 time-range', 'time-range'),
        message: 'time-range BUSINESS-HOURS: verify treats the rule as always active',
        severity: 'warning',
      },
      {
        location: wordAt(PERIMETER, 'eq 5269 inactive', 'inactive'),
        message: 'this rule is inactive: the ASA skips it, and so does verify',
        severity: 'warning',
      },
      {
        location: wordAt(PERIMETER, 'interface outside eq ssh', 'interface'),
        message: "'interface outside' is the ASA itself, not a host behind it: the rule is left out",
        severity: 'warning',
      },
    ]);
  });

  test('named ports are the numbers of Cisco’s table', () => {
    const config = (port: string) =>
      `access-list A extended permit tcp any host 131.107.155.10 eq ${port}\naccess-group A in interface outside\n`;
    const expected: Record<string, string> = {
      https: '443',
      sip: '5060',
      domain: '53',
      www: '80',
      ldaps: '636',
      h323: '1720',
    };
    for (const [name, port] of Object.entries(expected)) {
      const reading = ciscoAsaFormat.read(config(name), {});
      assert.deepEqual(reading.problems, [], name);
      assert.deepEqual(reading.rules[0].services, [{ transport: 'TCP', port }], name);
    }
  });

  test('one access list and no access-group: that list, from its first line; line numbers, IPv6 hosts, aliases', () => {
    const text = [
      'name 10.20.0.0 corp-net',
      'object service SIP-ANY',
      ' service tcp-udp destination eq sip',
      'access-list ONLY line 1 extended permit object SIP-ANY corp-net 255.255.0.0 host 2001:db8::10',
      'access-list ONLY line 2 extended deny tcp any6 any range 5060 5061',
      '',
    ].join('\n');
    assert.deepEqual(ciscoAsaFormat.read(text, {}), {
      rules: [
        {
          location: lineAt(text, 'line 1'),
          action: 'allow',
          from: ['10.20.0.0/16'],
          to: ['2001:db8::10'],
          services: [
            { transport: 'TCP', port: '5060' },
            { transport: 'UDP', port: '5060' },
          ],
        },
        {
          // any6 stays as written; the engine's one address space reads ::/0 as every address.
          location: lineAt(text, 'line 2'),
          action: 'deny',
          from: ['::/0'],
          to: ['any'],
          services: [{ transport: 'TCP', port: '5060-5061' }],
        },
      ],
      listLocation: lineAt(text, 'line 1'),
      defaultAction: 'deny',
      problems: [],
    });
  });

  test('the rule list: an access list by name, or the interface its access-group binds', () => {
    const dmz = ciscoAsaFormat.read(PERIMETER, { ruleList: 'dmz' });
    const byName = ciscoAsaFormat.read(PERIMETER, { ruleList: 'DMZ-IN' });
    assert.deepEqual(dmz, byName);
    assert.deepEqual(dmz.rules, [
      {
        location: lineAt(PERIMETER, 'permit tcp object EDGE-ACCESS any eq 5269 log 6 interval 300'),
        name: 'XMPP to federated partners',
        action: 'allow',
        from: ['131.107.155.10'],
        to: ['any'],
        services: [{ transport: 'TCP', port: '5269' }],
      },
    ]);
    assert.deepEqual(dmz.listLocation, lineAt(PERIMETER, 'access-group DMZ-IN in interface dmz'));
  });

  test('several bound access lists and none named: every interface at once, as `all` reads it', () => {
    const reading = ciscoAsaFormat.read(PERIMETER, {});
    assert.deepEqual(reading, ciscoAsaFormat.read(PERIMETER, { ruleList: 'all' }));
    assert.deepEqual(
      reading.problems.filter((problem) => problem.severity === 'error'),
      [],
    );
    // The dmz list first (kept to the dmz network), then outside's: it takes what no other
    // interface places, so its `any` sources leave the dmz network out.
    assert.deepEqual(
      reading.rules.map((rule) => [rule.location.line, rule.from.includes('131.107.155.10')]),
      [
        [lineAt(PERIMETER, 'DMZ-IN extended permit').line, true],
        ...[63, 66, 67, 67, 68, 69, 70, 71, 72].map((line) => [line, false]),
      ],
    );
    assert.deepEqual(reading.listLocation, lineAt(PERIMETER, 'access-group OUTSIDE-IN in interface outside'));
  });

  test('several access lists no access-group binds and none named: an error that lists them', () => {
    const text = [
      'ASA Version 9.16(2)',
      'access-list A extended permit tcp any any eq https',
      'access-list B extended permit tcp any any eq www',
      '',
    ].join('\n');
    const reading = ciscoAsaFormat.read(text, {});
    assert.deepEqual(reading.rules, []);
    assert.deepEqual(reading.problems, [
      {
        location: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message: 'the config has several access lists: name the one to verify: A, B',
        text: {
          id: 'dump/asa/severalLists',
          data: { listing: { id: 'dump/asa/listing', data: { lists: 'A, B' } } },
        },
        severity: 'error',
        choices: ['A', 'B'],
      },
    ]);
    const unknown = ciscoAsaFormat.read(PERIMETER, { ruleList: 'inside' });
    assert.match(unknown.problems[0].message, /^the config has no access list or interface named 'inside': OUTSIDE-IN/);
    assert.equal(unknown.problems[0].severity, 'error');
  });

  test('broken input: each error at the word it is about, and only the good rule is read', () => {
    const reading = ciscoAsaFormat.read(BROKEN, {});
    assert.deepEqual(reading.rules, [
      {
        location: lineAt(BROKEN, 'eq 443', 3),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [{ transport: 'TCP', port: '443' }],
      },
    ]);
    const error = (location: ReturnType<typeof wordAt>, message: string) => ({ location, message, severity: 'error' });
    assert.deepEqual(english(reading.problems), [
      error(
        wordAt(BROKEN, ' subnet 10.1.0.0', '255.0.255.0'),
        "'255.0.255.0' is not a contiguous subnet mask: the entry is left out",
      ),
      error(
        wordAt(BROKEN, 'eq sips', 'sips'),
        "'sips' is not a port name the ASA knows (write the number): the rule is left out",
      ),
      error(
        wordAt(BROKEN, ' group-object LOOP-A', 'LOOP-A'),
        'LOOP-A closes a cycle (LOOP-A → LOOP-B → LOOP-A): rules that use these groups are left out',
      ),
      error(
        wordAt(BROKEN, 'NO-SUCH-OBJECT', 'NO-SUCH-OBJECT'),
        "network object 'NO-SUCH-OBJECT' is not defined: the rule is left out",
      ),
      error(wordAt(BROKEN, 'extended allow', 'allow'), "'permit' or 'deny' is expected here: the rule is left out"),
      error(wordAt(BROKEN, 'whatever', 'whatever'), "'whatever' is not understood here: the rule is left out"),
    ]);
  });

  test('an unknown port name in an object group is an error at the group, reported once', () => {
    const text = [
      'object-group service SIP-PORTS tcp',
      ' port-object eq sip-tls',
      'access-list A extended permit tcp any any object-group SIP-PORTS',
      'access-list A extended permit tcp any host 10.0.0.1 object-group SIP-PORTS',
      'access-group A in interface outside',
    ].join('\n');
    const reading = ciscoAsaFormat.read(text, {});
    assert.deepEqual(english(reading.problems), [
      {
        location: wordAt(text, 'port-object', 'sip-tls'),
        message: "'sip-tls' is not a port name the ASA knows (write the number): the rule is left out",
        severity: 'error',
      },
    ]);
  });
});
