import { CodeAction, CodeActionKind, Diagnostic as LspDiagnostic, Range, WorkspaceEdit } from 'vscode-languageserver';
import {
  CheckResult,
  CheckOptions,
  editsKeepParsing,
  fixAll,
  missingRulesOf,
  keyRangeAtPath,
  nodeAt,
  offsetAt,
  errorCountOf,
  rangeOfNode,
  fixTitleIn,
  hasSafeFix,
  t,
} from '../engine/index';
import type { Diagnostic, TextEdit } from '../engine/index';
import { DiagnosticData, minimalEdit, toLspDiagnostic, toTextEdit } from './convert';
import type { Settings } from './settings';
import { INSERT_ALL_MISSING_KIND } from '../shared/protocol';
import { serverLocale } from './locale';

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
  /** The document's text now; when the result was checked on another, every edit would land wrong. */
  text?: string;
  /** The client takes `documentChanges`: edits then carry the version and a client rejects them when stale. */
  versionedEdits?: boolean;
}

/** The edits of one action, tied to the version they were computed on when the client can check it. */
function workspaceEdit(request: CodeActionRequest, edits: TextEdit[]): WorkspaceEdit {
  const lspEdits = edits.map((edit) => toTextEdit(request.result.parsed, edit));
  if (request.versionedEdits && typeof request.version === 'number') {
    return { documentChanges: [{ textDocument: { uri: request.uri, version: request.version }, edits: lspEdits }] };
  }
  return { changes: { [request.uri]: lspEdits } };
}

function wanted(kind: string, only: readonly string[] | undefined): boolean {
  return !only || only.length === 0 || only.some((prefix) => kind === prefix || kind.startsWith(`${prefix}.`));
}

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const { uri, version, result, settings } = request;
  const parsed = result.parsed;
  if (request.text !== undefined && request.text !== parsed.text) return [];
  // An edit whose result parses worse than the text is not offered (the rule of every fix).
  let errorsBefore: number | undefined;
  const keepsParsing = (edits: TextEdit[]) =>
    editsKeepParsing(parsed.text, edits, (errorsBefore ??= errorCountOf(parsed)));
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
  const locale = serverLocale();
  if (wanted(CodeActionKind.QuickFix, request.only)) {
    for (const [index, diagnostic] of [...chosen].sort((a, b) => a[0] - b[0])) {
      const lsp = toLspDiagnostic(diagnostic, index, uri, version, settings);
      if (!lsp) continue;
      for (const fix of diagnostic.fixes ?? []) {
        if (!keepsParsing(fix.edits)) continue;
        actions.push({
          title: fixTitleIn(fix, locale),
          kind: CodeActionKind.QuickFix,
          isPreferred: fix.preferred,
          diagnostics: [lsp],
          edit: workspaceEdit(request, fix.edits),
        });
      }
    }
  }
  if (wanted(INSERT_ALL_MISSING_KIND, request.only)) {
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
      if (!missing || missing.edits.length === 0 || !keepsParsing(missing.edits)) continue;
      const count = missing.rules.length + missing.moved.length;
      actions.push({
        title: t(locale, 'fix/insertAllInFirewall', { firewall: firewall.name, count }),
        kind: INSERT_ALL_MISSING_KIND,
        edit: workspaceEdit(request, missing.edits),
      });
    }
  }
  // Without reading the fixes: those of the findings a session keeps are unpacked only when read.
  const anySafeFix = result.diagnostics.some(hasSafeFix);
  const asked =
    request.only !== undefined && request.only.length > 0 ? wanted(FIX_ALL_KIND, request.only) : !request.automatic;
  if (asked && anySafeFix) {
    const options: CheckOptions = settings.defaultProduct ? { defaultProduct: settings.defaultProduct } : {};
    const fixed = fixAll(parsed.text, options);
    if (fixed.changed) {
      actions.push({
        title: t(locale, 'fix/fixAll', { count: fixed.applied.length }),
        kind: FIX_ALL_KIND,
        edit: workspaceEdit(request, [minimalEdit(parsed.text, fixed.text)]),
      });
    }
  }
  return actions;
}
