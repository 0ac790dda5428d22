import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ciscoAsaFormat, dumpInputOf, readDump, verifyTopology } from '../../../../server/src/engine/index';
import { readExample } from '../../../support/examples';
import { fixture, lineAt } from './dumpText';

// What an ASA applies to traffic entering an interface: its inbound access list, then the global
// one, then the implicit deny; and with neither, the security levels (higher → lower passes).

const BOTH = fixture('asa/interface-and-global.asa.txt');
const LEVELS = fixture('asa/security-levels.asa.txt');
const EDGE = '131.107.155.10';

describe('Cisco ASA: interface and global access lists', () => {
  const interfaceRules = [
    {
      location: lineAt(BOTH, 'permit tcp any object edge01-accessEdge eq 5269'),
      name: 'XMPP from federated partners',
      action: 'allow',
      from: ['any'],
      to: [EDGE],
      services: [{ transport: 'TCP', port: '5269' }],
    },
    {
      location: lineAt(BOTH, 'deny tcp any object edge01-accessEdge eq 5061'),
      action: 'deny',
      from: ['any'],
      to: [EDGE],
      services: [{ transport: 'TCP', port: '5061' }],
    },
  ];
  const globalRules = [
    {
      location: lineAt(BOTH, 'deny tcp any any eq telnet'),
      name: 'no Telnet anywhere',
      action: 'deny',
      from: ['any'],
      to: ['any'],
      services: [{ transport: 'TCP', port: '23' }],
    },
    {
      location: lineAt(BOTH, 'permit tcp any object edge01-accessEdge eq 5061'),
      name: 'SIP federation',
      action: 'allow',
      from: ['any'],
      to: [EDGE],
      services: [{ transport: 'TCP', port: '5061' }],
    },
  ];

  test('an interface: its inbound list first, then the global list, each rule on its own line', () => {
    const reading = ciscoAsaFormat.read(BOTH, { ruleList: 'outside' });
    assert.deepEqual(reading, {
      rules: [...interfaceRules, ...globalRules],
      listLocation: lineAt(BOTH, 'access-group OUTSIDE-IN in interface outside'),
      defaultAction: 'deny',
      problems: [],
    });
  });

  test('one interface bound and a global list: that interface is the default', () => {
    assert.deepEqual(ciscoAsaFormat.read(BOTH, {}), ciscoAsaFormat.read(BOTH, { ruleList: 'outside' }));
  });

  test('an interface without a list of its own: the global list, from its access-group', () => {
    const reading = ciscoAsaFormat.read(BOTH, { ruleList: 'perimeter' });
    assert.deepEqual(reading.rules, globalRules);
    assert.deepEqual(reading.listLocation, lineAt(BOTH, 'access-group GLOBAL-POLICY global'));
    assert.deepEqual(reading.problems, []);
  });

  test('an access list or global by name: that list alone', () => {
    assert.deepEqual(ciscoAsaFormat.read(BOTH, { ruleList: 'OUTSIDE-IN' }).rules, interfaceRules);
    assert.deepEqual(ciscoAsaFormat.read(BOTH, { ruleList: 'global' }).rules, globalRules);
    assert.deepEqual(ciscoAsaFormat.read(BOTH, { ruleList: 'GLOBAL-POLICY' }).rules, globalRules);
  });
});

describe('Cisco ASA: verify reads the interface list before the global one', () => {
  test('a deny added to the outside interface, below the global list in the file, stops XMPP first', () => {
    // contoso's external firewall, whose XMPP rules are global, with an interface list added after them.
    const text = fixture('asa/contoso-external.asa.txt').replace(
      'access-group EDGE-EXTERNAL global',
      'access-list OUTSIDE-IN extended deny tcp any any eq 5269\n' +
        'access-group OUTSIDE-IN in interface outside\naccess-group EDGE-EXTERNAL global',
    );
    const read = readDump(text, {});
    assert.ok(read.ok, JSON.stringify(read));
    const findings = verifyTopology(readExample('contoso.topology.yaml'), [dumpInputOf('external', read)]).findings;
    const deny = lineAt(text, 'OUTSIDE-IN extended deny').line;
    assert.deepEqual(
      findings.map(({ firewall, diagnostic }) => [firewall, diagnostic.code, diagnostic.range.start.line + 1]),
      [
        ['external', 'blocked-flow', deny],
        ['external', 'blocked-flow', deny],
        ['external', 'shadowed-rule', lineAt(text, 'permit tcp any object edge01-accessEdge').line],
        ['external', 'shadowed-rule', lineAt(text, 'permit tcp object edge01-accessEdge any').line],
      ],
    );
  });
});

