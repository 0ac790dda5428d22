import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { closeSync, constants, fstatSync, openSync, readSync, Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Where a command reads and writes; the tests run commands as real processes, so this stays thin. */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Standard input's bytes, at most `limit` of them plus one (so that more can be told from exactly `limit`). */
  readStdin(limit: number): Buffer;
}

export const processIO: CliIO = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  readStdin: (limit) => readAtMost(0, limit + 1),
};

/** Thrown for problems the user must fix in the command line or the file system: exit code 2. */
export class UsageError extends Error {}

/**
 * The largest input read, in bytes: a topology is text of kilobytes (the 50,000-rule bench file
 * is 6 MB), and without a limit a symlink to /dev/zero is read until memory runs out.
 */
export const DEFAULT_MAX_INPUT_BYTES = 16 * 1024 * 1024;
export const MAX_SIZE_ENV = 'LYNC_PORTS_MAX_SIZE';
let maxInputBytes = DEFAULT_MAX_INPUT_BYTES;

/** `--max-size` or LYNC_PORTS_MAX_SIZE: bytes, or with a K, M or G suffix (powers of 1024). */
export function setMaxInputSize(value: string, from: string): void {
  const match = /^\s*(\d+)\s*([kmg]?)i?b?\s*$/i.exec(value);
  if (!match || Number(match[1]) === 0)
    throw new UsageError(`${from} must be a size such as 16M or 500000 (bytes), not '${value}'`);
  const unit = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  maxInputBytes = Number(match[1]) * unit;
}

/** The input's bytes: only regular files (and standard input), at most the size limit. */
export function readInputBytes(path: string, io: CliIO): Buffer {
  const bytes = path === '-' ? io.readStdin(maxInputBytes) : readRegularFile(path);
  if (bytes.length > maxInputBytes) throw new UsageError(`'${path === '-' ? '<stdin>' : path}' is ${tooLarge()}`);
  return bytes;
}

function tooLarge(): string {
  return `larger than ${describeSize(maxInputBytes)}, the input limit (--max-size or ${MAX_SIZE_ENV} to change it)`;
}

function describeSize(bytes: number): string {
  if (bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

function readRegularFile(path: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type is checked before any read.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new UsageError(`cannot read '${path}': ${describeKind(stats)}, not a regular file`);
    if (stats.size > maxInputBytes) throw new UsageError(`'${path}' is ${tooLarge()}`);
    return readAtMost(fd, maxInputBytes + 1);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read '${path}': ${describeFsError(error)}`);
  } finally {
    closeSync(fd);
  }
}

function describeKind(stats: Stats): string {
  if (stats.isDirectory()) return 'it is a directory';
  if (stats.isFIFO()) return 'it is a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'it is a device';
  if (stats.isSocket()) return 'it is a socket';
  return 'it is not a file';
}

/** Up to `limit` bytes of a descriptor, in chunks, so a stream without end cannot fill memory. */
function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, limit - total));
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Standard input may be a non-blocking pipe or terminal: wait for it rather than fail.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      if ((error as NodeJS.ErrnoException).code === 'EOF') break;
      throw error;
    }
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
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
