/**
 * Why an XML file is not imported. Every kind is the user's input, not a bug: the CLI prints the
 * message as one line and exits 2. `line` and `column` are 1-based, where the problem starts.
 */
export type ImportErrorKind = 'doctype' | 'entity' | 'malformed' | 'foreign' | 'incomplete';

export class ImportError extends Error {
  constructor(
    readonly kind: ImportErrorKind,
    readonly reason: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? reason : `line ${line}, column ${column ?? 1}: ${reason}`);
    this.name = 'ImportError';
  }
}
