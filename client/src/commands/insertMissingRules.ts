// "Insert All Missing Rules": for each firewall with missing-flow diagnostics, the server's
// "Insert all missing rules in firewall X" action (kind INSERT_ALL_MISSING_KIND), which writes
// all of that firewall's rules in one edit — taking the single missing-flow fixes instead would
// let two of them each create the same `rules:` key. A missing flow with no firewall to put it
// in (the `firewalls` key) gets its preferred fix, which adds the firewall; its rules follow in
// the next round, against the re-checked text, as `lync-ports fix` does.
//
// vscode.executeCodeActionProvider does not hand back an action's `diagnostics`, so actions are
// asked for per diagnostic range.
import * as vscode from 'vscode';
import { INSERT_ALL_MISSING_KIND } from '../../../server/src/shared/protocol';
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

async function actionsAt(document: vscode.TextDocument, range: vscode.Range, kind: string) {
  const actions =
    (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      range,
      kind,
    )) ?? [];
  return actions.filter((action): action is vscode.CodeAction => action instanceof vscode.CodeAction && !!action.edit);
}

/** The missing-flow diagnostics now (of one firewall when `within` is given), one per range. */
function missingRanges(document: vscode.TextDocument, within: vscode.Range | undefined): vscode.Range[] {
  const ranges = vscode.languages
    .getDiagnostics(document.uri)
    .filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-flow')
    .filter((diagnostic) => !within || within.contains(diagnostic.range))
    .map((diagnostic) => diagnostic.range);
  return ranges.filter((range, index, all) => all.findIndex((other) => other.isEqual(range)) === index);
}

function missingCount(document: vscode.TextDocument, within: vscode.Range | undefined): number {
  return vscode.languages
    .getDiagnostics(document.uri)
    .filter((diagnostic) => diagnosticCode(diagnostic) === 'missing-flow')
    .filter((diagnostic) => !within || within.contains(diagnostic.range)).length;
}

/**
 * `firewall`: only that firewall's rules (its CodeLens "Insert missing"); else every firewall's.
 * Returns how many missing flows the inserted rules now allow.
 */
export async function insertAllMissingRules(
  connection: ServerConnection,
  document: vscode.TextDocument,
  firewall?: string,
): Promise<number> {
  const scope = async () => (firewall === undefined ? undefined : await firewallRange(document, firewall));
  const initial = firewall !== undefined && !(await scope()) ? 0 : missingCount(document, await scope());
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const within = await scope();
    if (firewall !== undefined && !within) break;
    const ranges = missingRanges(document, within);
    if (ranges.length === 0) break;
    const edit = new vscode.WorkspaceEdit();
    const taken: vscode.TextEdit[] = [];
    let count = 0;
    for (const range of ranges) {
      const whole = (await actionsAt(document, range, INSERT_ALL_MISSING_KIND)).filter(
        (action) => action.kind?.value === INSERT_ALL_MISSING_KIND,
      );
      const chosen =
        whole.length > 0
          ? whole
          : (await actionsAt(document, range, vscode.CodeActionKind.QuickFix.value)).filter(
              (action) => action.isPreferred,
            );
      for (const action of chosen) {
        const edits = action
          .edit!.entries()
          .flatMap(([uri, textEdits]) => (uri.toString() === document.uri.toString() ? textEdits : []));
        if (edits.length === 0) continue;
        const duplicate = edits.every((textEdit) =>
          taken.some((other) => other.range.isEqual(textEdit.range) && other.newText === textEdit.newText),
        );
        if (duplicate) continue;
        // Touching or at one place (two insertions there) counts as a clash: the next round has it.
        const clashes = edits.some((textEdit) =>
          taken.some((other) => textEdit.range.intersection(other.range) !== undefined),
        );
        if (clashes) continue;
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
    if (!(await waitForCheck(connection, document.uri, nextVersion, 10_000))) break;
  }
  const left = firewall !== undefined && !(await scope()) ? 0 : missingCount(document, await scope());
  return Math.max(0, initial - left);
}
