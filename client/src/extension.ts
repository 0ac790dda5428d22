// The extension's entry point: registers the commands, the diagram panel (with its serializer,
// so it comes back after a reload) and, once there is a topology to check, starts the language
// server and shows the status bar item. Activation on a plain YAML file (`onLanguage:yaml`, needed
// for the `# lync-topology` marker and the `lyncPorts.files` globs) starts nothing: see
// activation.ts. Nothing here runs code from the workspace: files are read as text and sent to
// the server.
import { join } from 'node:path';
import * as vscode from 'vscode';
import { firstTopologyDocument, shouldStartServer } from './activation';
import type * as ClientUi from './clientUi';
import type { WorkspaceCheck } from './commands/checkWorkspace';
import type { DiagramPanel, DiagramSnapshot } from './diagramPanel';
import { ServerConnection } from './serverConnection';
import type { FlowStatusBar } from './statusBar';
import {
  configuredFiles,
  documentInfo,
  filesSetting,
  folderPaths,
  isTopologyDocument,
  watchFirstLineMarker,
  workspaceGlobs,
} from './topologyFiles';

const t = vscode.l10n.t;

/** diagramPanel.ts's DIAGRAM_VIEW_TYPE, here so the serializer is registered without loading the panel. */
const DIAGRAM_VIEW_TYPE = 'lyncPorts.diagram';

let clientUiModule: typeof ClientUi | undefined;

/** Beside this file: dist/clientUi.js in the package, out/client/src/clientUi.js under tsc. */
function ui(): typeof ClientUi {
  // A computed path, so esbuild leaves the require to run time instead of inlining the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  clientUiModule ??= require(join(__dirname, 'clientUi.js')) as typeof ClientUi;
  return clientUiModule;
}

