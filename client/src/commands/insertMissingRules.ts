// "Insert All Missing Rules": applies the server's quick fix of every missing-flow diagnostic of
// the active file. Fixes that touch the same text cannot go in one edit, so this works in rounds,
// waiting for the server to re-check in between, as `lync-ports fix` does.
import * as vscode from 'vscode';
import { diagnosticCode, sameDiagnostic } from '../diagnosticCodes';
import type { ServerConnection } from '../serverConnection';
import { waitForCheck } from '../waitForCheck';

const MAX_ROUNDS = 8;

export async function insertAllMissingRules(connection: ServerConnection, document: vscode.TextDocument): Promise<number> {
  let inserted = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const missing = vscode.languages.getDiagnostics(document.uri).filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-flow');
    if (missing.length === 0) break;
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.Range[] = [];
    let count = 0;
    for (const diagnostic of missing) {
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      const fixes = actions.filter(
        (action): action is vscode.CodeAction => 'edit' in action && action.edit !== undefined && (action.diagnostics ?? []).some((other) => sameDiagnostic(other, diagnostic)),
      );
      const fix = fixes.find((action) => action.isPreferred) ?? fixes[0];
      if (!fix?.edit) continue;
      const edits = fix.edit.entries().flatMap(([uri, textEdits]) => (uri.toString() === document.uri.toString() ? textEdits : []));
      const clashes = edits.some((textEdit) => taken.some((range) => !textEdit.range.isEmpty && !range.isEmpty && textEdit.range.intersection(range) !== undefined));
      if (clashes) continue; // next round, against the re-checked text
      for (const textEdit of edits) {
        taken.push(textEdit.range);
        edit.replace(document.uri, textEdit.range, textEdit.newText);
      }
      count++;
    }
    if (count === 0) break;
    const nextVersion = document.version + 1;
    if (!(await vscode.workspace.applyEdit(edit))) break;
    inserted += count;
    if (!(await waitForCheck(connection, document.uri, nextVersion, 10_000))) break;
  }
  return inserted;
}
