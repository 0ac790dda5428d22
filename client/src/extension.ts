// The extension's entry point: starts the language server, registers the commands, the status
// bar item and the diagram panel (with its serializer, so it comes back after a reload).
// Nothing here runs code from the workspace: files are read as text and sent to the server.
import * as vscode from 'vscode';
import { checkWorkspace, describeWorkspaceCheck, type WorkspaceCheck } from './commands/checkWorkspace';
import { exportRules, isExportFormat, pickExportFormat } from './commands/exportRules';
import { insertAllMissingRules } from './commands/insertMissingRules';
import { newTopologyFile } from './commands/newTopologyFile';
import { activeTopologyUri, DIAGRAM_VIEW_TYPE, DiagramPanel, type DiagramSnapshot } from './diagramPanel';
import { ServerConnection } from './serverConnection';
import { FlowStatusBar } from './statusBar';
import { isTopologyDocument, watchFirstLineMarker } from './topologyFiles';

/** What activate() returns: used by the integration tests, and by any extension building on ours. */
export interface LyncPortsApi {
  connection: ServerConnection;
  /** Resolves once the first server start has finished (or failed). */
  ready: Promise<void>;
  statusBarText(): string | undefined;
  diagram(): DiagramSnapshot | undefined;
  diagramPanel(): DiagramPanel | undefined;
  onDidChangeDiagram: vscode.Event<DiagramSnapshot>;
}

let activeConnection: ServerConnection | undefined;

export function activate(context: vscode.ExtensionContext): LyncPortsApi {
  const output = vscode.window.createOutputChannel('Lync Ports');
  context.subscriptions.push(output);
  const connection = new ServerConnection(context, output);
  activeConnection = connection;
  context.subscriptions.push(connection);
  watchFirstLineMarker(context);

  const ready = connection.start().catch((error: unknown) => {
    output.appendLine(`The language server did not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    void vscode.window.showErrorMessage('The Lync Ports language server did not start. See the "Lync Ports" output.', 'Show Output').then((choice) => {
      if (choice) output.show();
    });
  });

  const statusBar = new FlowStatusBar(connection);
  context.subscriptions.push(statusBar);

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => DiagramPanel.revive(panel, context, connection, state),
    }),
    { dispose: () => DiagramPanel.current?.dispose() },
  );

  const register = (command: string, handler: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(command, handler));

  register('lyncPorts.showDiagram', async (resource?: unknown): Promise<DiagramSnapshot | undefined> => {
    // From the editor title button VS Code passes the file's URI; from the palette, nothing.
    const uri = resource instanceof vscode.Uri ? resource : activeTopologyUri();
    if (!uri) {
      void vscode.window.showInformationMessage('Open a topology file (*.topology.yaml) to see its firewall flow diagram.');
      return undefined;
    }
    const panel = await DiagramPanel.show(context, connection, uri);
    return panel.snapshot();
  });

  register('lyncPorts.exportDiagramSvg', async (target?: unknown): Promise<string | undefined> => {
    let panel = DiagramPanel.current;
    if (!panel) {
      const uri = activeTopologyUri();
      if (!uri) {
        void vscode.window.showInformationMessage('Open a topology file to export its firewall flow diagram.');
        return undefined;
      }
      panel = await DiagramPanel.show(context, connection, uri);
    }
    const saved = await panel.exportSvg(target instanceof vscode.Uri ? target : undefined);
    return saved?.toString();
  });

  register('lyncPorts.insertAllMissingRules', async (): Promise<number> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage('Open a topology file to insert its missing firewall rules.');
      return 0;
    }
    const inserted = await insertAllMissingRules(connection, editor.document);
    void vscode.window.showInformationMessage(
      inserted === 0 ? 'No missing rules to insert.' : `Inserted ${inserted} missing rule${inserted === 1 ? '' : 's'}. Review them, then save.`,
    );
    return inserted;
  });

  register('lyncPorts.exportRules', async (format?: unknown, target?: unknown): Promise<string | undefined> => {
    // Tests and keybindings may pass the format and the file; from the palette both are asked.
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage('Open a topology file to export its firewall rules.');
      return undefined;
    }
    const chosen = isExportFormat(format) ? format : await pickExportFormat();
    if (!chosen) return undefined;
    const saved = await exportRules(editor.document, chosen, target instanceof vscode.Uri ? target : undefined);
    return saved?.toString();
  });

  register('lyncPorts.checkWorkspace', async (): Promise<WorkspaceCheck> => {
    const result = await checkWorkspace(connection);
    const message = describeWorkspaceCheck(result);
    if (result.errors + result.warnings > 0) {
      void vscode.window.showWarningMessage(message, 'Show Problems').then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return result;
  });

  register('lyncPorts.newTopologyFile', async () => {
    await newTopologyFile(context);
  });

  register('lyncPorts.restartServer', async () => {
    await connection.restart();
  });

  register('lyncPorts.showOutput', () => output.show());

  return {
    connection,
    ready,
    statusBarText: () => statusBar.text,
    diagram: () => DiagramPanel.current?.snapshot(),
    diagramPanel: () => DiagramPanel.current,
    onDidChangeDiagram: DiagramPanel.onDidChange,
  };
}

export function deactivate(): Promise<void> | undefined {
  // VS Code waits for this promise, so the server gets its shutdown request before the host exits.
  const connection = activeConnection;
  activeConnection = undefined;
  return connection?.dispose();
}
