import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, normalizeSettings, Settings } from './settings';

/** A client that announces configuration support but never answers must not stall checks. */
const CONFIGURATION_TIMEOUT_MS = 2000;

/**
 * The `lyncPorts` settings per document: asked with workspace/configuration when the client
 * supports it (cached until the settings change), else those it pushed or started us with.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private pushed: Settings = DEFAULT_SETTINGS;
  /** lyncPorts.files patterns already reported as ignored: settings are read per document. */
  private readonly reported = new Set<string>();
  canAsk = false;

  constructor(
    private readonly connection: Connection,
    private readonly log: (message: string) => void,
  ) {}

  /** `initializationOptions` (either `{ lyncPorts: {...} }` or the settings themselves). */
  initialize(canAsk: boolean, initializationOptions: unknown): void {
    this.canAsk = canAsk;
    const options = initializationOptions as { lyncPorts?: unknown } | undefined;
    this.pushed = this.read(options?.lyncPorts ?? options);
  }

  /** workspace/didChangeConfiguration: clients that cannot be asked send the new settings along. */
  changed(settings: unknown): void {
    if (!this.canAsk) this.pushed = this.read((settings as { lyncPorts?: unknown } | undefined)?.lyncPorts);
    this.cache.clear();
  }

  forUri(uri: string | undefined): Promise<Settings> {
    if (!this.canAsk) return Promise.resolve(this.pushed);
    const key = uri ?? '';
    let pending = this.cache.get(key);
    if (!pending) {
      const asked = this.connection.workspace
        .getConfiguration(uri ? { scopeUri: uri, section: 'lyncPorts' } : { section: 'lyncPorts' })
        .then((raw) => this.read(raw));
      const timeout = new Promise<Settings>((resolve) =>
        setTimeout(() => resolve(this.pushed), CONFIGURATION_TIMEOUT_MS).unref?.(),
      );
      pending = Promise.race([asked, timeout]).catch((error) => {
        this.log(`lync-ports: reading settings failed: ${error instanceof Error ? error.message : String(error)}`);
        return this.pushed;
      });
      this.cache.set(key, pending);
    }
    return pending;
  }

  private read(raw: unknown): Settings {
    const settings = normalizeSettings(raw);
    for (const { source, reason } of settings.files.ignored) {
      if (this.reported.has(source)) continue;
      this.reported.add(source);
      this.log(`lync-ports: lyncPorts.files: ignoring ${JSON.stringify(source)}: ${reason}.`);
    }
    return settings;
  }
}
