import { promises as fs } from 'node:fs';
import { Connection, FileEvent, FileChangeType, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorContext, lineStartsOf } from '../engine/index';
import type { CheckResult, CursorContext, ParsedTopology } from '../engine/index';
import { checkKey, Settings } from './settings';
import type { SettingsStore } from './settingsStore';
import { type Answer, WorkerClient } from './workerClient';
import { offsetOf } from './features';
import { diagnosticsParams } from './rawDiagnostics';
import { QuietCollection } from './quietCollection';
import { serverLocale } from './locale';
import type { FeatureMethod, QuickModel, WorkerSettings } from './workerProtocol';
import { findTopologyFiles, isTopologyFile, pathToUri, uriToPath } from './workspace';
import { type FlowModelChangedParams, NOTIFICATIONS } from '../shared/protocol';

const DEBOUNCE_MS = 150;

interface Sent {
  version: number;
  key: string;
  done: Promise<void>;
}

/** What completion and hover read on the main thread while the worker is busy. */
export interface Quick {
  parsed: ParsedTopology;
  quick: QuickModel;
  /** The last good model, when `quick`'s cannot name servers. */
  fallback?: QuickModel;
}

/**
 * Checks each open topology document in the check worker (checkWorker.ts) and pushes its
 * diagnostics: on open at once, on change after a short debounce, newest version only (a result
 * of a version the editor has moved past is dropped, never published). The worker answers the
 * requests that need the full check; completion and hover are answered here, at once, from the
 * last check's QuickModel and the current text (a hover on a finding by the worker when it is
 * idle). Topology files of the workspace that are not open are checked from disk, in the worker too.
 */
