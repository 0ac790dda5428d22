import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkTopology,
  dumpInputOf,
  powershellScriptFiles,
  readDump,
  type DumpInput,
  verifyTopology,
} from '../../../server/src/engine/index';
import { exampleFiles, readExample } from '../../support/examples';

// The hand-written Cisco ASA and Windows Firewall dumps of contoso, through the same reading and
// analysis as `lync-ports verify`: clean as written, and each administrator's change found on the
// dump line it was made on.

const CONTOSO = readExample('contoso.topology.yaml');
const FIXTURES = join(__dirname, '../../../../test/fixtures/verify');
const ASA = readFileSync(join(FIXTURES, 'asa/contoso-external.asa.txt'), 'utf8');
const ASA_INTERFACES = readFileSync(join(FIXTURES, 'asa/contoso-interfaces.asa.txt'), 'utf8');
const WINDOWS = readFileSync(join(FIXTURES, 'windows/contoso-edge01.json'), 'utf8');

function input(firewall: string, text: string, ruleList?: string): DumpInput {
  const read = readDump(text, ruleList === undefined ? {} : { ruleList });
  assert.ok(read.ok, JSON.stringify(read));
  return dumpInputOf(firewall, read);
}

function findings(firewall: string, text: string, topology = CONTOSO, ruleList?: string) {
  return verifyTopology(topology, [input(firewall, text, ruleList)])
    .findings.filter((finding) => finding.firewall === firewall)
    .map(({ diagnostic }) => ({
      code: diagnostic.code,
      line: diagnostic.range.start.line + 1,
      row: diagnostic.catalogRowId,
    }));
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle)) + 1;

