// `npm run test:ext`: the in-host suite through @vscode/test-electron's runTests(), exactly as
// on a desktop machine, except that the "VS Code executable" is scripts/run-ext-tests.js, which
// runs the suite inside code-server. With VSCODE_EXECUTABLE_PATH set to a desktop VS Code, the
// same call runs it there instead. Two windows: the main suite (test/ext/suite) on the examples,
// then the lazy-start suite (test/ext/lazy) on a workspace without topology files.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO } from '../support/codeServer';
import { prepareLazyWorkspace, prepareWorkspace } from './workspace';

interface Summary {
  passed: number;
  failed: number;
  pending: number;
  durationMs: number;
  vscodeVersion: string;
  results: { title: string; state: string; error?: string }[];
}

/** One in-host suite in its own VS Code window and workspace; exit code 0 when every test passed. */
async function runSuite(name: string, testsPath: string, workspace: string, out: string): Promise<number> {
  const started = Date.now();
  const resultsFile = join(out, name === 'main' ? 'results.json' : `results-${name}.json`);
  rmSync(resultsFile, { force: true });
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH ?? join(REPO, 'scripts/run-ext-tests.js');
  let code: number;
  try {
    code = await runTests({
      vscodeExecutablePath,
      // LYNC_EXT_DEV_PATH: an unpacked .vsix (its `extension/` folder), to run the suite on what ships.
      extensionDevelopmentPath: process.env.LYNC_EXT_DEV_PATH ?? REPO,
      extensionTestsPath: testsPath,
      launchArgs: [workspace, '--disable-extensions'],
      extensionTestsEnv: { LYNC_EXT_RESULTS: resultsFile, OUT: out, QUIET: process.env.QUIET ?? '1' },
    });
  } catch (error) {
    console.error(`runTests failed: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  }
  if (!existsSync(resultsFile)) {
    console.error(`no results in ${resultsFile}: the ${name} suite did not run to its end`);
    return 1;
  }
  const summary: Summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
  for (const result of summary.results.filter((item) => item.state !== 'passed'))
    console.error(`${result.state.toUpperCase()}: ${result.title}\n${result.error ?? ''}`);
  console.log(
    `in-host ${name} suite: ${summary.passed} passed, ${summary.failed} failed, ${summary.pending} pending (mocha ` +
      `${summary.durationMs} ms, VS Code ${summary.vscodeVersion}); wall time ${Date.now() - started} ms; exit ` +
      `${code}`,
  );
  return code === 0 && summary.failed === 0 && summary.pending === 0 && summary.passed > 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const out = process.env.OUT ?? join(REPO, 'test-artifacts/ext-tests');
  mkdirSync(out, { recursive: true });
  // The main suite: the examples, a marked file and a lyncPorts.files match.
  const main = await runSuite(
    'main',
    join(REPO, 'out/test/ext/suite/index.js'),
    prepareWorkspace(join(out, 'workspace')),
    out,
  );
  // A second window on a workspace without topology files: activation on plain YAML starts no server.
  const grep = process.env.LYNC_EXT_GREP;
  if (grep && !/lazy/i.test(grep)) return main;
  const lazy = await runSuite(
    'lazy',
    join(REPO, 'out/test/ext/lazy/index.js'),
    prepareLazyWorkspace(join(out, 'lazy-workspace')),
    out,
  );
  return main === 0 && lazy === 0 ? 0 : 1;
}

main().then((code) => process.exit(code));
