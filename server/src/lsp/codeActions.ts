import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, Range } from 'vscode-languageserver';
import {
  CheckResult,
  CheckOptions,
  fixAll,
  missingRulesOf,
  keyRangeAtPath,
  nodeAt,
  offsetAt,
  rangeOfNode,
} from '../engine/index';
import type { Diagnostic } from '../engine/index';
import { DiagnosticData, minimalEdit, toLspDiagnostic, toTextEdit } from './convert';
import type { Settings } from './settings';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.lyncPorts`;

export interface CodeActionRequest {
  uri: string;
  version: number | null;
  result: CheckResult;
  settings: Settings;
  range: Range;
  /** The diagnostics the client sent; their `data` points back at the engine's findings. */
  contextDiagnostics: readonly LspDiagnostic[];
  only?: readonly string[];
  /** VS Code asks automatically on every cursor move; fix-all re-checks the file, so it waits to be asked. */
  automatic?: boolean;
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const { uri, version, result, settings } = request;
  const parsed = result.parsed;
  const start = offsetAt(parsed, request.range.start.line, request.range.start.character);
  const end = Math.max(start, offsetAt(parsed, request.range.end.line, request.range.end.character));
  const chosen = new Map<number, Diagnostic>();
  for (const sent of request.contextDiagnostics) {
    const data = sent?.data as Partial<DiagnosticData> | undefined;
    const index = data?.index;
    if (typeof index === 'number' && data?.version === version && result.diagnostics[index]?.code === sent.code)
      chosen.set(index, result.diagnostics[index]);
  }
  // Clients that rebuild diagnostics without `data` (Neovim 0.7 keeps only some fields) still get
  // the fixes of every finding under the cursor or selection.
  result.diagnostics.forEach((diagnostic, index) => {
    if (diagnostic.range.startOffset <= end && start <= diagnostic.range.endOffset) chosen.set(index, diagnostic);
  });

  const actions: CodeAction[] = [];
  if (wanted(CodeActionKind.QuickFix, request.only)) {
    for (const [index, diagnostic] of [...chosen].sort((a, b) => a[0] - b[0])) {
      const lsp = toLspDiagnostic(diagnostic, index, uri, version, settings);
      if (!lsp) continue;
      for (const fix of diagnostic.fixes ?? []) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [lsp],
          edit: { changes: { [uri]: fix.edits.map((edit) => toTextEdit(parsed, edit)) } },
        });
      }
    }
    for (const firewall of result.model.firewalls) {
      const anchors = [
        keyRangeAtPath(parsed, [...firewall.path, 'rules']).startOffset,
        keyRangeAtPath(parsed, firewall.path).startOffset,
      ];
      const concerned = [...chosen.values()].some(
        (diagnostic) => diagnostic.code === 'missing-flow' && anchors.includes(diagnostic.range.startOffset),
      );
      const span = rangeOfNode(parsed, nodeAt(parsed.doc, firewall.path));
      const inside = span !== undefined && anchors[1] <= end && start <= span.endOffset;
      if (!concerned && !inside) continue;
      const missing = missingRulesOf(result, firewall.name);
      if (!missing || missing.edits.length === 0) continue;
      actions.push({
        title: `Insert all missing rules in firewall '${firewall.name}' (${missing.rules.length})`,
        kind: CodeActionKind.QuickFix,
        edit: { changes: { [uri]: missing.edits.map((edit) => toTextEdit(parsed, edit)) } },
      });
    }
  }
  const hasSafeFix = result.diagnostics.some((diagnostic) => diagnostic.fixes?.some((fix) => fix.safe));
  const asked =
    request.only !== undefined && request.only.length > 0 ? wanted(FIX_ALL_KIND, request.only) : !request.automatic;
  if (asked && hasSafeFix) {
    const options: CheckOptions = settings.defaultProduct ? { defaultProduct: settings.defaultProduct } : {};
    const fixed = fixAll(parsed.text, options);
    if (fixed.changed) {
      actions.push({
        title: `Fix all lync-ports problems (${fixed.applied.length})`,
        kind: FIX_ALL_KIND,
        edit: { changes: { [uri]: [toTextEdit(parsed, minimalEdit(parsed.text, fixed.text))] } },
      });
    }
  }
  return actions;
}
