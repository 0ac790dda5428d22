import { join } from 'node:path';
import { CliIO, MAX_SIZE_ENV, processIO } from './io';
import { reportError, type Run } from './run';
import { cliLocale, say, takeLang, type TextKey } from './texts';
import { version } from './version';
import { editDistance } from '../shared/editDistance';
import type { HelpTopic } from './cliHelp';

// This entry holds no command: --version and --help load nothing more. A command's bundle (one
// file next to this one, in dist/ as in out/) is required when it runs.
type Command = { bundle: 'cliCheck' | 'cliCommands' | 'cliServe'; usage: string; about?: TextKey; help: HelpTopic };

// Each command lives in its own file; this table is the only place that lists them.
const COMMANDS: Record<string, Command> = {
  check: {
    bundle: 'cliCheck',
    usage: 'check FILE|DIR... [--format text|json|sarif] [--product lync2013|sfb2015|sfb2019] [--verbose]',
    about: 'about/check',
    help: 'check',
  },
  fix: { bundle: 'cliCommands', usage: 'fix FILE [--write] [--product ...]', help: 'fix' },
  diagram: {
    bundle: 'cliCommands',
    usage: 'diagram FILE [-o OUT.svg|OUT.png] [--product ...]',
    about: 'about/diagram',
    help: 'diagram',
  },
  export: {
    bundle: 'cliCommands',
    usage: 'export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT] [--product ...]',
    about: 'about/export',
    help: 'export',
  },
  report: {
    bundle: 'cliCommands',
    usage: 'report FILE [-o report.html] [--product ...]',
    about: 'about/report',
    help: 'report',
  },
  import: {
    bundle: 'cliCommands',
    usage: 'import FILE.xml|FILE.tbxml [-o OUT.topology.yaml] [--force]',
    about: 'about/import',
    help: 'import',
  },
  serve: {
    bundle: 'cliServe',
    usage: 'serve --stdio | --node-ipc | --socket=PORT',
    about: 'about/serve',
    help: 'serve',
  },
  lab: {
    bundle: 'cliCommands',
    usage: 'lab FILE [--format text|json] [--timeout MS] [--product ...]',
    about: 'about/lab',
    help: 'lab',
  },
  verify: {
    bundle: 'cliCommands',
    usage: 'verify FILE --firewall NAME=DUMP [--chain NAME=CHAIN] [--format text|json|sarif] [--product ...]',
    about: 'about/verify',
    help: 'verify',
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
      say('usage'),
      ...Object.values(COMMANDS).map(
        (command) => `  lync-ports ${command.usage}${command.about ? `   ${say(command.about)}` : ''}`,
      ),
      '  lync-ports --version',
      '',
      say('usageLimits', { env: MAX_SIZE_ENV }),
    ].join('\n') + '\n'
  );
}

/** The command a typo most likely meant: a prefix of it, or at most two edits away. */
function closestCommand(typed: string): string | undefined {
  const lower = typed.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of Object.keys(COMMANDS)) {
    const distance =
      lower.length >= 2 && name.startsWith(lower) ? 0 : lower.length > 64 ? Infinity : editDistance(lower, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let rest: string[];
  try {
    rest = takeLang(argv);
  } catch (error) {
    return reportError(error, io);
  }
  const [name, ...given] = rest;
  // The command's bundle has its own copy of the texts: it is told the language this entry chose.
  const args = [...given, `--lang=${cliLocale()}`];
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
    const hint = guess ? say('didYouMean', { name: guess }) : '';
    io.err(`lync-ports: ${say('unknownCommand', { name, hint, commands: Object.keys(COMMANDS).join(', ') })}\n`);
    return 2;
  }
  if (given.includes('--help') || given.includes('-h')) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { helpText } = require(join(__dirname, 'cliHelp.js')) as typeof import('./cliHelp');
    io.out(`${say('commandUsage', { usage: command.usage })}\n${helpText(command.help, cliLocale())}\n`);
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
