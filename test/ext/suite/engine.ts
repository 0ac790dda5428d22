// The engine, loaded in the extension host the same way the CLI loads it, so tests can compare
// what VS Code shows with what the engine computes for the same text.
import * as vscode from 'vscode';
import { checkTopology } from '../../../server/src/engine/index';
import type { Diagnostic } from '../../../server/src/engine/index';

export { checkTopology };

export interface Shown {
  code: string;
  severity: 'error' | 'warning' | 'info';
  range: string;
  message: string;
}

const SEVERITY: Record<number, Shown['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'info',
};

const key = (shown: Shown) => `${shown.range} ${shown.code}`;

/** The same `line:character-line:character` for the engine's ranges and VS Code's. */
function rangeText({ start, end }: { start: Position; end: Position }): string {
  return `${start.line}:${start.character}-${end.line}:${end.character}`;
}

interface Position {
  line: number;
  character: number;
}

export function fromEngine(diagnostics: Diagnostic[]): Shown[] {
  return diagnostics
    .map((diagnostic) => ({
      code: diagnostic.code,
      severity: diagnostic.severity,
      range: rangeText(diagnostic.range),
      message: diagnostic.message,
    }))
    .sort((a, b) => key(a).localeCompare(key(b)));
}

export function fromVsCode(diagnostics: vscode.Diagnostic[]): Shown[] {
  return diagnostics
    .map((diagnostic) => ({
      code: typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code),
      severity: SEVERITY[diagnostic.severity],
      range: rangeText(diagnostic.range),
      message: diagnostic.message,
    }))
    .sort((a, b) => key(a).localeCompare(key(b)));
}
