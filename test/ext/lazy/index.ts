// The in-host entry for the lazy-start suite: same contract as ../suite/index.ts, run by
// runTest.ts in a second VS Code window whose workspace holds no topology files.
import { runSuite } from '../suite/index';

export function run(): Promise<void> {
  return runSuite(__dirname);
}
