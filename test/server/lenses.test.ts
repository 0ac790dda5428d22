import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { CONTOSO, positionOf, TestClient } from './lspClient';
import { MISSING_EXTERNAL } from './fixtures';

// CodeLens and inlay hints over stdio: the lenses carry the extension's commands, and the hints
// come only once lyncPorts.inlayHints.enabled is set.

describe('CodeLens and inlay hints over stdio', () => {
  let client: TestClient;
  let hintsOn = false;
  before(async () => {
    client = await TestClient.start({
      configuration: (section) => (section === 'lyncPorts' ? { inlayHints: { enabled: hintsOn } } : undefined),
    });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('the capabilities announce both', () => {
    const capabilities = client.initializeResult.capabilities;
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(capabilities.inlayHintProvider, true);
  });

  test('a lens per feature and firewall; "Insert missing" runs the command for that firewall', async () => {
    const uri = 'file:///ws/lenses.topology.yaml';
    await client.open(uri, MISSING_EXTERNAL);
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const external = positionOf(MISSING_EXTERNAL, '  external:\n    between', 2);
    assert.deepEqual(
      lenses.map((lens) => [lens.range.start, lens.command?.title, lens.command?.command, lens.command?.arguments]),
      [
        [
          positionOf(MISSING_EXTERNAL, 'xmppFederation'),
          '1/3 required flows allowed',
          'lyncPorts.showDiagram',
          undefined,
        ],
        [external, '1 rule · 0/2 required flows allowed', 'lyncPorts.showDiagram', undefined],
        [external, 'Insert missing', 'lyncPorts.insertAllMissingRules', [uri, 'external']],
        [
          positionOf(MISSING_EXTERNAL, '  internal:\n    between', 2),
          '1 rule · 1/1 required flow allowed',
          'lyncPorts.showDiagram',
          undefined,
        ],
      ],
    );
  });

  test('inlay hints are off by default, and follow the setting once it changes', async () => {
    const uri = 'file:///ws/hints.topology.yaml';
    await client.open(uri, CONTOSO);
    const range = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
    const ask = () => client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(await ask(), []);
    hintsOn = true;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const hints = await ask();
    assert.deepEqual(hints.map((hint) => [hint.position, hint.label]).slice(0, 2), [
      [positionOf(CONTOSO, 'service: XMPP/TCP/5269', 'service: XMPP/TCP/5269'.length), 'X1'],
      [positionOf(CONTOSO, 'to: edge01.accessEdge', 'to: edge01.accessEdge'.length), '131.107.155.10'],
    ]);
    assert.equal(hints.length, 6);
    assert.equal(hints[0].paddingLeft, true);
  });
});
