// The language client, bundled apart as dist/languageClient.js: vscode-languageclient is most of
// the extension's code, and a YAML user who never opens a topology file never needs it.
// serverConnection.ts loads this file the first time the server starts; nothing else imports it.
import type * as vscode from 'vscode';
import {
  CloseAction,
  type DocumentSelector,
  ErrorAction,
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { serverEnvironment } from './serverEnvironment';

export interface ClientWiring {
  /** dist/server.js. */
  serverModule: string;
  documentSelector: vscode.DocumentFilter[];
  output: vscode.OutputChannel;
  /** The server process ended: whether to start it again (the caller counts the crashes). */
  restartAfterCrash(): boolean;
  /** Called each time the client (re)connects to a running server. */
  onRunning(): void;
}

/**
 * How the server process starts: dist/server.js over IPC, with glibc malloc's settings added to the
 * extension host's environment (serverEnvironment.ts), in a run and in a debug session alike.
 */
export function serverOptions(serverModule: string, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const added = serverEnvironment(env);
  return {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env: added } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { env: added, execArgv: ['--nolazy', '--inspect=6019'] },
    },
  };
}

export function createLanguageClient(wiring: ClientWiring): LanguageClient {
  const clientOptions: LanguageClientOptions = {
    // The protocol's DocumentFilter types a RelativePattern as { baseUri: string }; the client hands
    // the filters to vscode.languages.match as they are, which takes vscode.RelativePattern.
    documentSelector: wiring.documentSelector as DocumentSelector,
    outputChannel: wiring.output,
    synchronize: { configurationSection: 'lyncPorts' },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => ({
        action: wiring.restartAfterCrash() ? CloseAction.Restart : CloseAction.DoNotRestart,
        handled: true,
      }),
    },
  };
  const client = new LanguageClient(
    'lyncPorts',
    'Lync Ports language server',
    serverOptions(wiring.serverModule),
    clientOptions,
  );
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) wiring.onRunning();
  });
  return client;
}
