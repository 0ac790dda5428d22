import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type {
  DocumentSymbol,
  FoldingRange,
  Location,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONTOSO, positionOf, serverForSuite } from './lspClient';

describe('symbols, definition, references, rename and folding over stdio', () => {
  const client = serverForSuite();
  let counter = 0;

  async function openContoso(): Promise<string> {
    const uri = `file:///ws/navigation-${++counter}.topology.yaml`;
    await client().open(uri, CONTOSO);
    await client().diagnosticsFor(uri, 1);
    return uri;
  }
  const at = (uri: string, needle: string, delta = 1, occurrence = 0) => ({
    textDocument: { uri },
    position: positionOf(CONTOSO, needle, delta, occurrence),
  });
  const textAt = (range: Range) => {
    const document = TextDocument.create('file:///x', 'yaml', 0, CONTOSO);
    return CONTOSO.slice(document.offsetAt(range.start), document.offsetAt(range.end));
  };

  test('the outline lists features, networks, servers with interfaces, firewalls with rules', async () => {
    const uri = await openContoso();
    const symbols = await client().request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const byName = (list: DocumentSymbol[] | undefined, name: string) => list?.find((symbol) => symbol.name === name);
    assert.deepEqual(
      byName(symbols, 'features')?.children?.map((symbol) => symbol.name),
      ['xmppFederation'],
    );
    assert.deepEqual(
      byName(symbols, 'networks')?.children?.map((symbol) => symbol.name),
      ['internet', 'perimeter', 'corp'],
    );
    const edge = byName(byName(symbols, 'servers')?.children, 'edge01');
    assert.deepEqual(
      edge?.children?.map((symbol) => symbol.name),
      ['accessEdge', 'webConferencingEdge', 'avEdge', 'internal'],
    );
    assert.equal(textAt(edge!.selectionRange), 'edge01');
    const external = byName(byName(symbols, 'firewalls')?.children, 'external');
    assert.deepEqual(
      external?.children?.map((symbol) => symbol.name),
      ['XMPP from federated partners', 'XMPP to federated partners'],
    );
    assert.match(textAt(external!.children![1].range), /^name: XMPP to federated partners[\s\S]*to: any$/);
  });

  test('definition of `edge01.accessEdge`: the interface from its name, the server from the server part', async () => {
    const uri = await openContoso();
    const onInterface = await client().request<Location[]>(
      'textDocument/definition',
      at(uri, 'to: edge01.accessEdge', 12),
    );
    assert.equal(onInterface.length, 1);
    assert.equal(textAt(onInterface[0].range), 'accessEdge');
    assert.equal(onInterface[0].range.start.line, positionOf(CONTOSO, 'accessEdge: { ip').line);
    const onServer = await client().request<Location[]>('textDocument/definition', at(uri, 'to: edge01.accessEdge', 5));
    assert.equal(onServer[0].range.start.line, positionOf(CONTOSO, '  edge01:').line);
  });

  test('references of a network: interfaces, `between` and the definition', async () => {
    const uri = await openContoso();
    const references = await client().request<Location[]>('textDocument/references', {
      ...at(uri, '  perimeter: { zone', 4),
      context: { includeDeclaration: true },
    });
    assert.equal(references.length, 1 + 4 + 2, JSON.stringify(references.map((location) => location.range.start)));
    assert.ok(references.every((location) => textAt(location.range) === 'perimeter'));
    const withoutDeclaration = await client().request<Location[]>('textDocument/references', {
      ...at(uri, '  perimeter: { zone', 4),
      context: { includeDeclaration: false },
    });
    assert.equal(withoutDeclaration.length, 6);
  });

  test('renaming a server updates its key and each `server`/`server.interface` use; the file stays clean', async () => {
    const uri = await openContoso();
    const prepared = await client().request<{ range: Range; placeholder: string }>(
      'textDocument/prepareRename',
      at(uri, 'to: edge01.internal', 6),
    );
    assert.equal(prepared.placeholder, 'edge01');
    const edit = await client().request<WorkspaceEdit>('textDocument/rename', {
      ...at(uri, 'to: edge01.internal', 6),
      newName: 'edge02',
    });
    const edits = edit.changes![uri] as TextEdit[];
    const renamed = TextDocument.applyEdits(client().document(uri), edits);
    assert.ok(!renamed.includes('edge01'), renamed);
    assert.match(renamed, /^ {2}edge02:$/m);
    assert.match(renamed, /to: edge02\.accessEdge/);
    await client().change(uri, 2, [{ text: renamed }]);
    assert.deepEqual((await client().diagnosticsFor(uri, 2)).diagnostics, []);
  });

  test('renaming a network or an interface updates `network:`, `between` and `server.interface` texts', async () => {
    const uri = await openContoso();
    const network = await client().request<WorkspaceEdit>('textDocument/rename', {
      ...at(uri, 'between: [corp', 12),
      newName: 'lan',
    });
    const afterNetwork = TextDocument.applyEdits(client().document(uri), network.changes![uri] as TextEdit[]);
    assert.match(afterNetwork, /between: \[lan, perimeter\]/);
    assert.match(afterNetwork, /primary: \{ ip: 192\.168\.10\.90, network: lan \}/);
    assert.match(afterNetwork, /^ {2}lan: {6}\{ zone: internal/m);
    const iface = await client().request<WorkspaceEdit>('textDocument/rename', {
      ...at(uri, 'accessEdge: { ip', 2),
      newName: 'access',
    });
    const afterInterface = TextDocument.applyEdits(client().document(uri), iface.changes![uri] as TextEdit[]);
    assert.equal((afterInterface.match(/edge01\.access\b/g) ?? []).length, 2);
    assert.ok(!afterInterface.includes('accessEdge: {'));
    await client().change(uri, 2, [{ text: afterNetwork }]);
    assert.deepEqual((await client().diagnosticsFor(uri, 2)).diagnostics, []);
  });

  test('a rename to a taken or malformed name is refused with a reason', async () => {
    const uri = await openContoso();
    await assert.rejects(
      client().request('textDocument/rename', { ...at(uri, '  edge01:', 3), newName: 'fe01' }),
      /already exists/,
    );
    await assert.rejects(
      client().request('textDocument/rename', { ...at(uri, '  edge01:', 3), newName: 'edge 02' }),
      /cannot be used/,
    );
    assert.equal(await client().request('textDocument/prepareRename', at(uri, 'service: XMPP', 12)), null);
  });

  test('folding ranges follow the sections, servers and rules', async () => {
    const uri = await openContoso();
    const ranges = await client().request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
    const startsAt = (needle: string) => ranges.find((range) => range.startLine === positionOf(CONTOSO, needle).line);
    assert.equal(startsAt('servers:')?.endLine, positionOf(CONTOSO, 'firewalls:').line - 1);
    assert.equal(
      startsAt('- name: XMPP to federated')?.endLine,
      positionOf(CONTOSO, '  internal:\n    between').line - 1,
    );
  });
});
