// Starts the bundled language server over IPC and keeps it running: a crashed server is
// restarted (with a limit, so a server that dies on start-up does not loop forever), a change of
// `lyncPorts.files` restarts the client because the document selector is fixed at start.
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  ErrorAction,
  type ErrorHandlerResult,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { type FlowModelChangedParams, FlowModelChangedNotification, FlowModelRequest } from './protocol';
import { documentSelector } from './topologyFiles';
import type { FlowModel } from '../../server/src/engine/index';

const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class ServerConnection implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private readonly crashes: number[] = [];
  private readonly flowModelChanged = new vscode.EventEmitter<FlowModelChangedParams>();
  private readonly started = new vscode.EventEmitter<LanguageClient>();
  /** Fires after the server published diagnostics for a new version of a document. */
  readonly onDidChangeFlowModel = this.flowModelChanged.event;
  /** Fires each time a (re)started client is ready. */
  readonly onDidStart = this.started.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.OutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        // Before the first start there is no client to restart; extension.ts then re-decides
        // whether the new globs make the server start.
        if (event.affectsConfiguration('lyncPorts.files') && this.client) {
          this.output.appendLine('lyncPorts.files changed: restarting the language client with the new document selector.');
          void this.restart();
        }
      }),
    );
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const serverModule = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module: serverModule, transport: TransportKind.ipc },
      debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: documentSelector(),
      outputChannel: this.output,
      synchronize: { configurationSection: 'lyncPorts' },
      errorHandler: {
        error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue }),
        closed: () => this.onClosed(),
      },
    };
    const client = new LanguageClient('lyncPorts', 'Lync Ports language server', serverOptions, clientOptions);
    this.client = client;
    client.onNotification(FlowModelChangedNotification, (params) => this.flowModelChanged.fire(params));
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) this.started.fire(client);
    });
    await client.start();
  }

  async restart(): Promise<void> {
    const previous = this.client;
    this.client = undefined;
    if (previous) {
      try {
        await previous.stop();
      } catch (error) {
        this.output.appendLine(`Stopping the language client failed: ${String(error)}`);
      }
    }
    await this.start();
  }

  /** The server's flow model for a document; undefined while no server answers. */
  async flowModel(uri: vscode.Uri): Promise<FlowModel | undefined> {
    const client = this.client;
    if (!client || client.state !== State.Running) return undefined;
    try {
      return (await client.sendRequest(FlowModelRequest, { uri: client.code2ProtocolConverter.asUri(uri) })) ?? undefined;
    } catch (error) {
      this.output.appendLine(`lyncPorts/flowModel failed for ${uri.toString()}: ${String(error)}`);
      return undefined;
    }
  }

  private onClosed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      this.output.appendLine(`The language server stopped; restarting it (${this.crashes.length} of ${MAX_RESTARTS} within 3 minutes).`);
      return { action: CloseAction.Restart, handled: true };
    }
    void vscode.window
      .showErrorMessage(`The Lync Ports language server stopped ${this.crashes.length} times in 3 minutes and was not restarted. See the "Lync Ports" output.`, 'Restart Server', 'Show Output')
      .then((choice) => {
        if (choice === 'Restart Server') {
          this.crashes.length = 0;
          void this.restart();
        } else if (choice === 'Show Output') {
          this.output.show();
        }
      });
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** Stops the server; deactivate() awaits this, the later dispose by the subscriptions finds nothing left. */
  async dispose(): Promise<void> {
    this.disposables.forEach((disposable) => disposable.dispose());
    this.disposables.length = 0;
    const client = this.client;
    this.client = undefined;
    if (client) await client.stop();
    this.flowModelChanged.dispose();
    this.started.dispose();
  }
}
