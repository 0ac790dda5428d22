import { CliIO, MAX_SIZE_ENV, setMaxInputSize, UsageError } from './io';
import { say, takeLang } from './texts';

export type Run = (args: string[], io: CliIO) => Promise<number>;

/**
 * A command as the entry runs it: `--max-size` and `--lang` taken out, a UsageError as one line and exit 2, any
 * other error as an internal error and exit 3. It runs inside the command's own bundle, whose
 * UsageError and input limit are not the entry's copies.
 */
export function guarded(run: Run): Run {
  return async (args, io) => {
    try {
      return await run(takeMaxSize(takeLang(args)), io);
    } catch (error) {
      return reportError(error, io);
    }
  };
}

export function reportError(error: unknown, io: CliIO): number {
  if (error instanceof UsageError) {
    io.err(`lync-ports: ${error.message}\n`);
    return 2;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  io.err(`lync-ports: ${say('internalError', { error: text })}\n`);
  return 3;
}

/** `--max-size SIZE` / `--max-size=SIZE` holds for every command that reads a file, so it is taken out here. */
function takeMaxSize(args: string[]): string[] {
  const env = process.env[MAX_SIZE_ENV];
  if (env !== undefined && env !== '') setMaxInputSize(env, MAX_SIZE_ENV);
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const inline = /^--max-size=(.*)$/.exec(args[k]);
    if (inline) setMaxInputSize(inline[1], '--max-size');
    else if (args[k] === '--max-size') {
      if (k + 1 >= args.length) throw new UsageError('--max-size needs a size such as 16M');
      setMaxInputSize(args[++k], '--max-size');
    } else rest.push(args[k]);
  }
  return rest;
}
