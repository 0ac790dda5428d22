import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { CheckOptions, CheckResult, CursorContext, Diagnostic, Locale, TopologyModel } from '../engine/index';

type FlowEvaluation = CheckResult['analysis']['evaluations'][number];
import type { SeverityOverride } from './settings';

// The messages between the language server's main thread and its check worker (checkWorker.ts).
// Only plain data crosses: text in, LSP-shaped answers out. The full CheckResult stays in the
// worker, since cloning a large one would block the main thread as long as a check.

/** What the worker needs of the settings: the `files` globs only decide on the main thread what is checked. */
export interface WorkerSettings {
  defaultProduct?: CheckOptions['defaultProduct'];
  severity: Record<string, SeverityOverride>;
  inlayHints: boolean;
  /** The language of messages and hovers: the worker's copy of the engine does not know the main thread's. */
  locale: Locale;
}

/** The requests the worker answers from the full check of one version. */
export type FeatureMethod =
  | 'completion'
  | 'hover'
  | 'codeAction'
  | 'documentSymbol'
  | 'foldingRange'
  | 'definition'
  | 'references'
  | 'prepareRename'
  | 'rename'
  | 'codeLens'
  | 'inlayHint'
  | 'flowModel'
  | 'exportRules'
  | 'diagramSvg'
  | 'report';

/**
 * What the main thread keeps of a check, for completion and hover while the worker is busy: the
 * model without the firewalls' rules (the names and addresses those features read), small at
 * any rule count.
 */
export interface QuickModel {
  version: number | null;
  model: TopologyModel;
  /** No servers, or a YAML syntax error that may have cut some off: names come from the last good model. */
  broken: boolean;
  /** The flows a missing-flow finding says no rule lets through, with those findings: completion's rule snippets. */
  missing: { evaluations: FlowEvaluation[]; findings: Diagnostic[] };
  /** Start and end offsets of the findings that have a detail: a hover there shows it, from the full check. */
  findingSpans: Int32Array;
}

export type ToWorker =
  | {
      type: 'check';
      uri: string;
      /** null: a workspace file checked from disk; `path` says where to read it again. */
      version: number | null;
      path?: string;
      key: string;
      text: string;
      settings: WorkerSettings;
    }
  | {
      type: 'request';
      id: number;
      uri: string;
      version: number | null;
      key: string;
      method: FeatureMethod;
      params: unknown;
      settings: WorkerSettings;
      versionedEdits: boolean;
      /** A workspace file on disk: where to read it when its check was collected. */
      path?: string;
      /**
       * A hover's cursor context at its position, from the main thread's line table of the text: the
       * worker keeps none (at 20k rules one is 23 MB, and the main thread holds one anyway).
       */
      cursor?: CursorContext;
    }
  | { type: 'close'; uri: string };

export type FromWorker =
  | {
      type: 'checked';
      uri: string;
      version: number | null;
      key: string;
      /** The LSP diagnostics as UTF-8 JSON: its buffer is transferred, not copied. */
      diagnostics: Uint8Array;
      quick: QuickModel;
    }
  /** A check that a newer version of the same document overtook before it started. */
  | { type: 'superseded'; uri: string; version: number | null; key: string }
  | { type: 'answer'; id: number; value: unknown }
  /** The check the request is about is not the worker's latest for the document any more. */
  | { type: 'stale'; id: number }
  | { type: 'failed'; id: number; code?: number; message: string };

export type { LspDiagnostic };
