import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, codeOf, scratchCopy, waitForDiagnostics } from './helpers';

// The firewall's CodeLens in real VS Code: "Insert missing" inserts that firewall's rules only.

suite('CodeLens', () => {
  suiteSetup(async () => {
    await api();
  });

  test('"Insert missing" above one firewall fills in that firewall and leaves the other', async () => {
    const editor = await scratchCopy('broken/missing-rules.topology.yaml');
    const uri = editor.document.uri;
    const missingOn = (found: vscode.Diagnostic[]) =>
      found
        .filter((diagnostic) => codeOf(diagnostic) === 'missing-flow')
        .map((diagnostic) => editor.document.lineAt(diagnostic.range.start.line).text.trim());
    await waitForDiagnostics(uri, (found) => missingOn(found).length === 2, 'two missing flows');
    const lenses =
      (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes('2 rules · 1/2 required flows allowed'), `${titles}`);
    const insert = lenses.find(
      (lens) => lens.command?.title === 'Insert missing' && lens.command.arguments?.[1] === 'edge-inside',
    );
    assert.ok(insert?.command, `${titles}`);
    const inserted = await vscode.commands.executeCommand<number>(
      insert.command.command,
      ...(insert.command.arguments ?? []),
    );
    assert.equal(inserted, 1);
    // The one left is the outside firewall's, on its `rules` key.
    const left = await waitForDiagnostics(uri, (found) => missingOn(found).length === 1, 'one missing flow left');
    const line = left.find((diagnostic) => codeOf(diagnostic) === 'missing-flow')!.range.start.line;
    const outside = editor.document.getText().split('\n').indexOf('  edge-outside:');
    const inside = editor.document.getText().split('\n').indexOf('  edge-inside:');
    assert.ok(line > outside && line < inside, `line ${line} lies in edge-outside (${outside}..${inside})`);
    await editor.document.save();
  });
});
