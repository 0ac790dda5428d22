import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TYPOS } from './fixtures';
import { positionOf, TestClient } from './lspClient';

// The server speaks the language the client sends in `initialize` (VS Code's display language):
// the findings' first sentence as the message, the rest in the hover.
// Codes, ranges and links are the same in every language.

function wrongPortOf(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port');
  assert.ok(found, JSON.stringify(diagnostics.map((diagnostic) => diagnostic.code)));
  return found;
}

for (const { locale, message, hover } of [
  {
    locale: 'ru',
    message:
      "Правило 'XMPP from federated partners' открывает TCP 5296, но для XMPP from federated partners нужен порт 5269.",
    hover:
      /^\*\*XMPP\/TCP\/5296\*\*: порт TCP 5296 \(с меткой XMPP\)\. Ни одна строка каталога портов его не использует\./,
  },
  {
    locale: 'en-US',
    message: "Rule 'XMPP from federated partners' opens TCP 5296, but XMPP from federated partners needs port 5269.",
    hover: /^\*\*XMPP\/TCP\/5296\*\*: TCP port 5296 \(labelled XMPP\)\. No row of the port catalog uses it\./,
  },
]) {
  describe(`the language server with locale '${locale}'`, () => {
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ locale });
    });
    after(async () => {
      assert.equal(await client.stop(), 0, client.stderr);
    });

    test('publishes the short message in the language, without the detail (the hover has it)', async () => {
      const uri = `file:///ws/${locale}.topology.yaml`;
      await client.open(uri, TYPOS);
      const wrongPort = wrongPortOf((await client.diagnosticsFor(uri, 1)).diagnostics);
      assert.equal(wrongPort.message, message);
      assert.equal(
        wrongPort.codeDescription?.href,
        'https://github.com/lync-port-planner/lync-port-planner#wrong-port',
      );
      assert.equal(wrongPort.relatedInformation, undefined);
      assert.doesNotMatch(JSON.stringify(wrongPort), locale === 'ru' ? /Строка каталога X1/ : /Catalog row X1/);
    });

    test('the hover at the finding says what the word is, then the finding with its detail', async () => {
      const uri = `file:///ws/${locale}-hover.topology.yaml`;
      await client.open(uri, TYPOS);
      await client.diagnosticsFor(uri, 1);
      const position = positionOf(TYPOS, 'XMPP/TCP/5296');
      const result = await client.request<Hover | null>('textDocument/hover', {
        textDocument: { uri },
        position: { line: position.line, character: position.character + 1 },
      });
      const value = (result?.contents as { value: string } | undefined)?.value ?? '';
      assert.match(value, hover);
      assert.match(value, /\*\*wrong-port\*\*: /);
      assert.ok(value.includes(message), value);
      assert.match(value, locale === 'ru' ? /Строка каталога X1, из «/ : /Catalog row X1, from "/);
      assert.match(value, locale === 'ru' ? /Исправьте порт на 5269\./ : /Change the port to 5269\./);
    });
  });
}

describe("the language server in Russian: the schema's words, its findings and the fixes' titles", () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ locale: 'ru' });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('the hover on a key shows its schema description in Russian', async () => {
    const uri = 'file:///ws/ru-schema-hover.topology.yaml';
    await client.open(uri, TYPOS);
    await client.diagnosticsFor(uri, 1);
    const position = positionOf(TYPOS, 'xmppFederation:');
    const result = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: position.line, character: position.character + 2 },
    });
    const value = (result?.contents as { value: string } | undefined)?.value ?? '';
    assert.match(value, /\*\*Федерация XMPP\*\* \(построитель топологий: \*Включить федерацию XMPP \(порт 5269\)\*\)/);
    assert.match(value, /\| Служба \| От \| К \| Брандмауэр \|/);
  });

  test("completion of a key: the schema's noun and description in Russian", async () => {
    const text = TYPOS.replace('  name: Contoso edge\n', '  name: Contoso edge\n  desc\n');
    const uri = 'file:///ws/ru-schema-completion.topology.yaml';
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const position = positionOf(text, '  desc\n');
    const result = await client.request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line: position.line, character: 6 },
    });
    const description = result?.items.find((item) => item.label === 'description');
    assert.ok(description, JSON.stringify(result?.items.map((item) => item.label)));
    assert.equal(description.detail, 'описание');
    const documentation = description.documentation as string | { value: string } | undefined;
    const shown = typeof documentation === 'string' ? documentation : documentation?.value;
    assert.equal(shown, 'Произвольный текст о развёртывании; проверка его не читает.');
  });

  test('a schema finding and the titles of the quick fixes are Russian', async () => {
    const text = TYPOS.replace('product: lync2013 ', 'product: lync2015 ');
    const uri = 'file:///ws/ru-schema-finding.topology.yaml';
    await client.open(uri, text);
    const { diagnostics } = await client.diagnosticsFor(uri, 1);
    const schema = diagnostics.find((diagnostic) => diagnostic.code === 'schema');
    assert.equal(
      schema?.message,
      "Значение 'lync2015' не подходит: ожидается продукт. Используйте одно из: lync2013, sfb2015, sfb2019. " +
        "Возможно, имелось в виду 'lync2013'?",
    );
    const wrongPort = wrongPortOf(diagnostics);
    const actions =
      (await client.request<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range: wrongPort.range,
        context: { diagnostics: [wrongPort] },
      })) ?? [];
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Исправить порт на 5269 (XMPP/TCP/5269)'), titles.join('\n'));
    assert.ok(
      titles.some((title) => /^Исправить все проблемы lync-ports \(\d+\)$/.test(title)),
      titles.join('\n'),
    );
  });
});
