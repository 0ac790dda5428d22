import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isSeq, Node, YAMLSeq } from 'yaml';
import {
  deleteRuleEdit,
  reindentedRuleText,
  ruleItemSpan,
  swapEndpointsEdits,
  nextLineStart,
  ruleTouchesFlow,
  applyEdits,
  checkTopology,
  fixAll,
  keyRangeAtPath,
  nodeAt,
  parseTopology,
  positionAt,
  rangeAtPath,
} from '../../server/src/engine/index';
import type { FirewallModel, RuleModel, Diagnostic, DiagnosticCode, TextEdit } from '../../server/src/engine/index';
import { EXAMPLES, readExample, REPO } from '../support/examples';

// The whole check (check.ts, and fix.ts after it) on real files: every example in examples/
// checks clean. Then, table-driven, every required flow of every
// example is broken five ways — its rules removed (missing-flow), its port off by one
// (wrong-port), its transport flipped (wrong-transport), from and to swapped (reversed-flow),
// moved to a firewall it does not cross (wrong-firewall) — and each broken file must report the
// flow's catalog row with the right code on the right line, and check clean after `fix`. Last,
// the contract's example, and bad input that must never throw.

const files = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.topology.yaml'))
  .sort();

interface Case {
  name: string;
  text: string;
  code: DiagnosticCode;
  rowId: string;
  /** Rows the broken rule carried: one finding may speak for all of them (MTLS/TCP/50001-50003). */
  rowIds: string[];
  /** Zero-based line the diagnostic must start on. */
  line: number;
}

function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length - 1;
}

