// While a topology file's YAML does not parse, what the status bar and the diagram show: the flow
// model of its last check that parsed, marked as such, never the half-read model of the broken
// text as if it were news. Pure (no vscode import) so test/client checks it in plain Node; the
// extension tells it whether the document has a `yaml-syntax` error.

export interface ShownCheck<M> {
  model: M | undefined;
  /** The YAML does not parse: `model` is the last good check (or, before any, the broken text's). */
  stale: boolean;
}

export class LastGoodChecks<M> {
  private readonly good = new Map<string, M>();

  /** What to show for `uri`, given the server's model of the current text and whether it parses. */
  shown(uri: string, current: M | undefined, syntaxError: boolean): ShownCheck<M> {
    if (!syntaxError) {
      if (current !== undefined) this.good.set(uri, current);
      return { model: current, stale: false };
    }
    return { model: this.good.get(uri) ?? current, stale: true };
  }

  forget(uri: string): void {
    this.good.delete(uri);
  }
}

/** The code of a diagnostic as VS Code hands it back: a string, a number, or { value, target }. */
export type DiagnosticCodeValue = string | number | { value: string | number } | undefined;

/** Whether any of the document's diagnostics says its YAML does not parse. */
export function hasSyntaxError(codes: readonly DiagnosticCodeValue[]): boolean {
  return codes.some((code) => (typeof code === 'object' ? String(code.value) : String(code)) === 'yaml-syntax');
}
