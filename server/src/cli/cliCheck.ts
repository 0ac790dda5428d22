import { runCheck } from './check';
import { guarded, Run } from './run';

// `check`, the command run most (CI, pre-commit hooks), alone in its bundle (dist/cliCheck.js):
// without export, diagram, verify, lab and import, whose renderers, parsers and child processes
// it never needs, there is less of it to compile at every start.
export const RUNS: Record<string, Run> = { check: guarded(runCheck) };
