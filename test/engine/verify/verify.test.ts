import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkTopology,
  type DumpReading,
  type DumpRule,
  openDump,
  refusalText,
  verifyTopology,
  type VerifyFinding,
} from '../../../server/src/engine/index';
import { dumpLine as at, dumpRule as rule } from '../../support/dumpRules';
import { readExample } from '../../support/examples';
import { span } from '../rules/ruleTester';

// The core of verify: a reading in place of a firewall's rules, checked as `check` checks, each
// finding at the dump rule that causes it, at the rule list for a flow it lacks, or in the topology.

const CONTOSO = readExample('contoso.topology.yaml');
const EDGE = '131.107.155.10';
const INTERNAL = '172.25.33.10';

const X1 = (line: number) =>
  rule(line, { name: 'X1', to: [`${EDGE}/32`], services: [{ transport: 'TCP', port: '5269' }] });
const X2 = (line: number) => rule(line, { name: 'X2', from: [EDGE], services: [{ transport: 'TCP', port: '5269' }] });
const DENY_ALL = (line: number) =>
  rule(line, { name: 'default deny', action: 'deny', services: [{ transport: 'ANY' }] });

function reading(rules: DumpRule[], defaultAction: 'allow' | 'deny' = 'allow'): DumpReading {
  return { rules, listLocation: at(3), defaultAction, problems: [] };
}

/** What each finding is, and where: `file` is the firewall whose dump it lies in, or `topology`. */
function summary(findings: VerifyFinding[]) {
  return findings.map(({ firewall, diagnostic }) => ({
    file: firewall ?? 'topology',
    line: diagnostic.range.start.line + 1,
    code: diagnostic.code,
    messageId: diagnostic.messageId,
  }));
}

