import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { isTopologyCandidate } from '../../../client/src/activation';
import { folderPaths, globFilters } from '../../../client/src/topologyFiles';
import { parseFilesSetting } from '../../../server/src/shared/filesGlobs';
import { api, EXTENSION_ID, labelOf, open, serverProcesses, until, workspaceFile } from './helpers';

suite('activation and the language server', () => {
  test('a topology file activates the extension, which starts the bundled server over IPC', async () => {
    await open('contoso.topology.yaml');
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const exported = await api();
    assert.equal(extension.isActive, true);
    assert.equal(exported.connection.languageClient?.state, State.Running);
    const [server] = await until(
      'the server process',
      vscode.window.onDidChangeActiveTextEditor,
      () => serverProcesses().length > 0 && serverProcesses(),
    );
    assert.ok(
      server.argv.some((arg) => arg === `${extension.extensionPath}/dist/server.js`),
      server.argv.join(' '),
    );
    assert.ok(server.argv.includes('--node-ipc'), `IPC transport: ${server.argv.join(' ')}`);
    console.log(`[lync-ext] server argv: ${JSON.stringify(server.argv)}`);
    // This workspace holds topology files, so the server was started at activation (the lazy
    // suite, test/ext/lazy, opens a workspace without any).
    assert.ok(exported.serverStartReason(), 'the server was started for a reason');
    assert.equal(await exported.initialCheck, true);
  });

  test('the start-up decision matches lyncPorts.files globs as VS Code matches the document selector', async () => {
    const paths = [
      'contoso.topology.yaml',
      'marked.yaml',
      'firewalls/edge.yaml',
      'broken/typos.topology.yaml',
      'broken/missing-rules.topology.yaml',
    ];
    const documents = await Promise.all(paths.map((path) => vscode.workspace.openTextDocument(workspaceFile(path))));
    const setting = parseFilesSetting([
      'firewalls/*.yaml',
      '*.yaml',
      'broken/**',
      '{firewalls,other}/*.yaml',
      'firewalls/[a-e]*.yaml',
      'firewalls/[!a-e]*.yaml',
      '**/*.topology.y?ml',
      'ed?e.yaml',
      `${workspaceFile('firewalls').fsPath}/*.yaml`,
      'edge.yaml',
      '**/broken/*',
      'typos.topology.yaml',
      './firewalls/edge.yaml',
      'firewalls\\*.yaml',
    ]);
    assert.deepEqual(setting.ignored, []);
    let agreements = 0;
    for (const glob of setting.globs) {
      for (const document of documents) {
        const vscodeSays = vscode.languages.match(globFilters(glob), document) > 0;
        // languageId 'yaml' so only the glob decides (the names of the lync-topology language would).
        const info = { languageId: 'yaml', path: document.uri.fsPath };
        const weSay = isTopologyCandidate(info, { globs: [glob], ignored: [] }, folderPaths());
        assert.equal(weSay, vscodeSays, `${glob.source} vs ${document.uri.fsPath}: VS Code says ${vscodeSays}`);
        if (vscodeSays) agreements++;
      }
    }
    assert.ok(agreements >= 14, `the cases include matches (${agreements})`);
  });

  test('files are recognised by name, by the first line marker, and by lyncPorts.files', async () => {
    assert.equal((await open('contoso.topology.yaml')).document.languageId, 'lync-topology');
    // A .yaml file is YAML to VS Code; its `# lync-topology` first line makes it ours.
    const marked = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'marked.yaml'),
    );
    await until('marked.yaml to switch language', vscode.workspace.onDidOpenTextDocument, () =>
      vscode.workspace.textDocuments.find(
        (document) => document.uri.toString() === marked.uri.toString() && document.languageId === 'lync-topology',
      ),
    );
    const configured = await open('firewalls/edge.yaml');
    assert.equal(configured.document.languageId, 'yaml', 'lyncPorts.files does not change the language...');
    const selector = (await api()).connection.languageClient!.clientOptions.documentSelector as vscode.DocumentSelector;
    assert.ok(vscode.languages.match(selector, configured.document) > 0, '...it adds the file to the selector');
  });

  test('the grammar is contributed; the snippets come from the server, where their block fits', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributes = extension.packageJSON.contributes;
    assert.equal(contributes.grammars[0].language, 'lync-topology');
    // Static snippets would be offered everywhere, values included, beside the server's.
    assert.equal(contributes.snippets, undefined);
    const editor = await open('contoso.topology.yaml');
    const labelsAt = async (position: vscode.Position) =>
      (
        await vscode.commands.executeCommand<vscode.CompletionList>(
          'vscode.executeCompletionItemProvider',
          editor.document.uri,
          position,
        )
      ).items
        .filter((item) => item.kind === vscode.CompletionItemKind.Snippet)
        .map(labelOf);
    assert.deepEqual(await labelsAt(new vscode.Position(editor.document.lineCount, 0)), []);
    const lastRule = editor.document.getText().split('\n').lastIndexOf('        to: edge01.internal');
    await editor.edit((edit) => edit.insert(new vscode.Position(lastRule + 1, 0), '      \n'));
    const inRules = await labelsAt(new vscode.Position(lastRule + 1, 6));
    assert.ok(inRules.includes('rule'), `the "rule" snippet is offered in rules: ${inRules.join(', ')}`);
    await vscode.commands.executeCommand('undo');
  });
});
