import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ALL_CODES, CHECK_ORDER, CODE_INFO, CODE_TEXT, RULES } from '../../../server/src/engine/index';
import type { DiagnosticCode, RuleMeta } from '../../../server/src/engine/index';

// The rules' meta is the one source of what a code means: the registry holds every code once,
// each code has its module and its test beside it, and the README says what the meta says.

const ROOT = join(__dirname, '../../../..');
const METAS: readonly RuleMeta[] = RULES.map((rule) => rule.meta);
const camelCase = (code: string) => code.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

describe('the rule registry', () => {
  test('names every code once, in the order of the SARIF descriptors', () => {
    assert.equal(new Set(ALL_CODES).size, ALL_CODES.length);
    assert.deepEqual(Object.keys(CODE_INFO), ALL_CODES);
    assert.equal(ALL_CODES[0], 'yaml-syntax');
    assert.equal(ALL_CODES[ALL_CODES.length - 1], 'internal-error');
  });

  test('each code has its module rules/<code>.ts and its test test/engine/rules/<code>.test.ts', () => {
    for (const code of ALL_CODES) {
      assert.ok(
        existsSync(join(ROOT, 'server/src/engine/rules', `${camelCase(code)}.ts`)),
        `rules/${camelCase(code)}.ts`,
      );
      assert.ok(
        existsSync(join(ROOT, 'test/engine/rules', `${camelCase(code)}.test.ts`)),
        `test/engine/rules/${camelCase(code)}.test.ts`,
      );
    }
  });

  test('every check runs once, and a code without a check is reported by a layer below rules/', () => {
    const run = CHECK_ORDER.flatMap((step) => step.codes);
    assert.equal(new Set(run).size, run.length);
    for (const meta of METAS)
      assert.ok(run.includes(meta.code) || meta.reportedBy, `${meta.code} neither runs nor names who reports it`);
    // What explains a flow runs before what reports the flows left unexplained.
    const position = (code: DiagnosticCode) => CHECK_ORDER.findIndex((step) => step.codes.includes(code));
    for (const explaining of [
      'wrong-port',
      'wrong-transport',
      'reversed-flow',
      'wrong-firewall',
      'internal-vip',
    ] as const) {
      assert.ok(position(explaining) < position('blocked-flow'), explaining);
    }
    assert.ok(position('blocked-flow') < position('missing-flow'));
  });

  test('every message a meta declares is well formed', () => {
    for (const meta of METAS) {
      for (const [id, text] of Object.entries(meta.messages)) {
        assert.match(id, /^[a-z][A-Za-z]*$/, `${meta.code}: ${id}`);
        assert.equal(text.replace(/\{\{\w+\}\}/g, '').includes('{{'), false, `${meta.code}.${id}: ${text}`);
      }
      if (!meta.reportedBy) assert.ok(Object.keys(meta.messages).length > 0, `${meta.code} reports with no message`);
    }
  });

  test("the diagram's words for the codes that explain a flow", () => {
    const words = Object.fromEntries(
      METAS.filter((meta) => meta.diagramText).map((meta) => [meta.code, meta.diagramText]),
    );
    // The webview bundles the diagram without the rules, so the diagram keeps its own copy: it must agree.
    assert.deepEqual(words, CODE_TEXT);
    assert.deepEqual(Object.keys(words).sort(), ['reversed-flow', 'wrong-firewall', 'wrong-port', 'wrong-transport']);
  });
});

describe("README's Diagnostic codes section", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n## Diagnostic codes\n');
  const end = readme.indexOf('\n## ', start + 1);
  const sections = readme
    .slice(start, end)
    .split('\n### ')
    .slice(1)
    .map((section) => {
      const [heading, ...body] = section.split('\n');
      return { code: heading.trim(), text: body.join(' ').replace(/\s+/g, ' ').trim() };
    });

  test('lists exactly the codes of the registry, in its order', () => {
    assert.deepEqual(
      sections.map((section) => section.code),
      ALL_CODES,
    );
  });

  test("says each code's declared severity and its meta's docs", () => {
    for (const { code, text } of sections) {
      const meta = CODE_INFO[code as DiagnosticCode];
      const severity = meta.severity === 'error' ? 'Error' : meta.severity === 'warning' ? 'Warning' : 'Info';
      const label = meta.alsoEmits?.includes('warning') ? `${severity} (some warnings)` : severity;
      assert.equal(text, `${label}. ${meta.docs}`, code);
    }
  });
});
