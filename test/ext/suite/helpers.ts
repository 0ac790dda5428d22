// Helpers for tests inside the extension host: event-driven waits with timeouts (no fixed
// sleeps), and access to the extension's API and to the language server process.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LyncPortsApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'lync-port-planner.lync-port-planner';

/** A completion item's label, whether VS Code gives it as text or as a label with details. */
export const labelOf = (item: vscode.CompletionItem) =>
  typeof item.label === 'string' ? item.label : item.label.label;

export async function api(): Promise<LyncPortsApi> {
  const extension = vscode.extensions.getExtension<LyncPortsApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded`);
  const exported = await extension.activate();
  await exported.ready;
  return exported;
}

export function workspaceFile(path: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return vscode.Uri.joinPath(folder.uri, path);
}

export async function open(path: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(path));
  return vscode.window.showTextDocument(document);
}

/** Waits until `predicate` holds, re-checking whenever `event` fires (and once at the start). */
export async function until<T>(
  what: string,
  event: vscode.Event<unknown>,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const finish = (error: Error | undefined, value?: T) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      subscription.dispose();
      clearInterval(poll);
      if (error) reject(error);
      else resolve(value as T);
    };
    const check = async () => {
      try {
        const value = await probe();
        if (value !== undefined && value !== false) finish(undefined, value);
      } catch (error) {
        finish(error as Error);
      }
    };
    const timer = setTimeout(
      () =>
        void Promise.resolve(probe()).then((last) =>
          finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value: ${JSON.stringify(last)}`)),
        ),
      timeoutMs,
    );
    const subscription = event(() => void check());
    // Some state (a process list) has no event; a slow poll covers it.
    const poll = setInterval(() => void check(), 250);
    void check();
  });
}

export function diagnosticsOf(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri);
}

export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return until(
    what,
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const diagnostics = diagnosticsOf(uri);
      return predicate(diagnostics) ? diagnostics : undefined;
    },
    timeoutMs,
  );
}

/** Language server processes started by this extension host: found by their command line. */
export function serverProcesses(): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (argv.some((arg) => arg.endsWith('/dist/server.js')) && argv.includes(`--clientProcessId=${process.pid}`))
        found.push({ pid: Number(entry), argv });
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export function fullRange(document: vscode.TextDocument): vscode.Range {
  return new vscode.Range(0, 0, document.lineCount, 0);
}

let scratchCounter = 0;

/** A fresh copy of a workspace file under scratch/, opened: tests edit and save copies, never the originals. */
export async function scratchCopy(path: string): Promise<vscode.TextEditor> {
  const source = workspaceFile(path);
  const name = path
    .split('/')
    .pop()!
    .replace(/(\.topology\.ya?ml|\.ya?ml)$/, (suffix) => `-${++scratchCounter}${suffix}`);
  const target = workspaceFile(`scratch/${name}`);
  await vscode.workspace.fs.writeFile(target, await vscode.workspace.fs.readFile(source));
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target));
}

export async function applyAction(action: vscode.CodeAction): Promise<void> {
  assert.ok(action.edit, `"${action.title}" has an edit`);
  assert.equal(await vscode.workspace.applyEdit(action.edit), true, `"${action.title}" applies`);
}

export function codeActions(uri: vscode.Uri, range: vscode.Range, kind: string): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
}
