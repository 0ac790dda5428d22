import {
  CancellationToken,
  CodeActionKind,
  CodeActionTriggerKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  InitializeParams,
  InitializeResult,
  Location,
  LSPErrorCodes,
  Position,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  completionsAt,
  foldingRanges,
  definitionsAt,
  prepareRenameAt,
  referencesAt,
  renameAt,
  offsetAt,
  documentSymbols,
} from './engine/index';
import type { CheckResult } from './engine/index';
import { Checker, describe } from './lsp/checker';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { diagramSvg, exportRules } from './lsp/extensionRequests';
import { toCompletionItem, toDocumentSymbol, toFoldingRange, toRange, toTextEdit } from './lsp/convert';
import { lspCodeLenses, lspInlayHints } from './lsp/lenses';
import { hoverFor } from './lsp/hover';
import { setServerLocale } from './lsp/locale';
import { listenSafely } from './lsp/safeDocuments';
import type { Settings } from './lsp/settings';
import { SettingsStore } from './lsp/settingsStore';
import { uriToPath } from './lsp/workspace';
import { type ParamsOf, type RequestMethod, REQUESTS, type ResultOf } from './shared/protocol';

// The language server: LSP wiring around the engine, nothing more. Every feature reads the
// Checker's one CheckResult per (document, version); diagnostics are pushed, since Neovim 0.7
// cannot pull them.

interface Current {
  document: TextDocument;
  settings: Settings;
  result: CheckResult;
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
  // Code actions then carry the version they were computed on, and the client refuses them when stale.
  let versionedEdits = false;
  const background = (what: string, work: Promise<unknown>): void => {
    work.catch((error) => log(`lync-ports: ${what} failed: ${describe(error)}`));
  };

  // ---- requests: guarded, so no request can throw out of its handler ----

  function guard<P, R>(name: string, fallback: R, handler: (params: P, token: CancellationToken) => R | Promise<R>) {
    return async (params: P, token: CancellationToken): Promise<R | ResponseError<void>> => {
      try {
        if (token?.isCancellationRequested) return cancelled();
        const value = await handler(params, token);
        return token?.isCancellationRequested ? cancelled() : value;
      } catch (error) {
        if (error instanceof ResponseError) return error;
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
    return { document: latest, settings: documentSettings, result: checker.resultFor(latest, documentSettings) };
  }

  function offsetOf(found: Current, params: unknown): number {
    const position = (params as { position?: Position } | undefined)?.position;
    if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'position { line, character } is required');
    }
    return offsetAt(found.result.parsed, position.line, position.character);
  }

