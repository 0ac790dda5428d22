import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

// The CLI in English and Russian: `--lang en|ru`, else the shell's LC_ALL / LC_MESSAGES / LANG;
// the short message by default, the detail with --verbose; codes and rule ids never change.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const TYPOS = 'examples/broken/typos.topology.yaml';
const CONTOSO = 'examples/contoso.topology.yaml';
const ENGLISH_SHELL = { LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };

function run(args: string[], env: Record<string, string> = ENGLISH_SHELL) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const WRONG_PORT_RU =
  `${TYPOS}:29:18: error [wrong-port] Правило 'XMPP from federated partners' открывает TCP 5296, но для XMPP from ` +
  'federated partners нужен порт 5269.';

describe('lync-ports in Russian', () => {
  test('--lang ru: the findings and the summary in Russian, codes as they are', () => {
    const { code, stdout } = run(['check', TYPOS, '--lang', 'ru']);
    assert.equal(code, 1);
    const lines = stdout.split('\n');
    assert.equal(lines[0], WRONG_PORT_RU);
    assert.match(
      lines[1],
      /:40:18: error \[wrong-transport\] Правило 'XMPP gateway to Edge' открывает порт 23456 по UDP/,
    );
    assert.equal(lines[2], '2 ошибки, 0 предупреждений; проверено 1 файл.');
  });

  test('LANG=ru_RU.UTF-8 without --lang speaks Russian; --lang en wins over it; LC_ALL over LANG', () => {
    assert.equal(run(['check', TYPOS], { ...ENGLISH_SHELL, LANG: 'ru_RU.UTF-8' }).stdout.split('\n')[0], WRONG_PORT_RU);
    assert.equal(
      run(['check', CONTOSO], { ...ENGLISH_SHELL, LANG: 'ru_RU.UTF-8' }).stdout,
      'Проверено 1 файл: замечаний нет.\n',
    );
    assert.equal(
      run(['check', CONTOSO, '--lang=en'], { ...ENGLISH_SHELL, LANG: 'ru_RU.UTF-8' }).stdout,
      '1 file checked: no problems.\n',
    );
    assert.equal(
      run(['check', CONTOSO], { LC_ALL: 'en_US.UTF-8', LC_MESSAGES: '', LANG: 'ru_RU.UTF-8' }).stdout,
      '1 file checked: no problems.\n',
    );
  });

  test('--verbose adds the detail under each finding, in the language', () => {
    const english = run(['check', TYPOS, '--verbose']).stdout.split('\n');
    assert.match(
      english[0],
      /\[wrong-port\] Rule 'XMPP from federated partners' opens TCP 5296, but .* needs port 5269\.$/,
    );
    assert.match(
      english[1],
      /^ {4}XMPP from federated partners is XMPP\/TCP\/5269\. Catalog row X1, from "Port summary - /,
    );
    assert.match(english[1], /Change the port to 5269\.$/);
    const russian = run(['check', TYPOS, '--verbose', '--lang', 'ru']).stdout.split('\n');
    assert.equal(russian[0], WRONG_PORT_RU);
    assert.match(
      russian[1],
      /^ {4}XMPP from federated partners — это XMPP\/TCP\/5269\. Строка каталога X1, из «Port summary/,
    );
    // Without --verbose, no detail.
    assert.doesNotMatch(run(['check', TYPOS]).stdout, /Catalog row/);
  });

  test('json and sarif carry both texts; codes and rule ids are the same in every language', () => {
    const en = JSON.parse(run(['check', TYPOS, '--format', 'json']).stdout);
    const ru = JSON.parse(run(['check', TYPOS, '--format', 'json', '--lang', 'ru']).stdout);
    assert.deepEqual(
      ru.map((finding: { code: string; line: number }) => [finding.code, finding.line]),
      en.map((finding: { code: string; line: number }) => [finding.code, finding.line]),
    );
    assert.match(en[0].detail, /^XMPP from federated partners is XMPP\/TCP\/5269\. Catalog row X1/);
    assert.match(ru[0].message, /^Правило 'XMPP from federated partners' открывает TCP 5296/);
    assert.match(ru[0].detail, /Строка каталога X1/);
    const sarif = JSON.parse(run(['check', TYPOS, '--format', 'sarif', '--lang', 'ru']).stdout);
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'wrong-port');
    assert.equal(result.message.text, ru[0].message);
    assert.equal(result.properties.detail, ru[0].detail);
    const rule = sarif.runs[0].tool.driver.rules[result.ruleIndex];
    assert.equal(rule.id, 'wrong-port');
    assert.match(rule.fullDescription.text, /near-miss port/);
  });

  test('the help and the CLI errors in Russian; an unknown language is a usage error', () => {
    const help = run(['--help', '--lang', 'ru']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Использование: lync-ports <команда> \.\.\.\n/);
    assert.match(
      help.stdout,
      /lync-ports diagram FILE \[-o OUT\.svg\|OUT\.png\] \[--product \.\.\.\] {3}\(схема потоков/,
    );
    const unknown = run(['chek', TYPOS], { ...ENGLISH_SHELL, LANG: 'ru_RU.UTF-8' });
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /^lync-ports: неизвестная команда 'chek'\. Возможно, имелось в виду 'check'\? Команды: check, fix/,
    );
    const noFile = run(['check', '--lang', 'ru']);
    assert.equal(noFile.code, 2);
    assert.equal(
      noFile.stderr,
      'lync-ports: check: укажите хотя бы один файл топологии (или - для стандартного ввода)\n',
    );
    const format = run(['check', TYPOS, '--format', 'xml', '--lang', 'ru']);
    assert.equal(format.stderr, "lync-ports: check: --format должен быть одним из text, json, sarif, а не 'xml'\n");
    const bad = run(['check', TYPOS, '--lang', 'de']);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "lync-ports: --lang must be one of en, ru, not 'de'\n");
    assert.equal(run(['check', TYPOS, '--lang']).code, 2);
  });

  test("fix reports in the language: the count, and what is left with the findings' Russian texts", () => {
    const typos = run(['fix', TYPOS, '--lang', 'ru']);
    assert.equal(typos.code, 0, typos.stderr);
    assert.match(typos.stderr, /\nПрименено: 2 исправления\.\n/);
    assert.ok(
      typos.stderr.startsWith(
        'исправлено: Исправить порт на 5269 (XMPP/TCP/5269)\n' +
          'исправлено: Исправить транспорт на MTLS (XMPP/MTLS/23456)\n',
      ),
      typos.stderr,
    );
    assert.match(run(['fix', TYPOS]).stderr, /^fixed: Change the port to 5269 \(XMPP\/TCP\/5269\)\n/);
    const broken = run(['fix', 'examples/broken/edge-network.topology.yaml', '--lang', 'ru']);
    assert.match(broken.stderr, /\nОсталось сделать вручную:\n.*\[edge-network\] edge01\.internal .* находится в /);
    assert.match(broken.stderr, /\n1 ошибка, 0 предупреждений; проверено 1 файл\.\n/);
  });

  test('every CLI text has a Russian one with the same placeholders', async () => {
    const { CLI_TEXTS } = await import('../../server/src/cli/texts');
    const names = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
    assert.deepEqual(Object.keys(CLI_TEXTS.ru).sort(), Object.keys(CLI_TEXTS.en).sort());
    for (const [key, text] of Object.entries(CLI_TEXTS.en)) {
      const russian = (CLI_TEXTS.ru as Record<string, string>)[key];
      assert.match(russian, /[а-яё]/i, key);
      assert.deepEqual(names(russian), names(text), key);
    }
  });

  test('what the file-writing commands say on standard error is Russian too, with Russian plurals', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lync-ports-lang-'));
    const exported = run(['export', CONTOSO, '--format', 'nftables', '-o', join(dir, 'rules.nft'), '--lang', 'ru']);
    assert.equal(exported.code, 0, exported.stderr);
    assert.equal(exported.stderr, `Записан ${join(dir, 'rules.nft')} (nftables): 3 правила, 2 брандмауэра.\n`);
    const english = run(['export', CONTOSO, '--format', 'nftables', '-o', join(dir, 'en.nft')]);
    assert.equal(english.stderr, `Wrote ${join(dir, 'en.nft')}: 3 rules of 2 firewalls as nftables.\n`);
    const drawn = run(['diagram', CONTOSO, '-o', join(dir, 'flows.svg'), '--lang', 'ru']);
    assert.equal(drawn.stderr, `Записан ${join(dir, 'flows.svg')} (разрешено обязательных потоков: 3 из 3).\n`);
    const report = run(['report', CONTOSO, '-o', join(dir, 'report.html'), '--lang', 'ru']);
    assert.equal(
      report.stderr,
      `Записан ${join(dir, 'report.html')} (разрешено обязательных потоков: 3 из 3; 0 замечаний).\n`,
    );
  });
});
