import { runCheck } from './check';
import { runDiagram } from './diagram';
import { runExport } from './export';
import { runFix } from './fix';
import { runServe } from './serve';
import { CliIO, MAX_SIZE_ENV, processIO, setMaxInputSize, UsageError } from './io';
import { version } from './version';

type Command = { run: (args: string[], io: CliIO) => Promise<number>; usage: string };

// Each command lives in its own file; this table is the only place that lists them.
const COMMANDS: Record<string, Command> = {
  check: { run: runCheck, usage: 'check FILE... [--format text|json|sarif] [--product lync2013|sfb2015|sfb2019]' },
  fix: { run: runFix, usage: 'fix FILE [--write] [--product ...]' },
  diagram: { run: runDiagram, usage: 'diagram FILE [-o OUT.svg] [--product ...]   (the firewall flow diagram as SVG)' },
  export: {
    run: runExport,
    usage:
      'export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT] [--product ' +
      '...]   (the rule sets per firewall)',
  },
  serve: { run: runServe, usage: 'serve --stdio | --node-ipc | --socket=PORT   (the language server)' },
};

function usage(): string {
  return (
    [
      'Usage: lync-ports <command> ...',
      ...Object.values(COMMANDS).map((command) => `  lync-ports ${command.usage}`),
      '  lync-ports --version',
      '',
      'Inputs are regular files (or - for standard input) of at most 16 MB; --max-size SIZE (such as 64M) or',
      `${MAX_SIZE_ENV}=SIZE changes the limit.`,
    ].join('\n') + '\n'
  );
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    io.out(`${version}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  try {
    if (!command) throw new UsageError(`unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}`);
    if (args.includes('--help') || args.includes('-h')) {
      io.out(`Usage: lync-ports ${command.usage} [--max-size SIZE]\n  Inputs: regular files of at most 16 MB.\n`);
      return 0;
    }
    return await command.run(takeMaxSize(args), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lync-ports: ${error.message}\n`);
      return 2;
    }
    io.err(`lync-ports: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 3;
  }
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

/**
 * A failed write to standard output (`> /dev/full`, a closed pipe) arrives as an 'error' event
 * after the command returned; unhandled it prints a stack trace. One line and exit 2 instead.
 */
function exitOnOutputError(error: NodeJS.ErrnoException): void {
  if (error.code !== 'EPIPE') {
    const reason = error.code === 'ENOSPC' ? 'no space left on the device' : (error.code ?? error.message);
    process.stderr.write(`lync-ports: cannot write to standard output: ${reason}\n`);
  }
  process.exit(2);
}

if (require.main === module) {
  process.stdout.on('error', exitOnOutputError);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 3;
    },
  );
}
