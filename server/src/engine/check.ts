import { analyze, type Analysis, emptyAnalysis } from './analysis';
import { buildFlowModel } from './flows/flowModel';
import { buildModel, type RuleReuse } from './model/build';
import type { TopologyModel } from './model/model';
import { NO_SETTINGS } from './model/settings';
import { parseTopology, ParsedTopology, rangeOfOffsets } from './yaml/parse';
import { validateSchema } from './schema/validate';
import { lineBreakOf, withLineBreak } from './yaml/edits';
import { internalErrorAt } from './rules/internalError';
import type { Diagnostic, FlowModel, Product } from './types';

// The pipeline on one text: parse, schema, model, then the analysis of every rule over the
// catalog's flows, and the flow model the diagram draws.

export interface CheckOptions {
  /** Product assumed when the file's `topology.product` is absent. */
  defaultProduct?: Product;
}

/**
 * True when the YAML itself does not parse: what is checked may be cut short, so exports and
 * reports refuse such a result and the editor falls back on the last good model.
 */
export function yamlDoesNotParse(result: { diagnostics: readonly Diagnostic[] }): boolean {
  return result.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax' && diagnostic.severity === 'error');
}

export interface CheckResult {
  parsed: ParsedTopology;
  model: TopologyModel;
  diagnostics: Diagnostic[];
  flowModel: FlowModel;
  analysis: Analysis;
}

export function checkTopology(text: string, options: CheckOptions = {}): CheckResult {
  return checkParsed(parseTopology(text), options);
}

/**
 * The pipeline after the parse; `reuse` carries rule models of a previous version, `previous`
 * that version's result when `parsed` was spliced from its parse (session.ts).
 */
export function checkParsed(
  parsed: ParsedTopology,
  options: CheckOptions,
  reuse?: RuleReuse,
  previous?: CheckResult,
): CheckResult {
  const text = parsed.text;
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  try {
    diagnostics.push(...validateSchema(parsed, previous?.parsed));
    const { model, diagnostics: modelDiagnostics } = buildModel(parsed, options, reuse);
    diagnostics.push(...modelDiagnostics);
    const analysis = analyze(parsed, model, previous?.analysis, reuse !== undefined);
    diagnostics.push(...analysis.diagnostics);
    return {
      parsed,
      model,
      diagnostics: withFileLineBreaks(text, sortAndDedupe(diagnostics)),
      flowModel: buildFlowModel(parsed, model, analysis),
      analysis,
    };
  } catch (error) {
    // A bug of ours must not take the user's editor or CI down: report it where it can be seen.
    diagnostics.push(internalErrorAt(rangeOfOffsets(parsed, 0, 0), error));
    const { model } = buildModelSafely(parsed, options);
    const analysis = emptyAnalysis();
    return {
      parsed,
      model,
      diagnostics,
      flowModel: {
        product: model.product,
        zones: [],
        nodes: [],
        firewalls: [],
        flows: [],
        extraRules: [],
        summary: { required: 0, allowed: 0 },
      },
      analysis,
    };
  }
}

/** The rules write their edits with \n; a CRLF file gets CRLF, once for every fix. */
function withFileLineBreaks(text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  const lineBreak = lineBreakOf(text);
  if (lineBreak === '\n') return diagnostics;
  return diagnostics.map((diagnostic) =>
    diagnostic.fixes
      ? {
          ...diagnostic,
          fixes: diagnostic.fixes.map((fix) => ({ ...fix, edits: withLineBreak(fix.edits, lineBreak) })),
        }
      : diagnostic,
  );
}

function buildModelSafely(parsed: ParsedTopology, options: CheckOptions): { model: TopologyModel } {
  try {
    return buildModel(parsed, options);
  } catch {
    const product = options.defaultProduct ?? 'lync2013';
    const empty = { features: [], networks: [], servers: [], firewalls: [], sipDomains: [], xmppDomains: [] };
    return { model: { product, ...empty, pools: new Map(), settings: NO_SETTINGS } };
  }
}

/**
 * Sorted by place, one finding per code and place: the schema and the model can both see a
 * malformed value (a service string, say); the schema's message, pushed first, is kept. The sort
 * is stable, so among the findings of one place the first pushed comes first.
 */
function sortAndDedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const sorted = [...diagnostics].sort(
    (a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset,
  );
  const out: Diagnostic[] = [];
  let placeStart = 0;
  for (const diagnostic of sorted) {
    const last = out[out.length - 1];
    if (
      !last ||
      last.range.startOffset !== diagnostic.range.startOffset ||
      last.range.endOffset !== diagnostic.range.endOffset
    )
      placeStart = out.length;
    // Findings about different catalog rows share a place (every missing flow of a firewall lies on its `rules` key).
    let seen = false;
    for (let k = placeStart; k < out.length && !seen; k++)
      seen = out[k].code === diagnostic.code && (out[k].catalogRowId ?? '') === (diagnostic.catalogRowId ?? '');
    if (!seen) out.push(diagnostic);
  }
  return out;
}