  const locations = (uri: string, ranges: ReturnType<typeof definitionsAt>): Location[] =>
    ranges.map((range) => ({ uri, range: toRange(range) }));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    setServerLocale(params?.locale);
    const capabilities = params?.capabilities ?? {};
    settings.initialize(capabilities.workspace?.configuration === true, params?.initializationOptions);
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    canRefreshInlayHints = capabilities.workspace?.inlayHint?.refreshSupport === true;
    versionedEdits = capabilities.workspace?.workspaceEdit?.documentChanges === true;
    checker.folders = (params?.workspaceFolders ?? []).flatMap((folder) => uriToPath(folder.uri) ?? []);
    if (checker.folders.length === 0 && params?.rootUri)
      checker.folders = [uriToPath(params.rootUri)].filter((path): path is string => !!path);
    const prepareRename = capabilities.textDocument?.rename?.prepareSupport === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        completionProvider: { triggerCharacters: ['.', ':', '/', ' '] },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
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
    if (canRefreshInlayHints) background('inlay hint refresh', connection.languages.inlayHint.refresh());
    for (const document of documents.all()) checker.schedule(document.uri);
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
    const uri = event.document.uri;
    // Fired for an open too: check an opened file at once, debounce typing.
    if (justOpened.delete(uri)) background(`checking ${uri}`, checker.validate(uri));
    else checker.schedule(uri);
  });

  documents.onDidClose((event) => {
    justOpened.delete(event.document.uri);
    background(`closing ${event.document.uri}`, checker.closed(event.document));
  });

  connection.onCompletion(
    guard('completion', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const fallbackModel = checker.fallbackModel(found.document.uri, found.result);
      const entries = completionsAt({ ...found.result, fallbackModel }, offsetOf(found, params));
      return { isIncomplete: false, items: entries.map((entry) => toCompletionItem(found.result.parsed, entry)) };
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      return hoverFor(found.result, offsetOf(found, params));
    }),
  );

  connection.onCodeAction(
    guard('codeAction', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const range = params?.range;
      if (!range?.start || !range?.end) throw new ResponseError(ErrorCodes.InvalidParams, 'range is required');
      return codeActions({
        uri: found.document.uri,
        version: found.document.version,
        result: found.result,
        settings: found.settings,
        range,
        contextDiagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [],
        only: Array.isArray(params.context?.only) ? params.context.only : undefined,
        automatic: params.context?.triggerKind === CodeActionTriggerKind.Automatic,
        text: found.document.getText(),
        versionedEdits,
      });
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', null, async (params) => {
      const found = await current(params);
      return found ? documentSymbols(found.result.parsed, found.result.model).map(toDocumentSymbol) : null;
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', null, async (params) => {
      const found = await current(params);
      return found ? foldingRanges(found.result.parsed.text).map(toFoldingRange) : null;
    }),
  );

  connection.onCodeLens(
    guard('codeLens', null, async (params) => {
      const found = await current(params);
      return found ? lspCodeLenses(found.result, found.document.uri) : null;
    }),
  );

  connection.languages.inlayHint.on(
    guard('inlayHint', null, async (params) => {
      const found = await current(params);
      return found ? lspInlayHints(found.result, found.settings, params?.range) : null;
    }),
  );

  connection.onDefinition(
    guard('definition', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      return locations(
        found.document.uri,
        definitionsAt(found.result.parsed, found.result.model, offsetOf(found, params)),
      );
    }),
  );

  connection.onReferences(
    guard('references', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const includeDeclaration = params?.context?.includeDeclaration !== false;
      return locations(
        found.document.uri,
        referencesAt(found.result.parsed, found.result.model, offsetOf(found, params), includeDeclaration),
      );
    }),
  );

  connection.onPrepareRename(
    guard('prepareRename', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      const prepared = prepareRenameAt(found.result.parsed, found.result.model, offsetOf(found, params));
      return prepared ? { range: toRange(prepared.range), placeholder: prepared.placeholder } : null;
    }),
  );

  connection.onRenameRequest(
    guard('rename', null, async (params) => {
      const found = await current(params);
      if (!found) return null;
      if (typeof params?.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'newName is required');
      const renamed = renameAt(found.result.parsed, found.result.model, offsetOf(found, params), params.newName.trim());
      if (!renamed.ok) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.reason);
      return { changes: { [found.document.uri]: renamed.edits.map((edit) => toTextEdit(found.result.parsed, edit)) } };
    }),
  );

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

  /** The check of an open topology document, else of a workspace topology file on disk. */
  async function checked(uri: string): Promise<CheckResult | undefined> {
    if (documents.get(uri)) return (await current({ textDocument: { uri } }))?.result;
    return await checker.diskResult(uri);
  }

  const failed = { refused: 'The language server failed to answer; see its output.' };
  onExtensionRequest(REQUESTS.flowModel, null, async (_params, uri) => (await checked(uri))?.flowModel ?? null);
  onExtensionRequest(REQUESTS.exportRules, failed, async (params, uri) => {
    return exportRules(await checked(uri), params.format);
  });
  onExtensionRequest(REQUESTS.diagramSvg, failed, async (params, uri) => {
    return diagramSvg(await checked(uri), uri, params.title);
  });

  connection.onShutdown(() => checker.stop());

  listenSafely(documents, connection, log);
  connection.listen();
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}
