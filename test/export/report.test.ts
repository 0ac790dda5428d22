import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { exampleFiles } from '../support/examples';
import { checkTopology, renderReport, requiredRows } from '../../server/src/engine/index';

// `lync-ports report`: one self-contained HTML page. Here its content and its safety as text;
// test/webview/report.test.ts opens it in Chromium and prints it to PDF.

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLES = join(ROOT, 'examples');
const HOSTILE = join(ROOT, 'test/export/hostile.topology.yaml');
const files = [...exampleFiles({ broken: true }), HOSTILE];

/** The elements our page is made of: HTML's few, and the diagram's SVG ones. */
const ALLOWED_TAGS = new Set(
  'html head meta title style body h1 h2 p ul ol li strong span div table thead tbody tr th td em a br'.split(' '),
);
const SVG_TAGS = new Set(
  'svg g rect text tspan line path polyline polygon circle title desc defs marker use'.split(' '),
);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((match) => match[1].toLowerCase());
}

describe('report: one self-contained HTML page', () => {
  for (const file of files) {
    test(`${relative(ROOT, file)}: summary, diagram, tables, findings, pages; nothing loads or runs`, () => {
      const result = checkTopology(readFileSync(file, 'utf8'));
      const html = renderReport(result, { title: 'x.topology.yaml' });
      assert.match(html, /^<!DOCTYPE html>\n<html lang="en">/);
      assert.match(
        html,
        /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/,
      );
      for (const tag of tagsOf(html)) assert.ok(ALLOWED_TAGS.has(tag) || SVG_TAGS.has(tag), `unexpected <${tag}>`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an event handler attribute');
      assert.doesNotMatch(html, /\s(src|srcset|xlink:href|action|formaction)\s*=/i, 'something that loads');
      for (const [, url] of html.matchAll(/href="([^"]*)"/g)) assert.match(url, /^https:\/\/learn\.microsoft\.com\//);
      const { allowed, required } = result.flowModel.summary;
      assert.ok(html.includes(`Required flows allowed: <strong>${allowed}/${required}</strong>`));
      assert.equal((html.match(/<svg /g) ?? []).length, 1, 'the diagram, once');
      for (const firewall of result.model.firewalls) {
        const start = html.indexOf(`<h2>Firewall ${escape(firewall.name)} `);
        assert.ok(start >= 0, `no section for ${firewall.name}`);
        const table = html.slice(start, html.indexOf('</table>', start));
        assert.equal((table.match(/<tr/g) ?? []).length, 1 + firewall.rules.length + 1, 'header, rules, default');
      }
      const findings = html.includes('<h2>Findings</h2>\n<table>')
        ? html.slice(html.indexOf('<h2>Findings</h2>')).split('</table>')[0]
        : '';
      assert.equal(Math.max(0, (findings.match(/<tr/g) ?? []).length - 1), result.diagnostics.length);
    });
  }

  test('every string from the file lands as text: names with markup and quotes are escaped', () => {
    const result = checkTopology(readFileSync(HOSTILE, 'utf8'));
    const html = renderReport(result);
    assert.doesNotMatch(html, /<script/i);
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the topology name, escaped');
    for (const firewall of result.model.firewalls)
      for (const rule of firewall.rules) if (rule.name) assert.ok(html.includes(escape(rule.name)), rule.name);
  });

  test('each catalog row a rule serves cites its Microsoft pages by number, each page listed once', () => {
    const result = checkTopology(readFileSync(join(EXAMPLES, 'contoso.topology.yaml'), 'utf8'));
    const html = renderReport(result);
    const catalog = html.slice(html.indexOf('<h2>Catalog rows</h2>'), html.indexOf("<h2>Microsoft's pages</h2>"));
    const list = html.slice(html.indexOf("<h2>Microsoft's pages</h2>"));
    const urls = [...list.matchAll(/<li><a href="([^"]+)">/g)].map((match) => match[1]);
    assert.equal(new Set(urls).size, urls.length, 'each page once');
    for (const id of ['X1', 'X2', 'X3']) {
      const cited = new RegExp(`<tr><td>${id}</td>(?:<td>[^<]*</td>){3}<td>([\\d, ]+)</td>`).exec(catalog);
      assert.ok(cited, `${id} cites pages`);
      const row = requiredRows(result.model).find((candidate) => candidate.id === id)!;
      assert.deepEqual(
        cited[1].split(', ').map((number) => urls[Number(number) - 1]),
        row.sources.map((source) => source.url),
        `${id}'s pages in the order check cites them`,
      );
    }
  });

  test('the output is reproducible: no date unless one is given', () => {
    const result = checkTopology(readFileSync(join(EXAMPLES, 'contoso.topology.yaml'), 'utf8'));
    assert.equal(renderReport(result), renderReport(result));
    assert.match(renderReport(result, { date: '2026-12-01' }), / · 2026-12-01 · made by lync-ports report/);
  });
});

/** What htmlText makes of a name without control characters. */
function escape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/[\n\t]/g, ' ');
}

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lync-ports report', () => {
  const contoso = join(EXAMPLES, 'contoso.topology.yaml');
  test('prints the page, or writes it with -o and says so', () => {
    const printed = cli(['report', contoso]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.equal(
      printed.stdout,
      renderReport(checkTopology(readFileSync(contoso, 'utf8')), { title: 'contoso.topology.yaml' }),
    );
    const out = join(mkdtempSync(join(tmpdir(), 'lync-ports-report-')), 'report.html');
    const written = cli(['report', contoso, '-o', out]);
    assert.equal(written.code, 0, written.stderr);
    assert.equal(readFileSync(out, 'utf8'), printed.stdout);
    assert.match(written.stderr, /Wrote .*report\.html \(3\/3 required flows allowed, 0 findings\)/);
  });
  test('a file whose YAML does not parse exits 1 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-ports-report-'));
    const broken = join(dir, 'broken.topology.yaml');
    writeFileSync(broken, 'firewalls: [unclosed\n');
    const result = cli(['report', broken, '-o', join(dir, 'report.html')]);
    assert.equal(result.code, 1);
    assert.match(result.stderr, /cannot report, the YAML does not parse/);
    assert.deepEqual(readdirSync(dir), ['broken.topology.yaml']);
  });
  test('--help names the command', () => {
    const help = cli(['report', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /lync-ports report FILE \[-o report\.html\]/);
  });
});

