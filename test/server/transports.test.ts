import { strict as assert } from 'node:assert';
import { fork, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, test } from 'node:test';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { TYPOS } from './fixtures';
import { CONTOSO, ROOT, SERVER, TestClient, withTimeout } from './lspClient';

const CLI = resolve(ROOT, 'dist', 'cli.js');

describe('transports', () => {
  test('--node-ipc, as the VS Code extension starts the server', async () => {
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const published = new Promise<PublishDiagnosticsParams>((done) =>
      connection.onNotification('textDocument/publishDiagnostics', done),
    );
    connection.listen();
    await withTimeout(
      connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} }),
      'initialize',
    );
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: 'file:///ipc/typos.topology.yaml', languageId: 'lync-topology', version: 1, text: TYPOS },
    });
    const params = await withTimeout(published, 'diagnostics over IPC');
    assert.ok(params.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-port'));
    await withTimeout(connection.sendRequest('shutdown'), 'shutdown');
    await connection.sendNotification('exit');
    assert.equal(await withTimeout(exited, 'exit'), 0);
    connection.dispose();
  });

  test('`lync-ports serve --stdio` runs the same server', async () => {
    const client = await TestClient.start({ command: [CLI, 'serve', '--stdio'] });
    await client.open('file:///ws/cli.topology.yaml', CONTOSO);
    assert.deepEqual((await client.diagnosticsFor('file:///ws/cli.topology.yaml', 1)).diagnostics, []);
    assert.equal(await client.stop(), 0);
  });

  test('`lync-ports serve` without a transport, or with an unknown option, is a usage error', () => {
    const bare = spawnSync(process.execPath, [CLI, 'serve'], { encoding: 'utf8' });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /--stdio/);
    const unknown = spawnSync(process.execPath, [CLI, 'serve', '--stdio', '--verbose'], { encoding: 'utf8' });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown option '--verbose'/);
  });
});