export class Checker {
  private readonly worker: WorkerClient;
  /** The last check sent for each open document. */
  private readonly sent = new Map<string, Sent>();
  /** The last check of each open document that came back, and the last one whose model had servers. */
  private readonly quick = new Map<string, { checked: QuickModel; good?: QuickModel }>();
  /** The current text as the engine's positions need it, without a parse: one per (document, version). */
  private readonly texts = new Map<string, { version: number; parsed: ParsedTopology }>();
  /** Workspace topology files checked from disk (not open): their paths, for a request about one. */
  private readonly diskFiles = new Map<string, string>();
  /** The check of each document that the worker died on, `version|key`: not sent again, it could crash it again. */
  private readonly crashed = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Set<string>();
  readonly collection = new QuietCollection();
  private stopped = false;
  folders: string[] = [];
  versionedEdits = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly log: (message: string) => void,
  ) {
    const limit = Number(process.env.LYNC_PORTS_WORKER_HEAP_MB);
    this.worker = new WorkerClient(log, Number.isFinite(limit) && limit > 0 ? limit : undefined);
  }

  isTopology(document: TextDocument, settings: Settings): boolean {
    const path = uriToPath(document.uri) ?? document.uri;
    return isTopologyFile(path, document.languageId, document.getText(), settings, this.folders);
  }

  /** The answer of `method` from the check of the document's current version, checking it first if needed. */
  async request<T = never>(
    document: TextDocument,
    settings: Settings,
    method: FeatureMethod,
    params: unknown,
  ): Promise<T> {
    if (this.crashed.get(document.uri) === `${document.version}|${keyOf(settings)}`) return null as T;
    this.send(document, settings);
    const cursor = method === 'hover' ? this.cursorOf(document, params) : undefined;
    const answer = await this.worker.request({
      uri: document.uri,
      version: document.version,
      key: keyOf(settings),
      method,
      params,
      settings: workerSettings(settings),
      versionedEdits: this.versionedEdits,
      cursor,
    });
    return valueOf(answer) as T;
  }

  /**
   * The cursor's context at a request's position, read from this thread's line table of the text
   * (warmQuick keeps it current); undefined when the position is not valid: the worker answers that.
   */
  private cursorOf(document: TextDocument, params: unknown): CursorContext | undefined {
    try {
      return cursorContext(document.getText(), offsetOf(this.textOf(document), params));
    } catch {
      return undefined;
    }
  }

  /** A request about a workspace file that is not open: from its check from disk, if it is one. */
  async diskRequest<T = never>(uri: string, method: FeatureMethod, params: unknown): Promise<T> {
    const known = this.diskFiles.has(uri) ? uri : pathToUri(uriToPath(uri) ?? '');
    const path = this.diskFiles.get(known);
    const settings = await this.settings.forUri(known);
    const answer = await this.worker.request({
      uri: known,
      version: null,
      key: keyOf(settings),
      method,
      params,
      settings: workerSettings(settings),
      versionedEdits: false,
      path,
    });
    return valueOf(answer) as T;
  }

  /**
   * What completion and hover read on this thread, at once: the last check's QuickModel, with the
   * current text (the worker's answer would wait for a check it is busy with, and cross threads
   * when it is not). Undefined when the document was never checked.
   */
  quickFor(document: TextDocument): Quick | undefined {
    const held = this.quick.get(document.uri);
    if (!held) return undefined;
    const parsed = this.textOf(document);
    const fallback = held.checked.broken && held.good !== held.checked ? held.good : undefined;
    return { parsed, quick: held.checked, fallback };
  }

  /** As quickFor, but undefined for a hover on a finding (its detail) that the idle worker answers at once. */
  quickHoverFor(document: TextDocument, params: unknown): Quick | undefined {
    const quick = this.quickFor(document);
    if (!quick || !this.isCurrent(document, quick.quick) || this.worker.busy) return quick;
    const offset = offsetOf(quick.parsed, params);
    const spans = quick.quick.findingSpans;
    for (let k = 0; k < spans.length; k += 2) if (spans[k] <= offset && offset <= spans[k + 1]) return undefined;
    return quick;
  }

  private isCurrent(document: TextDocument, checked: QuickModel): boolean {
    return checked.version === document.version && this.sent.get(document.uri)?.version === document.version;
  }

  /** Checks the document's current version (unless that check is already on its way) and publishes it. */
  async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || this.stopped) return;
    const version = document.version;
    const settings = await this.settings.forUri(uri);
    const now = this.documents.get(uri);
    // A newer version arrived while the settings were read: its own check publishes.
    if (!now || now.version !== version) return;
    if (!this.isTopology(now, settings)) {
      this.forget(uri);
      this.clear(uri);
      return;
    }
    await this.send(now, settings);
  }

  schedule(uri: string): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.validate(uri).catch((error) => this.log(`lync-ports: checking ${uri} failed: ${describe(error)}`));
      }, DEBOUNCE_MS),
    );
  }

  opened(uri: string): void {
    this.diskFiles.delete(uri);
  }

  /** A workspace topology file goes back to its saved content; anything else leaves the problems list. */
  async closed(document: TextDocument): Promise<void> {
    this.cancel(document.uri);
    this.forget(document.uri);
    this.worker.close(document.uri, this.sent.size > 0);
    // The line table of the last text read here (warmQuick) holds the whole text: a short one replaces it.
    if (this.sent.size === 0) cursorContext('', 0);
    const settings = await this.settings.forUri(document.uri);
    const path = uriToPath(document.uri);
    const text = path ? await fs.readFile(path, 'utf8').catch(() => undefined) : undefined;
    if (path && text !== undefined && isTopologyFile(path, document.languageId, text, settings, this.folders))
      await this.checkFromDisk(path, settings);
    else this.clear(document.uri);
  }

  async scanWorkspace(): Promise<void> {
    const settings = await this.settings.forUri(this.folders[0] ? pathToUri(this.folders[0]) : undefined);
    const found = await findTopologyFiles(this.folders, settings);
    const keep = new Set(found.map(pathToUri));
    for (const uri of [...this.diskFiles.keys()]) {
      if (keep.has(uri)) continue;
      this.diskFiles.delete(uri);
      if (!this.documents.get(uri)) this.clear(uri);
    }
    for (const path of found) await this.checkFromDisk(path, settings);
  }

  async filesChanged(changes: readonly FileEvent[]): Promise<void> {
    for (const change of changes) {
      const path = typeof change?.uri === 'string' ? uriToPath(change.uri) : undefined;
      // The open buffer wins over the file on disk.
      if (!path || this.isOpen(path)) continue;
      const uri = pathToUri(path);
      if (change.type === FileChangeType.Deleted) {
        this.diskFiles.delete(uri);
        this.clear(uri);
        continue;
      }
      const settings = await this.settings.forUri(uri);
      const text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined && isTopologyFile(path, undefined, text, settings, this.folders))
        await this.checkFromDisk(path, settings);
      else if (this.diskFiles.delete(uri)) this.clear(uri);
    }
  }

  /** Called once the client is initialized: see WorkerClient.warm. */
  warm(): void {
    if (!this.stopped) this.worker.warm();
  }

  stop(): void {
    this.stopped = true;
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
    this.worker.end();
  }

  /** Sends the check of the document's current version, unless it is already sent; resolves once it is published. */
  private send(document: TextDocument, settings: Settings): Promise<void> {
    const uri = document.uri;
    const key = keyOf(settings);
    const sent = this.sent.get(uri);
    if (sent && sent.version === document.version && sent.key === key) return sent.done;
    const version = document.version;
    if (this.crashed.get(uri) === `${version}|${key}`) return Promise.resolve();
    this.cancel(uri);
    const done = this.worker
      .check({ uri, version, key, text: document.getText(), settings: workerSettings(settings) })
      .then((checked) => {
        if (!checked) {
          // Overtaken, or the worker died on this check: then the next change sends a check again.
          if (this.sent.get(uri)?.done === done && !this.worker.running) this.crashed.set(uri, `${version}|${key}`);
          return;
        }
        // Only the newest version's findings are published; an older one's would flash stale squiggles.
        if (this.sent.get(uri)?.done !== done || this.documents.get(uri)?.version !== version) return;
        const held = this.quick.get(uri);
        this.quick.set(uri, {
          checked: checked.quick,
          good: checked.quick.model.servers.length > 0 ? checked.quick : held?.good,
        });
        this.publish(uri, version, checked.diagnostics);
      });
    this.sent.set(uri, { version, key, done });
    this.warmQuick(uri, version);
    return done;
  }

  /**
   * Completion and hover on this thread read the text's line table (yaml/cursor.ts), which is
   * built once per text and then updated edit by edit. Built here, while the worker checks the
   * version (this thread waits anyway), it is neither built by the first request after the
   * diagnostics arrive (140 ms for a hover at 20k rules) nor by one during a re-check.
   */
  private warmQuick(uri: string, version: number): void {
    setImmediate(() => {
      const document = this.documents.get(uri);
      if (document?.version === version) cursorContext(document.getText(), 0);
    });
  }

  private textOf(document: TextDocument): ParsedTopology {
    let text = this.texts.get(document.uri);
    if (text?.version !== document.version) {
      text = { version: document.version, parsed: textOnly(document) };
      this.texts.set(document.uri, text);
    }
    return text.parsed;
  }

  private forget(uri: string): void {
    this.sent.delete(uri);
    this.crashed.delete(uri);
    this.quick.delete(uri);
    this.texts.delete(uri);
  }

  private cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
  }

  /** `diagnostics`: the worker's JSON of them. */
  private publish(uri: string, version: number | null, diagnostics: Uint8Array): void {
    this.connection.sendDiagnostics(diagnosticsParams(uri, version ?? undefined, diagnostics));
    this.published.add(uri);
    this.collection.owe();
    // After the diagnostics, so a diagram that refreshes on this sees the same findings.
    const params: FlowModelChangedParams = { uri, version };
    this.connection.sendNotification(NOTIFICATIONS.flowModelChanged, params);
  }

  private clear(uri: string): void {
    if (!this.published.delete(uri)) return;
    this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  private isOpen(path: string): boolean {
    return this.documents.all().some((document) => uriToPath(document.uri) === path);
  }

  private async checkFromDisk(path: string, settings: Settings): Promise<void> {
    const uri = pathToUri(path);
    if (this.isOpen(path) || this.stopped) return;
    const text = await fs.readFile(path, 'utf8').catch(() => undefined);
    if (text === undefined) {
      this.diskFiles.delete(uri);
      this.clear(uri);
      return;
    }
    if (this.isOpen(path)) return;
    this.diskFiles.set(uri, path);
    const key = keyOf(settings);
    const checked = await this.worker.check({
      uri,
      version: null,
      path,
      key,
      text,
      settings: workerSettings(settings),
    });
    // Opened while it was checked: the open document's checks publish.
    if (checked && !this.isOpen(path) && this.diskFiles.get(uri) === path) this.publish(uri, null, checked.diagnostics);
  }
}

