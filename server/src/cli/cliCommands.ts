import { runDiagram } from './diagram';
import { runExport } from './export';
import { runFix } from './fix';
import { runImport } from './import';
import { runLab } from '../lab/command';
import { runReport } from './report';
import { guarded, Run } from './run';
import { runVerify } from './verify';

// The commands that need the engine, but `check` (cliCheck.ts): their own bundle (dist/cliCommands.js),
// which the CLI's entry requires only when one of them runs, so that --version and --help start as fast as Node.
export const RUNS: Record<string, Run> = {
  fix: guarded(runFix),
  diagram: guarded(runDiagram),
  export: guarded(runExport),
  report: guarded(runReport),
  import: guarded(runImport),
  lab: guarded(runLab),
  verify: guarded(runVerify),
};
