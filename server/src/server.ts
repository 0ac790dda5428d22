import { promises as fs } from 'node:fs';
import {
  CancellationToken,
  CodeActionKind,
  CodeActionTriggerKind,
  Connection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
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
import { completionsAt } from './engine/completion';
import { foldingRanges } from './engine/folding';
import { hoverAt } from './engine/hover';
import { CheckResult, checkTopology } from './engine/index';
import { definitionsAt, prepareRenameAt, referencesAt, renameAt } from './engine/navigation';
import { offsetAt } from './engine/parse';
import { documentSymbols } from './engine/symbols';
import { codeActions, FIX_ALL_KIND } from './lsp/codeActions';
import { toCompletionItem, toDocumentSymbol, toFoldingRange, toLspDiagnostics, toRange, toTextEdit } from './lsp/convert';
import { listenSafely } from './lsp/safeDocuments';
import { checkKey, DEFAULT_SETTINGS, normalizeSettings, Settings } from './lsp/settings';
import { findTopologyFiles, isTopologyFile, pathToUri, uriToPath } from './lsp/workspace';

// The language server: LSP wiring around the engine, nothing more. Every feature reads one
// CheckResult per (document, version); diagnostics are pushed, since Neovim 0.7 cannot pull.

export const FLOW_MODEL_REQUEST = 'lyncPorts/flowModel';
export const FLOW_MODEL_CHANGED = 'lyncPorts/flowModelChanged';
const DEBOUNCE_MS = 150;
const CONFIGURATION_TIMEOUT_MS = 2000;

interface Cached {
  version: number;
  key: string;
  result: CheckResult;
}

interface Current {
  document: TextDocument;
  settings: Settings;
  result: CheckResult;
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const cache = new Map<string, Cached>();
  /** Topology files of the workspace checked from disk (not open), by URI. */
  const diskResults = new Map<string, CheckResult>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const justOpened = new Set<string>();
  const published = new Set<string>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let globalSettings: Settings = DEFAULT_SETTINGS;
  let folders: string[] = [];
  let canAskConfiguration = false;
  let canRegisterConfiguration = false;
  let canWatchFiles = false;
  let shuttingDown = false;

  const log = (message: string): void => {
    try {
      connection.console.error(message);
    } catch {
      // The connection may already be gone; nothing is left to tell.
    }
  };

  // ---- settings ----

  function settingsFor(uri: string | undefined): Promise<Settings> {
    if (!canAskConfiguration) return Promise.resolve(globalSettings);
    const key = uri ?? '';
    let pending = settingsCache.get(key);
    if (!pending) {
      const asked = connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: 'lyncPorts' } : { section: 'lyncPorts' }).then(normalizeSettings);
      // A client that announces configuration support but never answers must not stall checks.
      const timeout = new Promise<Settings>((resolve) => setTimeout(() => resolve(globalSettings), CONFIGURATION_TIMEOUT_MS).unref?.());
      pending = Promise.race([asked, timeout]).catch((error) => {
        log(`lync-ports: reading settings failed: ${describe(error)}`);
        return globalSettings;
      });
      settingsCache.set(key, pending);
    }
    return pending;
  }

  const checkOptions = (settings: Settings) => (settings.defaultProduct ? { defaultProduct: settings.defaultProduct } : {});

  // ---- checking and publishing ----

  function isTopology(document: TextDocument, settings: Settings): boolean {
    const path = uriToPath(document.uri) ?? document.uri;
    return isTopologyFile(path, document.languageId, document.getText(), settings, folders);
  }

  function resultFor(document: TextDocument, settings: Settings): CheckResult {
    const key = checkKey(settings);
    const hit = cache.get(document.uri);
    if (hit && hit.version === document.version && hit.key === key) return hit.result;
    const result = checkTopology(document.getText(), checkOptions(settings));
    cache.set(document.uri, { version: document.version, key, result });
    return result;
  }

  function publish(uri: string, version: number | null, result: CheckResult, settings: Settings): void {
    connection.sendDiagnostics({ uri, version: version ?? undefined, diagnostics: toLspDiagnostics(result.diagnostics, uri, version, settings) });
    published.add(uri);
    connection.sendNotification(FLOW_MODEL_CHANGED, { uri, version });
  }

  function clear(uri: string): void {
    if (!published.delete(uri)) return;
    connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  async function validate(uri: string): Promise<void> {
    const document = documents.get(uri);
    if (!document || shuttingDown) return;
    const version = document.version;
    const settings = await settingsFor(uri);
    const now = documents.get(uri);
    // A newer version arrived while the settings were read: its own check publishes.
    if (!now || now.version !== version) return;
    if (!isTopology(now, settings)) {
      clear(uri);
      return;
    }
    // checkTopology is synchronous, so nothing can change the document between here and publish.
    publish(uri, version, resultFor(now, settings), settings);
  }

  function schedule(uri: string): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.set(uri, setTimeout(() => {
      timers.delete(uri);
      validate(uri).catch((error) => log(`lync-ports: checking ${uri} failed: ${describe(error)}`));
    }, DEBOUNCE_MS));
  }

  async function checkFromDisk(path: string, settings: Settings): Promise<void> {
    const uri = pathToUri(path);
    if (isOpen(path)) return;
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch {
      diskResults.delete(uri);
      clear(uri);
      return;
    }
    if (isOpen(path)) return;
    const result = checkTopology(text, checkOptions(settings));
    diskResults.set(uri, result);
    publish(uri, null, result, settings);
  }

  function isOpen(path: string): boolean {
    return documents.all().some((document) => uriToPath(document.uri) === path);
  }

  async function scanWorkspace(): Promise<void> {
    const settings = await settingsFor(folders[0] ? pathToUri(folders[0]) : undefined);
    const found = await findTopologyFiles(folders, settings);
    const keep = new Set(found.map(pathToUri));
    for (const uri of [...diskResults.keys()]) {
      if (keep.has(uri)) continue;
      diskResults.delete(uri);
      if (!documents.get(uri)) clear(uri);
    }
    for (const path of found) await checkFromDisk(path, settings);
  }

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
    const document = documents.get(uri);
    if (!document) return undefined;
    const settings = await settingsFor(uri);
    const latest = documents.get(uri);
    if (!latest || !isTopology(latest, settings)) return undefined;
    return { document: latest, settings, result: resultFor(latest, settings) };
  }

  function offsetOf(found: Current, params: unknown): number {
    const position = (params as { position?: Position } | undefined)?.position;
    if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) {
      throw new ResponseError(ErrorCodes.InvalidParams, 'position { line, character } is required');
    }
    return offsetAt(found.result.parsed, position.line, position.character);
  }

  const locations = (uri: string, ranges: ReturnType<typeof definitionsAt>): Location[] => ranges.map((range) => ({ uri, range: toRange(range) }));

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params?.capabilities ?? {};
    canAskConfiguration = capabilities.workspace?.configuration === true;
    canRegisterConfiguration = capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    canWatchFiles = capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    globalSettings = normalizeSettings((params?.initializationOptions as { lyncPorts?: unknown } | undefined)?.lyncPorts ?? params?.initializationOptions);
    folders = (params?.workspaceFolders ?? []).flatMap((folder) => uriToPath(folder.uri) ?? []);
    if (folders.length === 0 && params?.rootUri) folders = [uriToPath(params.rootUri)].filter((path): path is string => !!path);
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
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'lync-ports' },
    };
  });

  connection.onInitialized(() => {
    const run = async () => {
      // Without these registrations, settings changes arrive only if the client sends them
      // unasked, and files changed outside the editor are re-checked when opened.
      if (canAskConfiguration && canRegisterConfiguration) {
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'lyncPorts' }).catch(() => undefined);
      }
      if (canWatchFiles) {
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
      }
      await scanWorkspace();
    };
    run().catch((error) => log(`lync-ports: workspace check failed: ${describe(error)}`));
    try {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const removed = new Set(event.removed.flatMap((folder) => uriToPath(folder.uri) ?? []));
        folders = [...folders.filter((folder) => !removed.has(folder)), ...event.added.flatMap((folder) => uriToPath(folder.uri) ?? [])];
        scanWorkspace().catch((error) => log(`lync-ports: workspace check failed: ${describe(error)}`));
      });
    } catch {
      // The client does not support workspace folders.
    }
  });

  connection.onDidChangeConfiguration((change) => {
    try {
      if (!canAskConfiguration) globalSettings = normalizeSettings((change?.settings as { lyncPorts?: unknown } | undefined)?.lyncPorts);
      settingsCache.clear();
      for (const document of documents.all()) schedule(document.uri);
      scanWorkspace().catch((error) => log(`lync-ports: workspace check failed: ${describe(error)}`));
    } catch (error) {
      log(`lync-ports: settings change failed: ${describe(error)}`);
    }
  });

  connection.onDidChangeWatchedFiles((params) => {
    const run = async () => {
      for (const change of params?.changes ?? []) {
        const path = uriToPath(change.uri);
        if (!path || isOpen(path)) continue;
        const uri = pathToUri(path);
        if (change.type === FileChangeType.Deleted) {
          diskResults.delete(uri);
          clear(uri);
          continue;
        }
        const settings = await settingsFor(uri);
        const text = await fs.readFile(path, 'utf8').catch(() => undefined);
        if (text === undefined) continue;
        if (isTopologyFile(path, undefined, text, settings, folders)) await checkFromDisk(path, settings);
        else if (diskResults.delete(uri)) clear(uri);
      }
    };
    run().catch((error) => log(`lync-ports: file change failed: ${describe(error)}`));
  });

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    diskResults.delete(event.document.uri);
  });

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    if (justOpened.delete(uri)) {
      validate(uri).catch((error) => log(`lync-ports: checking ${uri} failed: ${describe(error)}`));
    } else {
      schedule(uri);
    }
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    cache.delete(uri);
    justOpened.delete(uri);
    const path = uriToPath(uri);
    // A workspace topology file goes back to its saved content; anything else leaves the problems list.
    const run = async () => {
      const settings = await settingsFor(uri);
      let text: string | undefined;
      if (path) text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (path && text !== undefined && isTopologyFile(path, event.document.languageId, text, settings, folders)) await checkFromDisk(path, settings);
      else clear(uri);
    };
    run().catch((error) => log(`lync-ports: closing ${uri} failed: ${describe(error)}`));
  });

  connection.onCompletion(guard('completion', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    const entries = completionsAt(found.result, offsetOf(found, params));
    return { isIncomplete: false, items: entries.map((entry) => toCompletionItem(found.result.parsed, entry)) };
  }));

  connection.onHover(guard('hover', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    const hover = hoverAt(found.result.parsed, found.result.model, offsetOf(found, params));
    return hover ? { contents: { kind: 'markdown' as const, value: hover.markdown }, range: toRange(hover.range) } : null;
  }));

  connection.onCodeAction(guard('codeAction', null, async (params) => {
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
    });
  }));

  connection.onDocumentSymbol(guard('documentSymbol', null, async (params) => {
    const found = await current(params);
    return found ? documentSymbols(found.result.parsed, found.result.model).map(toDocumentSymbol) : null;
  }));

  connection.onFoldingRanges(guard('foldingRange', null, async (params) => {
    const found = await current(params);
    return found ? foldingRanges(found.result.parsed.text).map(toFoldingRange) : null;
  }));

  connection.onDefinition(guard('definition', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    return locations(found.document.uri, definitionsAt(found.result.parsed, found.result.model, offsetOf(found, params)));
  }));

  connection.onReferences(guard('references', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    const includeDeclaration = params?.context?.includeDeclaration !== false;
    return locations(found.document.uri, referencesAt(found.result.parsed, found.result.model, offsetOf(found, params), includeDeclaration));
  }));

  connection.onPrepareRename(guard('prepareRename', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    const prepared = prepareRenameAt(found.result.parsed, found.result.model, offsetOf(found, params));
    return prepared ? { range: toRange(prepared.range), placeholder: prepared.placeholder } : null;
  }));

  connection.onRenameRequest(guard('rename', null, async (params) => {
    const found = await current(params);
    if (!found) return null;
    if (typeof params?.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'newName is required');
    const renamed = renameAt(found.result.parsed, found.result.model, offsetOf(found, params), params.newName.trim());
    if (!renamed.ok) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.reason);
    return { changes: { [found.document.uri]: renamed.edits.map((edit) => toTextEdit(found.result.parsed, edit)) } };
  }));

  connection.onRequest(FLOW_MODEL_REQUEST, guard('flowModel', null, async (params: { uri?: unknown } | undefined) => {
    const uri = params?.uri;
    if (typeof uri !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'uri is required');
    const document = documents.get(uri);
    if (document) {
      const found = await current({ textDocument: { uri } });
      return found?.result.flowModel ?? null;
    }
    return diskResults.get(uri)?.flowModel ?? diskResults.get(pathToUri(uriToPath(uri) ?? ''))?.flowModel ?? null;
  }));

  connection.onShutdown(() => {
    shuttingDown = true;
    for (const pending of timers.values()) clearTimeout(pending);
    timers.clear();
  });

  listenSafely(documents, connection, log);
  connection.listen();
}

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}
