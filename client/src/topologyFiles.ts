// Which documents are topology files: the `lync-topology` language (file name patterns in
// package.json, or a first line `# lync-topology`), plus the globs of the `lyncPorts.files` setting.
import * as vscode from 'vscode';
import type { DocumentSelector } from 'vscode-languageclient';
import { type DocumentInfo, FIRST_LINE, LANGUAGE_ID, normalizeGlobs } from './activation';

export { LANGUAGE_ID };

/** The raw `lyncPorts.files` setting. */
export function configuredFiles(): unknown {
  return vscode.workspace.getConfiguration('lyncPorts').get<unknown>('files');
}

/** The `lyncPorts.files` globs, made to match anywhere in a path as document filters need. */
export function configuredGlobs(): string[] {
  return normalizeGlobs(configuredFiles());
}

/** What the start-up decision (activation.ts) needs to know about a document. */
export function documentInfo(document: vscode.TextDocument): DocumentInfo {
  return { languageId: document.languageId, path: document.uri.fsPath, firstLine: document.lineCount > 0 ? document.lineAt(0).text : '' };
}

export function documentSelector(): DocumentSelector {
  return [{ language: LANGUAGE_ID }, ...configuredGlobs().map((pattern) => ({ pattern }))];
}

export function isTopologyDocument(document: vscode.TextDocument): boolean {
  return vscode.languages.match(documentSelector() as vscode.DocumentSelector, document) > 0;
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

/** Globs for finding topology files in the workspace (Check Workspace). */
export function workspaceGlobs(): string[] {
  return ['**/*.topology.yaml', '**/*.topology.yml', ...configuredGlobs()];
}
