import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MISSING_EXTERNAL, TYPOS } from './fixtures';
import { serverForSuite } from './lspClient';

describe('code actions over stdio', () => {
  const client = serverForSuite();

  async function actions(
    uri: string,
    diagnostics: Diagnostic[],
    range = diagnostics[0].range,
    only?: string[],
  ): Promise<CodeAction[]> {
    return (
      (await client().request<CodeAction[] | null>('textDocument/codeAction', {
        textDocument: { uri },
        range,
        context: { diagnostics, only },
      })) ?? []
    );
  }

  /** Applies an action's edit to the client's copy and sends the whole new text as the next version. */
  async function apply(uri: string, action: CodeAction, version: number): Promise<Diagnostic[]> {
    const edits = action.edit?.changes?.[uri] as TextEdit[] | undefined;
    assert.ok(edits && edits.length > 0, `'${action.title}' edits the document`);
    const text = TextDocument.applyEdits(client().document(uri), edits);
    await client().change(uri, version, [{ text }]);
    return (await client().diagnosticsFor(uri, version)).diagnostics;
  }

  test(
    'each quick fix of a finding is offered, preferred where it is the obvious one, ' +
      'and applying it removes the finding',
    async () => {
      const uri = 'file:///ws/actions-typos.topology.yaml';
      await client().open(uri, TYPOS);
      const { diagnostics } = await client().diagnosticsFor(uri, 1);
      const wrongPort = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port')!;
      const offered = (await actions(uri, [wrongPort])).filter((action) => action.kind === 'quickfix');
      const fix = offered.find((action) => action.diagnostics?.[0]?.code === 'wrong-port');
      assert.ok(fix, JSON.stringify(offered.map((action) => action.title)));
      assert.equal(fix.isPreferred, true);
      const after = await apply(uri, fix, 2);
      assert.ok(!after.some((diagnostic) => diagnostic.code === 'wrong-port'), 'wrong-port is gone');
      assert.ok(
        after.some((diagnostic) => diagnostic.code === 'wrong-transport'),
        'the other finding stays',
      );
      assert.match(client().text(uri), /XMPP\/TCP\/5269/);
    },
  );

  test('a client that sends no diagnostics (or stripped ones) still gets the fixes under the cursor', async () => {
    const uri = 'file:///ws/actions-bare.topology.yaml';
    await client().open(uri, TYPOS);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const wrongTransport = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-transport')!;
    const offered = await actions(uri, [], wrongTransport.range);
    assert.ok(
      offered.some((action) => action.kind === 'quickfix' && action.diagnostics?.[0]?.code === 'wrong-transport'),
    );
  });

  test('source.fixAll.lyncPorts applies every safe fix: the file checks clean', async () => {
    const uri = 'file:///ws/actions-fixall.topology.yaml';
    await client().open(uri, TYPOS);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const offered = await actions(
      uri,
      diagnostics,
      { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      ['source.fixAll'],
    );
    assert.deepEqual(
      offered.map((action) => action.kind),
      ['source.fixAll.lyncPorts'],
    );
    assert.deepEqual(await apply(uri, offered[0], 2), []);
  });

  test('"Insert all missing rules" inserts every missing rule of that firewall in one edit', async () => {
    const uri = 'file:///ws/actions-missing.topology.yaml';
    await client().open(uri, MISSING_EXTERNAL);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const missing = diagnostics.filter((diagnostic) => diagnostic.code === 'missing-flow');
    assert.ok(missing.length > 0);
    const offered = await actions(uri, missing);
    const all = offered.find((action) => action.title.startsWith("Insert all missing rules in firewall 'external'"));
    assert.ok(all, JSON.stringify(offered.map((action) => action.title)));
    assert.match(all.title, /\(2\)$/);
    assert.deepEqual(await apply(uri, all, 2), []);
    const text = client().text(uri);
    assert.match(
      text,
      /- name: XMPP from federated partners\n {8}service: XMPP\/TCP\/5269\n {8}from: any\n {8}to: edge01\.accessEdge/,
    );
    assert.match(text, /- name: XMPP to federated partners/);
  });

  test('only: quickfix leaves the source actions out, and a clean file has no actions', async () => {
    const uri = 'file:///ws/actions-only.topology.yaml';
    await client().open(uri, TYPOS);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const offered = await actions(uri, diagnostics, diagnostics[0].range, ['quickfix']);
    assert.ok(offered.length > 0 && offered.every((action) => action.kind === 'quickfix'));
    const clean = 'file:///ws/actions-clean.topology.yaml';
    await client().open(
      clean,
      TYPOS.replace('XMPP/TCP/5296', 'XMPP/TCP/5269').replace('XMPP/UDP/23456', 'XMPP/MTLS/23456'),
    );
    assert.deepEqual((await client().diagnosticsFor(clean, 1)).diagnostics, []);
    assert.deepEqual(
      await actions(clean, [], { start: { line: 30, character: 0 }, end: { line: 31, character: 0 } }),
      [],
    );
  });
});
