import { readFileSync, writeFileSync } from 'node:fs';

/** Where a command reads and writes; the tests run commands as real processes, so this stays thin. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readStdin(): string;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin: () => readFileSync(0, 'utf8'),
};

/** Thrown for problems the user must fix in the command line or the file system: exit code 2. */
export class UsageError extends Error {}

export function readInput(path: string, io: CliIO): string {
  if (path === '-') return io.readStdin();
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
  }
}

export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot write '${path}': ${describeFsError(error)}`);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
