// What the language server's main thread answers seldom, with the engine it needs (the parser,
// the rules, the renderers, the XML reader): a bundle of its own (dist/serverRequests.js),
// required on first use, so the main thread of every session does not load and hold it.
export { answer } from './lsp/features';
export { importTopology } from './lsp/importTopology';
export { verifyDump } from './lsp/verifyDump';
// Its copy of the class its handlers refuse requests with, for server.ts to recognise them.
export { ResponseError } from 'vscode-languageserver';