describe('verify: a dump in place of a firewall', () => {
  test('our own rules, read back, verify clean: no finding, no fix', () => {
    const result = verifyTopology(CONTOSO, [{ firewall: 'external', reading: reading([X1(9), X2(10), DENY_ALL(11)]) }]);
    assert.deepEqual(summary(result.findings), []);
    assert.equal(result.check.analysis.diagnostics.length, 0);
  });

  test('a deleted rule: missing-flow at the rule list, with the flow in its data', () => {
    const result = verifyTopology(CONTOSO, [{ firewall: 'external', reading: reading([X2(9), DENY_ALL(10)]) }]);
    assert.deepEqual(summary(result.findings), [
      { file: 'external', line: 3, code: 'missing-flow', messageId: 'missing' },
    ]);
    const [{ diagnostic }] = result.findings;
    assert.equal(diagnostic.data?.firewall, 'external');
    assert.equal(diagnostic.data?.ruleName, 'XMPP from federated partners');
    assert.equal(diagnostic.fixes, undefined);
    assert.deepEqual(diagnostic.range.start, { line: 2, character: 0 });
  });

  test('a rule widened to every port: overly-permissive at its line, named by its comment and line', () => {
    const wide = rule(10, { name: 'X2', from: [EDGE] });
    const result = verifyTopology(CONTOSO, [{ firewall: 'external', reading: reading([X1(9), wide, DENY_ALL(11)]) }]);
    assert.deepEqual(summary(result.findings), [
      { file: 'external', line: 10, code: 'overly-permissive', messageId: 'widePorts' },
    ]);
    assert.equal(result.findings[0].diagnostic.data?.rule, "'X2 (line 10)'");
  });

  test('a deny inserted above: blocked-flow at the deny, the rules below it shadowed', () => {
    const deny = rule(9, { action: 'deny', services: [{ transport: 'TCP', port: '5269' }] });
    const result = verifyTopology(CONTOSO, [
      { firewall: 'external', reading: reading([deny, X1(10), X2(11), DENY_ALL(12)]) },
    ]);
    assert.deepEqual(summary(result.findings), [
      { file: 'external', line: 9, code: 'blocked-flow', messageId: 'moveAllowAbove' },
      { file: 'external', line: 9, code: 'blocked-flow', messageId: 'moveAllowAbove' },
      { file: 'external', line: 10, code: 'shadowed-rule', messageId: 'shadowedByOne' },
      { file: 'external', line: 11, code: 'shadowed-rule', messageId: 'shadowedBySeveral' },
    ]);
    assert.equal(result.findings[0].diagnostic.data?.rule, "'line 9'");
  });

  test('a duplicate: duplicate-rule at the second; a wrong port: wrong-port at it (which explains the flow)', () => {
    const twice = verifyTopology(CONTOSO, [
      { firewall: 'external', reading: reading([X1(9), X1(10), X2(11), DENY_ALL(12)]) },
    ]);
    assert.deepEqual(summary(twice.findings), [
      { file: 'external', line: 10, code: 'duplicate-rule', messageId: 'duplicate' },
    ]);
    const typo = rule(9, { name: 'X1', to: [EDGE], services: [{ transport: 'TCP', port: '5296' }] });
    const wrong = verifyTopology(CONTOSO, [{ firewall: 'external', reading: reading([typo, X2(10), DENY_ALL(11)]) }]);
    assert.deepEqual(
      summary(wrong.findings).map(({ file, line, code }) => ({ file, line, code })),
      [{ file: 'external', line: 9, code: 'wrong-port' }],
    );
  });

  test('a rule to the Edge no feature needs: unneeded-rule at its line', () => {
    const rdp = rule(10, { to: [EDGE], services: [{ transport: 'TCP', port: '3389' }] });
    const result = verifyTopology(CONTOSO, [
      { firewall: 'external', reading: reading([X1(9), rdp, X2(11), DENY_ALL(12)]) },
    ]);
    assert.deepEqual(summary(result.findings), [
      { file: 'external', line: 10, code: 'unneeded-rule', messageId: 'reaches' },
    ]);
  });

  test('the default comes from the reading: allow after the last rule opens everything', () => {
    const result = verifyTopology(CONTOSO, [{ firewall: 'internal', reading: reading([], 'deny') }]);
    assert.deepEqual(
      summary(result.findings).map(({ file, line, code }) => ({ file, line, code })),
      [{ file: 'internal', line: 3, code: 'missing-flow' }],
    );
    const gateway = rule(4, { to: [INTERNAL], services: [{ transport: 'TCP', port: '23456' }] });
    assert.deepEqual(
      summary(verifyTopology(CONTOSO, [{ firewall: 'internal', reading: reading([gateway], 'deny') }]).findings),
      [],
    );
  });

  test('findings elsewhere in the topology keep their place, before and after the spliced rules', () => {
    const text = CONTOSO.replace('XMPP/MTLS/23456', 'XMPP/MTLS/23465').replace(
      'edge01:\n    role: edge',
      'edge01:\n    role: edge\n    colour: blue',
    );
    const checked = checkTopology(text).diagnostics;
    const result = verifyTopology(text, [{ firewall: 'external', reading: reading([X1(9), X2(10), DENY_ALL(11)]) }]);
    const topology = result.findings
      .filter((finding) => finding.firewall === undefined)
      .map((finding) => finding.diagnostic);
    const expected = checked.filter((diagnostic) => !['external'].includes(String(diagnostic.data?.firewall ?? '')));
    assert.deepEqual(
      topology.map((diagnostic) => [diagnostic.code, diagnostic.range]),
      expected.map((diagnostic) => [diagnostic.code, diagnostic.range]),
    );
    const colour = span(text, 'colour');
    assert.ok(
      topology.some((diagnostic) => diagnostic.code === 'schema' && diagnostic.range.start.line === colour.line),
    );
    const port = span(text, 'XMPP/MTLS/23465');
    assert.ok(
      topology.some(
        (diagnostic) =>
          diagnostic.code === 'wrong-port' &&
          diagnostic.range.start.line >= port.line - 3 &&
          diagnostic.range.end.line >= port.line,
      ),
    );
  });

  test('a firewall with no rules key, or written as a flow mapping, takes the dump all the same', () => {
    const bare = CONTOSO.replace(/ {4}rules:\n {6}- name: XMPP gateway to Edge\n.*\n.*\n.*\n/, '');
    assert.notEqual(bare, CONTOSO);
    const gateway = rule(4, { to: [INTERNAL], services: [{ transport: 'TCP', port: '23456' }] });
    assert.deepEqual(
      summary(verifyTopology(bare, [{ firewall: 'internal', reading: reading([gateway], 'deny') }]).findings),
      [],
    );
    assert.deepEqual(
      summary(verifyTopology(bare, [{ firewall: 'internal', reading: reading([], 'deny') }]).findings).map((f) => [
        f.file,
        f.line,
        f.code,
      ]),
      [['internal', 3, 'missing-flow']],
    );
    const flow = bare.replace(
      '  internal:\n    between: [corp, perimeter]\n',
      '  internal: { between: [corp, perimeter] }\n',
    );
    assert.notEqual(flow, bare);
    assert.deepEqual(
      summary(verifyTopology(flow, [{ firewall: 'internal', reading: reading([gateway], 'deny') }]).findings),
      [],
    );
  });

  test('both firewalls at once, each finding in its own dump', () => {
    const result = verifyTopology(CONTOSO, [
      { firewall: 'external', reading: reading([X1(9), DENY_ALL(10)]) },
      {
        firewall: 'internal',
        reading: reading([rule(5, { to: [INTERNAL], services: [{ transport: 'UDP', port: '23456' }] })], 'deny'),
      },
    ]);
    assert.deepEqual(
      summary(result.findings).map(({ file, line, code }) => ({ file, line, code })),
      [
        { file: 'external', line: 3, code: 'missing-flow' },
        { file: 'internal', line: 5, code: 'wrong-transport' },
      ],
    );
  });

  test('a CRLF topology verifies as its LF twin', () => {
    const crlf = CONTOSO.replace(/\n/g, '\r\n');
    const result = verifyTopology(crlf, [{ firewall: 'external', reading: reading([X2(9), DENY_ALL(10)]) }]);
    assert.deepEqual(summary(result.findings), [
      { file: 'external', line: 3, code: 'missing-flow', messageId: 'missing' },
    ]);
  });
});

