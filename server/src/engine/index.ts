import { analyze, Analysis } from './analysis';
import { applyEdits } from './edits';
import { buildFlowModel } from './flowModel';
import { buildModel, TopologyModel } from './model';
import { parseTopology, ParsedTopology, rangeOfOffsets } from './parse';
import { validateSchema } from './schema';
import type { Diagnostic, FlowModel, Product, TextEdit } from './types';

// The engine's front door. The CLI, the language server and the tests call these and nothing
// deeper, so they always agree.

export interface CheckOptions {
  /** Product assumed when the file's `topology.product` is absent. */
  defaultProduct?: Product;
}

export interface CheckResult {
  parsed: ParsedTopology;
  model: TopologyModel;
  diagnostics: Diagnostic[];
  flowModel: FlowModel;
  analysis: Analysis;
}

export function checkTopology(text: string, options: CheckOptions = {}): CheckResult {
  const parsed = parseTopology(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  try {
    diagnostics.push(...validateSchema(parsed));
    const { model, diagnostics: modelDiagnostics } = buildModel(parsed, options);
    diagnostics.push(...modelDiagnostics);
    const analysis = analyze(parsed, model);
    diagnostics.push(...analysis.diagnostics);
    return { parsed, model, diagnostics: sortDiagnostics(dedupe(diagnostics)), flowModel: buildFlowModel(parsed, model, analysis), analysis };
  } catch (error) {
    // A bug of ours must not take the user's editor or CI down: report it where it can be seen.
    const message = error instanceof Error ? error.message : String(error);
    diagnostics.push({ code: 'internal-error', severity: 'error', message: `Internal error while checking this file: ${message}. Please report it with the file.`, range: rangeOfOffsets(parsed, 0, 0) });
    const { model } = buildModelSafely(parsed, options);
    const analysis: Analysis = { diagnostics: [], flows: [], evaluations: [], findings: new Map(), explainingRules: new Map() };
    return { parsed, model, diagnostics, flowModel: { product: model.product, zones: [], nodes: [], firewalls: [], flows: [], extraRules: [], summary: { required: 0, allowed: 0 } }, analysis };
  }
}

function buildModelSafely(parsed: ParsedTopology, options: CheckOptions): { model: TopologyModel } {
  try {
    return buildModel(parsed, options);
  } catch {
    return { model: { product: options.defaultProduct ?? 'lync2013', features: [], networks: [], servers: [], firewalls: [], pools: new Map(), sipDomains: [], xmppDomains: [] } };
  }
}

/**
 * One finding per code and place: the schema and the model can both see a malformed value
 * (a service string, say); the schema's message, pushed first, is kept.
 */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((diagnostic) => {
    // Findings about different catalog rows share a place (every missing flow of a firewall lies on its `rules` key).
    const key = `${diagnostic.range.startOffset}:${diagnostic.range.endOffset}:${diagnostic.code}:${diagnostic.catalogRowId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset);
}

export interface FixAllResult {
  text: string;
  changed: boolean;
  /** Fixes applied, by title, in order. */
  applied: string[];
  remaining: Diagnostic[];
}

/** Most fixes of one file, applied together; the edits of one fix never split. */
export function safeFixEdits(diagnostics: Diagnostic[]): { edits: TextEdit[]; titles: string[] } {
  const edits: TextEdit[] = [];
  const titles: string[] = [];
  const taken: [number, number][] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes?.find((candidate) => candidate.safe && candidate.preferred) ?? diagnostic.fixes?.find((candidate) => candidate.safe);
    if (!fix) continue;
    const clashes = fix.edits.some((edit) => taken.some(([start, end]) => edit.startOffset < end && start < edit.endOffset && !(edit.startOffset === edit.endOffset && start === end)));
    if (clashes) continue;
    for (const edit of fix.edits) taken.push([edit.startOffset, edit.endOffset]);
    edits.push(...fix.edits);
    titles.push(fix.title);
  }
  return { edits, titles };
}

/**
 * Applies every safe fix, re-checking between rounds: one fix can reveal the next (a moved rule
 * can make another flow pass), and a round never applies two fixes that touch the same text.
 */
export function fixAll(text: string, options: CheckOptions = {}): FixAllResult {
  let current = text;
  const applied: string[] = [];
  for (let round = 0; round < 8; round++) {
    const { diagnostics } = checkTopology(current, options);
    const { edits, titles } = safeFixEdits(diagnostics);
    if (edits.length === 0) break;
    const next = applyEdits(current, edits);
    if (next === current) break;
    current = next;
    applied.push(...titles);
  }
  return { text: current, changed: current !== text, applied, remaining: checkTopology(current, options).diagnostics };
}

export { applyEdits };
export type { Diagnostic, FlowModel, Product, TextEdit };