describe('verify with vendor dumps', () => {
  test('the ASA running config of the external firewall and the Edge host firewall verify clean', () => {
    const read = readDump(ASA, {});
    assert.equal(read.ok ? read.format.id : read.reason, 'cisco-asa');
    assert.deepEqual(findings('external', ASA), []);
    assert.deepEqual(findings('edge01', WINDOWS), []);
  });

  test('an ASA access-list line removed is a missing flow; a wrong port is reported on its line', () => {
    const outbound = 'access-list EDGE-EXTERNAL extended permit tcp object edge01-accessEdge any';
    const removed = ASA.split('\n')
      .filter((line) => !line.startsWith(outbound))
      .join('\n');
    const missing = findings('external', removed);
    assert.deepEqual(
      missing.map((finding) => finding.code),
      ['missing-flow'],
    );
    const wrongPort = ASA.replace('port-object eq 5269', 'port-object eq 5296');
    const wrong = findings('external', wrongPort);
    assert.ok(wrong.length > 0);
    assert.ok(
      wrong.every((finding) => finding.code === 'wrong-port'),
      JSON.stringify(wrong),
    );
    assert.deepEqual(
      [...new Set(wrong.map((finding) => finding.line))].sort(),
      [lineOf(ASA, 'permit tcp any object'), lineOf(ASA, outbound)].sort(),
    );
  });

  test('ASA with a list per interface: inbound by outside, outbound by perimeter, each judged by its own', () => {
    const text = ASA_INTERFACES;
    const codes = (found: ReturnType<typeof findings>) =>
      found.map((finding) => [finding.code, finding.row, finding.line]);
    const start = lineOf(text, 'access-group OUTSIDE-IN in interface outside');
    assert.deepEqual(findings('external', text, CONTOSO, 'all'), []);
    // Access-groups on two interfaces: the default reads them all.
    assert.deepEqual(findings('external', text), []);
    // Read from outside alone, the Edge's own XMPP to partners (entering on perimeter) is not there.
    assert.deepEqual(codes(findings('external', text, CONTOSO, 'outside')), [['missing-flow', 'X2', start]]);
    const outbound = 'access-list PERIMETER-IN extended permit tcp object edge01-accessEdge any';
    const removed = text
      .split('\n')
      .filter((line) => !line.startsWith(outbound))
      .join('\n');
    assert.deepEqual(codes(findings('external', removed, CONTOSO, 'all')), [
      ['missing-flow', 'X2', lineOf(removed, 'access-group OUTSIDE-IN in interface outside')],
    ]);
    const deny = 'access-list PERIMETER-IN extended deny tcp any any eq 5269';
    const denied = text.replace('access-list PERIMETER-IN remark', `${deny}\naccess-list PERIMETER-IN remark`);
    assert.deepEqual(codes(findings('external', denied, CONTOSO, 'all')), [
      ['blocked-flow', 'X2', lineOf(denied, deny)],
      ['shadowed-rule', undefined, lineOf(denied, outbound)],
    ]);
    // The same deny on outside's list stops nothing the Edge sends: it enters on perimeter.
    const inbound = text
      .replace(deny, '')
      .replace(
        'access-list OUTSIDE-IN remark',
        'access-list OUTSIDE-IN extended deny tcp any any eq 5269\naccess-list OUTSIDE-IN remark',
      );
    assert.deepEqual(codes(findings('external', inbound, CONTOSO, 'all')), [
      ['blocked-flow', 'X1', lineOf(inbound, 'OUTSIDE-IN extended deny')],
      ['shadowed-rule', undefined, lineOf(inbound, 'permit tcp any object edge01-accessEdge')],
    ]);
  });

  test('Windows Firewall: inbound rules decide what reaches the Edge, outbound ones what leaves it', () => {
    const rules = JSON.parse(WINDOWS) as Record<string, unknown>[];
    const pretty = (list: Record<string, unknown>[]) => JSON.stringify(list, null, 4);
    // Inbound is blocked by default: without its rule, XMPP from partners (X1) is missing.
    const noInbound = pretty(rules.filter((rule) => rule.DisplayName !== 'external: XMPP from federated partners'));
    assert.deepEqual(
      findings('edge01', noInbound).map((finding) => [finding.code, finding.row, finding.line]),
      [['missing-flow', 'X1', 1]],
    );
    // Outbound is allowed by default: without its rule nothing is missing, but a block rule stops
    // XMPP to partners (X2), on that rule's object, whatever comes after it; the allow it stands
    // above can never match.
    const noOutbound = rules.filter((rule) => rule.DisplayName !== 'external: XMPP to federated partners');
    assert.deepEqual(findings('edge01', pretty(noOutbound)), []);
    const block = {
      DisplayName: 'Block XMPP out',
      Enabled: 1,
      Direction: 2,
      Action: 4,
      Protocol: 'TCP',
      LocalPort: 'Any',
      RemotePort: '5269',
      LocalAddress: 'Any',
      RemoteAddress: 'Any',
    };
    const blocked = pretty([...rules, block]);
    assert.deepEqual(
      findings('edge01', blocked).map((finding) => [finding.code, finding.row, finding.line]),
      [
        ['blocked-flow', 'X2', lineOf(blocked, 'Block XMPP out') - 1],
        // The fixture's objects open two lines above their DisplayName (Name comes first).
        ['shadowed-rule', undefined, lineOf(blocked, 'external: XMPP to federated partners') - 2],
      ],
    );
  });

  test("Windows Firewall: an administrator's change to the Edge host rules is found at its object, by code", () => {
    const rules = JSON.parse(WINDOWS) as Record<string, unknown>[];
    const pretty = (list: Record<string, unknown>[]) => JSON.stringify(list, null, 4);
    const xmppIn = rules[0];
    const changed = (list: Record<string, unknown>[], needle: string) => {
      const text = pretty(list);
      // An object opens two lines above its DisplayName (Name comes first).
      return { found: findings('edge01', text), line: lineOf(text, needle) - 2 };
    };
    const typo = changed([{ ...xmppIn, LocalPort: '5296' }, ...rules.slice(1)], 'from federated partners');
    assert.deepEqual(typo.found, [{ code: 'wrong-port', line: typo.line, row: 'X1' }]);
    const wide = changed([{ ...xmppIn, LocalPort: 'Any' }, ...rules.slice(1)], 'from federated partners');
    assert.deepEqual(wide.found, [{ code: 'overly-permissive', line: wide.line, row: undefined }]);
    const twice = changed([...rules, { ...xmppIn, Name: 'copy', DisplayName: 'XMPP again' }], 'XMPP again');
    assert.deepEqual(twice.found, [{ code: 'duplicate-rule', line: twice.line, row: undefined }]);
    const anyLocal = { ...xmppIn, Name: 'wide', DisplayName: 'XMPP on every address', LocalAddress: 'Any' };
    const shadowed = changed([anyLocal, ...rules], 'external: XMPP from federated partners');
    assert.deepEqual(shadowed.found, [{ code: 'shadowed-rule', line: shadowed.line, row: undefined }]);
    const rdp = { ...rules[3], Name: 'rdp', DisplayName: 'RDP to the Edge', Enabled: 1 };
    const unneeded = changed([...rules, rdp], 'RDP to the Edge');
    assert.deepEqual(unneeded.found, [{ code: 'unneeded-rule', line: unneeded.line, row: undefined }]);
  });

  test("every example's PowerShell export, as Get-NetFirewallRule lists it, verifies each Edge host clean", () => {
    let hosts = 0;
    for (const file of exampleFiles()) {
      const text = readFileSync(file, 'utf8');
      for (const script of powershellScriptFiles(checkTopology(text))) {
        hosts++;
        const dump = JSON.stringify(listedRules(script.text), null, 2);
        assert.deepEqual(findings(script.server, dump, text), [], `${file} ${script.server}`);
      }
    }
    assert.ok(hosts >= 10, `${hosts} Edge servers`);
  });
});

/** The rules a PowerShell export script makes, as the fixtures' README command lists them. */
function listedRules(script: string): Record<string, string>[] {
  return script
    .split('\n')
    .filter((line) => line.startsWith('New-NetFirewallRule '))
    .map((line) => {
      const given = new Map<string, string>();
      for (const [, key, quoted, word] of line.matchAll(/ -(\w+) (?:'((?:[^']|'')*)'|(\w+))/g))
        given.set(key, quoted === undefined ? word : quoted.replace(/''/g, "'"));
      const value = (key: string) => given.get(key) ?? 'Any';
      return {
        DisplayName: value('DisplayName'),
        Enabled: 'True',
        Direction: value('Direction'),
        Action: value('Action'),
        Protocol: value('Protocol'),
        LocalPort: value('LocalPort'),
        RemotePort: value('RemotePort'),
        LocalAddress: value('LocalAddress'),
        RemoteAddress: value('RemoteAddress'),
      };
    });
}
