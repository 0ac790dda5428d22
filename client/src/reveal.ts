// Takes the user from the diagram to the text: selects a range in the topology file's editor
// and, when something is wrong there, opens the quick-fix menu on it.
import * as vscode from 'vscode';
import type { SourceRange } from '../../server/src/engine/index';

export function toVsRange(range: SourceRange): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

export async function revealInEditor(
  uri: vscode.Uri,
  range: SourceRange,
  options: { offerFix: boolean; besides?: vscode.ViewColumn },
): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const visible = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  // The editor the user already has open, else the column the diagram does not occupy.
  const viewColumn =
    visible?.viewColumn ?? (options.besides === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
  const target = toVsRange(range);
  const editor = await vscode.window.showTextDocument(document, {
    viewColumn,
    preserveFocus: false,
    selection: new vscode.Selection(target.start, target.end),
  });
  editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  if (options.offerFix) await vscode.commands.executeCommand('editor.action.quickFix');
  return editor;
}
