import type { DiagnosticRelatedInformation } from 'vscode-languageserver';
import { findingOrigin } from '../engine/index';
import type { Diagnostic, Locale } from '../engine/index';
import { relatedInformation, toLspDiagnostic } from './convert';
import type { Settings } from './settings';

// The published diagnostics of a check as the JSON text the worker hands over (checkWorker.ts):
// JSON.stringify(toLspDiagnostics(...)), byte for byte. A re-check keeps most findings, or moves
// them (rules/keptFindings.ts): each is converted and stringified once per language, severity
// setting and document, and kept as pieces of JSON text; a version writes only its version and
// index between them (and, for a moved finding, its ranges). Stringifying 20k findings anew on
// every keystroke cost more than the incremental re-check itself.

interface Pieces {
  locale: Locale;
  override: string | undefined;
  uri: string;
  finding: Diagnostic;
  /** `{"range":…` of the finding's range: rewritten when it moves. */
  range: string;
  /** From `,"severity"` to the message's end. */
  middle: string;
  /** The data after its version and index, up to its closing brace. */
  data: string;
  /** `,"relatedInformation":[…]`, or '': rewritten when the finding moves. */
  related: string;
  relatedTexts: readonly DiagnosticRelatedInformation[];
}

/** The JSON of data's version and index of the placeholder conversion, which the pieces are cut around. */
const DATA_HEAD = ',"data":{"version":null,"index":0';
const RELATED_KEY = ',"relatedInformation":';

/** By the origin of each finding. */
const converted = new WeakMap<object, Pieces>();

/** `{"range":` and the range, as JSON.stringify writes toRange's. */
function rangeJson({ range: { start, end } }: Diagnostic): string {
  const position = (at: typeof start) => `{"line":${at.line},"character":${at.character}}`;
  return `{"range":{"start":${position(start)},"end":${position(end)}}`;
}

function relatedJson(uri: string, finding: Diagnostic, texts: readonly DiagnosticRelatedInformation[]): string {
  if (texts.length === 0) return '';
  const ranges = (finding.related ?? []).map((item, k) => ({
    range: item.range,
    message: texts[k]?.message ?? item.message,
  }));
  return `${RELATED_KEY}${JSON.stringify(relatedInformation(uri, ranges))}`;
}

function piecesOf(finding: Diagnostic, uri: string, settings: Settings, locale: Locale): Pieces | undefined {
  const origin = findingOrigin(finding);
  const override = settings.severity[finding.code];
  const known = converted.get(origin);
  if (known && known.locale === locale && known.override === override && known.uri === uri) {
    if (known.finding !== finding) {
      // The same finding moved: its texts stay, its positions are the moved finding's.
      known.range = rangeJson(finding);
      known.related = relatedJson(uri, finding, known.relatedTexts);
      known.finding = finding;
    }
    return known;
  }
  const lsp = toLspDiagnostic(finding, 0, uri, null, settings);
  if (!lsp) return undefined;
  const json = JSON.stringify(lsp);
  // Keys are written in the order toLspDiagnostic sets them; the quotes around these keys cannot
  // occur unescaped inside a string value.
  const range = rangeJson(finding);
  const dataAt = json.indexOf(DATA_HEAD);
  const relatedAt = json.indexOf(RELATED_KEY, dataAt);
  const dataEnd = relatedAt < 0 ? json.length - 1 : relatedAt;
  const pieces: Pieces = {
    locale,
    override,
    uri,
    finding,
    range,
    middle: json.slice(range.length, dataAt),
    data: json.slice(dataAt + DATA_HEAD.length, dataEnd),
    related: json.slice(dataEnd, -1),
    relatedTexts: lsp.relatedInformation ?? [],
  };
  converted.set(origin, pieces);
  return pieces;
}

/** JSON.stringify(toLspDiagnostics(diagnostics, uri, version, settings)), `locale` the server's language. */
export function lspDiagnosticsJson(
  diagnostics: readonly Diagnostic[],
  uri: string,
  version: number | null,
  settings: Settings,
  locale: Locale,
): string {
  const out: string[] = [];
  const head = `,"data":{"version":${JSON.stringify(version)},"index":`;
  diagnostics.forEach((finding, index) => {
    const pieces = piecesOf(finding, uri, settings, locale);
    if (pieces) out.push(`${pieces.range}${pieces.middle}${head}${index}${pieces.data}${pieces.related}}`);
  });
  return `[${out.join(',')}]`;
}