describe('Cisco ASA: security levels when no access list applies', () => {
  const rule = (needle: string, action: 'allow' | 'deny', to: string[], exit: string, occurrence = 1) => ({
    location: lineAt(LEVELS, needle, occurrence),
    name: `perimeter (security-level 50) → ${exit}`,
    action,
    from: ['any'],
    to,
    services: [{ transport: 'ANY' }],
  });

  test('every network behind an interface, longest prefix first: allowed toward lower levels only', () => {
    const reading = ciscoAsaFormat.read(LEVELS, { ruleList: 'perimeter' });
    assert.deepEqual(reading.rules, [
      rule('ip address 203.0.113.2', 'allow', ['203.0.113.0/29'], 'outside (security-level 0)'),
      // Back out of the interface it came in: no `same-security-traffic permit intra-interface`.
      rule('ip address 131.107.155.1', 'deny', ['131.107.155.0/24'], 'perimeter (security-level 50)'),
      // `inside` without a security-level is 100.
      rule('ip address 172.25.33.1', 'deny', ['172.25.33.0/24'], 'inside (security-level 100)'),
      // Level 50 to level 50: `same-security-traffic permit inter-interface`.
      rule('ip address 192.0.2.1', 'allow', ['192.0.2.0/24'], 'partners (security-level 50)'),
      rule('route inside 10.0.0.0', 'deny', ['10.0.0.0/8'], 'inside (security-level 100)'),
      rule('route outside 0.0.0.0', 'allow', ['0.0.0.0/0'], 'outside (security-level 0)'),
      rule('ipv6 address 2001:db8:155::1/64', 'deny', ['2001:db8:155::/64'], 'perimeter (security-level 50)'),
    ]);
    assert.deepEqual(reading.listLocation, lineAt(LEVELS, 'nameif perimeter'));
    assert.equal(reading.defaultAction, 'deny');
    // A lower interface the config gives no address: what goes there cannot be placed, and is denied.
    assert.deepEqual(
      reading.problems.map((problem) => [problem.location.line, problem.severity, problem.message]),
      [
        [
          lineAt(LEVELS, 'nameif backup').line,
          'warning',
          'interface backup (security-level 10) has no address in the config: traffic from perimeter toward it ' +
            'is read as denied',
        ],
      ],
    );
  });

  test('the lowest interface passes nothing: every network behind it is higher', () => {
    const reading = ciscoAsaFormat.read(LEVELS, { ruleList: 'outside' });
    assert.deepEqual(
      reading.rules.map((one) => one.action),
      reading.rules.map(() => 'deny'),
    );
    assert.equal(reading.rules.length, 7);
    assert.deepEqual(reading.problems, []);
  });

  test('without same-security-traffic, equal levels do not pass; a shut interface is not one', () => {
    const text = LEVELS.replace('same-security-traffic permit inter-interface\n', '');
    const reading = ciscoAsaFormat.read(text, { ruleList: 'partners' });
    const toPerimeter = reading.rules.find((one) => one.to[0] === '131.107.155.0/24')!;
    assert.equal(toPerimeter.action, 'deny');
    assert.equal(reading.rules.find((one) => one.to[0] === '203.0.113.0/29')!.action, 'allow');
    assert.equal(
      reading.rules.some((one) => one.to[0] === '192.168.1.0/24'),
      false,
    );
    const unknown = ciscoAsaFormat.read(LEVELS, { ruleList: 'management' });
    assert.equal(unknown.problems[0].severity, 'error');
  });

  test('no access list at all and no interface named: an error naming the interfaces', () => {
    const reading = ciscoAsaFormat.read(LEVELS, {});
    assert.deepEqual(reading.problems, [
      {
        location: { line: 1, column: 1, endLine: 1, endColumn: 1 },
        message:
          'the config has no extended access list: name the interface whose incoming traffic to verify ' +
          '(outside, perimeter, inside, partners, backup)',
        text: {
          id: 'dump/asa/noListName',
          data: { interfaces: 'outside, perimeter, inside, partners, backup' },
        },
        severity: 'error',
        // `all` reads every interface by its level: a choice as much as one interface.
        choices: ['outside', 'perimeter', 'inside', 'partners', 'backup', 'all'],
      },
    ]);
  });
});
