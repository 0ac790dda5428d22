// "Check Workspace": opens every topology file of the workspace so the server checks it, then
// sums up what it found and points to the Problems view. Files are only read, never run.
import * as vscode from 'vscode';
import type { ServerConnection } from '../serverConnection';
import { isTopologyDocument, workspaceGlobs } from '../topologyFiles';
import { waitForCheck } from '../waitForCheck';

const t = vscode.l10n.t;

const MAX_FILES = 500;

export interface WorkspaceCheck {
  files: string[];
  errors: number;
  warnings: number;
}

export async function checkWorkspace(connection: ServerConnection): Promise<WorkspaceCheck> {
  const found = new Map<string, vscode.Uri>();
  for (const glob of workspaceGlobs()) {
    for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', MAX_FILES))
      found.set(uri.toString(), uri);
  }
  const uris = [...found.values()].sort((a, b) => a.toString().localeCompare(b.toString())).slice(0, MAX_FILES);
  const result: WorkspaceCheck = { files: [], errors: 0, warnings: 0 };
  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: t('Lync Ports: checking topology files'),
      cancellable: true,
    },
    async (progress, token) => {
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / uris.length });
        const wasOpen = vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString());
        // Subscribe before opening: the server may answer before openTextDocument resolves.
        const checked = wasOpen ? Promise.resolve(true) : waitForCheck(connection, uri, 0, 15_000);
        const document = await vscode.workspace.openTextDocument(uri);
        if (!isTopologyDocument(document)) continue;
        await checked;
        result.files.push(vscode.workspace.asRelativePath(uri));
        for (const diagnostic of vscode.languages.getDiagnostics(uri)) {
          if (diagnostic.severity === vscode.DiagnosticSeverity.Error) result.errors++;
          else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) result.warnings++;
        }
      }
    },
  );
  return result;
}

export function describeWorkspaceCheck(result: WorkspaceCheck): string {
  if (result.files.length === 0)
    return t('No topology files (*.topology.yaml, *.topology.yml or lyncPorts.files) in this workspace.');
  if (result.errors === 0 && result.warnings === 0)
    return t('Topology files checked: {0}. No problems.', result.files.length);
  return t(
    'Topology files checked: {0}. Errors: {1}, warnings: {2}.',
    result.files.length,
    result.errors,
    result.warnings,
  );
}
