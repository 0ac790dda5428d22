// "Export Rules...": the active topology's rule sets per firewall as CSV, Markdown, PowerShell,
// iptables-restore or nftables input, written where the user chooses. The language server writes
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
    const errors = vscode.languages
      .getDiagnostics(document.uri)
      .filter((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Error).length;
    const note = errors > 0 ? ` ${t('Errors in the file: {0}. The export shows the rules as written.', errors)}` : '';
    void vscode.window
      .showInformationMessage(
        `${t('Exported the rules to {0}.', vscode.workspace.asRelativePath(destination))}${note}`,
        t('Open'),
      )
      .then((choice) => {
        if (choice) void vscode.window.showTextDocument(destination);
      });
  }
  return destination;
}
