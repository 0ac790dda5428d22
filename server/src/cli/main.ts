import { join } from 'node:path';
import { CliIO, MAX_SIZE_ENV, processIO } from './io';
import { reportError, type Run } from './run';
import { version } from './version';

// This entry holds no command: --version and --help load nothing more. A command's bundle (one
// file next to this one, in dist/ as in out/) is required when it runs.
type Command = { bundle: 'cliCommands' | 'cliServe'; usage: string };

// Each command lives in its own file; this table is the only place that lists them.
const COMMANDS: Record<string, Command> = {
  check: {
    bundle: 'cliCommands',
    usage: 'check FILE... [--format text|json|sarif] [--product lync2013|sfb2015|sfb2019]',
  },
  fix: { bundle: 'cliCommands', usage: 'fix FILE [--write] [--product ...]' },
  diagram: {
    bundle: 'cliCommands',
    usage: 'diagram FILE [-o OUT.svg|OUT.png] [--product ...]   (the firewall flow diagram as SVG or PNG)',
  },
  export: {
    bundle: 'cliCommands',
    usage:
      'export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT] [--product ' +
      '...]   (the rule sets per firewall)',
  },
  report: {
    bundle: 'cliCommands',
    usage: 'report FILE [-o report.html] [--product ...]   (one HTML page for the change board, printable to PDF)',
  },
  serve: { bundle: 'cliServe', usage: 'serve --stdio | --node-ipc | --socket=PORT   (the language server)' },
};

function load(name: string, command: Command): Run {
  // A computed path, so esbuild leaves the require to run time instead of inlining the bundle.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const bundle = require(join(__dirname, `${command.bundle}.js`)) as { RUNS: Record<string, Run> };
  return bundle.RUNS[name];
}

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
  // Own keys only: a name like `toString` must be an unknown command, not a prototype member.
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`lync-ports: unknown command '${name}'. Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`Usage: lync-ports ${command.usage} [--max-size SIZE]\n  Inputs: regular files of at most 16 MB.\n`);
    return 0;
  }
  try {
    return await load(name, command)(args, io);
  } catch (error) {
    return reportError(error, io);
  }
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
