// The `lyncPorts.files` globs: which further YAML files are topologies. The extension (to decide
// when to start the server, and for the language client's document selector) and the server (to
// decide what it checks) both read the setting through this module, so they cannot disagree.
//
// Matching is picomatch's, with VS Code's glob syntax (`*`, `?`, `**`, `{a,b}`, `[a-z]`, `[!a]`;
// `*` also matches names starting with a dot; no extglobs or `!` negation). Where the pattern is
// compared follows .gitignore and `files.associations`:
// - no `/`: the file name, in any folder (`*.fw.yaml`);
// - a `/` inside: the path relative to a workspace folder (`firewalls/*.yaml` is `<folder>/firewalls`);
// - a leading `**/` or an absolute path: the whole path (`**/firewalls/*.yaml`, `/srv/fw/*.yaml`).
// A backslash is a path separator (Windows users write them), never an escape.
import picomatch from 'picomatch/posix';

export interface FilesGlob {
  /** As written in the setting, for messages. */
  source: string;
  /** `/` separators, no leading `./`, repeated `**\/` collapsed. */
  pattern: string;
  /** What the pattern is compared with; see the file's header. */
  against: 'name' | 'folder' | 'path';
}

export interface FilesSetting {
  globs: FilesGlob[];
  /** Patterns left out, with why, for the extension's output and the server's log. */
  ignored: { source: string; reason: string }[];
}

/**
 * Glob matching is regular-expression matching, which backtracks: `*a*a*a*a*b` against a long
 * name takes seconds, and more wildcards take hours (VS Code's own matcher, which the document
 * selector uses, as much as picomatch). Runs of `**\/` cost nothing once collapsed, `?` and
 * braces little, so the limit counts the runs of `*`.
 */
export const MAX_WILDCARDS = 3;

/** The usable globs of a raw `lyncPorts.files` value; anything that is not a non-empty string is dropped. */
export function parseFilesSetting(raw: unknown): FilesSetting {
  const setting: FilesSetting = { globs: [], ignored: [] };
  if (!Array.isArray(raw)) return setting;
  for (const source of raw) {
    if (typeof source !== 'string' || source.trim() === '') continue;
    const pattern = normalizePattern(source);
    const wildcards = pattern.match(/\*+/g)?.length ?? 0;
    if (wildcards > MAX_WILDCARDS) {
      const reason = `it has ${wildcards} wildcards (* or **), at most ${MAX_WILDCARDS} are matched`;
      setting.ignored.push({ source, reason });
      continue;
    }
    try {
      matcherFor(pattern);
    } catch (error) {
      const reason = `it is not a glob pattern (${error instanceof Error ? error.message : String(error)})`;
      setting.ignored.push({ source, reason });
      continue;
    }
    const anywhere = isAbsolute(pattern) || pattern.startsWith('**/');
    setting.globs.push({ source, pattern, against: anywhere ? 'path' : pattern.includes('/') ? 'folder' : 'name' });
  }
  return setting;
}

/**
 * Whether a file is matched. `path` and `folders` (the workspace folders) are file-system paths,
 * with either separator; a `folder` glob matches nothing for a file outside every folder.
 */
export function matchesFilesGlob(glob: FilesGlob, path: string, folders: readonly string[]): boolean {
  const subject = normalizePath(path);
  const matches = matcherFor(glob.pattern);
  if (glob.against === 'name') return matches(subject.slice(subject.lastIndexOf('/') + 1));
  if (glob.against === 'path') return matches(subject);
  return folders.some((folder) => {
    const base = normalizePath(folder).replace(/\/+$/, '');
    return subject.startsWith(`${base}/`) && matches(subject.slice(base.length + 1));
  });
}

export function matchesAnyFilesGlob(globs: readonly FilesGlob[], path: string, folders: readonly string[]): boolean {
  return globs.some((glob) => matchesFilesGlob(glob, path, folders));
}

export function normalizePattern(source: string): string {
  return lowerDrive(
    source
      .trim()
      .replace(/\\/g, '/')
      .replace(/^(?:\.\/)+/, '')
      .replace(/(?:\*\*\/)+/g, '**/'),
  );
}

function normalizePath(path: string): string {
  return lowerDrive(path.replace(/\\/g, '/'));
}

/** Windows drive letters are case-insensitive, and VS Code writes them in lower case. */
function lowerDrive(path: string): string {
  return /^[A-Za-z]:\//.test(path) ? path[0].toLowerCase() + path.slice(1) : path;
}

function isAbsolute(pattern: string): boolean {
  return pattern.startsWith('/') || /^[a-z]:\//.test(pattern);
}

const OPTIONS: picomatch.PicomatchOptions = { dot: true, noextglob: true, nonegate: true };
const compiled = new Map<string, (subject: string) => boolean>();

function matcherFor(pattern: string): (subject: string) => boolean {
  let matcher = compiled.get(pattern);
  if (!matcher) {
    matcher = picomatch(literalPunctuation(pattern), OPTIONS);
    compiled.set(pattern, matcher);
  }
  return matcher;
}

/**
 * picomatch reads `(a|b)`, `+(x)` and `@(x)` as regular-expression groups and `!` as negation;
 * to VS Code they are plain characters in a file name, so they are escaped. Inside `[...]`, VS
 * Code's `[!a]` is picomatch's `[^a]`.
 */
function literalPunctuation(pattern: string): string {
  let result = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index];
    const close = char === '[' ? pattern.indexOf(']', index + 2) : -1;
    if (close > 0) {
      result += pattern.slice(index, close + 1).replace(/^\[!/, '[^');
      index = close;
    } else {
      result += '()|+@!'.includes(char) ? `\\${char}` : char;
    }
  }
  return result;
}