function describeDiagnostics(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.code}@${d.range.start.line + 1}[${d.catalogRowId ?? ''}] ${d.message.slice(0, 140)}`)
    .join('\n');
}

/** The broken variants of one example: one per (flow, firewall, mutation) that applies. */
function casesOf(file: string, text: string): { cases: Case[]; skipped: string[] } {
  const result = checkTopology(text);
  const parsed = result.parsed;
  const cases: Case[] = [];
  const skipped: string[] = [];
  const firewallsByName = new Map(result.model.firewalls.map((firewall) => [firewall.name, firewall]));
  /**
   * Whether the mutated rule carries part of a required flow other than `flowId` (then the break is another flow's
   * rule, not this one's).
   */
  const servesOther = (mutated: string, firewallName: string, index: number, flowId: string): boolean => {
    const after = checkTopology(mutated);
    const rule = after.model.firewalls.find((candidate) => candidate.name === firewallName)?.rules[index];
    return (
      !!rule &&
      after.analysis.flows.some(
        (other) =>
          other.id !== flowId &&
          other.firewalls.some((item) => item.name === firewallName) &&
          ruleTouchesFlow(rule, other),
      )
    );
  };
  for (const evaluation of result.analysis.evaluations) {
    const { flow, firewall } = evaluation;
    const id = `${file} ${flow.id} ${flow.row.service} on ${firewall.name}`;
    assert.equal(evaluation.verdict, 'allowed', `${id}: the example must allow every flow`);
    const serving = evaluation.servingRules;
    // missing: remove every rule that serves the flow.
    {
      const edits = serving.map((rule) => deleteRuleEdit(parsed, rule.path)).filter((edit): edit is TextEdit => !!edit);
      const mutated = applyEdits(text, edits);
      const after = parseTopology(mutated);
      cases.push({
        name: `${id}: missing`,
        text: mutated,
        code: 'missing-flow',
        rowId: flow.row.id,
        rowIds: [flow.row.id],
        line: keyRangeAtPath(after, [...firewall.path, 'rules']).start.line,
      });
    }
    if (serving.length !== 1) {
      skipped.push(`${id}: served by ${serving.length} rules`);
      continue;
    }
    const rule = serving[0];
    const rowIds = result.analysis.evaluations
      .filter((item) => item.firewall === firewall && item.servingRules.includes(rule))
      .map((item) => item.flow.row.id);
    const term = rule.terms.length === 1 && rule.terms[0].form === 'text' ? rule.terms[0] : undefined;
    const serviceNode = nodeAt(parsed.doc, term?.path ?? []);
    const serviceText = serviceNode?.range ? text.slice(serviceNode.range[0], serviceNode.range[1]) : undefined;
    const others = result.analysis.flows.filter((other) => other.firewalls.includes(firewall));
    // wrong port: a near miss no required flow of this firewall uses.
    // (A rule whose port text is a range serving several rows is not "one wrong port".)
    if (
      term &&
      serviceText &&
      flow.row.ports.length === 1 &&
      flow.row.ports[0].from === flow.row.ports[0].to &&
      term.portText === String(flow.row.ports[0].from)
    ) {
      const port = flow.row.ports[0].from;
      const used = (candidate: number) =>
        others.some((other) =>
          [...other.service.tcp, ...other.service.udp].some(
            (range) => range.from <= candidate && candidate <= range.to,
          ),
        );
      const wrong = [port + 1, port - 1, port + 2, port + 10].find(
        (candidate) => candidate >= 1 && candidate <= 65535 && !used(candidate),
      );
      if (wrong !== undefined) {
        const tokens = serviceText.split('/');
        tokens[tokens.length - 1] = String(wrong);
        const mutated = applyEdits(text, [
          { startOffset: serviceNode!.range![0], endOffset: serviceNode!.range![1], newText: tokens.join('/') },
        ]);
        if (servesOther(mutated, firewall.name, rule.index, flow.id))
          skipped.push(`${id}: port ${wrong} is another required flow`);
        else
          cases.push({
            name: `${id}: wrong port ${wrong}`,
            text: mutated,
            code: 'wrong-port',
            rowId: flow.row.id,
            rowIds,
            line: lineOf(text, serviceNode!.range![0]),
          });
      }
    } else skipped.push(`${id}: no single-port text service for wrong-port`);
    // wrong transport: TCP (TLS, MTLS) <-> UDP.
    if (term && serviceText) {
      const tokens = serviceText.split('/');
      let index = -1;
      for (let k = tokens.length - 2; k >= 0; k--)
        if (/^(tcp|udp|tls|mtls)$/i.test(tokens[k])) {
          index = k;
          break;
        }
      tokens[index] = /^udp$/i.test(tokens[index]) ? 'TCP' : 'UDP';
      const mutated = applyEdits(text, [
        { startOffset: serviceNode!.range![0], endOffset: serviceNode!.range![1], newText: tokens.join('/') },
      ]);
      if (servesOther(mutated, firewall.name, rule.index, flow.id))
        skipped.push(`${id}: the other transport is another required flow`);
      else
        cases.push({
          name: `${id}: wrong transport ${tokens[index]}`,
          text: mutated,
          code: 'wrong-transport',
          rowId: flow.row.id,
          rowIds,
          line: lineOf(text, serviceNode!.range![0]),
        });
    }
    // reversed: from and to swapped.
    {
      const edits = swapEndpointsEdits(parsed, rule.path);
      const mutated = edits ? applyEdits(text, edits) : text;
      const concrete = !rule.from.every((ref) => ref.kind === 'any') || !rule.to.every((ref) => ref.kind === 'any');
      if (!edits || !concrete) skipped.push(`${id}: cannot reverse`);
      else if (servesOther(mutated, firewall.name, rule.index, flow.id))
        skipped.push(`${id}: the reverse is another required flow`);
      else
        cases.push({
          name: `${id}: reversed`,
          text: mutated,
          code: 'reversed-flow',
          rowId: flow.row.id,
          rowIds,
          line: rangeAtPath(parsed, rule.path).start.line,
        });
    }
    // wrong firewall: the rule moved to the end of another firewall's rules.
    for (const other of result.model.firewalls) {
      if (flow.firewalls.includes(other)) continue;
      const moved = moveRule(text, rule, other, `moved ${flow.row.id}`);
      if (!moved) continue;
      const after = checkTopology(moved.text);
      const target = after.model.firewalls.find((candidate) => candidate.name === other.name)!;
      const movedRule = target.rules[target.rules.length - 1];
      if (
        after.analysis.flows.some(
          (item) =>
            item.firewalls.some((candidate) => candidate.name === other.name) && ruleTouchesFlow(movedRule, item),
        )
      ) {
        skipped.push(`${id}: on '${other.name}' the rule serves another flow`);
        continue;
      }
      cases.push({
        name: `${id}: moved to '${other.name}'`,
        text: moved.text,
        code: 'wrong-firewall',
        rowId: flow.row.id,
        rowIds,
        line: moved.line,
      });
      break;
    }
  }
  void firewallsByName;
  return { cases, skipped };
}

/** The text with a block rule moved to the end of another firewall's block rules, renamed so its line can be found. */
function moveRule(
  text: string,
  rule: RuleModel,
  target: FirewallModel,
  newName: string,
): { text: string; line: number } | undefined {
  const parsed = parseTopology(text);
  const span = ruleItemSpan(parsed, rule.path);
  const seq = nodeAt(parsed.doc, [...target.path, 'rules']);
  if (!span || !isSeq(seq) || (seq as YAMLSeq).flow || (seq as YAMLSeq).items.length === 0) return undefined;
  const items = (seq as YAMLSeq).items as Node[];
  const dashColumn = positionAt(parsed, seq.range![0]).character;
  const moved = reindentedRuleText(parsed, rule.path, dashColumn)!.replace(/name: .*/, `name: ${newName}`);
  const at = nextLineStart(text, items[items.length - 1].range![1] - 1);
  const removal = deleteRuleEdit(parsed, rule.path)!;
  const mutated = applyEdits(text, [removal, { startOffset: at, endOffset: at, newText: moved }]);
  return { text: mutated, line: mutated.split('\n').findIndex((line) => line.includes(`name: ${newName}`)) };
}

describe('examples check clean', () => {
  test('there are examples for every topology of the catalog', () => {
    for (const prefix of [
      'contoso',
      'lync2013-single-edge-nat',
      'sfb2015-single-edge-public',
      'lync2013-dnslb-nat',
      'sfb2019-dnslb-public',
      'sfb2015-hlb',
      'sfb2015-hlb-no-internal-vip',
      'sfb2019-single-ip',
    ]) {
      assert.ok(
        files.some((name) => name.startsWith(prefix)),
        `no example ${prefix}*`,
      );
    }
  });
  for (const file of files) {
    test(file, () => {
      const result = checkTopology(readExample(file));
      assert.deepEqual(
        result.diagnostics
          .filter((d) => d.severity !== 'info')
          .map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`),
        [],
      );
      assert.ok(result.analysis.evaluations.length > 0, 'the example requires flows');
      assert.ok(result.analysis.evaluations.every((item) => item.verdict === 'allowed'));
    });
  }
  test("the examples' info findings are Microsoft's worded warnings about their shapes", () => {
    const infos = Object.fromEntries(
      files.map((file) => [
        file,
        checkTopology(readExample(file))
          .diagnostics.filter((d) => d.severity === 'info')
          .map((d) => `${d.code}/${d.messageId}`),
      ]),
    );
    assert.deepEqual(
      Object.entries(infos).filter(([, ids]) => ids.length > 0),
      [
        ['lync2013-dnslb-nat-director.topology.yaml', ['nat-topology/dnsFailover']],
        ['sfb2019-dnslb-public.topology.yaml', ['nat-topology/dnsFailover']],
        ['sfb2019-single-ip.topology.yaml', ['nat-topology/oneIpNotRecommended']],
      ],
    );
  });
  test('contoso.topology.yaml has exactly the three XMPP flows', () => {
    const result = checkTopology(readExample('contoso.topology.yaml'));
    assert.deepEqual(
      result.analysis.flows.map((flow) => flow.id),
      ['X1', 'X2', 'X3'],
    );
  });
});

