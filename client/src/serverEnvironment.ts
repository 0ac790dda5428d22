// glibc malloc's settings for the language server's process, read by the client when it starts the
// server and by the bench (scripts/bench/servers.mjs), so the bench measures the server as the
// extension runs it. Each variable here was measured on its own (RSS after open and settled, at 5k
// and 20k rules); a variable that did not lower either is not set.

/**
 * MALLOC_MMAP_THRESHOLD_: glibc maps blocks from 128 KiB up (message buffers, the diagnostics'
 * ArrayBuffers) on their own, but raises that threshold each time such a block is freed, after
 * which they stay in its arenas once freed. Set, the threshold stays: at 5k rules the server's RSS
 * after open fell 166 → 152 MB and settled 118 → 102 MB, at 20k 330 → 305 and 192 → 152 MB, for
 * the same CPU time of the check. Setting MALLOC_TRIM_THRESHOLD_ instead does about as much (any
 * of them stops the raising); MALLOC_ARENA_MAX=2 and MALLOC_TOP_PAD_=0 saved nothing more.
 */
export const SERVER_MALLOC_ENV: Readonly<Record<string, string>> = {
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
