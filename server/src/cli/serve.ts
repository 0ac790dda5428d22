import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { stdioConnection } from '../lsp/stdio';
import { startServer } from '../server';
import { CliIO, UsageError } from './io';

// `lync-ports serve --stdio`: the language server for any LSP client. The transport flags are
// the ones vscode-languageserver reads from the command line, where it also keeps console
// output off stdout when stdout carries the protocol.
const TRANSPORTS = [/^--stdio$/, /^--node-ipc$/, /^--socket=\d+$/, /^--pipe=.+$/];

export async function runServe(args: string[], _io: CliIO): Promise<number> {
  const transports = args.filter((arg) => TRANSPORTS.some((pattern) => pattern.test(arg)));
  const unknown = args.filter((arg) => !transports.includes(arg));
  if (unknown.length > 0)
    throw new UsageError(
      `serve: unknown option '${unknown[0]}'. Use --stdio, --node-ipc, --socket=PORT or --pipe=NAME.`,
    );
  if (transports.length !== 1)
    throw new UsageError(
      'serve: give one transport: --stdio (for Neovim, Emacs, Helix, ...), --node-ipc, --socket=PORT or --pipe=NAME.',
    );
  if (transports[0] === '--stdio') {
    startServer(stdioConnection());
  } else if (process.argv.includes(transports[0])) {
    startServer(createConnection(ProposedFeatures.all));
  } else {
    throw new UsageError(`serve: ${transports[0]} must be given on the command line.`);
  }
  // The connection ends the process on `exit` or when the client goes away.
  return new Promise<number>(() => undefined);
}
