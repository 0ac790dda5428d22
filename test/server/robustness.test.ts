import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import { CancellationTokenSource, Hover, MarkupContent, ResponseError } from 'vscode-languageserver-protocol/node';
import { CONTOSO, positionOf, serverForSuite, TestClient } from './lspClient';
import { REQUESTS } from '../../server/src/shared/protocol';

// Malformed requests and documents must get an error or null, never take the server down.

describe('malformed requests and documents', () => {
  const client = serverForSuite();
  const uri = 'file:///ws/robust.topology.yaml';
  before(async () => {
    await client().open(uri, CONTOSO);
    await client().diagnosticsFor(uri, 1);
  });

  /** The server's answer: a value, or the error it sent back (a rejection is an answer too). */
  async function answer(method: string, params: unknown): Promise<unknown> {
    try {
      return await client().request(method, params);
    } catch (error) {
      assert.ok(error instanceof ResponseError, `an LSP error response, not ${String(error)}`);
      return error;
    }
  }

  async function stillServes(): Promise<void> {
    // Handlers validate what they get: nothing may reach a catch-all and its log.
    assert.deepEqual(
      client().logs.filter((message) => /failed/.test(message)),
      [],
    );
    const hover = await client().request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(CONTOSO, 'XMPP/TCP/5269', 1),
    });
    assert.match((hover?.contents as MarkupContent).value, /X1/, 'the server still answers');
  }

  const methods = [
    'textDocument/completion',
    'textDocument/hover',
    'textDocument/codeAction',
    'textDocument/documentSymbol',
    'textDocument/definition',
    'textDocument/references',
    'textDocument/rename',
    'textDocument/prepareRename',
    'textDocument/foldingRange',
    ...Object.values(REQUESTS),
  ];

  test('missing, null and wrongly typed params get an error or null', async () => {
    for (const method of methods) {
      for (const params of [
        null,
        {},
        { textDocument: null },
        { textDocument: { uri: 42 } },
        { textDocument: { uri }, position: 'top' },
        { uri: ['x'] },
      ]) {
        const result = await answer(method, params);
        assert.ok(
          result === null || result instanceof ResponseError || Array.isArray(result) || typeof result === 'object',
          `${method} ${JSON.stringify(params)}`,
        );
        if (result instanceof ResponseError)
          assert.notEqual(result.code, -32603, `${method} ${JSON.stringify(params)}: no internal error`);
      }
    }
    await stillServes();
  });

  test('"params": null, or params without the document, get InvalidParams on every method', async () => {
    for (const method of methods) {
      for (const params of [null, {}, { textDocument: null }]) {
        const result = await answer(method, params);
        assert.ok(result instanceof ResponseError, `${method} ${JSON.stringify(params)}: ${JSON.stringify(result)}`);
        assert.equal(result.code, -32602, `${method} ${JSON.stringify(params)}: InvalidParams`);
      }
    }
    await stillServes();
  });

  test('an unknown document gets null', async () => {
    for (const method of methods) {
      const nowhere = 'file:///nowhere.topology.yaml';
      const zero = { line: 0, character: 0 };
      const result = await answer(method, {
        textDocument: { uri: nowhere },
        position: zero,
        range: { start: zero, end: zero },
        context: { diagnostics: [] },
        newName: 'x',
        uri: nowhere,
        format: 'csv',
      });
      // The exports say in words why there is nothing (protocol.ts); everything else is null.
      const refuses = [REQUESTS.exportRules, REQUESTS.diagramSvg, REQUESTS.report, REQUESTS.verifyDump];
      if ((refuses as string[]).includes(method)) {
        assert.match(JSON.stringify(result), /"refused":"The language server does not check/, method);
      } else if (method === REQUESTS.importTopology) {
        // Not about a document: the XML travels as text, and none was sent.
        assert.deepEqual(result, { refused: 'Cannot import nowhere.topology.yaml: no XML text was sent.' }, method);
      } else {
        assert.equal(result, null, method);
      }
    }
  });

  test('positions out of range are clamped to the document', async () => {
    for (const position of [
      { line: 10_000, character: 10_000 },
      { line: -3, character: -1 },
      { line: 2, character: 10_000 },
      { line: 1.5, character: 0 },
    ]) {
      for (const method of [
        'textDocument/completion',
        'textDocument/hover',
        'textDocument/definition',
        'textDocument/references',
        'textDocument/prepareRename',
      ]) {
        const result = await answer(method, { textDocument: { uri }, position, context: { includeDeclaration: true } });
        if (result instanceof ResponseError)
          assert.equal(result.code, -32602, `${method} ${JSON.stringify(position)}: invalid params, not a crash`);
      }
      const actions = await answer('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: position, end: position },
        context: { diagnostics: [{ bogus: true }, null] },
      });
      assert.ok(Array.isArray(actions) || actions instanceof ResponseError);
    }
    await stillServes();
  });

  test('unknown methods get MethodNotFound', async () => {
    const result = await answer('lyncPorts/noSuchThing', {});
    assert.ok(result instanceof ResponseError);
    assert.equal(result.code, -32601);
  });

  test('garbage documents and bad notifications are checked or ignored, not fatal', async () => {
    const garbage = 'file:///ws/garbage.topology.yaml';
    await client().open(garbage, '\u0000\u0001: [{{{\n\t- !!binary ~\n&a [*a, *a]\n'.repeat(50));
    const published = await client().diagnosticsFor(garbage, 1);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax'));
    await client().connection.sendNotification('textDocument/didOpen', { textDocument: null });
    await client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 9 },
      contentChanges: [{ range: { start: 'a' }, text: 'x' }],
    });
    await client().connection.sendNotification('textDocument/didClose', {});
    await client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: 'file:///never-opened.yaml', version: 3 },
      contentChanges: [{ text: 'x' }],
    });
    await client().connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: { line: 999, character: 0 }, end: { line: 1000, character: 5 } }, text: '# appended\n' },
      ],
    });
    const appended = await client().diagnosticsFor(uri, 2);
    assert.deepEqual(appended.diagnostics, [], 'an edit past the end appends, and the file stays clean');
    await client().connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: 'file:///does/not/exist.topology.yaml', type: 2 }],
    });
    await client().connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { lyncPorts: { severity: 'loud', files: 7 } },
    });
    await stillServes();
  });

  test('a billion-laughs alias bomb is refused quickly', async () => {
    const bomb = 'file:///ws/bomb.topology.yaml';
    let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let level = 1; level < 9; level++)
      text += `${String.fromCharCode(97 + level)}: &${String.fromCharCode(97 + level)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(',')}]\n`;
    const started = Date.now();
    await client().open(bomb, text);
    const published = await client().diagnosticsFor(bomb, 1);
    assert.ok(published.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax'));
    assert.ok(Date.now() - started < 5000, `answered in ${Date.now() - started} ms`);
  });

  test('a cancelled request is answered (cancelled or done) and the server carries on', async () => {
    const source = new CancellationTokenSource();
    const pending = client().connection.sendRequest(
      'textDocument/completion',
      { textDocument: { uri }, position: { line: 3, character: 0 } },
      source.token,
    );
    source.cancel();
    try {
      await pending;
    } catch (error) {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, -32800, 'RequestCancelled');
    }
    await stillServes();
  });
});

describe('lifecycle', () => {
  test('initialize announces the features; exit without shutdown ends with code 1', async () => {
    const client = await TestClient.start({ prepareRename: false });
    const capabilities = client.initializeResult.capabilities;
    assert.equal(capabilities.hoverProvider, true);
    assert.equal(capabilities.renameProvider, true, 'no prepareProvider for a client without prepareSupport');
    assert.deepEqual((capabilities.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, [
      'quickfix',
      'quickfix.lyncPorts.insertAllMissing',
      'source.fixAll.lyncPorts',
    ]);
    assert.equal((capabilities.textDocumentSync as { change: number }).change, 2, 'incremental sync');
    assert.ok(capabilities.completionProvider?.triggerCharacters?.includes('.'));
    await client.connection.sendNotification('exit');
    assert.equal(await client.exitPromise, 1);
  });
});
