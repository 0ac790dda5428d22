// Starts the bundled language server over IPC and keeps it running: a crashed server is
// restarted (with a limit, so a server that dies on start-up does not loop forever), a change of
// `lyncPorts.files` (or of the workspace folders it is relative to) restarts the client because
// the document selector is fixed at start. The language client itself is dist/languageClient.js,
// loaded on the first start (see languageClient.ts).
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type * as LanguageClientModule from './languageClient';
import {
  type FlowModelChangedParams,
  NOTIFICATIONS,
  type ParamsOf,
  type RequestMethod,
  REQUESTS,
  type ResultOf,
} from '../../server/src/shared/protocol';
import { hasSyntaxError, LastGoodChecks, type ShownCheck } from './lastGoodCheck';
import { documentSelector, hasFolderGlobs } from './topologyFiles';
import type { FlowModel } from '../../server/src/engine/index';

const t = vscode.l10n.t;

let languageClientModule: typeof LanguageClientModule | undefined;

/** Beside this file: dist/languageClient.js in the package, out/client/src/languageClient.js under tsc. */
function loadLanguageClient(): typeof LanguageClientModule {
  // A computed path, so esbuild leaves the require to run time instead of inlining the module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  languageClientModule ??= require(join(__dirname, 'languageClient.js')) as typeof LanguageClientModule;
  return languageClientModule;
}

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
          this.output.appendLine(
            'lyncPorts.files changed: restarting the language client with the new document selector.',
          );
          void this.restart();
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forgetDocument(document.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (!this.client || !hasFolderGlobs()) return;
        this.output.appendLine('The workspace folders changed: restarting the language client for lyncPorts.files.');
        void this.restart();
      }),
    );
  }

  get languageClient(): LanguageClient | undefined {
    return this.client;
  }

  async start(): Promise<void> {
    const client = loadLanguageClient().createLanguageClient({
      serverModule: vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath,
      documentSelector: documentSelector(),
      output: this.output,
      restartAfterCrash: () => this.onClosed(),
      onRunning: () => this.started.fire(client),
    });
    this.client = client;
    client.onNotification(NOTIFICATIONS.flowModelChanged, (params: FlowModelChangedParams) => {
      this.flowModelChanged.fire(params);
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

  private readonly lastGood = new LastGoodChecks<FlowModel>();

  /**
   * The model the status bar and the diagram show: while the document's YAML does not parse, its
   * last good check (stale), so broken text never looks like a fresh result.
   */
  async shownFlowModel(uri: vscode.Uri): Promise<ShownCheck<FlowModel>> {
    const model = await this.flowModel(uri);
    return this.lastGood.shown(uri.toString(), model, syntaxErrorIn(uri));
  }

  forgetDocument(uri: vscode.Uri): void {
    this.lastGood.forget(uri.toString());
  }

  /** The server's flow model for a document; undefined while no server answers. */
  async flowModel(uri: vscode.Uri): Promise<FlowModel | undefined> {
    return (await this.request(REQUESTS.flowModel, uri, {}).catch(() => undefined)) ?? undefined;
  }

  /**
   * One of the server's own requests about a document (server/src/shared/protocol.ts). Rejects
   * when no server runs or the request fails; the failure is also written to the output.
   */
  async request<M extends RequestMethod>(
    method: M,
    uri: vscode.Uri,
    params: Omit<ParamsOf<M>, 'uri'>,
  ): Promise<ResultOf<M>> {
    const client = this.client;
    if (!client?.isRunning()) throw new Error(t('The Lync Ports language server is not running.'));
    try {
      const sent = { ...params, uri: client.code2ProtocolConverter.asUri(uri) };
      return await client.sendRequest<ResultOf<M>>(method, sent);
    } catch (error) {
      this.output.appendLine(`${method} failed for ${uri.toString()}: ${String(error)}`);
      throw error;
    }
  }

  /** Whether to restart a server that stopped. */
  private onClosed(): boolean {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length <= MAX_RESTARTS) {
      this.output.appendLine(
        `The language server stopped; restarting it (${this.crashes.length} of ${MAX_RESTARTS} within 3 minutes).`,
      );
      return true;
    }
    const restartServer = t('Restart Server');
    const showOutput = t('Show Output');
    void vscode.window
      .showErrorMessage(
        t(
          'The Lync Ports language server stopped {0} times in 3 minutes and was not restarted. ' +
            'See the "Lync Ports" output.',
          this.crashes.length,
        ),
        restartServer,
        showOutput,
      )
      .then((choice) => {
        if (choice === restartServer) {
          this.crashes.length = 0;
          void this.restart();
        } else if (choice === showOutput) {
          this.output.show();
        }
      });
    return false;
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

/** Whether VS Code holds a `yaml-syntax` diagnostic for the document (the server published it). */
export function syntaxErrorIn(uri: vscode.Uri): boolean {
  return hasSyntaxError(vscode.languages.getDiagnostics(uri).map((diagnostic) => diagnostic.code));
}
