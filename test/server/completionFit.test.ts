import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { CONTOSO, positionOf, serverForSuite } from './lspClient';

// What completion offers over stdio where a list left open would get in the way: a value written
// out in full, and snippets outside the block they write.

describe('completion fits the place, over stdio', () => {
  const client = serverForSuite();
  let counter = 0;

  async function complete(marked: string): Promise<CompletionItem[]> {
    const uri = `file:///ws/fit-${++counter}.topology.yaml`;
    await client().open(uri, marked.replace('‸', ''));
    const list = await client().request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(marked, '‸'),
    });
    assert.ok(list, 'a completion list');
    return list.items;
  }
  const labels = (items: CompletionItem[]) => items.map((item) => item.label);
  const features = (value: string) =>
    CONTOSO.replace('  xmppFederation: true', `  xmppFederation: true\n  director: ${value}`);

  test('after `director: false` nothing equals false; after `director: f` both booleans', async () => {
    assert.deepEqual(labels(await complete(features('false‸'))), ['true']);
    assert.deepEqual(labels(await complete(features('f‸'))).sort(), ['false', 'true']);
  });

  test('an empty file offers the whole-file snippet; a value position no snippet', async () => {
    const empty = await complete('‸');
    const snippet = empty.find((item) => item.label === 'topology' && item.kind === 15);
    assert.ok(snippet, `${labels(empty)}`);
    assert.equal(snippet.insertTextFormat, 2);
    const partner = await complete(
      CONTOSO.replace(
        '  xmppFederation: true',
        '  xmppFederation: true\nxmpp:\n  partners:\n    - domain: gmail.com\n      partnerType: ‸',
      ),
    );
    assert.deepEqual(labels(partner), ['Federated', 'PublicVerified', 'PublicUnverified']);
  });
});
