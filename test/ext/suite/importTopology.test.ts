import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { importTopologyXml } from '../../../server/src/engine/index';
import { api, codeOf, waitForDiagnostics, workspaceFile } from './helpers';

// "Import Topology Builder Export…" in the extension host: the .tbxml given to the command opens
// as an untitled <name>.topology.yaml holding what `lync-ports import` writes, checked at once.

const FIXTURE = join(__dirname, '../../../../test/fixtures/import/sfb2015-nat-edge.tbxml');

suite('import', () => {
  test('Import Topology Builder Export opens the topology file untitled, with only missing rules', async () => {
    await api();
    const xml = readFileSync(FIXTURE, 'utf8');
    const source = workspaceFile('scratch/edge.tbxml');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode(xml));
    const opened = await vscode.commands.executeCommand<string>('lyncPorts.importTopology', source);
    const uri = vscode.Uri.parse(opened);
    assert.equal(uri.scheme, 'untitled');
    assert.ok(uri.path.endsWith('/scratch/edge.topology.yaml'), uri.path);
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.toString(), opened);
    assert.equal(document.languageId, 'lync-topology');
    assert.equal(document.getText(), importTopologyXml(xml, { source: 'edge.tbxml' }).yaml);
    // The untitled document opens empty and then gets the text: wait for the check of the text.
    const shown = await waitForDiagnostics(
      uri,
      (found) => found.some((diagnostic) => codeOf(diagnostic) === 'missing-flow'),
      'the imported file checked',
    );
    assert.deepEqual(
      [...new Set(shown.map(codeOf))],
      ['missing-flow'],
      shown
        .map((diagnostic) => `${diagnostic.range.start.line + 1}: ${codeOf(diagnostic)} ${diagnostic.message}`)
        .join('\n'),
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a DTD is refused with a message and opens nothing', async () => {
    await api();
    const source = workspaceFile('scratch/bomb.xml');
    await vscode.workspace.fs.writeFile(source, new TextEncoder().encode('<!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>'));
    const before = vscode.workspace.textDocuments.length;
    assert.equal(await vscode.commands.executeCommand('lyncPorts.importTopology', source), undefined);
    assert.equal(vscode.workspace.textDocuments.length, before);
  });
});
