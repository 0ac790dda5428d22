import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ciscoAsaFormat,
  localizeDiagnostic,
  openDump,
  parseAddressOrCidr,
  verifyTopology,
} from '../../../../server/src/engine/index';
import { readExample } from '../../../support/examples';
import { fixture, lineAt } from './dumpText';

// The whole ASA as one list: each connection judged by the list of the interface its source is
// routed behind (longest prefix), the default route's interface taking what no other places.

const INGRESS = fixture('asa/ingress.asa.txt');
const PERIMETER = fixture('asa/perimeter.asa.txt');

/** Whether one of the rule's addresses holds `address`. */
function covers(list: readonly string[], address: string): boolean {
  const point = parseAddressOrCidr(address);
  assert.ok(point.ok);
  const [value] = point.set.intervals[0];
  return list.some((text) => {
    if (text === 'any') return true;
    const parse = parseAddressOrCidr(text);
    assert.ok(parse.ok, text);
    return parse.set.intervals.some(([lo, hi]) => lo <= value && value <= hi);
  });
}

// 10.0.0.0/8 (`route inside`) without 10.1.0.0/24 (dmz's own network, the longer prefix).
const INSIDE = [
  '10.0.0.0/16',
  '10.1.1.0/24',
  '10.1.2.0/23',
  '10.1.4.0/22',
  '10.1.8.0/21',
  '10.1.16.0/20',
  '10.1.32.0/19',
  '10.1.64.0/18',
  '10.1.128.0/17',
  '10.2.0.0/15',
  '10.4.0.0/14',
  '10.8.0.0/13',
  '10.16.0.0/12',
  '10.32.0.0/11',
  '10.64.0.0/10',
  '10.128.0.0/9',
];

