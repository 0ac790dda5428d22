import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { stdioConnection } from './lsp/stdio';
import { startServer } from './server';

// `node dist/server.js --stdio` (any LSP client) or `--node-ipc` (the VS Code extension); other
// transports as createConnection reads them from the command line.
startServer(process.argv.includes('--stdio') ? stdioConnection() : createConnection(ProposedFeatures.all));
