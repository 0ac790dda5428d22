import { PRODUCTS, Product } from '../engine/index';
import { type FilesSetting, parseFilesSetting } from '../shared/filesGlobs';

// The `lyncPorts` settings, as VS Code's settings UI or a Neovim `settings = { lyncPorts = ... }`
// table sends them. Anything malformed falls back to the default rather than failing a check.

export type SeverityOverride = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface Settings {
  /** Extra globs that mark topology files, beyond *.topology.yaml/yml and the `# lync-topology` first line. */
  files: FilesSetting;
  defaultProduct?: Product;
  severity: Record<string, SeverityOverride>;
  /** `lyncPorts.inlayHints.enabled`: addresses after endpoints, catalog rows after services. Off unless set. */
  inlayHints: boolean;
}

export const DEFAULT_SETTINGS: Settings = { files: { globs: [], ignored: [] }, severity: {}, inlayHints: false };

const OVERRIDES: readonly SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off'];

export function normalizeSettings(raw: unknown): Settings {
  const value = isObject(raw) ? raw : {};
  const files = parseFilesSetting(value.files);
  const defaultProduct = PRODUCTS.includes(value.defaultProduct as Product)
    ? (value.defaultProduct as Product)
    : undefined;
  const severity: Record<string, SeverityOverride> = {};
  if (isObject(value.severity)) {
    for (const [code, level] of Object.entries(value.severity)) {
      const normalized =
        typeof level === 'string' ? (level.toLowerCase() === 'information' ? 'info' : level.toLowerCase()) : '';
      if (OVERRIDES.includes(normalized as SeverityOverride)) severity[code] = normalized as SeverityOverride;
    }
  }
  // VS Code sends the dotted name as a nested object; a Neovim table may write it either way.
  const hints = isObject(value.inlayHints) ? value.inlayHints.enabled : value['inlayHints.enabled'];
  return { files, defaultProduct, severity, inlayHints: hints === true };
}

/** Two settings that check a file the same way share cached results. */
export function checkKey(settings: Settings): string {
  return settings.defaultProduct ?? '';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
