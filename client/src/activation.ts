// When the language server starts. package.json activates the extension for every YAML file
// (`onLanguage:yaml`), because a topology may be a plain `.yaml` file recognised only by its
// `# lync-topology` first line or by the `lyncPorts.files` globs. Activation on such a file must
// stay cheap: the server (a Node process) starts only once a topology document is open, the
// workspace holds topology files, or one of the extension's commands runs.
//
// This module decides; it does not import `vscode`, so it is unit-tested in plain Node
// (test/client). The in-host suite checks that its glob matching agrees with VS Code's.

export const LANGUAGE_ID = 'lync-topology';
export const FIRST_LINE = /^#\s*lync-topology\b/;

/** What the decision needs to know about an open document. */
export interface DocumentInfo {
  languageId: string;
  /** The document's file system path (VS Code matches `pattern` filters against `uri.fsPath`). */
  path: string;
  /** Its first line, for the `# lync-topology` marker. */
  firstLine?: string;
}

export interface ActivationSettings {
  /** The raw `lyncPorts.files` setting. */
  files: unknown;
}

/**
 * Whether to start the language server now: the workspace holds topology files (the
 * `workspaceContains` activation events and the `lyncPorts.files` globs), or an open document
 * is one. A YAML document is one when its first line is the marker (it is about to be switched
 * to the lync-topology language) or when a `lyncPorts.files` glob matches its path.
 */
export function shouldStartServer(documents: readonly DocumentInfo[], settings: ActivationSettings, workspaceHasTopologyFiles: boolean): boolean {
  if (workspaceHasTopologyFiles) return true;
  const globs = normalizeGlobs(settings.files);
  return documents.some((document) => isTopologyCandidate(document, globs));
}

/** The first document that makes the server start, for the log; undefined when none does. */
export function firstTopologyDocument<T extends DocumentInfo>(documents: readonly T[], settings: ActivationSettings): T | undefined {
  const globs = normalizeGlobs(settings.files);
  return documents.find((document) => isTopologyCandidate(document, globs));
}

export function isTopologyCandidate(document: DocumentInfo, globs: readonly string[]): boolean {
  if (document.languageId === LANGUAGE_ID) return true;
  if (document.languageId === 'yaml' && FIRST_LINE.test(document.firstLine ?? '')) return true;
  return globs.some((glob) => matchesGlob(glob, document.path));
}

/**
 * The `lyncPorts.files` globs, made to match anywhere in a path as document filters need:
 * `firewalls/*.yaml` becomes `**\/firewalls/*.yaml`; absolute and `**\/` globs stay as they are.
 */
export function normalizeGlobs(globs: unknown): string[] {
  if (!Array.isArray(globs)) return [];
  return globs
    .filter((glob): glob is string => typeof glob === 'string' && glob.trim().length > 0)
    .map((glob) => glob.trim().replace(/\\/g, '/'))
    .map((glob) => (glob.startsWith('/') || glob.startsWith('**/') || /^[a-zA-Z]:\//.test(glob) ? glob : `**/${glob.replace(/^\.\//, '')}`));
}

const compiled = new Map<string, RegExp>();

/** Whether a path matches a glob, with VS Code's glob syntax: `**`, `*`, `?`, `{a,b}`, `[a-z]`, `[!a]`. */
export function matchesGlob(glob: string, path: string): boolean {
  let pattern = compiled.get(glob);
  if (!pattern) {
    pattern = globToRegExp(glob);
    compiled.set(glob, pattern);
  }
  return pattern.test(path.replace(/\\/g, '/'));
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let braces = 0;
  for (let index = 0; index < glob.length; index++) {
    const char = glob[index];
    if (char === '*') {
      if (glob[index + 1] === '*') {
        while (glob[index + 1] === '*') index++;
        if (glob[index + 1] === '/') {
          index++;
          source += '(?:.*/)?'; // any number of whole segments, none included
        } else {
          source += '.*';
        }
      } else {
        source += '[^/]*';
      }
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', index + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let set = glob.slice(index + 1, close);
      const negated = set.startsWith('!') || set.startsWith('^');
      if (negated) set = set.slice(1);
      source += `[${negated ? '^' : ''}${set.replace(/[\\\]^]/g, '\\$&')}]`;
      index = close;
    } else if (char === '{') {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  source += ')'.repeat(braces);
  return new RegExp(`^${source}$`);
}
