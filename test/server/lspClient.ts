import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { after, before } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  createProtocolConnection,
  InitializeResult,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  RegistrationRequest,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type FlowModelChangedParams, NOTIFICATIONS } from '../../server/src/shared/protocol';

// A real LSP client for the tests: the server runs as its own process (`node dist/server.js
// --stdio`), exactly as Neovim or VS Code start it, and every wait is on an event with a deadline.

export const ROOT = resolve(__dirname, '..', '..', '..');
export const SERVER = resolve(ROOT, 'dist', 'server.js');
export const CONTOSO = readFileSync(resolve(ROOT, 'examples', 'contoso.topology.yaml'), 'utf8');
const WAIT_MS = 20_000;

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export interface StartOptions {
  rootPath?: string;
  /** Answers workspace/configuration; when absent the client does not announce the capability. */
  configuration?: (section: string | undefined, scopeUri: string | undefined) => unknown;
  initializationOptions?: unknown;
  prepareRename?: boolean;
  /** InitializeParams.locale: the client's display language. */
  locale?: string;
  /** Arguments for node; the bundled server by default. */
  command?: string[];
  /** Added to the server's environment. */
  env?: Record<string, string>;
  /** Awaited between the answer to `initialize` and the `initialized` notification. */
  beforeInitialized?: (server: ChildProcess) => Promise<void>;
}

interface Waiter<T> {
  predicate: (value: T) => boolean;
  resolve: (value: T) => void;
}

// Every server this file started. A test whose assertion fails before it stops its server would
// leave the process (and the pipes) open, and the test file would never end: kill what is left.
const started = new Set<TestClient>();
after(() => {
  for (const client of started) {
    if (client.process.exitCode === null && client.process.signalCode === null) client.process.kill();
    client.connection.dispose();
  }
});

export class TestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly flowModelChanged: FlowModelChangedParams[] = [];
  readonly registrations: string[] = [];
  /** window/logMessage texts: the server logs there what a guard caught. */
  readonly logs: string[] = [];
  stderr = '';
  initializeResult!: InitializeResult;
  private readonly waiters: Waiter<PublishDiagnosticsParams>[] = [];
  private readonly texts = new Map<string, TextDocument>();
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolveExit) => process.on('exit', (code) => resolveExit(code)));
    process.stderr?.on('data', (chunk) => (this.stderr += chunk.toString()));
    connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const waiter of [...this.waiters]) {
        if (waiter.predicate(params)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    connection.onNotification(NOTIFICATIONS.flowModelChanged, (params: FlowModelChangedParams) => {
      this.flowModelChanged.push(params);
    });
    connection.onNotification('window/logMessage', (params: { message: string }) => this.logs.push(params.message));
    connection.onRequest(RegistrationRequest.type, (params) => {
      this.registrations.push(...params.registrations.map((registration) => registration.method));
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<TestClient> {
    const child = spawn(process.execPath, options.command ?? [SERVER, '--stdio'], {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    const client = new TestClient(child, connection);
    started.add(client);
    if (options.configuration) {
      const answer = options.configuration;
      connection.onRequest(ConfigurationRequest.type, (params) =>
        params.items.map((item) => answer(item.section, item.scopeUri) ?? null),
      );
    }
    const rootUri = options.rootPath ? fileUri(options.rootPath) : null;
    client.initializeResult = await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
        initializationOptions: options.initializationOptions,
        ...(options.locale === undefined ? {} : { locale: options.locale }),
        capabilities: {
          workspace: {
            configuration: options.configuration !== undefined,
            didChangeConfiguration: { dynamicRegistration: true },
            didChangeWatchedFiles: { dynamicRegistration: true },
            workspaceFolders: true,
          },
          textDocument: {
            publishDiagnostics: {
              relatedInformation: true,
              versionSupport: true,
              codeDescriptionSupport: true,
              dataSupport: true,
            },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
            hover: { contentFormat: ['markdown'] },
            rename: { prepareSupport: options.prepareRename ?? true },
            codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          },
        },
      }),
      'initialize',
    );
    await options.beforeInitialized?.(child);
    await connection.sendNotification('initialized', {});
    return client;
  }

  async open(uri: string, text: string, languageId = 'lync-topology', version = 1): Promise<void> {
    this.texts.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  /** Sends incremental changes and keeps the client's copy of the text in step. */
  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const document = this.texts.get(uri);
    if (!document) throw new Error(`${uri} is not open`);
    this.texts.set(uri, TextDocument.update(document, changes, version));
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: changes,
    });
  }

  /** Replaces the first occurrence of `search` with an incremental change. */
  async replace(uri: string, version: number, search: string, replacement: string): Promise<void> {
    const document = this.texts.get(uri)!;
    const offset = document.getText().indexOf(search);
    if (offset < 0) throw new Error(`'${search}' is not in ${uri}`);
    await this.change(uri, version, [
      {
        range: { start: document.positionAt(offset), end: document.positionAt(offset + search.length) },
        text: replacement,
      },
    ]);
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  document(uri: string): TextDocument {
    return this.texts.get(uri)!;
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** The first publication (already received or still to come) that satisfies `predicate`. */
  waitForDiagnostics(
    predicate: (params: PublishDiagnosticsParams) => boolean,
    what: string,
  ): Promise<PublishDiagnosticsParams> {
    const seen = this.published.find(predicate);
    if (seen) return Promise.resolve(seen);
    return withTimeout(
      new Promise((resolveWait) => this.waiters.push({ predicate, resolve: resolveWait })),
      `diagnostics: ${what}`,
    );
  }

  diagnosticsFor(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitForDiagnostics(
      (params) => params.uri === uri && params.version === version,
      `${uri} version ${version}`,
    );
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return withTimeout(this.connection.sendRequest(method, params) as Promise<R>, method);
  }

  /** shutdown + exit, as a well-behaved client ends; resolves to the server's exit code. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    try {
      await this.request('shutdown', null);
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await withTimeout(this.exited, 'server exit');
    this.connection.dispose();
    return code;
  }

  get exitPromise(): Promise<number | null> {
    return this.exited;
  }
}

/**
 * One server shared by the tests of the enclosing `describe`, started before the first and stopped after the last:
 * a server that does not exit with 0 after shutdown/exit fails the suite. Call the returned function for the client;
 * it exists only once `before` has run.
 */
export function serverForSuite(): () => TestClient {
  let client: TestClient | undefined;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.ok(client, 'the server started');
    assert.equal(await client.stop(), 0, `the server exits cleanly after shutdown/exit; stderr:\n${client.stderr}`);
  });
  return () => {
    assert.ok(client, 'the server is started in before()');
    return client;
  };
}

export function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Position of the `occurrence`-th `needle` in `text`, plus `delta` characters. */
export function positionOf(
  text: string,
  needle: string,
  delta = 0,
  occurrence = 0,
): { line: number; character: number } {
  let offset = -1;
  for (let k = 0; k <= occurrence; k++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`'${needle}' (#${occurrence}) is not in the text`);
  }
  const document = TextDocument.create('file:///x', 'yaml', 0, text);
  return document.positionAt(offset + delta);
}
