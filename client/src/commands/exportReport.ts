// "Export Report...": the active topology as one self-contained HTML page for the change board
// (summary, diagram, rule tables, findings, Microsoft's pages), written where the user chooses
// and printable to PDF from any browser. The language server writes it with the very renderer
// behind `lync-ports report`.
import * as vscode from 'vscode';
import { REQUESTS } from '../../../server/src/shared/protocol';
import type { ServerConnection } from '../serverConnection';

const t = vscode.l10n.t;

export async function exportReport(
  connection: ServerConnection,
  document: vscode.TextDocument,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
  let result;
  try {
    result = await connection.request(REQUESTS.report, document.uri, { title: name });
  } catch (error) {
    result = {
      refused: t('The report could not be written: {0}', error instanceof Error ? error.message : String(error)),
    };
  }
  if (!('text' in result)) {
    void vscode.window.showErrorMessage(result.refused);
    return undefined;
  }
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: document.isUntitled
        ? undefined
        : document.uri.with({ path: document.uri.path.replace(/(\.topology)?\.ya?ml$/i, '') + '-report.html' }),
      filters: { HTML: ['html'] },
      saveLabel: t('Export'),
      title: t('Export Report'),
    }));
  if (!destination) return undefined;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(result.text));
  if (!target)
    void vscode.window
      .showInformationMessage(
        t('Wrote the report to {0}.', vscode.workspace.asRelativePath(destination)),
        t('Open in Browser'),
      )
      .then((choice) => {
        if (choice) void vscode.env.openExternal(destination);
      });
  return destination;
}
