import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TYPOS } from './fixtures';
import { positionOf, TestClient } from './lspClient';

// The server speaks the language the client sends in `initialize` (VS Code's display language):
// the findings' first sentence as the message, the rest as related information and in the hover.
// Codes, ranges and links are the same in every language.

function wrongPortOf(diagnostics: Diagnostic[]): Diagnostic {
  const found = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port');
  assert.ok(found, JSON.stringify(diagnostics.map((diagnostic) => diagnostic.code)));
  return found;
}

for (const { locale, message, detail, hover } of [
  {
    locale: 'ru',
    message:
      "Правило 'XMPP from federated partners' открывает TCP 5296, но для XMPP from federated partners нужен порт 5269.",
    detail:
      /^XMPP from federated partners — это XMPP\/TCP\/5269\. Строка каталога X1, из «Port summary - XMPP .*Исправьте порт на 5269\.$/,
    hover:
      /^\*\*XMPP\/TCP\/5296\*\*: порт TCP 5296 \(с меткой XMPP\)\. Ни одна строка каталога портов его не использует\./,
  },
  {
    locale: 'en-US',
    message: "Rule 'XMPP from federated partners' opens TCP 5296, but XMPP from federated partners needs port 5269.",
    detail:
      /^XMPP from federated partners is XMPP\/TCP\/5269\. Catalog row X1, from "Port summary - XMPP .*Change the port to 5269\.$/,
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

    test('publishes the short message in the language, the detail as related information on its range', async () => {
      const uri = `file:///ws/${locale}.topology.yaml`;
      await client.open(uri, TYPOS);
      const wrongPort = wrongPortOf((await client.diagnosticsFor(uri, 1)).diagnostics);
      assert.equal(wrongPort.message, message);
      assert.equal(
        wrongPort.codeDescription?.href,
        'https://github.com/lync-port-planner/lync-port-planner#wrong-port',
      );
      const related = wrongPort.relatedInformation ?? [];
      assert.equal(related.length, 1);
      assert.deepEqual(related[0].location, { uri, range: wrongPort.range });
      assert.match(related[0].message, detail);
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
    });
  });
}
