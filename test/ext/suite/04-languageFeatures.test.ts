import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, labelOf, open } from './helpers';

function positionOf(document: vscode.TextDocument, needle: string, offsetInNeedle = 0): vscode.Position {
  const index = document.getText().indexOf(needle);
  assert.ok(index >= 0, `${needle} in ${document.uri.path}`);
  return document.positionAt(index + offsetInNeedle);
}

/** What completion offers in `document` at `needle` plus `offsetInNeedle` characters. */
function completionAt(
  document: vscode.TextDocument,
  needle: string,
  offsetInNeedle: number,
): Thenable<vscode.CompletionList> {
  return vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    positionOf(document, needle, offsetInNeedle),
  );
}

suite('completion and hover', () => {
  suiteSetup(async () => {
    await api();
  });

  test('completion offers the products after `product:`', async () => {
    const { document } = await open('contoso.topology.yaml');
    const list = await completionAt(document, 'product: lync2013', 'product: '.length);
    const labels = list.items.map(labelOf);
    for (const product of ['lync2013', 'sfb2015', 'sfb2019'])
      assert.ok(labels.includes(product), `${product} in ${labels.join(', ')}`);
  });

  test('completion offers the endpoints after `to:`, with their addresses', async () => {
    const { document } = await open('contoso.topology.yaml');
    const list = await completionAt(document, 'to: edge01.internal', 'to: '.length);
    const accessEdge = list.items.find((item) => labelOf(item) === 'edge01.accessEdge');
    assert.ok(accessEdge, list.items.map(labelOf).join(', '));
    assert.match(String(accessEdge.detail ?? ''), /131\.107\.155\.10/);
  });

  test('hover on a service explains the port from the catalog', async () => {
    const { document } = await open('contoso.topology.yaml');
    const position = positionOf(document, 'XMPP/TCP/5269', 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      document.uri,
      position,
    );
    const text = hovers
      .flatMap((hover) =>
        hover.contents.map((content) =>
          typeof content === 'string' ? content : 'value' in content ? content.value : '',
        ),
      )
      .join('\n');
    assert.match(text, /5269/);
    assert.match(text, /XMPP/);
  });
});