describe('Cisco ASA: every interface at once (`all`)', () => {
  const reading = ciscoAsaFormat.read(INGRESS, { ruleList: 'all' });

  test('dmz, then inside, then outside (the default route) last; each rule on its own line', () => {
    // dmz's entry for a source behind inside is said below.
    assert.deepEqual(
      reading.problems.map((problem) => problem.text?.id),
      ['dump/asa/notEntering'],
    );
    assert.deepEqual(reading.defaultAction, 'deny');
    assert.deepEqual(reading.listLocation, lineAt(INGRESS, 'access-group OUTSIDE-IN in interface outside'));
    const level = (needle: string, occurrence = 1) => lineAt(INGRESS, needle, occurrence).line;
    assert.deepEqual(
      reading.rules.map((rule) => [rule.location.line, rule.action]),
      [
        [level('DMZ-IN extended permit tcp host 10.1.0.10'), 'allow'],
        [level('host 10.0.0.20 eq 5061'), 'allow'],
        // inside has no list: its security level, one rule per network, longest prefix first.
        [level('ip address 203.0.113.2'), 'allow'],
        [level('ip address 10.1.0.1'), 'allow'],
        [level('ip address 10.0.0.1'), 'deny'],
        [level('route inside'), 'deny'],
        [level('route outside'), 'allow'],
        [level('OUTSIDE-IN extended permit'), 'allow'],
      ],
    );
  });

  test("an interface's rules keep to the sources behind it, and to destinations not behind it again", () => {
    const [xmppOut, sip] = reading.rules;
    assert.deepEqual(
      { name: xmppOut.name, from: xmppOut.from, services: xmppOut.services },
      { name: 'XMPP to federated partners', from: ['10.1.0.10'], services: [{ transport: 'TCP', port: '5269' }] },
    );
    assert.equal(covers(xmppOut.to, '198.51.100.7'), true);
    assert.equal(covers(xmppOut.to, '10.0.0.20'), true);
    assert.equal(covers(xmppOut.to, '2001:db8::1'), true);
    assert.equal(covers(xmppOut.to, '10.1.0.99'), false, 'back out of dmz is not through the firewall');
    // `any` behind dmz is dmz's network; the entry for a host behind no dmz route never matches there.
    assert.deepEqual({ from: sip.from, to: sip.to }, { from: ['10.1.0.0/24'], to: ['10.0.0.20'] });
    assert.equal(
      reading.rules.some((rule) => rule.location.line === lineAt(INGRESS, 'host 10.9.9.9').line),
      false,
    );
  });

  test('an interface without a list passes by its level, from the networks behind it only', () => {
    const inside = reading.rules.slice(2, 7);
    assert.ok(inside.every((rule) => rule.name?.startsWith('inside (security-level 100) → ')));
    assert.deepEqual(
      inside.map((rule) => [rule.from, rule.to]),
      [
        [INSIDE, ['203.0.113.0/29']],
        [INSIDE, ['10.1.0.0/24']],
        [INSIDE, ['10.0.0.0/24']],
        [INSIDE, ['10.0.0.0/8']],
        [INSIDE, ['0.0.0.0/0']],
      ],
    );
  });

  test('the Internet side takes the sources no other interface places; a closing deny-all is the implicit deny', () => {
    const outside = reading.rules[7];
    assert.deepEqual(outside.to, ['10.1.0.10']);
    assert.equal(covers(outside.from, '198.51.100.7'), true);
    assert.equal(covers(outside.from, '2001:db8::1'), true);
    assert.equal(covers(outside.from, '10.1.0.10'), false);
    assert.equal(covers(outside.from, '10.200.0.1'), false);
    assert.equal(
      reading.rules.some((rule) => rule.location.line === lineAt(INGRESS, 'deny ip any any').line),
      false,
    );
  });

  test('one interface named reads its list alone, as before', () => {
    const dmz = ciscoAsaFormat.read(INGRESS, { ruleList: 'dmz' });
    assert.deepEqual(
      dmz.rules.map((rule) => [rule.location.line, rule.from, rule.to]),
      [
        [lineAt(INGRESS, 'DMZ-IN extended permit tcp host 10.1.0.10').line, ['10.1.0.10'], ['any']],
        [lineAt(INGRESS, 'host 10.0.0.20 eq 5061').line, ['any'], ['10.0.0.20']],
        [lineAt(INGRESS, 'host 10.9.9.9').line, ['10.9.9.9'], ['any']],
      ],
    );
    assert.deepEqual(ciscoAsaFormat.read(INGRESS, {}), reading);
  });

  test('an interface a list is bound to without an address: no telling what enters by it, name one list', () => {
    const cut = INGRESS.replace(' ip address 10.1.0.1 255.255.255.0\n', '');
    for (const options of [{}, { ruleList: 'all' }]) {
      const { rules, problems } = ciscoAsaFormat.read(cut, options);
      assert.deepEqual(rules, []);
      assert.deepEqual(
        problems.map((problem) => [problem.text?.id, problem.severity, problem.choices]),
        [['dump/asa/severalLists', 'error', ['outside', 'dmz', 'OUTSIDE-IN', 'DMZ-IN']]],
      );
    }
    assert.equal(ciscoAsaFormat.read(cut, { ruleList: 'dmz' }).rules.length, 3);
  });
});

describe("Cisco ASA `all`: what findings say of an interface's share of `any`", () => {
  const reading = ciscoAsaFormat.read(INGRESS, { ruleList: 'all' });
  const named = (line: string) =>
    reading.rules
      .filter((rule) => rule.location.line === lineAt(INGRESS, line).line)
      .map((rule) => [rule.fromText, rule.toText]);

  test("`any` kept to one interface's share is named by the interface; a short list is written out", () => {
    // outside: any but the other interfaces' networks as a source; dmz: any but its own as a destination.
    assert.deepEqual(named('OUTSIDE-IN extended permit tcp any host 10.1.0.10'), [
      [{ id: 'dump/asa/anyBehind', data: { interface: 'outside' } }, undefined],
    ]);
    assert.deepEqual(named('DMZ-IN extended permit tcp host 10.1.0.10 any'), [
      [undefined, { id: 'dump/asa/anyNotBehind', data: { interface: 'dmz' } }],
    ]);
    // dmz's own network, one CIDR, is what it is.
    const dmzAny = reading.rules.find((rule) => rule.location.line === lineAt(INGRESS, 'host 10.0.0.20 eq 5061').line);
    assert.deepEqual([dmzAny?.from, dmzAny?.fromText], [['10.1.0.0/24'], undefined]);
  });

  test('an unneeded rule for `any` on the Internet side: the detail names the interface, not ~120 CIDRs', () => {
    const contoso = readExample('contoso.topology.yaml');
    const opened = openDump(contoso, { name: 'external', text: PERIMETER, ruleList: 'all' });
    assert.ok(opened.ok);
    const line = lineAt(PERIMETER, 'OUTSIDE-IN extended permit tcp any object-group EDGE-EXTERNAL').line;
    const finding = verifyTopology(contoso, [opened.input]).findings.find(
      ({ firewall, diagnostic }) =>
        firewall === 'external' && diagnostic.code === 'unneeded-rule' && diagnostic.range.start.line + 1 === line,
    );
    assert.ok(finding);
    const { detail } = finding.diagnostic;
    assert.match(detail ?? '', /^It allows any address behind outside to reach edge01\.accessEdge, /);
    assert.ok((detail ?? '').length < 500, detail);
    assert.match(localizeDiagnostic(finding.diagnostic, 'ru').detail ?? '', /любой адрес за интерфейсом outside/);
  });
});