describe('verify: one opening of a dump for the command line and the editor', () => {
  const SAVE = [
    '*filter',
    ':FORWARD DROP [0:0]',
    ':A - [0:0]',
    ':B - [0:0]',
    '-A A -j ACCEPT',
    '-A B -j ACCEPT',
    'COMMIT',
    '',
  ];
  const refusal = (name: string, text: string, ruleList?: string) => {
    const opened = openDump(CONTOSO, { name, text, ...(ruleList === undefined ? {} : { ruleList }) });
    assert.ok(!opened.ok, JSON.stringify(opened));
    return opened.refusal;
  };
  const both = (name: string, text: string, ruleList?: string) => {
    const found = refusal(name, text, ruleList);
    return [refusalText(found, { dump: 'rules.v4' }), refusalText(found), refusalText(found, { locale: 'ru' })];
  };

  test('a name neither a firewall nor an Edge server: on the command line the nearest name and the names', () => {
    assert.deepEqual(both('extrenal', SAVE.join('\n')), [
      "the topology has no firewall or Edge server 'extrenal'. Did you mean 'external'? " +
        'Firewalls: external, internal; Edge servers: edge01',
      "the topology has no firewall or Edge server 'extrenal'",
      "в топологии нет брандмауэра или пограничного сервера 'extrenal'",
    ]);
    assert.deepEqual(refusal('edge1', ''), {
      reason: 'unknown-name',
      name: 'edge1',
      guess: 'edge01',
      firewalls: ['external', 'internal'],
      servers: ['edge01'],
    });
  });

  test('no format, or no chain said: on the command line with the option that helps', () => {
    assert.deepEqual(both('external', 'just notes\n'), [
      'rules.v4 is none of the dump formats verify reads (iptables-save, nft-json, cisco-asa, windows-firewall); ' +
        'name one with --dump-format',
      'the file is none of the dump formats verify reads (iptables-save, nft-json, cisco-asa, windows-firewall)',
      'файл не относится ни к одному из форматов выгрузки, которые читает verify ' +
        '(iptables-save, nft-json, cisco-asa, windows-firewall)',
    ]);
    const [cli, editor] = both('external', SAVE.join('\n'));
    assert.match(cli, /^rules\.v4:1:1: iptables-save: .*A, B \(--chain external=CHAIN\)$/);
    assert.match(editor, /^line 1, column 1 of the dump \(iptables-save\): .*A, B$/);
    const found = refusal('external', SAVE.join('\n'));
    assert.deepEqual(found.reason === 'problem' && found.problem.choices, ['A', 'B']);
  });

  test('a dump that reads: the input verify takes, for a firewall and for an Edge server', () => {
    const opened = openDump(CONTOSO, { name: 'external', text: SAVE.join('\n'), ruleList: 'A' });
    assert.ok(opened.ok);
    assert.deepEqual(
      [opened.format.id, opened.input.firewall, opened.input.reading.rules.length, opened.warnings],
      ['iptables-save', 'external', 1, []],
    );
    const text = readFileSync(join(__dirname, '../../../../test/fixtures/verify/windows/contoso-edge01.json'), 'utf8');
    const windows = openDump(CONTOSO, { name: 'edge01', text });
    assert.ok(windows.ok);
    assert.deepEqual([windows.input.reading.defaultAction, windows.input.outbound?.defaultAction], ['deny', 'allow']);
  });
});