for (const file of files) {
  describe(`${file}: every flow broken five ways`, () => {
    const text = readExample(file);
    const { cases } = casesOf(file, text);
    const byMutation = new Map<DiagnosticCode, number>();
    for (const item of cases) byMutation.set(item.code, (byMutation.get(item.code) ?? 0) + 1);
    test('each kind of break applies to most flows', () => {
      const flows = checkTopology(text).analysis.evaluations.length;
      assert.equal(byMutation.get('missing-flow'), flows);
      for (const code of ['wrong-port', 'wrong-transport', 'reversed-flow'] as DiagnosticCode[])
        assert.ok(
          (byMutation.get(code) ?? 0) >= Math.floor(flows / 3),
          `${code}: only ${byMutation.get(code) ?? 0} of ${flows}`,
        );
      if (checkTopology(text).model.firewalls.length > 1)
        assert.ok(
          (byMutation.get('wrong-firewall') ?? 0) >= Math.floor(flows / 3),
          `wrong-firewall: only ${byMutation.get('wrong-firewall') ?? 0} of ${flows}`,
        );
    });
    for (const item of cases) {
      test(item.name, () => {
        const diagnostics = checkTopology(item.text).diagnostics;
        const found =
          diagnostics.find((d) => d.code === item.code && d.catalogRowId === item.rowId) ??
          diagnostics.find((d) => d.code === item.code && item.rowIds.includes(d.catalogRowId ?? ''));
        assert.ok(
          found,
          `expected ${item.code} for ${item.rowIds.join('/')}; got:\n${describeDiagnostics(diagnostics)}`,
        );
        // Nothing else is reported as missing: the finding explains the broken rule's flows. A rule
        // on the wrong firewall explains nothing where the flow crosses: that firewall lacks it, and
        // its missing-flow says which rule to move there.
        const misplaced = (d: (typeof diagnostics)[number]) =>
          item.code === 'wrong-firewall' &&
          d.code === 'missing-flow' &&
          d.messageId === 'misplaced' &&
          d.data?.rule === `'moved ${item.rowId}'`;
        assert.deepEqual(
          diagnostics
            .filter((d) => d.severity === 'error' && d !== found && item.code !== 'missing-flow' && !misplaced(d))
            .map((d) => d.code),
          [],
        );
        if (item.code === 'wrong-firewall' && found.fixes?.[0].title.startsWith('Move'))
          assert.ok(diagnostics.some(misplaced), describeDiagnostics(diagnostics));
        assert.equal(found.severity, 'error');
        assert.equal(
          found.range.start.line,
          item.line,
          `${item.code} on line ${found.range.start.line + 1}, expected ${item.line + 1}`,
        );
        // The short message says what is wrong; the detail names the row and page it rests on.
        assert.ok(found.message.length <= 160, `short message: ${found.message}`);
        assert.match(found.detail ?? '', new RegExp(`[Cc]atalog row ${found.catalogRowId}\\b`));
        const fixed = fixAll(item.text);
        assert.deepEqual(
          fixed.remaining
            .filter((d) => d.severity !== 'info')
            .map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`),
          [],
          `after fix:\n${fixed.text}`,
        );
      });
    }
  });
}

// ---- the contract ----

// examples/contoso.topology.yaml is the contract's example, word for word; the other tests read
// the file, so this one keeps it true to ../shared/TOPOLOGY-FORMAT.md.
const CONTRACT = join(REPO, '../shared/TOPOLOGY-FORMAT.md');

test("the bundled example is the contract's example, and it checks with no diagnostics", () => {
  assert.ok(existsSync(CONTRACT), `${CONTRACT} is missing: ../shared must sit beside the clone`);
  const example = /## Example[^\n]*\n```yaml\n([\s\S]*?)```/.exec(readFileSync(CONTRACT, 'utf8'));
  assert.ok(example, 'the contract has a yaml example');
  const bundled = readExample('contoso.topology.yaml');
  assert.equal(bundled, example![1]);
  assert.deepEqual(checkTopology(bundled).diagnostics, []);
});

// ---- bad input ----

// Bad input never throws out of the engine: each of these returns diagnostics with a location.

function checkSafely(text: string) {
  const result = checkTopology(text);
  for (const diagnostic of result.diagnostics) {
    assert.ok(
      diagnostic.range.start.line >= 0 && diagnostic.range.startOffset <= text.length,
      `range inside the text: ${JSON.stringify(diagnostic.range)}`,
    );
    assert.ok(diagnostic.message.length > 10, 'a message that explains');
    assert.notEqual(diagnostic.code, 'internal-error', diagnostic.message);
  }
  return result;
}

describe('bad input', () => {
  test('an empty file says what a topology file is', () => {
    const { diagnostics } = checkSafely('');
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0].code, 'schema');
  });

  test('a comment-only file', () => {
    assert.equal(checkSafely('# nothing yet\n').diagnostics[0].code, 'schema');
  });

  test('a scalar', () => {
    const { diagnostics } = checkSafely('hello');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['schema'],
    );
  });

  test('a list at the top', () => {
    const { diagnostics } = checkSafely('- topology: {}\n- networks: {}\n');
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['schema'],
    );
    assert.match(diagnostics[0].message, /list/);
  });

  test('binary garbage', () => {
    let seed = 7;
    const bytes = Buffer.from(
      Array.from({ length: 4096 }, () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) & 255),
    );
    const { diagnostics } = checkSafely(bytes.toString('latin1'));
    assert.ok(diagnostics.length > 0);
  });

  test('a YAML alias bomb is bounded', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let k = 1; k < 10; k++)
      levels.push(
        `${String.fromCharCode(97 + k)}: &${String.fromCharCode(97 + k)} [${Array(9)
          .fill('*' + String.fromCharCode(96 + k))
          .join(', ')}]`,
      );
    const { diagnostics } = checkSafely(levels.join('\n') + '\n');
    assert.ok(
      diagnostics.some((d) => d.code === 'yaml-syntax' && /alias/i.test(d.message)),
      JSON.stringify(diagnostics.map((d) => d.message)),
    );
  });

  test('a half-typed rule still checks the rest of the file', () => {
    const contoso = readExample('contoso.topology.yaml');
    const typing = contoso.replace(
      '        to: edge01.internal\n',
      '        to: edge01.internal\n      - name: new\n        ser\n',
    );
    const { diagnostics, model } = checkSafely(typing);
    assert.ok(diagnostics.length > 0);
    assert.equal(model.servers.length, 2, 'servers still read');
  });

  test('10,000 rules', () => {
    const contoso = readExample('contoso.topology.yaml');
    const many: string[] = [];
    for (let k = 0; k < 10000; k++)
      many.push(
        `      - { name: r${k}, service: TCP/${10000 + k}, from: ` +
          `198.51.${(k >> 8) & 255}.${k & 255}, to: edge01.accessEdge }\n`,
      );
    const text = contoso.replace('  internal:\n    between', `${many.join('')}  internal:\n    between`);
    const result = checkSafely(text);
    assert.equal(result.model.firewalls[0].rules.length, 10002);
    assert.equal(result.flowModel.summary.allowed, 3);
  });

  test('fixAll on garbage returns the text unchanged', () => {
    assert.equal(fixAll('{{{').text, '{{{');
  });
});
