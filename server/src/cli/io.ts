import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

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

/** The file-system calls writeOutput makes, so a test can make one of them fail. */
export type WriteSteps = Pick<
  typeof fs,
  | 'accessSync'
  | 'closeSync'
  | 'fchmodSync'
  | 'fsyncSync'
  | 'openSync'
  | 'realpathSync'
  | 'renameSync'
  | 'statSync'
  | 'unlinkSync'
> & { writeSync(fd: number, data: Uint8Array, offset: number, length: number): number };

/**
 * Writes a file so that it is either the old one or the new one, never a part: a temporary file
 * in the same folder (so the rename stays on one file system), written in full, fsynced, given
 * the original's mode, then renamed over it. A device or FIFO (`-o /dev/stdout`) is written as is.
 */
export function writeOutput(path: string, data: string | Uint8Array, steps: WriteSteps = fs): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let target = path;
  let mode: number | undefined;
  try {
    target = steps.realpathSync(path);
    const stat = steps.statSync(target);
    if (!stat.isFile()) {
      fs.writeFileSync(target, bytes);
      return;
    }
    // The rename would replace a read-only file the user could not have written to.
    steps.accessSync(target, fs.constants.W_OK);
    mode = stat.mode & 0o7777;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'ENOENT')
      throw new UsageError(`cannot write '${path}': ${describeFsError(error)}`);
  }
  const temporary = join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = steps.openSync(temporary, 'wx', mode ?? 0o666);
    if (mode !== undefined) steps.fchmodSync(fd, mode);
    for (let done = 0; done < bytes.length;) done += steps.writeSync(fd, bytes, done, bytes.length - done);
    steps.fsyncSync(fd);
    steps.closeSync(fd);
    fd = undefined;
    steps.renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) {
      try {
        steps.closeSync(fd);
      } catch {
        // Already failing; the unlink below is what matters.
      }
    }
    try {
      steps.unlinkSync(temporary);
    } catch {
      // Never created, or already renamed.
    }
    const kept = mode === undefined ? '' : '; the file was left as it was';
    throw new UsageError(`cannot write '${path}': ${describeFsError(error)}${kept}`);
  }
  syncFolder(dirname(target));
}

/** The rename is durable once the folder is synced; some file systems cannot, which costs nothing. */
function syncFolder(folder: string): void {
  try {
    const fd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort only.
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
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
