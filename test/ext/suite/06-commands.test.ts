import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkspaceCheck } from '../../../client/src/commands/checkWorkspace';
import { type TopologyChoices, topologyText } from '../../../client/src/commands/topologyTemplate';
import { checkTopology } from './engine';
import { powershellScriptFiles, renderExport, renderReport } from '../../../server/src/engine/index';
import { api, codeOf, EXTENSION_ID, open, waitForDiagnostics, workspaceFile } from './helpers';
import { REQUESTS } from '../../../server/src/shared/protocol';

suite('commands', () => {
  test('Check Workspace checks every topology file and counts the problems', async () => {
    await api();
    const result = await vscode.commands.executeCommand<WorkspaceCheck>('lyncPorts.checkWorkspace');
    for (const file of ['contoso.topology.yaml', 'broken/typos.topology.yaml', 'firewalls/edge.yaml'])
      assert.ok(result.files.includes(file), `${file} in ${result.files.join(', ')}`);
    // Each file's errors, as the engine counts them, add up to the command's count.
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    let errors = 0;
    for (const file of result.files)
      errors += checkTopology(readFileSync(join(folder, file), 'utf8')).diagnostics.filter(
        (diagnostic) => diagnostic.severity === 'error',
      ).length;
    assert.equal(result.errors, errors);
    assert.ok(result.errors > 0);
  });

  test('New Topology File writes the answers into an untitled <name>.topology.yaml, missing only rules', async () => {
    const exported = await api();
    const choices: TopologyChoices = {
      name: 'Fabrikam edge',
      product: 'sfb2015',
      addressing: 'nat',
      loadBalancing: 'dns',
      features: ['sipFederation', 'remoteUserAccess', 'audioVideo'],
      externalIp: '10.45.16.10',
      internalIp: '172.25.33.10',
      publicIp: '131.107.155.10',
    };
    const opened = await vscode.commands.executeCommand<string>('lyncPorts.newTopologyFile', choices);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(opened, editor.document.uri.toString());
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.uri.path.split('/').pop(), 'fabrikam-edge.topology.yaml');
    assert.equal(editor.document.languageId, 'lync-topology');
    assert.equal(editor.document.getText(), topologyText(choices));
    const diagnostics = await waitForDiagnostics(
      editor.document.uri,
      // The empty untitled document is checked first, then the text the wizard wrote into it.
      (found) => found.some((item) => codeOf(item) === 'missing-flow'),
      'the missing rules of the new file',
    );
    assert.deepEqual([...new Set(diagnostics.map(codeOf))], ['missing-flow']);
    const model = await exported.connection.flowModel(editor.document.uri);
    assert.equal(model?.summary.allowed, 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Export Rules writes each format exactly as lync-ports export does', async () => {
    await api();
    const { document } = await open('contoso.topology.yaml');
    for (const format of ['csv', 'markdown', 'powershell', 'iptables', 'nftables'] as const) {
      const target = workspaceFile(`scratch/contoso-rules.${format}`);
      const saved = await vscode.commands.executeCommand<string>('lyncPorts.exportRules', format, target);
      assert.equal(saved, target.toString());
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      assert.equal(written, renderExport(checkTopology(document.getText()), format), format);
      assert.match(written, /5269/, `${format} holds the XMPP rule`);
    }
  });

  test('Export Rules as PowerShell: a script per Edge server into a folder, asking before replacing', async () => {
    await api();
    const { document } = await open('sfb2015-hlb.topology.yaml');
    const expected = powershellScriptFiles(checkTopology(document.getText()));
    assert.ok(expected.length >= 2, 'the example has several Edge servers');
    const folder = workspaceFile('scratch/powershell');
    await vscode.workspace.fs.createDirectory(folder);
    const read = async (name: string) =>
      new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)));
    const saved = await vscode.commands.executeCommand<string>('lyncPorts.exportRules', 'powershell', folder);
    assert.equal(saved, folder.toString());
    const written = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
    assert.deepEqual(written, expected.map((script) => script.fileName).sort());
    for (const script of expected) assert.equal(await read(script.fileName), script.text, script.fileName);

    // Again, over the same files: the user is asked, and nothing changes unless they say Replace.
    const first = vscode.Uri.joinPath(folder, expected[0].fileName);
    await vscode.workspace.fs.writeFile(first, new TextEncoder().encode('# edited by hand\n'));
    const window = vscode.window as { showWarningMessage: typeof vscode.window.showWarningMessage };
    const original = window.showWarningMessage;
    const asked: string[] = [];
    try {
      let answer: string | undefined = undefined;
      window.showWarningMessage = (async (message: string, options: vscode.MessageOptions) => {
        asked.push(`${message}|${options.modal}|${options.detail}`);
        return answer;
      }) as typeof vscode.window.showWarningMessage;
      assert.equal(await vscode.commands.executeCommand('lyncPorts.exportRules', 'powershell', folder), undefined);
      assert.equal(await read(expected[0].fileName), '# edited by hand\n', 'kept when the user does not agree');
      answer = 'Replace';
      assert.equal(await vscode.commands.executeCommand('lyncPorts.exportRules', 'powershell', folder), saved);
      assert.equal(await read(expected[0].fileName), expected[0].text, 'replaced when the user agrees');
    } finally {
      window.showWarningMessage = original;
    }
    const names = expected.map((script) => script.fileName).join('\n');
    assert.deepEqual(asked, [
      `Replace the existing files in scratch/powershell?|true|${names}`,
      `Replace the existing files in scratch/powershell?|true|${names}`,
    ]);
  });

  test('Export Report writes the page lync-ports report writes, titled with the file name', async () => {
    await api();
    const { document } = await open('contoso.topology.yaml');
    const target = workspaceFile('scratch/contoso-report.html');
    const saved = await vscode.commands.executeCommand<string>('lyncPorts.exportReport', target);
    assert.equal(saved, target.toString());
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.equal(written, renderReport(checkTopology(document.getText()), { title: 'contoso.topology.yaml' }));
  });

  test('Export Rules refuses a file whose YAML does not parse, and writes nothing', async () => {
    const exported = await api();
    const content = 'topology:\n  product: [sfb2019\n';
    const document = await vscode.workspace.openTextDocument({ language: 'lync-topology', content });
    await vscode.window.showTextDocument(document);
    const syntaxError = (found: vscode.Diagnostic[]) => found.some((item) => codeOf(item) === 'yaml-syntax');
    await waitForDiagnostics(document.uri, syntaxError, 'the syntax error');
    const target = workspaceFile('scratch/broken-rules.csv');
    assert.equal(await vscode.commands.executeCommand<string>('lyncPorts.exportRules', 'csv', target), undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(target)), 'no file was written');
    // The server's answer itself, as the command received it.
    const answer = await exported.connection.request(REQUESTS.exportRules, document.uri, { format: 'csv' });
    assert.match(JSON.stringify(answer), /does not parse/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('every command of the manifest is registered', async () => {
    await api();
    const registered = new Set(await vscode.commands.getCommands(true));
    const declared: { command: string }[] =
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands;
    for (const { command } of declared) assert.ok(registered.has(command), command);
  });
});
