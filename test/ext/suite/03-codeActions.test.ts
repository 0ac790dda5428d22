import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkTopology } from './engine';
import {
  applyAction,
  api,
  codeActions,
  codeOf,
  fullRange,
  scratchCopy,
  waitForDiagnostics,
  workspaceFile,
} from './helpers';
import { fixAll } from '../../../server/src/engine/index';

suite('code actions fix the examples', () => {
  suiteSetup(async () => {
    await api();
  });

  test('quick fixes one by one: a wrong port and a wrong transport', async () => {
    const editor = await scratchCopy('broken/typos.topology.yaml');
    const uri = editor.document.uri;
    const original = editor.document.getText();
    let diagnostics = await waitForDiagnostics(uri, (found) => found.length === 2, 'the two typos');
    assert.deepEqual(diagnostics.map(codeOf).sort(), ['wrong-port', 'wrong-transport']);
    for (let round = 0; round < 4 && diagnostics.length > 0; round++) {
      const target = diagnostics[0];
      const actions = await codeActions(uri, target.range, vscode.CodeActionKind.QuickFix.value);
      // The API command drops an action's `diagnostics`; at a rule's range the preferred fix is that rule's.
      const fix = actions.find((action) => action.isPreferred);
      assert.ok(fix, `a preferred fix for ${codeOf(target)}: ${actions.map((action) => action.title).join(' | ')}`);
      const version = editor.document.version;
      await applyAction(fix);
      assert.ok(editor.document.version > version);
      diagnostics = await waitForDiagnostics(
        uri,
        (found) =>
          !found.some((diagnostic) => diagnostic.range.isEqual(target.range) && codeOf(diagnostic) === codeOf(target)),
        `${codeOf(target)} to go away`,
      );
    }
    await waitForDiagnostics(uri, (found) => found.length === 0, 'no diagnostics after the fixes');
    // The same result as `lync-ports fix`.
    assert.equal(editor.document.getText(), fixAll(original).text);
    assert.match(editor.document.getText(), /XMPP\/TCP\/5269/);
    await editor.document.save();
  });

  test('source.fixAll.lyncPorts fixes a rule on the wrong firewall and a reversed one in one go', async () => {
    const editor = await scratchCopy('broken/wrong-firewall.topology.yaml');
    const uri = editor.document.uri;
    // The example derives one external IP, which Microsoft advises against: an info that no fix removes.
    const problems = (found: readonly vscode.Diagnostic[]) =>
      found.filter((diagnostic) => diagnostic.severity !== vscode.DiagnosticSeverity.Information);
    await waitForDiagnostics(uri, (found) => problems(found).length === 2, 'two errors');
    const actions = await codeActions(uri, fullRange(editor.document), 'source.fixAll.lyncPorts');
    assert.equal(actions.length, 1, actions.map((action) => action.title).join(' | '));
    await applyAction(actions[0]);
    await waitForDiagnostics(uri, (found) => problems(found).length === 0, 'no errors after fix all');
    assert.deepEqual(
      checkTopology(editor.document.getText()).diagnostics.filter((diagnostic) => diagnostic.severity !== 'info'),
      [],
    );
    await editor.document.save();
  });

  test('Insert All Missing Rules inserts each missing rule and nothing else', async () => {
    const editor = await scratchCopy('broken/missing-rules.topology.yaml');
    const uri = editor.document.uri;
    const before = await waitForDiagnostics(
      uri,
      (found) => found.filter((diagnostic) => codeOf(diagnostic) === 'missing-flow').length === 2,
      'two missing flows',
    );
    const lines = editor.document.lineCount;
    const inserted = await vscode.commands.executeCommand<number>('lyncPorts.insertAllMissingRules');
    assert.equal(inserted, 2);
    await waitForDiagnostics(
      uri,
      (found) => !found.some((diagnostic) => codeOf(diagnostic) === 'missing-flow'),
      'no missing flows',
    );
    assert.ok(editor.document.lineCount > lines + 4, 'two rules were added');
    assert.equal(
      checkTopology(editor.document.getText()).flowModel.summary.allowed,
      checkTopology(editor.document.getText()).flowModel.summary.required,
    );
    assert.equal(before.length, 2);
    await editor.document.save();
  });

  test('Insert All Missing Rules on firewalls without a rules key writes one rules key each', async () => {
    const contoso = new TextDecoder().decode(
      await vscode.workspace.fs.readFile(workspaceFile('contoso.topology.yaml')),
    );
    const start = contoso.indexOf('firewalls:');
    const firewalls = '  external:\n    between: [internet, perimeter]\n  internal:\n    between: [corp, perimeter]\n';
    const text = `${contoso.slice(0, start)}firewalls:\n${firewalls}`;
    const target = workspaceFile('scratch/no-rules-key.topology.yaml');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
    await waitForDiagnostics(
      target,
      (found) => found.filter((diagnostic) => codeOf(diagnostic) === 'missing-flow').length === 3,
      'three missing flows on two firewalls without rules',
    );
    const inserted = await vscode.commands.executeCommand<number>('lyncPorts.insertAllMissingRules');
    assert.equal(inserted, 3);
    await waitForDiagnostics(target, (found) => found.length === 0, 'no findings after the insert');
    const after = editor.document.getText();
    // The bug this guards: two single fixes each creating `rules:` under the same firewall.
    assert.equal(after.match(/^ {4}rules:/gm)?.length, 2, after);
    assert.deepEqual(checkTopology(after).diagnostics, []);
    assert.ok(after.startsWith(contoso.slice(0, start)), 'the text above the firewalls is untouched');
    await editor.document.save();
  });
});
