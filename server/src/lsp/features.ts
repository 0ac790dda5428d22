import {
  CodeActionTriggerKind,
  ErrorCodes,
  type Location,
  type Position,
  type Range,
  ResponseError,
} from 'vscode-languageserver';
import {
  completionsAt,
  definitionsAt,
  documentSymbols,
  foldingRanges,
  hoverAt,
  offsetAt,
  prepareRenameAt,
  referencesAt,
  renameAt,
  localizeFlowModel,
  schemaTextIn,
} from '../engine/index';
import type {
  CheckResult,
  CompletionEntry,
  CursorContext,
  Locale,
  ParsedTopology,
  TopologyModel,
} from '../engine/index';
import { codeActions } from './codeActions';
import { toCompletionItem, toDocumentSymbol, toFoldingRange, toRange, toTextEdit } from './convert';
import { diagramSvg, exportRules, report } from './extensionRequests';
import { hoverFor } from './hover';
import { lspCodeLenses, lspInlayHints } from './lenses';
import { serverLocale } from './locale';
import type { Settings } from './settings';
import type { FeatureMethod } from './workerProtocol';

// The answers of the editor features and the extension's requests, computed from one check. They
// run in the check worker, where the full CheckResult lives; completion and hover also run on the
// main thread, from the QuickModel and the text alone, while the worker is busy.

/* eslint-disable @typescript-eslint/no-explicit-any -- the params come from the client; each field is checked */
type Params = any;

export interface FeatureInput {
  uri: string;
  version: number | null;
  /** undefined: the file is neither open nor a workspace topology file. */
  result: CheckResult | undefined;
  settings: Settings;
  versionedEdits: boolean;
  /** The model of the document's last check that had servers (see Checker.fallbackModel). */
  fallbackModel?: TopologyModel;
  /** A hover's cursor context, read on the main thread from its line table (see ToWorker). */
  cursor?: CursorContext;
}

export function offsetOf(parsed: ParsedTopology, params: Params): number {
  const position = params?.position as Position | undefined;
  if (!position || !Number.isInteger(position.line) || !Number.isInteger(position.character)) {
    throw new ResponseError(ErrorCodes.InvalidParams, 'position { line, character } is required');
  }
  return offsetAt(parsed, position.line, position.character);
}

export function completion(
  input: Pick<CheckResult, 'parsed' | 'model' | 'diagnostics' | 'analysis'>,
  fallbackModel: TopologyModel | undefined,
  params: Params,
) {
  const locale = serverLocale();
  const entries: CompletionEntry[] = completionsAt({ ...input, fallbackModel }, offsetOf(input.parsed, params)).map(
    (entry) => localizedEntry(entry, locale),
  );
  return { isIncomplete: false, items: entries.map((entry) => toCompletionItem(input.parsed, entry)) };
}

/** The schema's words of an entry (its noun, its description) in the client's language. */
function localizedEntry(entry: CompletionEntry, locale: Locale): CompletionEntry {
  if (locale === 'en') return entry;
  const { detail, documentation } = entry;
  return {
    ...entry,
    ...(detail === undefined ? {} : { detail: schemaTextIn(locale, detail) }),
    ...(documentation === undefined ? {} : { documentation: schemaTextIn(locale, documentation) }),
  };
}

export function hover(parsed: ParsedTopology, model: TopologyModel, params: Params) {
  const found = hoverAt(parsed, model, offsetOf(parsed, params), serverLocale());
  return found ? { contents: { kind: 'markdown' as const, value: found.markdown }, range: toRange(found.range) } : null;
}

const locations = (uri: string, ranges: ReturnType<typeof definitionsAt>): Location[] =>
  ranges.map((range) => ({ uri, range: toRange(range) }));

/** The answer of `method`; null when the document is not a checked topology. */
export function answer(method: FeatureMethod, input: FeatureInput, params: Params): unknown {
  const { result, uri } = input;
  switch (method) {
    case 'flowModel':
      return result ? localizeFlowModel(result.flowModel, result.diagnostics, serverLocale()) : null;
    case 'exportRules':
      return exportRules(result, params?.format, params?.perServer);
    case 'diagramSvg':
      return diagramSvg(result, uri, params?.title);
    case 'report':
      return report(result, uri, params?.title);
  }
  if (!result) return null;
  const { parsed, model } = result;
  switch (method) {
    case 'completion':
      return completion(result, input.fallbackModel, params);
    case 'hover':
      return hoverFor(result, offsetOf(parsed, params), input.cursor);
    case 'codeLens':
      return lspCodeLenses(result, uri);
    case 'inlayHint':
      return lspInlayHints(result, input.settings, params?.range);
    case 'codeAction': {
      const range = params?.range as Range | undefined;
      if (!range?.start || !range?.end) throw new ResponseError(ErrorCodes.InvalidParams, 'range is required');
      return codeActions({
        uri,
        version: input.version,
        result,
        settings: input.settings,
        range,
        contextDiagnostics: Array.isArray(params.context?.diagnostics) ? params.context.diagnostics : [],
        only: Array.isArray(params.context?.only) ? params.context.only : undefined,
        automatic: params.context?.triggerKind === CodeActionTriggerKind.Automatic,
        text: parsed.text,
        versionedEdits: input.versionedEdits,
      });
    }
    case 'documentSymbol':
      return documentSymbols(parsed, model).map(toDocumentSymbol);
    case 'foldingRange':
      return foldingRanges(parsed.text).map(toFoldingRange);
    case 'definition':
      return locations(uri, definitionsAt(parsed, model, offsetOf(parsed, params)));
    case 'references': {
      const includeDeclaration = params?.context?.includeDeclaration !== false;
      return locations(uri, referencesAt(parsed, model, offsetOf(parsed, params), includeDeclaration));
    }
    case 'prepareRename': {
      const prepared = prepareRenameAt(parsed, model, offsetOf(parsed, params));
      return prepared ? { range: toRange(prepared.range), placeholder: prepared.placeholder } : null;
    }
    case 'rename': {
      if (typeof params?.newName !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'newName is required');
      const renamed = renameAt(parsed, model, offsetOf(parsed, params), params.newName.trim());
      if (!renamed.ok) throw new ResponseError(ErrorCodes.InvalidRequest, renamed.reason);
      return { changes: { [uri]: renamed.edits.map((edit) => toTextEdit(parsed, edit)) } };
    }
  }
}
