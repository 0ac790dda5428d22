import { guarded, Run } from './run';
import { runServe } from './serve';

// The language server, apart from the other commands (dist/cliServe.js): `check` does not load
// vscode-languageserver.
export const RUNS: Record<string, Run> = { serve: guarded(runServe) };