describe('Cisco ASA `all`: an entry no interface keeps is said, not dropped silently', () => {
  const dropped = (text: string, ruleList?: string) =>
    ciscoAsaFormat
      .read(text, ruleList === undefined ? { ruleList: 'all' } : { ruleList })
      .problems.filter((problem) => /^dump\/asa\/(notEntering|backOut)$/.test(problem.text?.id ?? ''))
      .map((problem) => [problem.location.line, problem.severity, problem.text?.id, problem.text?.data]);

  test("a source behind another interface than the list's: a warning at the entry, naming list and interface", () => {
    assert.deepEqual(dropped(INGRESS), [
      [lineAt(INGRESS, 'host 10.9.9.9').line, 'warning', 'dump/asa/notEntering', { acl: 'DMZ-IN', interfaces: 'dmz' }],
    ]);
    // The closing deny of everything is the implicit deny, and one interface named reads its list whole.
    assert.deepEqual(dropped(INGRESS, 'dmz'), []);
  });

  test('destinations only behind the interface the sources enter by: a warning that names the interface', () => {
    const line = lineAt(PERIMETER, 'permit ip 198.51.100.0 255.255.255.0 2001:db8:155::/64').line;
    assert.deepEqual(dropped(PERIMETER), [[line, 'warning', 'dump/asa/backOut', { interfaces: 'outside' }]]);
  });

  test('a global entry kept on one interface is no dropped entry', () => {
    assert.deepEqual(dropped(fixture('asa/interface-and-global.asa.txt')), []);
  });
});

describe('Cisco ASA: `all` among the lists a refusal offers, where it reads', () => {
  const choices = (text: string, ruleList: string) =>
    ciscoAsaFormat.read(text, { ruleList }).problems.find((problem) => problem.severity === 'error')?.choices;

  test('a list name the config lacks: its interfaces, its lists, and `all`', () => {
    assert.deepEqual(choices(INGRESS, 'nosuch'), ['outside', 'dmz', 'inside', 'mgmt', 'OUTSIDE-IN', 'DMZ-IN', 'all']);
    const contoso = readExample('contoso.topology.yaml');
    const opened = openDump(contoso, { name: 'external', text: INGRESS, ruleList: 'nosuch' });
    assert.ok(!opened.ok && opened.refusal.reason === 'problem');
    assert.equal(opened.refusal.problem.choices?.at(-1), 'all');
  });

  test('not where `all` cannot read: a bound interface without an address, or lists bound to none', () => {
    const cut = INGRESS.replace(' ip address 10.1.0.1 255.255.255.0\n', '');
    assert.deepEqual(choices(cut, 'nosuch'), ['outside', 'dmz', 'inside', 'mgmt', 'OUTSIDE-IN', 'DMZ-IN']);
    const unbound = INGRESS.replace(/^access-group .*\n/gm, '');
    assert.deepEqual(choices(unbound, 'nosuch'), ['outside', 'dmz', 'inside', 'mgmt', 'OUTSIDE-IN', 'DMZ-IN']);
  });
});