/** What activate() returns: used by the integration tests, and by any extension building on ours. */
export interface LyncPortsApi {
  connection: ServerConnection;
  /** Resolves once the first server start has finished (or failed); pending while the server is not needed. */
  ready: Promise<void>;
  /**
   * Resolves with whether the server was started once activation has looked at the open documents and the workspace.
   */
  initialCheck: Promise<boolean>;
  /** Why the server was started ("a command", a file name...); undefined while it is not. */
  serverStartReason(): string | undefined;
  /** Starts the server if it is not started yet; resolves when it runs (or failed to start). */
  ensureServer(reason: string): Promise<void>;
  statusBarText(): string | undefined;
  statusBarTooltip(): string | undefined;
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
  reportIgnoredGlobs(output);
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('lyncPorts.files')) reportIgnoredGlobs(output);
    }),
  );

  // ---- the language server, started on demand ----
  let startReason: string | undefined;
  let starting: Promise<void> | undefined;
  let statusBar: FlowStatusBar | undefined;
  // The panel's own event lives in the lazily loaded module: the API's event forwards it.
  const diagramChanged = new vscode.EventEmitter<DiagramSnapshot>();
  context.subscriptions.push(diagramChanged);
  let forwarding = false;
  const forwardDiagramChanges = () => {
    if (forwarding) return;
    forwarding = true;
    context.subscriptions.push(ui().DiagramPanel.onDidChange((snapshot) => diagramChanged.fire(snapshot)));
  };
  const panels = () => {
    forwardDiagramChanges();
    return ui().DiagramPanel;
  };
  let resolveReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const watchers: vscode.Disposable[] = [];
  const ensureServer = (reason: string): Promise<void> => {
    if (starting) return starting;
    startReason = reason;
    const showOutput = t('Show Output');
    watchers.forEach((watcher) => watcher.dispose());
    watchers.length = 0;
    output.appendLine(`Starting the language server: ${reason}.`);
    statusBar = new (ui().FlowStatusBar)(connection);
    forwardDiagramChanges();
    context.subscriptions.push(statusBar);
    starting = connection
      .start()
      .catch((error: unknown) => {
        output.appendLine(
          `The language server did not start: ` +
            `${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        );
        void vscode.window
          .showErrorMessage(t('The Lync Ports language server did not start. See the "Lync Ports" output.'), showOutput)
          .then((choice) => {
            if (choice) output.show();
          });
      })
      .finally(resolveReady);
    return starting;
  };

  // Until then, watch for a reason to start: a topology document opens (also a YAML file switched
  // by its first line, which VS Code reports as closed and reopened), lyncPorts.files changes, or
  // a workspace folder with topology files is added.
  const startForDocuments = (documents: readonly vscode.TextDocument[]): boolean => {
    const found = firstTopologyDocument(
      documents.map((document) => ({ ...documentInfo(document), document })),
      { files: configuredFiles(), folders: folderPaths() },
    );
    if (found) void ensureServer(`${vscode.workspace.asRelativePath(found.document.uri)} is a topology file`);
    return found !== undefined;
  };
  const startForWorkspace = async (): Promise<boolean> => {
    if (starting) return true;
    const hasFiles = await workspaceHasTopologyFiles();
    const settings = { files: configuredFiles(), folders: folderPaths() };
    if (!starting && shouldStartServer([], settings, hasFiles)) void ensureServer('the workspace has topology files');
    return starting !== undefined;
  };
  watchers.push(
    vscode.workspace.onDidOpenTextDocument((document) => void startForDocuments([document])),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (starting || !event.affectsConfiguration('lyncPorts.files')) return;
      if (!startForDocuments(vscode.workspace.textDocuments)) void startForWorkspace();
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void startForWorkspace()),
  );
  context.subscriptions.push({ dispose: () => watchers.forEach((watcher) => watcher.dispose()) });
  const initialCheck = startForDocuments(vscode.workspace.textDocuments) ? Promise.resolve(true) : startForWorkspace();

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(DIAGRAM_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => {
        void ensureServer('the firewall flow diagram was restored');
        return panels().revive(panel, context, connection, state);
      },
    }),
    { dispose: () => clientUiModule?.DiagramPanel.current?.dispose() },
  );

  // Every command but Show Output needs the server: it waits for the start.
  // VS Code hands command arguments over untyped; each handler declares what it takes.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const register = (command: string, handler: (...args: any[]) => unknown, needsServer = true) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        if (needsServer) await ensureServer(`the command ${command} ran`);
        return handler(...args);
      }),
    );

  register('lyncPorts.showDiagram', async (resource?: unknown): Promise<DiagramSnapshot | undefined> => {
    // From the editor title button VS Code passes the file's URI; from the palette, nothing.
    const uri = resource instanceof vscode.Uri ? resource : ui().activeTopologyUri();
    if (!uri) {
      // Nothing to draw yet: offer to create a topology instead of a dead end.
      const create = t('New Topology File…');
      void vscode.window
        .showInformationMessage(t('Open a topology file (*.topology.yaml) to see its firewall flow diagram.'), create)
        .then((choice) => {
          if (choice === create) void vscode.commands.executeCommand('lyncPorts.newTopologyFile');
        });
      return undefined;
    }
    const panel = await panels().show(context, connection, uri);
    return panel.snapshot();
  });

  register('lyncPorts.exportDiagramSvg', async (target?: unknown): Promise<string | undefined> => {
    let panel = panels().current;
    if (!panel) {
      const uri = ui().activeTopologyUri();
      if (!uri) {
        void vscode.window.showInformationMessage(t('Open a topology file to export its firewall flow diagram.'));
        return undefined;
      }
      panel = await panels().show(context, connection, uri);
    }
    const saved = await panel.exportSvg(target instanceof vscode.Uri ? target : undefined);
    return saved?.toString();
  });

  register('lyncPorts.insertAllMissingRules', async (uri?: unknown, firewall?: unknown): Promise<number> => {
    // A firewall's CodeLens passes its file and its name: then only that firewall's rules.
    const editor =
      vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === uri) ??
      vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage(t('Open a topology file to insert its missing firewall rules.'));
      return 0;
    }
    const only = typeof uri === 'string' && typeof firewall === 'string' ? firewall : undefined;
    const inserted = await ui().insertAllMissingRules(connection, editor.document, only);
    void vscode.window.showInformationMessage(
      inserted === 0
        ? t('No missing rules to insert.')
        : inserted === 1
          ? t('Inserted 1 missing rule. Review it, then save.')
          : t('Inserted {0} missing rules. Review them, then save.', inserted),
    );
    return inserted;
  });

  register('lyncPorts.exportRules', async (format?: unknown, target?: unknown): Promise<string | undefined> => {
    // Tests and keybindings may pass the format and the file; from the palette both are asked.
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage(t('Open a topology file to export its firewall rules.'));
      return undefined;
    }
    const { exportRules, isExportFormat, pickExportFormat } = ui();
    const chosen = isExportFormat(format) ? format : await pickExportFormat();
    if (!chosen) return undefined;
    const destination = target instanceof vscode.Uri ? target : undefined;
    const saved = await exportRules(connection, editor.document, chosen, destination);
    return saved?.toString();
  });

  register('lyncPorts.exportReport', async (target?: unknown): Promise<string | undefined> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage(t('Open a topology file to export its report.'));
      return undefined;
    }
    const saved = await ui().exportReport(
      connection,
      editor.document,
      target instanceof vscode.Uri ? target : undefined,
    );
    return saved?.toString();
  });

  register('lyncPorts.importTopology', async (source?: unknown): Promise<string | undefined> => {
    const imported = await ui().importTopology(connection, source instanceof vscode.Uri ? source : undefined);
    return imported?.uri.toString();
  });

  let dumpFindings: vscode.DiagnosticCollection | undefined;
  register('lyncPorts.verifyDump', async (firewall?: unknown, dump?: unknown, chain?: unknown) => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      void vscode.window.showInformationMessage(t('Open a topology file to verify a firewall dump against it.'));
      return undefined;
    }
    dumpFindings ??= ui().createDumpFindings(context);
    return ui().verifyDump(connection, editor.document, dumpFindings, {
      ...(typeof firewall === 'string' ? { firewall } : {}),
      ...(dump instanceof vscode.Uri ? { dump } : {}),
      ...(typeof chain === 'string' ? { chain } : {}),
    });
  });

  register('lyncPorts.checkWorkspace', async (): Promise<WorkspaceCheck> => {
    const result = await ui().checkWorkspace(connection);
    const message = ui().describeWorkspaceCheck(result);
    if (result.errors + result.warnings > 0) {
      void vscode.window.showWarningMessage(message, t('Show Problems')).then((choice) => {
        if (choice) void vscode.commands.executeCommand('workbench.actions.view.problems');
      });
    } else {
      void vscode.window.showInformationMessage(message);
    }
    return result;
  });

  register('lyncPorts.newTopologyFile', async (choices?: unknown): Promise<string | undefined> => {
    const { isTopologyChoices, newTopologyFile } = ui();
    const editor = await newTopologyFile(isTopologyChoices(choices) ? choices : undefined);
    return editor?.document.uri.toString();
  });

  register(
    'lyncPorts.restartServer',
    async () => {
      // A server that never ran is started, not restarted.
      if (!starting) await ensureServer('the command lyncPorts.restartServer ran');
      else await connection.restart();
    },
    false,
  );

  register('lyncPorts.showOutput', () => output.show(), false);

  return {
    connection,
    ready,
    initialCheck,
    serverStartReason: () => startReason,
    ensureServer,
    statusBarText: () => statusBar?.text,
    statusBarTooltip: () => statusBar?.tooltip,
    diagram: () => clientUiModule?.DiagramPanel.current?.snapshot(),
    diagramPanel: () => clientUiModule?.DiagramPanel.current,
    onDidChangeDiagram: diagramChanged.event,
  };
}

export function deactivate(): Promise<void> | undefined {
  // VS Code waits for this promise, so the server gets its shutdown request before the host exits.
  const connection = activeConnection;
  activeConnection = undefined;
  return connection?.dispose();
}

/**
 * Whether the workspace holds a topology file: what the `workspaceContains` activation events
 * look for, plus the `lyncPorts.files` globs. One search per glob, stopping at the first hit.
 */
async function workspaceHasTopologyFiles(): Promise<boolean> {
  if (!vscode.workspace.workspaceFolders?.length) return false;
  for (const glob of workspaceGlobs()) {
    try {
      if ((await vscode.workspace.findFiles(glob, '**/node_modules/**', 1)).length > 0) return true;
    } catch {
      // a virtual file system that cannot be searched: decide by the open documents
    }
  }
  return false;
}

function reportIgnoredGlobs(output: vscode.OutputChannel): void {
  for (const { source, reason } of filesSetting().ignored) {
    output.appendLine(`lyncPorts.files: ignoring ${JSON.stringify(source)}: ${reason}.`);
  }
}
