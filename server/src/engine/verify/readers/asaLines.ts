import type { DumpLocation } from '../dumpRule';

// `show running-config` is a list of commands, one a line; a command's sub-commands follow it
// indented by a space (`object network X` then ` host 10.0.0.1`). Every word keeps its column, so
// a problem can point at the very word the reader could not understand.

export interface AsaToken {
  text: string;
  /** 1-based column of the first character, and of the character after the last. */
  column: number;
  endColumn: number;
}

export interface AsaLine {
  line: number;
  text: string;
  indented: boolean;
  tokens: AsaToken[];
}

export function asaLines(text: string): AsaLine[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  return lines.map((line, index) => {
    const tokens: AsaToken[] = [];
    for (const match of line.matchAll(/\S+/g)) {
      tokens.push({ text: match[0], column: match.index + 1, endColumn: match.index + match[0].length + 1 });
    }
    return { line: index + 1, text: line, indented: /^\s/.test(line), tokens };
  });
}

/** The command's words, from the first to the last. */
export function lineLocation(line: AsaLine): DumpLocation {
  const first = line.tokens[0];
  const last = line.tokens[line.tokens.length - 1];
  return {
    line: line.line,
    column: first?.column ?? 1,
    endLine: line.line,
    endColumn: last?.endColumn ?? 1,
  };
}

export function tokenLocation(line: AsaLine, token: AsaToken | undefined): DumpLocation {
  if (!token) {
    // A command that ends too early: point just past its last word.
    const end = lineLocation(line).endColumn;
    return { line: line.line, column: end, endLine: line.line, endColumn: end };
  }
  return { line: line.line, column: token.column, endLine: line.line, endColumn: token.endColumn };
}

/** The text after the first `count` words, as written (a remark, a description). */
export function restOfLine(line: AsaLine, count: number): string {
  const token = line.tokens[count];
  return token ? line.text.slice(token.column - 1).trimEnd() : '';
}
