// The `process` that the yaml library's own modules see in the bundles (scripts/bundle.mjs
// resolves their require('process') here; everything else keeps the real one). The library reads
// two debug switches from the environment, LOG_TOKENS for every token it parses and LOG_STREAM for
// every document: Node's process.env is a getenv per read (~15% of a bare parse's CPU at 20k rules),
// and either variable set in the user's shell printed every token to stdout, into `check --format
// json` and into the language server's JSON-RPC stream. Here they are always off.

/** The environment the library reads: empty, so its debug output stays off. */
export const env: Readonly<Record<string, string | undefined>> = {};

/** The library's warnings (yaml's log.js, logLevel 'warn') still reach Node's, as before. */
export function emitWarning(warning: string | Error): void {
  process.emitWarning(warning);
}
