// Reading our diagnostics back from VS Code: the code may arrive as a string or as { value, target }.
import * as vscode from 'vscode';

export function diagnosticCode(diagnostic: vscode.Diagnostic): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  if (typeof code === 'object') return String(code.value);
  return String(code);
}
