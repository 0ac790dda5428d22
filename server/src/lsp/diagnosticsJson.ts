import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { findingOrigin } from '../engine/index';
import type { Diagnostic, Locale } from '../engine/index';
import { type DiagnosticData, toLspDiagnostic, toRange } from './convert';
import type { Settings } from './settings';

// The published diagnostics of a check as the JSON text the worker hands over (checkWorker.ts):
// JSON.stringify(toLspDiagnostics(...)). A re-check keeps most findings, or moves them
// (rules/keptFindings.ts): each is converted once per language, severity setting and document,
// and a version only writes its version and index into the data that ties a diagnostic to its
// check (and, for a moved one, its positions).

interface Converted {
  locale: Locale;
  override: string | undefined;
  uri: string;
  finding: Diagnostic;
  lsp: LspDiagnostic | undefined;
}

const converted = new WeakMap<object, Converted>();

function convertedOf(finding: Diagnostic, index: number, uri: string, settings: Settings, locale: Locale) {
  const origin = findingOrigin(finding);
  const override = settings.severity[finding.code];
  const known = converted.get(origin);
  if (known && known.locale === locale && known.override === override && known.uri === uri) {
    if (known.finding !== finding && known.lsp) {
      // The same finding moved: its texts stay, its positions are the moved finding's.
      const related = known.lsp.relatedInformation;
      const ranges = [
        ...(finding.detail === undefined ? [] : [finding.range]),
        ...(finding.related ?? []).map((item) => item.range),
      ];
      known.lsp = {
        ...known.lsp,
        range: toRange(finding.range),
        data: { ...(known.lsp.data as DiagnosticData) },
        ...(related
          ? {
              relatedInformation: related.map((item, k) => ({ ...item, location: { uri, range: toRange(ranges[k]) } })),
            }
          : {}),
      };
      known.finding = finding;
    }
    return known.lsp;
  }
  const lsp = toLspDiagnostic(finding, index, uri, null, settings);
  converted.set(origin, { locale, override, uri, finding, lsp });
  return lsp;
}

/** JSON.stringify(toLspDiagnostics(diagnostics, uri, version, settings)), `locale` the server's language. */
export function lspDiagnosticsJson(
  diagnostics: readonly Diagnostic[],
  uri: string,
  version: number | null,
  settings: Settings,
  locale: Locale,
): string {
  const out: LspDiagnostic[] = [];
  diagnostics.forEach((finding, index) => {
    const lsp = convertedOf(finding, index, uri, settings, locale);
    if (!lsp) return;
    // The objects are this module's own, written only here and read by the stringify below.
    const data = lsp.data as DiagnosticData;
    data.version = version;
    data.index = index;
    out.push(lsp);
  });
  return JSON.stringify(out);
}
