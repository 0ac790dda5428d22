import { promises as fs } from 'node:fs';
import { Connection, FileEvent, FileChangeType, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CheckResult, checkTopology } from '../engine/index';
import type { TopologyModel } from '../engine/index';
import { toLspDiagnostics } from './convert';
import { checkKey, Settings } from './settings';
import type { SettingsStore } from './settingsStore';
import { findTopologyFiles, isTopologyFile, pathToUri, uriToPath } from './workspace';
import { type FlowModelChangedParams, NOTIFICATIONS } from '../shared/protocol';

const DEBOUNCE_MS = 150;

interface Cached {
  version: number;
  key: string;
  result: CheckResult;
}

/**
 * One CheckResult per (document, version), shared by every feature, and the diagnostics pushed
 * from it: on open at once, on change after a short debounce, newest version only. Topology
 * files of the workspace that are not open are checked from disk.
 */
export class Checker {
  private readonly cache = new Map<string, Cached>();
  /** Per open document, the last check whose model had servers: completion's names while the text is broken. */
  private readonly lastGood = new Map<string, CheckResult>();
  /**
   * Workspace topology files checked from disk (not open), by URI. Their diagnostics are published;
   * the check itself is held only weakly, so closing a large file gives its memory back, and a
   * request about the file (flow model, export) checks it again from disk when it is gone.
   */
  private readonly diskResults = new Map<string, WeakRef<CheckResult>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Set<string>();
  private stopped = false;
  folders: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly settings: SettingsStore,
    private readonly log: (message: string) => void,
  ) {}

  isTopology(document: TextDocument, settings: Settings): boolean {
    const path = uriToPath(document.uri) ?? document.uri;
    return isTopologyFile(path, document.languageId, document.getText(), settings, this.folders);
  }

  resultFor(document: TextDocument, settings: Settings): CheckResult {
    const key = checkKey(settings);
    const hit = this.cache.get(document.uri);
    if (hit && hit.version === document.version && hit.key === key) return hit.result;
    const result = checkTopology(document.getText(), optionsOf(settings));
    this.cache.set(document.uri, { version: document.version, key, result });
    if (result.model.servers.length > 0) this.lastGood.set(document.uri, result);
    return result;
  }

  /**
   * The model of the document's last good check, when `result` (its current one) cannot name
   * servers: no servers, or a YAML syntax error that may have cut some off.
   */
  fallbackModel(uri: string, result: CheckResult): TopologyModel | undefined {
    const broken =
      result.model.servers.length === 0 ||
      result.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax' && diagnostic.severity === 'error');
    const good = this.lastGood.get(uri);
    return broken && good && good !== result ? good.model : undefined;
  }

  async diskResult(uri: string): Promise<CheckResult | undefined> {
    const known = this.diskResults.has(uri) ? uri : pathToUri(uriToPath(uri) ?? '');
    const held = this.diskResults.get(known);
    if (!held) return undefined;
    const result = held.deref();
    if (result) return result;
    const path = uriToPath(known);
    if (path) await this.checkFromDisk(path, await this.settings.forUri(known));
    return this.diskResults.get(known)?.deref();
  }

  /** Checks the document's current version now and publishes, unless a newer version overtook it. */
  async validate(uri: string): Promise<void> {
    const document = this.documents.get(uri);
    if (!document || this.stopped) return;
    const version = document.version;
    const settings = await this.settings.forUri(uri);
    const now = this.documents.get(uri);
    // A newer version arrived while the settings were read: its own check publishes.
    if (!now || now.version !== version) return;
    if (!this.isTopology(now, settings)) {
      this.clear(uri);
      return;
    }
    // checkTopology is synchronous, so nothing can change the document between here and publish.
    this.publish(uri, version, this.resultFor(now, settings), settings);
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
    this.diskResults.delete(uri);
  }

  /** A workspace topology file goes back to its saved content; anything else leaves the problems list. */
  async closed(document: TextDocument): Promise<void> {
    this.cancel(document.uri);
    this.cache.delete(document.uri);
    this.lastGood.delete(document.uri);
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
    for (const uri of [...this.diskResults.keys()]) {
      if (keep.has(uri)) continue;
      this.diskResults.delete(uri);
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
        this.diskResults.delete(uri);
        this.clear(uri);
        continue;
      }
      const settings = await this.settings.forUri(uri);
      const text = await fs.readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined && isTopologyFile(path, undefined, text, settings, this.folders))
        await this.checkFromDisk(path, settings);
      else if (this.diskResults.delete(uri)) this.clear(uri);
    }
  }

  stop(): void {
    this.stopped = true;
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
  }

  private publish(uri: string, version: number | null, result: CheckResult, settings: Settings): void {
    this.connection.sendDiagnostics({
      uri,
      version: version ?? undefined,
      diagnostics: toLspDiagnostics(result.diagnostics, uri, version, settings),
    });
    this.published.add(uri);
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
      this.diskResults.delete(uri);
      this.clear(uri);
      return;
    }
    if (this.isOpen(path)) return;
    const result = checkTopology(text, optionsOf(settings));
    this.diskResults.set(uri, new WeakRef(result));
    this.publish(uri, null, result, settings);
  }
}

function optionsOf(settings: Settings) {
  return settings.defaultProduct ? { defaultProduct: settings.defaultProduct } : {};
}

export function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
