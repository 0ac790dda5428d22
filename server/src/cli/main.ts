import { runCheck } from './check';
import { runDiagram } from './diagram';
import { runExport } from './export';
import { runFix } from './fix';
import { runServe } from './serve';
import { CliIO, processIO, UsageError } from './io';
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
      io.out(`Usage: lync-ports ${command.usage}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`lync-ports: ${error.message}\n`);
      return 2;
    }
    io.err(`lync-ports: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 3;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 3;
    },
  );
}
