// Which documents are topology files: the `lync-topology` language (file name patterns in
// package.json, or a first line `# lync-topology`), plus the globs of the `lyncPorts.files` setting
// (server/src/shared/filesGlobs.ts says how a pattern is anchored; the selector says it to VS Code).
import * as vscode from 'vscode';
import { type DocumentInfo, FIRST_LINE, LANGUAGE_ID } from './activation';
import { type FilesGlob, type FilesSetting, parseFilesSetting } from '../../server/src/shared/filesGlobs';

export { LANGUAGE_ID };

/** The raw `lyncPorts.files` setting. */
export function configuredFiles(): unknown {
  return vscode.workspace.getConfiguration('lyncPorts').get<unknown>('files');
}

export function filesSetting(): FilesSetting {
  return parseFilesSetting(configuredFiles());
}

export function folderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
}

/** What the start-up decision (activation.ts) needs to know about a document. */
export function documentInfo(document: vscode.TextDocument): DocumentInfo {
  return {
    languageId: document.languageId,
    path: document.uri.fsPath,
    firstLine: document.lineCount > 0 ? document.lineAt(0).text : '',
  };
}

/**
 * The filters VS Code needs to match a glob as filesGlobs.ts does: a name in any folder, a
 * folder-relative path in each workspace folder, or the whole path.
 */
export function globFilters(glob: FilesGlob): vscode.DocumentFilter[] {
  if (glob.against === 'name') return [{ pattern: `**/${glob.pattern}` }];
  if (glob.against === 'path') return [{ pattern: glob.pattern }];
  // `scheme` also lets the language client's TextDocumentFilter.is accept a vscode.RelativePattern,
  // which it then hands to vscode.languages.match unchanged.
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
    scheme: folder.uri.scheme,
    pattern: new vscode.RelativePattern(folder, glob.pattern),
  }));
}

export function documentSelector(): vscode.DocumentFilter[] {
  return [{ language: LANGUAGE_ID }, ...filesSetting().globs.flatMap(globFilters)];
}

export function isTopologyDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(documentSelector(), document) > 0;
}

/** Whether the document selector depends on the workspace folders. */
export function hasFolderGlobs(): boolean {
  return filesSetting().globs.some((glob) => glob.against === 'folder');
}

/**
 * VS Code picks `yaml` for any *.yaml file before it looks at first lines, so the contract's
 * `# lync-topology` marker is honoured here: such a YAML document is switched to our language.
 */
export function watchFirstLineMarker(context: vscode.ExtensionContext): void {
  const adopt = (document: vscode.TextDocument) => {
    if (document.languageId !== 'yaml' || document.lineCount === 0) return;
    if (!FIRST_LINE.test(document.lineAt(0).text)) return;
    void vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  vscode.workspace.textDocuments.forEach(adopt);
}

/** Globs for finding topology files in the workspace (Check Workspace); findFiles reads strings per folder. */
export function workspaceGlobs(): string[] {
  const configured = filesSetting().globs.map((glob) =>
    glob.against === 'name' ? `**/${glob.pattern}` : glob.pattern,
  );
  return ['**/*.topology.yaml', '**/*.topology.yml', ...configured];
}
