// "Verify Firewall Dump…": a rule set dumped from the real firewall (iptables-save, nft -j list
// ruleset, a Cisco ASA running config, Windows Firewall JSON) checked in place of its rules, as
// `lync-ports verify` checks it; the findings go to the Problems view on the dump file, which
// opens. The server reads and checks.
import * as vscode from 'vscode';
import { REQUESTS, type VerifyDumpFinding } from '../../../server/src/shared/protocol';
import type { ServerConnection } from '../serverConnection';

const t = vscode.l10n.t;

export interface VerifyDumpChoices {
  firewall?: string;
  dump?: vscode.Uri;
  chain?: string;
}

export interface VerifyDumpOutcome {
  dump: string;
  errors: number;
  warnings: number;
  /** Each finding as `line:code` (1-based), for tests and scripts. */
  findings: string[];
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/**
 * The Problems view's list of dump findings. A dump edited afterwards loses them: their lines
 * would point at other rules.
 */
export function createDumpFindings(context: vscode.ExtensionContext): vscode.DiagnosticCollection {
  const collection = vscode.languages.createDiagnosticCollection('lyncPorts.verify');
  context.subscriptions.push(
    collection,
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length > 0 && collection.has(event.document.uri)) collection.delete(event.document.uri);
    }),
  );
  return collection;
}

export async function verifyDump(
  connection: ServerConnection,
  document: vscode.TextDocument,
  collection: vscode.DiagnosticCollection,
  given: VerifyDumpChoices = {},
): Promise<VerifyDumpOutcome | undefined> {
  const model = await connection.request(REQUESTS.flowModel, document.uri, {});
  const firewalls = model?.firewalls ?? [];
  // An Edge server's host firewall too (Windows Firewall): each server with an Access Edge interface.
  const edgeServers = [
    ...new Set(
      (model?.nodes ?? [])
        .filter((node) => node.kind === 'interface' && node.part === 'accessEdge')
        .map((node) => node.id.slice(0, node.id.lastIndexOf('.'))),
    ),
  ];
  if (firewalls.length === 0) {
    void vscode.window.showInformationMessage(t('The topology has no firewall whose dump could be verified.'));
    return undefined;
  }
  const firewall =
    given.firewall ??
    (
      await vscode.window.showQuickPick(
        [
          ...firewalls.map((item) => ({ label: item.name, description: item.between.join(' ↔ ') })),
          ...edgeServers.map((server) => ({ label: server, description: t('host firewall of the Edge server') })),
        ],
        { title: t('Verify Firewall Dump'), placeHolder: t('Which firewall is the dump from?') },
      )
    )?.label;
  if (!firewall) return undefined;
  const dump =
    given.dump ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        title: t('Verify Firewall Dump'),
        openLabel: t('Verify'),
        filters: {
          [t('Firewall dumps')]: ['txt', 'rules', 'v4', 'v6', 'save', 'json', 'nft', 'cfg', 'conf'],
          [t('All files')]: ['*'],
        },
      })
    )?.[0];
  if (!dump) return undefined;
  const bytes = Buffer.from(await vscode.workspace.fs.readFile(dump)).toString('base64');
  let chain = given.chain;
  let result = await connection.request(REQUESTS.verifyDump, document.uri, { firewall, dump: bytes, chain });
  if ('refused' in result && result.chains && chain === undefined) {
    // The dump holds several chains: the user says which stands for the firewall, once.
    chain = await vscode.window.showQuickPick(result.chains, {
      title: t('Verify Firewall Dump'),
      placeHolder: t('Which chain of the dump is the firewall {0}?', firewall),
    });
    if (!chain) return undefined;
    result = await connection.request(REQUESTS.verifyDump, document.uri, { firewall, dump: bytes, chain });
  }
  if ('refused' in result) {
    void vscode.window.showErrorMessage(t('The dump cannot be verified: {0}', result.refused));
    return undefined;
  }
  collection.set(dump, result.findings.map(toDiagnostic));
  await vscode.window.showTextDocument(dump, { preview: false });
  const errors = result.findings.filter((finding) => finding.severity === 'error').length;
  const warnings = result.findings.filter((finding) => finding.severity === 'warning').length;
  const name = vscode.workspace.asRelativePath(dump);
  const message =
    errors + warnings === 0
      ? t('The dump of {0} ({1}) verifies clean against the topology.', firewall, result.format)
      : t('The dump of {0}: {1} errors, {2} warnings; see the Problems view.', firewall, errors, warnings);
  if (errors > 0) void vscode.window.showWarningMessage(message);
  else void vscode.window.showInformationMessage(message);
  return {
    dump: name,
    errors,
    warnings,
    findings: result.findings.map((finding) => `${finding.range.start.line + 1}:${finding.code}`),
  };
}

function toDiagnostic(finding: VerifyDumpFinding): vscode.Diagnostic {
  const { start, end } = finding.range;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(start.line, start.character, end.line, end.character),
    finding.detail ? `${finding.message}\n${finding.detail}` : finding.message,
    SEVERITY[finding.severity],
  );
  diagnostic.source = 'lync-ports verify';
  diagnostic.code = finding.code;
  return diagnostic;
}
