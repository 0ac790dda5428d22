import type { Diagnostic } from '../engine/index';
import { counted, say } from './texts';

/** A diagnostic as the CLI's JSON output shows it: 1-based lines and columns. */
export interface Finding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Diagnostic['severity'];
  code: Diagnostic['code'];
  /** The first sentence: what is wrong, where. */
  message: string;
  /** The rest (the catalog row, the Microsoft page, why, what to do), when there is more. */
  detail?: string;
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
    ...(diagnostic.detail === undefined ? {} : { detail: diagnostic.detail }),
  };
}

/**
 * C0 and C1 controls, DEL, and the characters that reorder or split text on screen (bidi
 * embeddings, overrides and isolates, the line and paragraph separators).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_FOR_TERMINAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A user string as the terminal must show it: rule and firewall names come from the file, and
 * their controls would otherwise clear the screen, retitle the window or start a line that looks
 * like a finding. Each becomes a visible `\n`, `\x1b` or `\u202e`.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE_FOR_TERMINAL, (char) => {
    const code = char.charCodeAt(0);
    return (
      NAMED_ESCAPES[char] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
    );
  });
}

/** One finding as a terminal line: `file:line:column: severity [code] message`. */
export function findingLine(f: Finding): string {
  return `${terminalSafe(f.file)}:${f.line}:${f.column}: ${f.severity} [${f.code}] ${terminalSafe(f.message)}`;
}

/** The findings one a line, `verbose`: each with its detail indented below it; then the summary. */
export function formatText(findings: Finding[], fileCount: number, verbose = false): string {
  const lines = findings.flatMap((f) =>
    verbose && f.detail ? [findingLine(f), `    ${terminalSafe(f.detail)}`] : [findingLine(f)],
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const files = counted(fileCount, 'file');
  lines.push(
    findings.length === 0
      ? say('clean', { files })
      : say('summary', { errors: counted(errors, 'error'), warnings: counted(warnings, 'warning'), files }),
  );
  return lines.join('\n') + '\n';
}
