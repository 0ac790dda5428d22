import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { dumpInputOf, readDump, type DumpInput, verifyTopology } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// The hand-written Cisco ASA and Windows Firewall dumps of contoso, through the same reading and
// analysis as `lync-ports verify`: clean as written, and each administrator's change found on the
// dump line it was made on.

const CONTOSO = readExample('contoso.topology.yaml');
const FIXTURES = join(__dirname, '../../../../test/fixtures/verify');
const ASA = readFileSync(join(FIXTURES, 'asa/contoso-external.asa.txt'), 'utf8');
const WINDOWS = readFileSync(join(FIXTURES, 'windows/contoso-edge01.json'), 'utf8');

function input(firewall: string, text: string): DumpInput {
  const read = readDump(text, {});
  assert.ok(read.ok, JSON.stringify(read));
  return dumpInputOf(firewall, read);
}

function findings(firewall: string, text: string) {
  return verifyTopology(CONTOSO, [input(firewall, text)])
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
    // XMPP to partners (X2), on that rule's object, whatever comes after it.
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
      [['blocked-flow', 'X2', lineOf(blocked, 'Block XMPP out') - 1]],
    );
  });
});
