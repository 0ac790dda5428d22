// "Export Rules...": the active topology's rule sets per firewall as CSV, Markdown, PowerShell,
// iptables-restore or nftables input, written where the user chooses (PowerShell: a script per Edge
// server, into a folder). The language server writes
// the text from its check of the editor's current text, with the very exporter behind
// `lync-ports export`.
import * as vscode from 'vscode';
import type { ExportFormat } from '../../../server/src/engine/index';
import { REQUESTS } from '../../../server/src/shared/protocol';
import type { ServerConnection } from '../serverConnection';

const t = vscode.l10n.t;

// Functions, so the words are looked up in the UI language when the picker opens.
const FORMATS: Record<ExportFormat, { label: string; detail: () => string; extension: string; filter: string }> = {
  csv: {
    label: 'CSV',
    detail: () => t('One row per rule, for a spreadsheet or a change request'),
    extension: 'csv',
    filter: 'CSV',
  },
  markdown: {
    label: 'Markdown',
    detail: () => t('A table per firewall, for a wiki or a ticket'),
    extension: 'md',
    filter: 'Markdown',
  },
  powershell: {
    label: 'PowerShell',
    detail: () => t('One Windows Firewall script per Edge server'),
    extension: 'ps1',
    filter: 'PowerShell',
  },
  iptables: {
    label: 'iptables',
    detail: () => t('iptables-restore input'),
    extension: 'rules',
    filter: 'iptables rules',
  },
  nftables: { label: 'nftables', detail: () => t('nft -f input'), extension: 'nft', filter: 'nftables' },
};

/** The engine's EXPORT_FORMATS, in its order; the Record's type keeps the two lists equal. */
const EXPORT_FORMATS = Object.keys(FORMATS) as ExportFormat[];

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

export async function pickExportFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((format) => ({ label: FORMATS[format].label, detail: FORMATS[format].detail(), format })),
    { title: t('Export Firewall Rules'), placeHolder: t('Format of the exported rule sets') },
  );
  return picked?.format;
}

/** The export as text; undefined (with a message) when the server cannot export the file. */
export async function exportText(
  connection: ServerConnection,
  document: vscode.TextDocument,
  format: ExportFormat,
): Promise<string | undefined> {
  let result;
  try {
    result = await connection.request(REQUESTS.exportRules, document.uri, { format });
  } catch (error) {
    result = {
      refused: t('The rules could not be exported: {0}', error instanceof Error ? error.message : String(error)),
    };
  }
  if ('text' in result) return result.text;
  void vscode.window.showErrorMessage(result.refused);
  return undefined;
}

export async function exportRules(
  connection: ServerConnection,
  document: vscode.TextDocument,
  format: ExportFormat,
  target?: vscode.Uri,
): Promise<vscode.Uri | undefined> {
  // PowerShell is a script per Edge server, each run on its own server: into a folder, as
  // `lync-ports export -o DIR` writes them. A file given by a caller still takes them all.
  if (format === 'powershell' && (!target || (await isFolder(target))))
    return exportScripts(connection, document, target);
  const text = await exportText(connection, document, format);
  if (text === undefined) return undefined;
  const { extension, filter } = FORMATS[format];
  const destination =
    target ??
    (await vscode.window.showSaveDialog({
      defaultUri: document.isUntitled
        ? undefined
        : document.uri.with({ path: document.uri.path.replace(/(\.topology)?\.ya?ml$/i, '') + `-rules.${extension}` }),
      filters: { [filter]: [extension] },
      saveLabel: t('Export'),
      title: t('Export Firewall Rules as {0}', FORMATS[format].label),
    }));
  if (!destination) return undefined;
  await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(text));
  if (!target) {
    void vscode.window
      .showInformationMessage(
        `${t('Exported the rules to {0}.', vscode.workspace.asRelativePath(destination))}${errorNote(document)}`,
        t('Open'),
      )
      .then((choice) => {
        if (choice) void vscode.window.showTextDocument(destination);
      });
  }
  return destination;
}

function errorNote(document: vscode.TextDocument): string {
  const errors = vscode.languages
    .getDiagnostics(document.uri)
    .filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
  return errors > 0 ? ` ${t('Errors in the file: {0}. The export shows the rules as written.', errors)}` : '';
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.Directory;
  } catch {
    return false;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Each Edge server's script as <folder>/<server>.ps1; asks before replacing any file. Returns the folder. */
async function exportScripts(
  connection: ServerConnection,
  document: vscode.TextDocument,
  target: vscode.Uri | undefined,
): Promise<vscode.Uri | undefined> {
  let result;
  try {
    result = await connection.request(REQUESTS.exportRules, document.uri, { format: 'powershell', perServer: true });
  } catch (error) {
    result = {
      refused: t('The rules could not be exported: {0}', error instanceof Error ? error.message : String(error)),
    };
  }
  if ('refused' in result) {
    void vscode.window.showErrorMessage(result.refused);
    return undefined;
  }
  const files = result.files ?? [];
  if (files.length === 0) {
    void vscode.window.showErrorMessage(t('The topology has no Edge server, so there is no Windows Firewall script.'));
    return undefined;
  }
  const folder = target ?? (await pickFolder(document));
  if (!folder) return undefined;
  const destinations = files.map((file) => ({ uri: vscode.Uri.joinPath(folder, file.name), text: file.text }));
  const taken: string[] = [];
  for (const { uri } of destinations) if (await exists(uri)) taken.push(uri.path.slice(uri.path.lastIndexOf('/') + 1));
  if (taken.length > 0) {
    const replace = t('Replace');
    const choice = await vscode.window.showWarningMessage(
      t('Replace the existing files in {0}?', vscode.workspace.asRelativePath(folder)),
      { modal: true, detail: taken.join('\n') },
      replace,
    );
    if (choice !== replace) return undefined;
  }
  for (const { uri, text } of destinations) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  if (!target) {
    const where = vscode.workspace.asRelativePath(folder);
    void vscode.window.showInformationMessage(
      `${t('Exported the Windows Firewall scripts {0} to {1}.', files.map((file) => file.name).join(', '), where)}` +
        errorNote(document),
    );
  }
  return folder;
}

function pickFolder(document: vscode.TextDocument): Thenable<vscode.Uri | undefined> {
  const beside = document.isUntitled ? undefined : vscode.Uri.joinPath(document.uri, '..');
  return vscode.window
    .showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      canSelectMany: false,
      defaultUri: beside,
      openLabel: t('Export Here'),
      title: t('Folder for the Windows Firewall scripts (one per Edge server)'),
    })
    .then((picked) => picked?.[0]);
}
