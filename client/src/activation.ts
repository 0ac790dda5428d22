// When the language server starts. package.json activates the extension for every YAML file
// (`onLanguage:yaml`), because a topology may be a plain `.yaml` file recognised only by its
// `# lync-topology` first line or by the `lyncPorts.files` globs. Activation on such a file must
// stay cheap: the server (a Node process) starts only once a topology document is open, the
// workspace holds topology files, or one of the extension's commands runs.
//
// This module decides; it does not import `vscode`, so it is unit-tested in plain Node
// (test/client). The globs are matched by server/src/shared/filesGlobs.ts, as the server does.
import { type FilesSetting, matchesAnyFilesGlob, parseFilesSetting } from '../../server/src/shared/filesGlobs';

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
  /** The file-system paths of the workspace folders, which `folder/*.yaml` globs are relative to. */
  folders: readonly string[];
}

/**
 * Whether to start the language server now: the workspace holds topology files (the
 * `workspaceContains` activation events and the `lyncPorts.files` globs), or an open document
 * is one. A YAML document is one when its first line is the marker (it is about to be switched
 * to the lync-topology language) or when a `lyncPorts.files` glob matches its path.
 */
export function shouldStartServer(
  documents: readonly DocumentInfo[],
  settings: ActivationSettings,
  workspaceHasTopologyFiles: boolean,
): boolean {
  if (workspaceHasTopologyFiles) return true;
  return firstTopologyDocument(documents, settings) !== undefined;
}

/** The first document that makes the server start, for the log; undefined when none does. */
export function firstTopologyDocument<T extends DocumentInfo>(
  documents: readonly T[],
  settings: ActivationSettings,
): T | undefined {
  const files = parseFilesSetting(settings.files);
  return documents.find((document) => isTopologyCandidate(document, files, settings.folders));
}

export function isTopologyCandidate(document: DocumentInfo, files: FilesSetting, folders: readonly string[]): boolean {
  if (document.languageId === LANGUAGE_ID) return true;
  if (document.languageId === 'yaml' && FIRST_LINE.test(document.firstLine ?? '')) return true;
  return matchesAnyFilesGlob(files.globs, document.path, folders);
}
