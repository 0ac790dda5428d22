import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, scratchCopy, serverProcesses, until, waitForDiagnostics } from './helpers';

suite('server restarts', () => {
  test('a server that dies is restarted, and checking goes on', async () => {
    const exported = await api();
    const [before] = serverProcesses();
    assert.ok(before, 'a server runs');
    process.kill(before.pid, 'SIGKILL');
    const after = await until('a new server process', exported.connection.onDidStart, () => {
      const found = serverProcesses().filter((candidate) => candidate.pid !== before.pid);
      return found.length > 0 ? found[0] : undefined;
    });
    assert.notEqual(after.pid, before.pid);
    // The new server checks files as the old one did.
    const editor = await scratchCopy('broken/typos.topology.yaml');
    await waitForDiagnostics(
      editor.document.uri,
      (found) => found.some((diagnostic) => codeOf(diagnostic) === 'wrong-port'),
      'diagnostics from the restarted server',
    );
    assert.ok(exported.connection.languageClient);
  });

  test('changing lyncPorts.files restarts the client with the new selector', async () => {
    const exported = await api();
    const configuration = vscode.workspace.getConfiguration('lyncPorts');
    const previous = configuration.get<string[]>('files');
    const client = exported.connection.languageClient;
    await configuration.update('files', [...(previous ?? []), 'other/*.yaml'], vscode.ConfigurationTarget.Workspace);
    try {
      await until(
        'a new language client',
        exported.connection.onDidStart,
        () => exported.connection.languageClient !== client && exported.connection.languageClient?.isRunning(),
      );
      // A folder-relative glob: one RelativePattern per workspace folder.
      const selector = exported.connection.languageClient!.clientOptions.documentSelector as vscode.DocumentFilter[];
      const relative = selector.flatMap((filter) => (typeof filter.pattern === 'object' ? [filter.pattern] : []));
      assert.ok(
        relative.some((pattern) => pattern.pattern === 'other/*.yaml'),
        JSON.stringify(selector),
      );
    } finally {
      await configuration.update('files', previous, vscode.ConfigurationTarget.Workspace);
    }
  });
});
