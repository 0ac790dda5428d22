// The in-host test entry, with @vscode/test-electron's contract: VS Code requires this file in
// the extension host and awaits run(). Mocha (tdd UI) runs every *.test.js beside it. Results go
// to the console (relayed to the runner) and, as JSON, to $LYNC_EXT_RESULTS when set, because
// the extension host's stdout is not visible from outside in code-server.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

interface Result {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  return runSuite(__dirname);
}

/** Runs the *.test.js files of one folder (this one, or test/ext/lazy with its own workspace). */
export function runSuite(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const only = process.env.LYNC_EXT_GREP;
  if (only) mocha.grep(only);
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(folder, file));
  const results: Result[] = [];
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const pending = results.filter((result) => result.state === 'pending').length;
      const summary = {
        passed: results.filter((result) => result.state === 'passed').length,
        failed: failures,
        pending,
        durationMs: Date.now() - started,
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the host's own module, known only here
        vscodeVersion: require('vscode').version as string,
        results,
      };
      if (process.env.LYNC_EXT_RESULTS) writeFileSync(process.env.LYNC_EXT_RESULTS, JSON.stringify(summary, null, 2));
      console.log(
        `[lync-ext] ${summary.passed} passed, ${failures} failed, ${pending} pending in ` +
          `${summary.durationMs} ms (VS Code ${summary.vscodeVersion})`,
      );
      // A skipped test is not a passed one.
      if (failures > 0 || pending > 0 || summary.passed === 0)
        reject(new Error(`${failures} failed, ${pending} pending, ${summary.passed} passed`));
      else resolve();
    });
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration }));
    runner.on('fail', (test, error) =>
      results.push({ title: test.fullTitle(), state: 'failed', error: String(error?.stack ?? error) }),
    );
    runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending' }));
  });
}
