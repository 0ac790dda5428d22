// "Insert All Missing Rules": applies the server's preferred quick fix of every missing-flow
// diagnostic of the active file. A missing-flow diagnostic sits on its firewall's `rules` key,
// and at that range the server offers only fixes for the flows missing there.
//
// vscode.executeCodeActionProvider does not hand back an action's `diagnostics`, so actions are
// asked for per diagnostic range and the preferred ones taken. Fixes that touch the same text
// cannot go in one edit (e.g. two that both rewrite `rules: []`), so this works in rounds,
// waiting for the server to re-check in between, as `lync-ports fix` does.
import * as vscode from 'vscode';
import { diagnosticCode } from '../diagnosticCodes';
import type { ServerConnection } from '../serverConnection';
import { waitForCheck } from '../waitForCheck';

const MAX_ROUNDS = 8;

/** The lines of firewall `name` now, from the server's outline (its findings lie on its keys). */
async function firewallRange(document: vscode.TextDocument, name: string): Promise<vscode.Range | undefined> {
  const symbols =
    (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
      'vscode.executeDocumentSymbolProvider',
      document.uri,
    )) ?? [];
  const firewalls = symbols.find((symbol) => symbol.name === 'firewalls');
  return firewalls?.children.find((symbol) => symbol.name === name)?.range;
}

/** `firewall`: only that firewall's rules (its CodeLens "Insert missing"); else every firewall's. */
export async function insertAllMissingRules(
  connection: ServerConnection,
  document: vscode.TextDocument,
  firewall?: string,
): Promise<number> {
  let inserted = 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const within = firewall === undefined ? undefined : await firewallRange(document, firewall);
    if (firewall !== undefined && !within) break;
    const missing = vscode.languages
      .getDiagnostics(document.uri)
      .filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-flow')
      .filter((diagnostic) => !within || within.contains(diagnostic.range));
    const ranges = missing
      .map((diagnostic) => diagnostic.range)
      .filter((range, index, all) => all.findIndex((other) => other.isEqual(range)) === index);
    if (ranges.length === 0) break;
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.TextEdit[] = [];
    let count = 0;
    for (const range of ranges) {
      const actions =
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          range,
          vscode.CodeActionKind.QuickFix.value,
        )) ?? [];
      for (const action of actions) {
        if (!(action instanceof vscode.CodeAction) || !action.isPreferred || !action.edit) continue;
        const edits = action.edit
          .entries()
          .flatMap(([uri, textEdits]) => (uri.toString() === document.uri.toString() ? textEdits : []));
        if (edits.length === 0) continue;
        const duplicate = edits.every((textEdit) =>
          taken.some((other) => other.range.isEqual(textEdit.range) && other.newText === textEdit.newText),
        );
        if (duplicate) continue;
        const clashes = edits.some((textEdit) =>
          taken.some(
            (other) =>
              !textEdit.range.isEmpty && !other.range.isEmpty && textEdit.range.intersection(other.range) !== undefined,
          ),
        );
        if (clashes) continue; // next round, against the re-checked text
        for (const textEdit of edits) {
          taken.push(textEdit);
          edit.replace(document.uri, textEdit.range, textEdit.newText);
        }
        count++;
      }
    }
    if (count === 0) break;
    const nextVersion = document.version + 1;
    if (!(await vscode.workspace.applyEdit(edit))) break;
    inserted += count;
    if (!(await waitForCheck(connection, document.uri, nextVersion, 10_000))) break;
  }
  return inserted;
}
