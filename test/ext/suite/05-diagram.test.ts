import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { layoutDiagram, renderDiagramSvg } from '../../../server/src/engine/index';
import type { SourceRange } from '../../../server/src/engine/index';
import { checkTopology } from './engine';
import { api, open, scratchCopy, until, workspaceFile } from './helpers';
import type { DiagramSnapshot } from '../../../client/src/diagramPanel';
import type { LyncPortsApi } from '../../../client/src/extension';

function diagramTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('lyncPorts.diagram'));
}

/** The diagram once it shows the model of `uri` (a document's URI as text). */
function diagramOf(exported: LyncPortsApi, uri: string, what: string): Promise<DiagramSnapshot> {
  return until(what, exported.onDidChangeDiagram, () => {
    const current = exported.diagram();
    return current?.uri === uri && current.model ? current : undefined;
  });
}

/** The active editor selects exactly `range` (a flow's range, as the engine gives it). */
function assertSelects(active: vscode.TextEditor, range: SourceRange): void {
  const { start, end } = active.selection;
  assert.deepEqual(
    [start.line, start.character, end.line, end.character],
    [range.start.line, range.start.character, range.end.line, range.end.character],
  );
}

suite('firewall flow diagram', () => {
  test('the command opens a webview whose script runs and receives the flow model', async () => {
    const exported = await api();
    const { document } = await open('contoso.topology.yaml');
    const shown = await vscode.commands.executeCommand<DiagramSnapshot>('lyncPorts.showDiagram');
    assert.equal(shown.uri, document.uri.toString());
    // 'ready' comes from the webview's own script: it loaded under the CSP and runs.
    const snapshot = await until('the webview to say ready and get a model', exported.onDidChangeDiagram, () => {
      const current = exported.diagram();
      return current && (current.received.ready ?? 0) > 0 && current.posted > 0 && current.model ? current : undefined;
    });
    assert.deepEqual(snapshot.model!.summary, checkTopology(document.getText()).flowModel.summary);
    assert.equal(diagramTabs().length, 1);
    assert.equal(diagramTabs()[0].label, 'Flows: contoso.topology.yaml');
  });

  test('the status bar counts the allowed required flows of the active file', async () => {
    const exported = await api();
    await open('contoso.topology.yaml');
    await until(
      'status bar 3/3',
      vscode.window.onDidChangeActiveTextEditor,
      () => exported.statusBarText() === '$(pass) required flows allowed: 3/3',
    );
    await open('broken/missing-rules.topology.yaml');
    await until(
      'status bar 1/3',
      vscode.window.onDidChangeActiveTextEditor,
      () => exported.statusBarText() === '$(warning) required flows allowed: 1/3',
    );
  });

  test('it follows the active topology editor, and redraws live as the file is edited', async () => {
    const exported = await api();
    const editor = await scratchCopy('broken/missing-rules.topology.yaml');
    const uri = editor.document.uri.toString();
    const following = await diagramOf(exported, uri, 'the diagram to follow the new editor');
    assert.equal(following.model!.summary.allowed, 1);
    const inserted = await vscode.commands.executeCommand<number>('lyncPorts.insertAllMissingRules');
    assert.equal(inserted, 2);
    await until(
      'the diagram to show 3/3',
      exported.onDidChangeDiagram,
      () => exported.diagram()?.model?.summary.allowed === 3,
    );
    await editor.document.save();
    assert.equal(diagramTabs().length, 1, 'still one panel');
  });

  test('while the YAML does not parse, the status bar and the diagram show the last good check, marked', async () => {
    const exported = await api();
    const editor = await scratchCopy('broken/missing-rules.topology.yaml');
    const uri = editor.document.uri.toString();
    await vscode.commands.executeCommand('lyncPorts.showDiagram');
    await diagramOf(exported, uri, 'the diagram of the copy');
    await until(
      'status bar 1/3',
      exported.onDidChangeDiagram,
      () => exported.statusBarText() === '$(warning) required flows allowed: 1/3',
    );
    // Break the YAML: an unclosed flow mapping on an interface.
    const text = editor.document.getText();
    const at = text.indexOf('network: dmz }');
    assert.ok(at > 0);
    const closing = editor.document.positionAt(at + 'network: dmz '.length);
    await editor.edit((builder) => builder.delete(new vscode.Range(closing, closing.translate(0, 1))));
    const stale = await until('the diagram to say it is stale', exported.onDidChangeDiagram, () => {
      const current = exported.diagram();
      return current?.uri === uri && current.stale ? current : undefined;
    });
    assert.equal(stale.model!.summary.allowed, 1, 'the last good check');
    await until(
      'the status bar to say so',
      vscode.languages.onDidChangeDiagnostics,
      () => exported.statusBarText() === '$(warning) required flows allowed: 1/3 (showing the last good check)',
    );
    assert.match(exported.statusBarTooltip() ?? '', /does not parse.*last good check/);
    // Parses again: fresh news, no mark.
    await editor.edit((builder) => builder.insert(closing, '}'));
    await until('the diagram to be fresh again', exported.onDidChangeDiagram, () => {
      const current = exported.diagram();
      return current?.uri === uri && current.model && !current.stale;
    });
    await until(
      'the status bar to be fresh again',
      vscode.languages.onDidChangeDiagnostics,
      () => exported.statusBarText() === '$(warning) required flows allowed: 1/3',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('opening a missing flow selects its firewall’s rules key in the editor', async () => {
    const exported = await api();
    const editor = await scratchCopy('broken/missing-rules.topology.yaml');
    const snapshot = await diagramOf(exported, editor.document.uri.toString(), 'the model of the copy');
    const missing = snapshot.model!.flows.find((flow) => flow.status === 'missing');
    assert.ok(missing, 'the example has a missing flow');
    await exported.diagramPanel()!.handle({ type: 'openFlow', flowId: missing.id });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), editor.document.uri.toString());
    assertSelects(active, missing.ranges[0]);
    assert.equal(active.document.getText(active.selection), 'rules');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('in a pool’s drawing, an arrow standing for every member pair reveals the rule that serves them', async () => {
    const exported = await api();
    const { document } = await open('sfb2015-hlb.topology.yaml');
    await vscode.commands.executeCommand('lyncPorts.showDiagram');
    const snapshot = await diagramOf(exported, document.uri.toString(), 'the diagram of the HLB example');
    // The webview draws this same layout: the arrow's data-flow-id is its first flow.
    const layout = layoutDiagram(snapshot.model!);
    const arrow = layout.arrows.find(
      (candidate) => candidate.label === 'XMPP/MTLS/23456' && candidate.flowIds.length === 4,
    );
    assert.ok(arrow, 'the Front End pool → Edge pool XMPP flows are one arrow');
    const flow = snapshot.model!.flows.find((candidate) => candidate.id === arrow.flowId)!;
    await exported.diagramPanel()!.handle({ type: 'openFlow', flowId: arrow.flowId });
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.uri.toString(), document.uri.toString());
    assertSelects(active, flow.ranges[0]);
    assert.ok(
      active.document.getText(active.selection).includes(flow.ruleNames[0]),
      `the selection is the rule "${flow.ruleNames[0]}"`,
    );
  });

  test('Export SVG writes the standalone drawing of the current model', async () => {
    const exported = await api();
    const { document } = await open('contoso.topology.yaml');
    await until(
      'the diagram to follow contoso',
      exported.onDidChangeDiagram,
      () => exported.diagram()?.uri === document.uri.toString() && exported.diagram()?.model,
    );
    const target = workspaceFile('scratch/contoso-export.svg');
    const saved = await vscode.commands.executeCommand<string>('lyncPorts.exportDiagramSvg', target);
    assert.equal(saved, target.toString());
    const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
    assert.equal(
      written,
      renderDiagramSvg(checkTopology(document.getText()).flowModel, {
        standalone: true,
        title: 'contoso.topology.yaml',
      }),
    );
  });
});
