import type { Hover } from 'vscode-languageserver';
import { type CheckResult, type CursorContext, findingsHoverAt, hoverAt, localizeDiagnostic } from '../engine/index';
import { toRange } from './convert';
import { serverLocale } from './locale';

/**
 * The hover at `offset`: what the word means, and under it the detail of each finding there (the
 * Problems panel shows only a finding's first sentence). `cursor`: the cursor's context at `offset`, read
 * by the caller (the main thread, for the worker).
 */
export function hoverFor(result: CheckResult, offset: number, cursor?: CursorContext): Hover | null {
  const locale = serverLocale();
  const hover = hoverAt(result.parsed, result.model, offset, locale, cursor);
  // Only the findings at the offset are localized: all 20k of a large file took 160 ms a hover in Russian.
  const here = result.diagnostics.filter(({ range }) => range.startOffset <= offset && offset <= range.endOffset);
  const findings = findingsHoverAt(
    here.map((diagnostic) => localizeDiagnostic(diagnostic, locale)),
    offset,
    locale,
  );
  const parts = [...(hover ? [hover.markdown] : []), ...findings];
  if (parts.length === 0) return null;
  const contents = { kind: 'markdown' as const, value: parts.join('\n\n---\n\n') };
  return hover ? { contents, range: toRange(hover.range) } : { contents };
}
