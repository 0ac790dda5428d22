// glibc malloc's settings for the language server's process, read by the client when it starts the
// server and by the bench (scripts/bench/servers.mjs), so the bench measures the server as the
// extension runs it. Each variable here was measured on its own (RSS after open and settled, at 5k
// and 20k rules); a variable that did not lower either is not set.

/**
 * MALLOC_ARENA_MAX: glibc gives each thread that allocates its own arena (the main thread, the check
 * worker, V8's helper threads), and memory freed in one arena serves no other.
 * MALLOC_MMAP_THRESHOLD_: blocks from 128 KiB up (the text's copies, the diagnostics' bytes) are
 * mapped and unmapped on their own instead of staying in an arena once freed; setting it also stops
 * glibc from raising the threshold after such a block is freed, which is what keeps them otherwise.
 */
export const SERVER_MALLOC_ENV: Readonly<Record<string, string>> = {
  MALLOC_ARENA_MAX: '2',
  MALLOC_MMAP_THRESHOLD_: '131072',
};

/**
 * The variables to add to the server's environment: those of SERVER_MALLOC_ENV that `env` does not
 * set already. The caller's environment is passed on besides (vscode-languageclient copies
 * process.env, then writes these over it), so a user's own MALLOC_* setting wins.
 */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return Object.fromEntries(Object.entries(SERVER_MALLOC_ENV).filter(([name]) => env[name] === undefined));
}
