import { join } from 'node:path';
import { CliIO, MAX_SIZE_ENV, processIO } from './io';
import { reportError, type Run } from './run';
import { version } from './version';

// This entry holds no command: --version and --help load nothing more. A command's bundle (one
// file next to this one, in dist/ as in out/) is required when it runs.
type Command = { bundle: 'cliCommands' | 'cliServe'; usage: string; help: string[] };

const PRODUCT = '--product lync2013|sfb2015|sfb2019   the product when the file does not say (topology.product)';

// Each command lives in its own file; this table is the only place that lists them.
const COMMANDS: Record<string, Command> = {
  check: {
    bundle: 'cliCommands',
    usage: 'check FILE|DIR... [--format text|json|sarif] [--product lync2013|sfb2015|sfb2019]',
    help: [
      'Checks topology files against the documented port rules. A directory stands for every',
      '*.topology.yaml and *.topology.yml under it. Exit 0 without errors, 1 with one, 2 for usage.',
      '  --format text|json|sarif   text for people (default), json for scripts, sarif for code scanning',
      `  ${PRODUCT}`,
    ],
  },
  fix: {
    bundle: 'cliCommands',
    usage: 'fix FILE [--write] [--product ...]',
    help: [
      'Applies every safe quick fix and prints the result; lists what is left on standard error.',
      '  --write   replace the file (through a temporary file and a rename)',
      `  ${PRODUCT}`,
    ],
  },
  diagram: {
    bundle: 'cliCommands',
    usage: 'diagram FILE [-o OUT.svg|OUT.png] [--product ...]   (the firewall flow diagram as SVG or PNG)',
    help: [
      'Draws the firewall flow diagram: SVG on standard output, or the file -o names.',
      '  -o, --output OUT.svg|OUT.png   write an SVG, or a PNG at twice the size',
      `  ${PRODUCT}`,
    ],
  },
  export: {
    bundle: 'cliCommands',
    usage:
      'export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT] [--product ' +
      '...]   (the rule sets per firewall)',
    help: [
      "Writes each firewall's rules with the catalog rows they serve.",
      '  -f, --format csv|markdown|powershell|iptables|nftables',
      '      powershell is one Windows Firewall script per Edge server',
      '  -o, --output OUT   a file; for powershell with several Edge servers, an existing directory',
      `  ${PRODUCT}`,
    ],
  },
  report: {
    bundle: 'cliCommands',
    usage: 'report FILE [-o report.html] [--product ...]   (one HTML page for the change board, printable to PDF)',
    help: [
      'Writes one self-contained HTML page: summary, diagram, rule tables, findings, Microsoft pages.',
      '  -o, --output report.html',
      `  ${PRODUCT}`,
    ],
  },
  serve: {
    bundle: 'cliServe',
    usage: 'serve --stdio | --node-ipc | --socket=PORT   (the language server)',
    help: ['Runs the language server for an editor (VS Code, Neovim, any LSP client).'],
  },
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

/** The command a typo most likely meant: a prefix of it, or at most two edits away. */
function closestCommand(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(COMMANDS)) {
    const distance = lower.length >= 2 && name.startsWith(lower) ? 0 : editDistance(lower, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

/** Levenshtein distance, with adjacent transpositions counted once (`chekc` is one from `check`). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64) return Infinity;
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  return rows[a.length][b.length];
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
    const guess = closestCommand(name);
    const hint = guess ? ` Did you mean '${guess}'?` : '';
    io.err(`lync-ports: unknown command '${name}'.${hint} Commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.out(
      [
        `Usage: lync-ports ${command.usage.replace(/\s+\(.*\)$/, '')} [--max-size SIZE]`,
        ...command.help,
        '  --max-size SIZE   inputs are regular files of at most 16 MB unless SIZE (such as 64M) says more',
      ].join('\n') + '\n',
    );
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