/** A check is redone when the settings it is checked or converted with change. */
function keyOf(settings: Settings): string {
  return `${checkKey(settings)}|${JSON.stringify(settings.severity)}`;
}

function workerSettings(settings: Settings): WorkerSettings {
  return {
    defaultProduct: settings.defaultProduct,
    severity: settings.severity,
    inlayHints: settings.inlayHints,
    locale: serverLocale(),
  };
}

function valueOf(answer: Answer): unknown {
  // The document changed since: the client asks again on the new version.
  return answer.stale ? null : answer.value;
}

/**
 * Completion's input on the main thread: the worker's missing flows stand for the analysis; their
 * ledger entries are the missing-flow findings they were picked by.
 */
export function quickInput(quick: Quick): Pick<CheckResult, 'parsed' | 'model' | 'diagnostics' | 'analysis'> {
  const { evaluations, findings } = quick.quick.missing;
  const ledger = { explanationOf: () => ({ code: 'missing-flow' }), misplacedRule: () => undefined };
  const analysis = { diagnostics: [], flows: [], evaluations, ledger } as unknown as CheckResult['analysis'];
  return { parsed: quick.parsed, model: quick.quick.model, diagnostics: findings, analysis };
}

/** The engine's view of a text that was not parsed: positions, and no nodes (features then read the text). */
function textOnly(document: TextDocument): ParsedTopology {
  const text = document.getText();
  // The document keeps its line starts up to date edit by edit; the same table as lineStartsOf's.
  const kept = (document as { getLineOffsets?: () => number[] }).getLineOffsets?.();
  return {
    text,
    doc: { contents: null, errors: [], warnings: [] } as unknown as ParsedTopology['doc'],
    lineStarts: kept ?? lineStartsOf(text),
    value: undefined,
    diagnostics: [],
  };
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
