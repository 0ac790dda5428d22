import {
  CompletionItem,
  CompletionItemKind,
  Diagnostic as LspDiagnostic,
  DiagnosticRelatedInformation,
  DiagnosticSeverity,
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  InsertTextFormat,
  InsertTextMode,
  Range,
  SymbolKind,
  TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type {
  CompletionEntry,
  CompletionKind,
  FoldingSpan,
  OutlineKind,
  OutlineSymbol,
  Diagnostic,
  SourceRange,
  TextEdit,
} from '../engine/index';
import { codeDocumentationUrl, localizeDiagnostic, ParsedTopology, positionAt } from '../engine/index';
import { serverLocale } from './locale';
import type { Settings } from './settings';

// Engine shapes to LSP shapes. Offsets are turned into positions on the text the engine checked,
// so an edit always lands where the engine meant it, whatever the editor did since.

export const SOURCE = 'lync-ports';
export const README_URL = 'https://github.com/lync-port-planner/lync-port-planner';

export function toRange(range: SourceRange): Range {
  return { start: { ...range.start }, end: { ...range.end } };
}

export function offsetsToRange(parsed: ParsedTopology, start: number, end: number): Range {
  return { start: positionAt(parsed, start), end: positionAt(parsed, end) };
}

export function toTextEdit(parsed: ParsedTopology, edit: TextEdit): LspTextEdit {
  return { range: offsetsToRange(parsed, edit.startOffset, edit.endOffset), newText: edit.newText };
}

/** What a code action needs to find the engine's finding again: the checked version and its place in the list. */
export interface DiagnosticData {
  version: number | null;
  index: number;
  catalogRowId?: string;
  fixes: string[];
}

export const SEVERITIES: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * The diagnostic as published, or undefined when the settings turn its code off: its first sentence
 * as the message (in the client's language), the places it is about (another rule, a server) as
 * related information, and its code's README section as the code's link. The detail (catalog row,
 * why, how to fix) is in the hover at the finding (hover.ts), not here: it was half of every
 * publication's bytes, which the client parses on each re-check.
 */
export function toLspDiagnostic(
  finding: Diagnostic,
  index: number,
  uri: string,
  version: number | null,
  settings: Settings,
): LspDiagnostic | undefined {
  const override = settings.severity[finding.code];
  if (override === 'off') return undefined;
  const diagnostic = localizeDiagnostic(finding, serverLocale());
  const data: DiagnosticData = {
    version,
    index,
    catalogRowId: diagnostic.catalogRowId,
    fixes: (diagnostic.fixes ?? []).map((fix) => fix.title),
  };
  const result: LspDiagnostic = {
    range: toRange(diagnostic.range),
    severity: SEVERITIES[override ?? diagnostic.severity] ?? DiagnosticSeverity.Error,
    code: diagnostic.code,
    codeDescription: { href: codeDocumentationUrl(diagnostic.code) },
    source: SOURCE,
    message: diagnostic.message,
    data,
  };
  const related = diagnostic.related ?? [];
  if (related.length > 0) result.relatedInformation = relatedInformation(uri, related);
  return result;
}

export function relatedInformation(
  uri: string,
  related: readonly { range: SourceRange; message: string }[],
): DiagnosticRelatedInformation[] {
  return related.map((item) => ({ location: { uri, range: toRange(item.range) }, message: item.message }));
}

export function toLspDiagnostics(
  diagnostics: readonly Diagnostic[],
  uri: string,
  version: number | null,
  settings: Settings,
): LspDiagnostic[] {
  return diagnostics.flatMap((diagnostic, index) => toLspDiagnostic(diagnostic, index, uri, version, settings) ?? []);
}

const COMPLETION_KINDS: Record<CompletionKind, CompletionItemKind> = {
  key: CompletionItemKind.Property,
  enum: CompletionItemKind.EnumMember,
  endpoint: CompletionItemKind.Reference,
  network: CompletionItemKind.Module,
  service: CompletionItemKind.Value,
  pool: CompletionItemKind.Reference,
  rule: CompletionItemKind.Snippet,
  snippet: CompletionItemKind.Snippet,
};

export function toCompletionItem(parsed: ParsedTopology, entry: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: entry.label,
    kind: COMPLETION_KINDS[entry.kind],
    textEdit: { range: offsetsToRange(parsed, entry.replaceStart, entry.replaceEnd), newText: entry.insertText },
    insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    // Multi-line inserts carry their own indentation: clients must not add the line's again.
    insertTextMode: InsertTextMode.asIs,
  };
  if (entry.detail) item.detail = entry.detail;
  if (entry.documentation) item.documentation = { kind: 'markdown', value: entry.documentation };
  if (entry.filterText) item.filterText = entry.filterText;
  if (entry.sortText) item.sortText = entry.sortText;
  return item;
}

const SYMBOL_KINDS: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Module,
  feature: SymbolKind.Boolean,
  network: SymbolKind.Namespace,
  server: SymbolKind.Class,
  interface: SymbolKind.Interface,
  firewall: SymbolKind.Struct,
  rule: SymbolKind.Event,
};

export function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  const result: DocumentSymbol = {
    name: symbol.name || '(unnamed)',
    kind: SYMBOL_KINDS[symbol.kind],
    range: toRange(symbol.range),
    selectionRange: toRange(symbol.selectionRange),
    children: symbol.children.map(toDocumentSymbol),
  };
  if (symbol.detail) result.detail = symbol.detail;
  return result;
}

export function toFoldingRange(span: FoldingSpan): FoldingRange {
  const range: FoldingRange = { startLine: span.startLine, endLine: span.endLine };
  if (span.kind === 'comment') range.kind = FoldingRangeKind.Comment;
  return range;
}

/** One edit that turns `before` into `after`, as small as their common prefix and suffix allow. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const shortest = Math.min(before.length, after.length);
  while (start < shortest && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < shortest - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { startOffset: start, endOffset: before.length - tail, newText: after.slice(start, after.length - tail) };
}
