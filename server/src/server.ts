import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancellationToken,
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Checker, describe, quickInput } from './lsp/checker';
import { FIX_ALL_KIND } from './lsp/codeActions';
import { completion, hover } from './lsp/features';
import { setServerLocale } from './lsp/locale';
import { listenSafely } from './lsp/safeDocuments';
import { DEFAULT_SETTINGS, type Settings } from './lsp/settings';
import { SettingsStore } from './lsp/settingsStore';
import type { FeatureMethod } from './lsp/workerProtocol';
import { uriToPath } from './lsp/workspace';
import { INSERT_ALL_MISSING_KIND, type ParamsOf, type RequestMethod, REQUESTS, type ResultOf } from './shared/protocol';

// The language server: LSP wiring around the engine, nothing more. Every feature reads the
// Checker's one CheckResult per (document, version); diagnostics are pushed, since Neovim 0.7
// cannot pull them.

interface Current {
  document: TextDocument;
  settings: Settings;
}

export function startServer(connection: Connection): void {
  const log = (message: string): void => {
    try {
      connection.console.error(message);
    } catch {
      // The connection may already be gone; nothing is left to tell.
    }
  };
  const documents = new TextDocuments(TextDocument);
  const settings = new SettingsStore(connection, log);
  const checker = new Checker(connection, documents, settings, log);
  const justOpened = new Set<string>();
  let canRegisterConfiguration = false;
  let canWatchFiles = false;
  let canRefreshInlayHints = false;
  const background = (what: string, work: Promise<unknown>): void => {
    work.catch((error) => log(`lync-ports: ${what} failed: ${describe(error)}`));
  };

  // ---- requests: guarded, so no request can throw out of its handler ----

  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      checker.collection.touch();
      try {
        if (token?.isCancellationRequested) return cancelled();
        const value = await handler(params, token);
        return token?.isCancellationRequested ? cancelled() : value;
      } catch (error) {
        if (error instanceof ResponseError) return error;
        const rareError = asOwnResponseError(error);
        if (rareError) return rareError;
        log(`lync-ports: ${name} failed: ${describe(error)}`);
        return fallback;
      }
    };
  }

  /** The open topology document a request is about, with its check; undefined otherwise. */
  async function current(params: unknown): Promise<Current | undefined> {
    const uri = (params as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'textDocument.uri is required');
    if (!documents.get(uri)) return undefined;
    const documentSettings = await settings.forUri(uri);
    const latest = documents.get(uri);
    if (!latest || !checker.isTopology(latest, documentSettings)) return undefined;
    return { document: latest, settings: documentSettings };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    setServerLocale(params?.locale);
    const capabilities = params?.capabilities ?? {};
    settings.initialize(capabilities.workspace?.configuration === true, params?.initializationOptions);
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    checker.versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    canRefreshInlayHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    checker.folders = (params?.workspaceFolders ?? []).flatMap((folder) => uriToPath(folder.uri) ?? []);
    if (checker.folders.length === 0 && params?.rootUri)
      checker.folders = [uriToPath(params.rootUri)].filter((path): path is string => !!path);
    const prepareRename = capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['.', ':', '/', ' '] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, INSERT_ALL_MISSING_KIND, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: prepareRename ? { prepareProvider: true } : true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        inlayHintProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lync-ports' },
    };
  });

  connection.onInitialized(() => {
    checker.warm();
    background(
      'workspace check',
      (async () => {
        // Without these registrations, settings changes arrive only if the client sends them
        // unasked, and files changed outside the editor are re-checked when opened.
        if (settings.canAsk && canRegisterConfiguration) {
          await connection.client
            .register(DidChangeConfigurationNotification.type, { section: 'lyncPorts' })
            .catch(() => undefined);
        }
        if (canWatchFiles) {
          await connection.client
            .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] })
            .catch(() => undefined);
        }
        await checker.scanWorkspace();
      })(),
    );
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.flatMap((folder) => uriToPath(folder.uri) ?? []));
        checker.folders = [
          ...checker.folders.filter((folder) => !removed.has(folder)),
          ...event.added.flatMap((folder) => uriToPath(folder.uri) ?? []),
        ];
        background('workspace check', checker.scanWorkspace());
      });
    } catch {
      // The client does not support workspace folders.
    }
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change?.settings);
    for (const document of documents.all()) checker.schedule(document.uri);
    if (canRefreshInlayHints) background('inlay hint refresh', connection.languages.inlayHint.refresh());
    background('workspace check', checker.scanWorkspace());
  });

  connection.onDidChangeWatchedFiles((params) => {
    background('file change', checker.filesChanged(Array.isArray(params?.changes) ? params.changes : []));
  });

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    checker.opened(event.document.uri);
  });

  documents.onDidChangeContent((event) => {
    checker.collection.touch();
    const uri = event.document.uri;
    // Fired for an open too: check an opened file at once, debounce typing.
    if (justOpened.delete(uri)) background(`checking ${uri}`, checker.validate(uri));
    else checker.schedule(uri);
  });

  documents.onDidClose((event) => {
    justOpened.delete(event.document.uri);
    background(`closing ${event.document.uri}`, checker.closed(event.document));
    // The document's text and line table are garbage now.
    checker.collection.owe();
  });

  /** A request answered by the check worker from the check of the document's current version. */
  function onFeature<P>(
    name: FeatureMethod,
    register: (handler: (params: P, token: CancellationToken) => Promise<never>) => void,
  ) {
    register(
      guard(name, null, async (params: P) => {
        const found = await current(params);
        return found ? checker.request(found.document, found.settings, name, params) : null;
      }) as (params: P, token: CancellationToken) => Promise<never>,
    );
  }

  // Completion and hover are answered on this thread from the last check's model, at once and by
  // code kept hot; only a hover on a finding, which shows its detail, asks the worker when it is idle.
  connection.onCompletion(
    guard('completion', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const quick = checker.quickFor(found.document);
      if (!quick) return checker.request(found.document, found.settings, 'completion', params);
      return completion(quickInput(quick), quick.fallback?.model, params);
    }),
  );
  connection.onHover(
    guard('hover', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const quick = checker.quickHoverFor(found.document, params);
      if (!quick) return checker.request(found.document, found.settings, 'hover', params);
      return hover(quick.parsed, quick.quick.model, params);
    }),
  );
  onFeature('codeAction', (handler) => connection.onCodeAction(handler));
  onFeature('documentSymbol', (handler) => connection.onDocumentSymbol(handler));
  onFeature('foldingRange', (handler) => connection.onFoldingRanges(handler));
  onFeature('definition', (handler) => connection.onDefinition(handler));
  onFeature('references', (handler) => connection.onReferences(handler));
  onFeature('prepareRename', (handler) => connection.onPrepareRename(handler));
  onFeature('rename', (handler) => connection.onRenameRequest(handler));
  onFeature('codeLens', (handler) => connection.onCodeLens(handler));
  onFeature('inlayHint', (handler) => connection.languages.inlayHint.on(handler));

  // ---- the extension's requests (shared/protocol.ts) ----

  function onExtensionRequest<M extends RequestMethod>(
    method: M,
    fallback: ResultOf<M>,
    handler: (params: Partial<ParamsOf<M>>, uri: string) => ResultOf<M> | Promise<ResultOf<M>>,
  ): void {
    connection.onRequest(
      method,
      guard(method, fallback, (params: Partial<ParamsOf<M>> | undefined) => {
        const uri = params?.uri;
        if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri is required');
        return handler(params ?? {}, uri);
      }),
    );
  }

  /** The answer from the check of an open topology document, else of a workspace topology file on disk. */
  async function fromCheck(method: FeatureMethod, uri: string, params: unknown): Promise<unknown> {
    if (!documents.get(uri)) return checker.diskRequest(uri, method, params);
    const found = await current({ textDocument: { uri } });
    if (found) return checker.request(found.document, found.settings, method, params);
    // Open, but not a topology file.
    return rare().answer(
      method,
      { uri, version: null, result: undefined, settings: DEFAULT_SETTINGS, versionedEdits: false },
      params,
    );
  }

  const failed = { refused: 'The language server failed to answer; see its output.' };
  const extensionRequests = [
    [REQUESTS.flowModel, 'flowModel', null],
    [REQUESTS.exportRules, 'exportRules', failed],
    [REQUESTS.diagramSvg, 'diagramSvg', failed],
    [REQUESTS.report, 'report', failed],
  ] as const;
  for (const [method, feature, fallback] of extensionRequests) {
    onExtensionRequest(method, fallback, async (params, uri) => (await fromCheck(feature, uri, params)) as never);
  }
  onExtensionRequest(REQUESTS.importTopology, failed, (params, uri) => rare().importTopology(params, uri));
  onExtensionRequest(REQUESTS.verifyDump, failed, (params, uri) => rare().verifyDump(textOf(uri), params));

  /** The open document's text, else the file's on disk. */
  function textOf(uri: string): string | undefined {
    const open = documents.get(uri);
    if (open) return open.getText();
    const path = uriToPath(uri);
    try {
      return path === undefined ? undefined : readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  }

  connection.onShutdown(() => checker.stop());

  listenSafely(documents, connection, log);
  connection.listen();
}

let rareRequests: typeof import('./serverRequests') | undefined;

function rare(): typeof import('./serverRequests') {
  // A computed path, so esbuild leaves the require to run time instead of inlining the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (rareRequests ??= require(join(__dirname, 'serverRequests.js')) as typeof import('./serverRequests'));
}

/**
 * An error the seldom requests' bundle refused a request with, as this bundle's ResponseError:
 * that bundle carries its own copy of the class, which neither `instanceof` above nor the
 * connection (it would send the error as the answer) recognises.
 */
function asOwnResponseError(error: unknown): ResponseError<void> | undefined {
  if (!rareRequests || !(error instanceof rareRequests.ResponseError)) return undefined;
  return new ResponseError(error.code, error.message);
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}
