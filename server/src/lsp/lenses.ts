import { CodeLens, InlayHint, InlayHintKind, MarkupKind, Range } from 'vscode-languageserver';
import { codeLenses, inlayHints, offsetAt, type CheckResult, type LensAction } from '../engine/index';
import type { Settings } from './settings';
import { toRange } from './convert';
import { serverLocale } from './locale';

// CodeLens and inlay hints: the engine's lenses (features/codeLens.ts) with the client's commands,
// and its hints (features/inlayHints.ts) for the lines the editor shows, when the setting asks.

/** The VS Code extension's commands a lens runs; another client shows the title and may not run it. */
export function commandOf(action: LensAction, uri: string): { command: string; arguments?: unknown[] } {
  if (action.kind === 'insertMissingRules')
    return { command: 'lyncPorts.insertAllMissingRules', arguments: [uri, action.firewall] };
  return { command: 'lyncPorts.showDiagram' };
}

export function lspCodeLenses(result: CheckResult, uri: string): CodeLens[] {
  return codeLenses(result, serverLocale()).map((lens) => ({
    range: toRange(lens.range),
    command: { title: lens.title, ...commandOf(lens.action, uri) },
  }));
}

export function lspInlayHints(result: CheckResult, settings: Settings, range: Range | undefined): InlayHint[] {
  if (!settings.inlayHints) return [];
  const { parsed } = result;
  const start = range ? offsetAt(parsed, range.start.line, range.start.character) : 0;
  const end = range ? offsetAt(parsed, range.end.line, range.end.character) : parsed.text.length;
  return inlayHints(result, start, end).map((hint) => ({
    position: hint.position,
    label: hint.label,
    kind: hint.kind === 'endpoint' ? InlayHintKind.Type : InlayHintKind.Parameter,
    paddingLeft: true,
    tooltip: hint.tooltip ? { kind: MarkupKind.Markdown, value: hint.tooltip } : undefined,
  }));
}
