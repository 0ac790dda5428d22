// "Import Topology Builder Export…": the XML Topology Builder saves (.tbxml) or Get-CsTopology
// -AsXml writes, turned by the language server into a topology file, opened untitled next to it
// as <name>.topology.yaml for the user to review, fill with rules (Insert All Missing Rules) and save.
import * as vscode from 'vscode';
import { REQUESTS } from '../../../server/src/shared/protocol';
import type { ServerConnection } from '../serverConnection';

const t = vscode.l10n.t;

export async function importTopology(
  connection: ServerConnection,
  source?: vscode.Uri,
): Promise<vscode.TextDocument | undefined> {
  const chosen =
    source ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        filters: { [t('Topology Builder export')]: ['xml', 'tbxml'] },
        openLabel: t('Import'),
        title: t('Import Topology Builder Export'),
      })
    )?.[0];
  if (!chosen) return undefined;
  let result;
  try {
    const xml = decodeXml(await vscode.workspace.fs.readFile(chosen));
    result = await connection.request(REQUESTS.importTopology, chosen, { xml });
  } catch (error) {
    result = { refused: t('The import failed: {0}', error instanceof Error ? error.message : String(error)) };
  }
  if (!('text' in result)) {
    void vscode.window.showErrorMessage(result.refused);
    return undefined;
  }
  const base = chosen.path.replace(/\.(tb)?xml$/i, '');
  const target = vscode.Uri.from({ scheme: 'untitled', path: `${base}.topology.yaml` });
  const document = await vscode.workspace.openTextDocument(target);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(target, new vscode.Range(0, 0, document.lineCount, 0), result.text);
  await vscode.workspace.applyEdit(edit);
  await vscode.window.showTextDocument(document);
  return document;
}

/** Windows PowerShell's Out-File writes UTF-16 with a byte order mark; everything else here is UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}
