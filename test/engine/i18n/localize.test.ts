import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkTopology,
  findingsHoverAt,
  fixTitleIn,
  hoverAt,
  localizeDiagnostic,
  offsetAt,
  parseTopology,
  t,
} from '../../../server/src/engine/index';
import { EXAMPLES, readExample } from '../../support/examples';

// The findings of every broken example in both languages: the same codes, places, ids and data;
// the texts of the language, whole (no placeholder left), the first sentence short.

const broken = readdirSync(join(EXAMPLES, 'broken')).filter((name) => name.endsWith('.topology.yaml'));
const CYRILLIC = /[а-яё]/i;

describe('findings in English and Russian', () => {
  for (const name of broken) {
    test(name, () => {
      const diagnostics = checkTopology(readExample(`broken/${name}`)).diagnostics;
      const fromRules = diagnostics.filter((diagnostic) => diagnostic.messageId !== undefined);
      assert.ok(fromRules.length > 0, 'the example has findings of rules/');
      for (const diagnostic of fromRules) {
        const english = localizeDiagnostic(diagnostic, 'en');
        assert.equal(english, diagnostic, 'English is what the engine wrote');
        assert.ok(diagnostic.message.length <= 260, `short: ${diagnostic.message}`);
        const russian = localizeDiagnostic(diagnostic, 'ru');
        const { message, detail, fixes, ...rest } = russian;
        const { message: _m, detail: _d, fixes: englishFixes, ...same } = diagnostic;
        assert.deepEqual(rest, same, 'code, range, id and data do not change with the language');
        const untitled = (list: typeof fixes) => list?.map(({ title: _t, ...fix }) => fix);
        assert.deepEqual(untitled(fixes), untitled(englishFixes), 'nor do the fixes but for their titles');
        assert.match(message, CYRILLIC, message);
        assert.doesNotMatch(message, /\{\{/);
        assert.equal(
          detail === undefined,
          diagnostic.detail === undefined,
          `${diagnostic.code}/${diagnostic.messageId}`,
        );
        if (detail !== undefined) {
          assert.match(detail, CYRILLIC, detail);
          assert.doesNotMatch(detail, /\{\{/);
        }
      }
    });
  }

  test('a missing flow in Russian: the firewall, the service, and the row comment in the detail', () => {
    const diagnostics = checkTopology(readExample('broken/missing-rules.topology.yaml')).diagnostics;
    const missing = diagnostics.find(
      (diagnostic) => diagnostic.code === 'missing-flow' && diagnostic.catalogRowId === 'X2',
    );
    assert.ok(missing, diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.catalogRowId}`).join('\n'));
    assert.equal(missing.message, "Firewall 'edge-outside' does not allow XMPP/TCP/5269 (XMPP to federated partners).");
    const russian = localizeDiagnostic(missing, 'ru');
    assert.equal(russian.message, "Брандмауэр 'edge-outside' не разрешает XMPP/TCP/5269 (XMPP to federated partners).");
    assert.match(
      russian.detail ?? '',
      /^От edge01\.accessEdge к any, требуется для xmppFederation\. Строка каталога X2, из «Port summary - .*»\. Стандартный порт связи XMPP между серверами\. .*Добавьте для него разрешающее правило\.$/,
    );
  });

  test('the findings of the YAML and the schema have ids too, and their Russian text', () => {
    const diagnostics = checkTopology('topology: [\n').diagnostics;
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.messageId]),
      [
        ['schema', 'typeExpected'],
        ['yaml-syntax', 'badIndent'],
      ],
    );
    assert.deepEqual(
      diagnostics.map((diagnostic) => localizeDiagnostic(diagnostic, 'ru').message),
      [
        "Ожидается раздел 'topology' (отображение), а найдено список.",
        'Список в квадратных скобках внутри блока должен иметь достаточный отступ и заканчиваться на ]. ' +
          'Сверьте отступ этой строки с родительской.',
      ],
    );
  });
});

describe('the titles of the quick fixes', () => {
  const names = [
    ...readdirSync(EXAMPLES).filter((name) => name.endsWith('.topology.yaml')),
    ...broken.map((name) => `broken/${name}`),
  ];
  const fixes = names.flatMap((name) =>
    checkTopology(readExample(name)).diagnostics.flatMap((diagnostic) =>
      (diagnostic.fixes ?? []).map((fix) => ({ diagnostic, fix })),
    ),
  );

  test('every fix of the examples has a title id; its English title is that text, the Russian one is Russian', () => {
    assert.ok(fixes.length >= 10, `${fixes.length} fixes`);
    const kinds = new Set<string>();
    for (const { fix } of fixes) {
      assert.ok(fix.titleId, fix.title);
      kinds.add(fix.titleId);
      assert.equal(t('en', fix.titleId, fix.titleData), fix.title);
      assert.equal(fixTitleIn(fix, 'en'), fix.title);
      const russian = fixTitleIn(fix, 'ru');
      assert.match(russian, CYRILLIC, russian);
      assert.doesNotMatch(russian, /\{\{/);
    }
    assert.ok(kinds.size >= 4, [...kinds].join(', '));
  });

  test('a finding in Russian carries its fixes with Russian titles and the same edits', () => {
    const { diagnostic } = fixes.find(({ fix }) => fix.titleId === 'fix/addFirewall')!;
    const russian = localizeDiagnostic(diagnostic, 'ru');
    assert.deepEqual(
      russian.fixes?.map((fix) => fix.title),
      diagnostic.fixes?.map((fix) => fixTitleIn(fix, 'ru')),
    );
    assert.match(russian.fixes![0].title, /^Добавить брандмауэр '[\w-]+' между [\w-]+ и [\w-]+$/);
    assert.deepEqual(
      russian.fixes?.map((fix) => fix.edits),
      diagnostic.fixes?.map((fix) => fix.edits),
    );
  });
});

describe('the hover in Russian', () => {
  const text = readExample('contoso.topology.yaml');
  const parsed = parseTopology(text);
  const { model } = checkTopology(text);

  test('a service: the catalog row with Russian labels and comment', () => {
    const at = text.indexOf('XMPP/TCP/5269') + 2;
    const english = hoverAt(parsed, model, at)!.markdown;
    const russian = hoverAt(parsed, model, at, 'ru')!.markdown;
    assert.match(english, /^\*\*XMPP\/TCP\/5269\*\* · xmppFederation · catalog row X1\n\nStandard server-to-server/);
    assert.match(
      russian,
      /^\*\*XMPP\/TCP\/5269\*\* · xmppFederation · строка каталога X1\n\nСтандартный порт связи XMPP/,
    );
    assert.match(russian, /\| Источник \| любой адрес в Интернете \|/);
    assert.match(russian, /\| Брандмауэр \| внешний \(входящий\) \|/);
    assert.match(russian, /\nМайкрософт: \[Port summary - /);
  });

  test("a key: the schema's description in Russian", () => {
    const at = text.indexOf('xmppFederation:') + 2;
    assert.match(hoverAt(parsed, model, at)!.markdown, /^\*\*XMPP federation\*\* \(Topology Builder/);
    assert.match(hoverAt(parsed, model, at, 'ru')!.markdown, /^\*\*Федерация XMPP\*\* \(построитель топологий/);
  });

  test('an unknown network name and a port no row uses', () => {
    const broken = text.replace('network: perimeter }', 'network: perimetre }');
    const brokenParsed = parseTopology(broken);
    const at = broken.indexOf('perimetre') + 1;
    assert.equal(
      hoverAt(brokenParsed, checkTopology(broken).model, at, 'ru')?.markdown,
      '**perimetre**: сеть с таким именем не определена в `networks`.',
    );
  });

  test("at a finding: its code, first sentence and detail, in the finding's language", () => {
    const typos = readExample('broken/typos.topology.yaml');
    const diagnostics = checkTopology(typos).diagnostics.map((diagnostic) => localizeDiagnostic(diagnostic, 'ru'));
    const wrongPort = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port')!;
    const offset = offsetAt(parseTopology(typos), wrongPort.range.start.line, wrongPort.range.start.character);
    const [shown, ...more] = findingsHoverAt(diagnostics, offset, 'ru');
    assert.deepEqual(more, []);
    assert.equal(shown, `**wrong-port**: ${wrongPort.message}\n\n${wrongPort.detail}`);
    assert.deepEqual(findingsHoverAt(diagnostics, 0, 'ru'), []);
  });
});
