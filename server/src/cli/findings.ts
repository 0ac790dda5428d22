import type { Diagnostic } from '../engine/index';

/** A diagnostic as the CLI's JSON output shows it: 1-based lines and columns. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: Diagnostic['code'];
  message: string;
}

export function toFinding(file: string, diagnostic: Diagnostic): Finding {
  return {
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

export function formatText(findings: Finding[], fileCount: number): string {
  const lines = findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    findings.length === 0
      ? `${plural(fileCount, 'file')} checked: no problems.`
      : `${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(fileCount, 'file')}.`,
  );
  return lines.join('\n') + '\n';
}
