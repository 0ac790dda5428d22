// Activation on a plain YAML file must stay cheap. This suite runs in a workspace without
// topology files (prepareLazyWorkspace): `onLanguage:yaml` activates the extension, and the
// language server must not start until a topology document opens.
import * as assert from 'node:assert/strict';
import { sep } from 'node:path';
import * as vscode from 'vscode';
import type { LyncPortsApi } from '../../../client/src/extension';
import { EXTENSION_ID, open, serverProcesses, until, waitForDiagnostics } from '../suite/helpers';

/** Whether the extension host has loaded the language client bundle (dist/languageClient.js). */
function languageClientLoaded(): boolean {
  const bundle = `${extension().extensionPath}${sep}dist${sep}languageClient.js`;
  return Object.keys(require.cache).some((path) => path === bundle);
}

function extension(): vscode.Extension<LyncPortsApi> {
  const found = vscode.extensions.getExtension<LyncPortsApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

suite('lazy start (a workspace without topology files)', () => {
  test('opening plain YAML files activates the extension but starts no language server', async () => {
    assert.equal(extension().isActive, false, 'nothing activates the extension before a YAML file opens');
    await open('plain.yaml');
    await until(
      'the extension to activate (onLanguage:yaml)',
      vscode.window.onDidChangeActiveTextEditor,
      () => extension().isActive,
    );
    const exported = extension().exports;
    assert.equal(await exported.initialCheck, false, 'activation found no topology document and no topology file');
    // A second YAML file, opened after activation, goes through the open-document watcher.
    await open('config/app.yml');
    assert.equal((await open('plain.yaml')).document.languageId, 'yaml');
    assert.equal(exported.serverStartReason(), undefined);
    assert.equal(exported.connection.languageClient, undefined, 'no language client');
    assert.equal(languageClientLoaded(), false, 'dist/languageClient.js is not even loaded');
    const client = `${sep}dist${sep}client.js`;
    assert.ok(
      Object.keys(require.cache).some((path) => path.endsWith(client)),
      'while dist/client.js is',
    );
    assert.deepEqual(serverProcesses(), [], 'no server process');
    assert.equal(exported.statusBarText(), undefined, 'no status bar item');
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.window.activeTextEditor!.document.uri), []);
  });

  test('a YAML file with the `# lync-topology` first line then starts the server, which checks it', async () => {
    const exported = extension().exports;
    assert.deepEqual(serverProcesses(), [], 'still no server');
    const editor = await open('notes/firewall.yaml');
    const [server] = await until(
      'a server process',
      exported.connection.onDidStart,
      () => serverProcesses().length > 0 && exported.connection.languageClient?.isRunning() && serverProcesses(),
    );
    assert.ok(server.argv.includes('--node-ipc'), server.argv.join(' '));
    assert.equal(languageClientLoaded(), true, 'the language client bundle is loaded with the first server');
    assert.match(exported.serverStartReason() ?? '', /notes\/firewall\.yaml is a topology file/);
    await exported.ready;
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      (found) => found.length > 0,
      'diagnostics for the marked file',
    );
    assert.ok(
      diagnostics.some((diagnostic) => diagnostic.source === 'lync-ports'),
      diagnostics.map((diagnostic) => diagnostic.source).join(', '),
    );
    await until('the status bar item', vscode.window.onDidChangeActiveTextEditor, () =>
      /required flows allowed: \d+\/\d+/.test(exported.statusBarText() ?? ''),
    );
    // The plain YAML files stay unchecked.
    const plain = await open('plain.yaml');
    assert.deepEqual(vscode.languages.getDiagnostics(plain.document.uri), []);
  });
});