describe('the report in Russian', () => {
  const text = readFileSync(join(EXAMPLES, 'broken/missing-rules.topology.yaml'), 'utf8');
  const result = checkTopology(text);
  const russian = renderReport(result, { title: 'missing-rules.topology.yaml', locale: 'ru' });
  const english = renderReport(result, { title: 'missing-rules.topology.yaml' });

  test("the page's words, the findings and the diagram are Russian; the structure is the English page's", () => {
    assert.match(russian, /^<!DOCTYPE html>\n<html lang="ru">/);
    assert.match(english, /<html lang="en">/);
    for (const words of [
      'Правила брандмауэров: ',
      'Разрешено обязательных потоков',
      '<h2>Замечания</h2>',
      'Адреса источника',
    ])
      assert.ok(russian.includes(words), words);
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    assert.ok(errors >= 2 && errors <= 4, `${errors} errors`);
    assert.ok(russian.includes(`${errors} ошибки`), 'the Russian plural of 2-4 errors');
    for (const words of ['Findings', 'Source addresses', 'Required flows allowed', 'made by', 'does not allow'])
      assert.ok(!russian.includes(words), words);
    // Each finding's message is its Russian text, as the CLI prints it with --lang ru.
    const missing = result.diagnostics.find((diagnostic) => diagnostic.code === 'missing-flow');
    assert.ok(missing);
    assert.ok(!russian.includes(missing.message.slice(0, 30)), 'the English message is gone');
    assert.equal((russian.match(/<tr>/g) ?? []).length, (english.match(/<tr>/g) ?? []).length);
  });

  test('lync-ports report --lang ru writes that page', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lync-ports-report-ru-')), 'report.html');
    const run = spawnSync(
      process.execPath,
      [CLI, 'report', join(EXAMPLES, 'broken/missing-rules.topology.yaml'), '-o', out, '--lang', 'ru'],
      { encoding: 'utf8' },
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /^Записан .*report\.html \(разрешено обязательных потоков: \d+ из \d+; \d+ замечани/);
    assert.equal(readFileSync(out, 'utf8'), russian);
  });
});
