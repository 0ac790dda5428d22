// Runs an @vscode/test-electron style test suite inside real VS Code (code-server) and exits with
// the suite's result. It takes the command line @vscode/test-electron gives a VS Code executable
// (--extensionDevelopmentPath=… --extensionTestsPath=… [folder]), so scripts/run-ext-tests.js
// can serve as `vscodeExecutablePath` for runTests() on a machine without desktop VS Code.
//
// How: code-server cannot take those flags, but its browser workbench reads them from the
// `payload` URL parameter (the "Extension Development Host" mechanism of VS Code for the web).
// The remote extension host then loads the extension and awaits the tests' run(); the workbench
// reports the outcome through window.codeAutomationExit, which Playwright exposes.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from '../support/chromium';
import { REPO, startCodeServer } from '../support/codeServer';

export interface RunnerOptions {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder?: string;
  out: string;
  timeoutMs: number;
  env: NodeJS.ProcessEnv;
  settings: Record<string, unknown>;
  quiet: boolean;
}

const IGNORED_FLAG_NAMES = [
  'no-sandbox',
  'disable-gpu-sandbox',
  'disable-updates',
  'skip-welcome',
  'skip-release-notes',
  'disable-workspace-trust',
  'disable-extensions',
  'extensions-dir',
  'user-data-dir',
  'crash-reporter-directory',
  'logsPath',
  'verbose',
  'new-window',
  'reuse-window',
  'locale',
];
const IGNORED_FLAGS = new RegExp(`^--(${IGNORED_FLAG_NAMES.join('|')})(=|$)`);

export function parseArguments(argv: string[], env: NodeJS.ProcessEnv): RunnerOptions {
  let extensionDevelopmentPath = env.EXT_DEV_PATH;
  let extensionTestsPath = env.EXT_TESTS_PATH;
  let folder: string | undefined;
  for (const argument of argv) {
    const [flag, ...rest] = argument.split('=');
    const value = rest.join('=');
    if (flag === '--extensionDevelopmentPath') extensionDevelopmentPath = value;
    else if (flag === '--extensionTestsPath') extensionTestsPath = value;
    else if (IGNORED_FLAGS.test(argument))
      continue; // Electron-only flags from test-electron
    else if (argument.startsWith('--')) process.stderr.write(`run-ext-tests: ignoring ${argument}\n`);
    else folder = argument;
  }
  if (!extensionDevelopmentPath || !extensionTestsPath) {
    throw new Error('usage: run-ext-tests --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [FOLDER]');
  }
  return {
    extensionDevelopmentPath: resolve(extensionDevelopmentPath),
    extensionTestsPath: resolve(extensionTestsPath),
    folder: folder ? resolve(folder) : undefined,
    out: resolve(env.OUT ?? join(REPO, 'test-artifacts/ext-tests')),
    timeoutMs: Number(env.TIMEOUT_MS ?? 240_000),
    env,
    settings: env.EXTRA_SETTINGS ? JSON.parse(env.EXTRA_SETTINGS) : {},
    quiet: env.QUIET === '1',
  };
}

export async function runExtensionTests(options: RunnerOptions): Promise<number> {
  const started = Date.now();
  const log = (message: string) => process.stdout.write(`[${String(Date.now() - started).padStart(6)}ms] ${message}\n`);
  mkdirSync(options.out, { recursive: true });
  const dir = mkdtempSync(join(options.out, 'run-'));
  const folder = options.folder ?? join(dir, 'empty-workspace');
  mkdirSync(folder, { recursive: true });

  const server = await startCodeServer({
    dir,
    workspace: folder,
    settings: options.settings,
    env: options.env,
    log: options.quiet ? undefined : (line) => process.stdout.write(`  cs│ ${line}\n`),
  });
  log(`code-server listening on ${server.port}`);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let finish: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolveExit) => (finish = resolveExit));
    // Exposed before the page loads: the workbench looks for it when the tests end.
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));
    page.on('console', async (message) => {
      const text = message.text();
      if (!/^%c\s*(INFO|WARN|ERR|TRACE|DEBUG)/.test(text) && message.type() !== 'error') return;
      // The extension host's console.log reaches the page as console.log('%c INFO', 'color: …', ...args).
      const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '?')));
      const rendered = /^%c/.test(String(args[0])) ? format(...args.slice(2)) : format(...args);
      const offlineNoise = /vsda|open-vsx|Failed to load resource/;
      if (message.type() === 'error' && offlineNoise.test(rendered)) return;
      for (const line of rendered.split('\n')) process.stdout.write(`  │ ${line}\n`);
    });
    const authority = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${options.extensionDevelopmentPath}`],
      ['extensionTestsPath', `vscode-remote://${authority}${options.extensionTestsPath}`],
    ];
    const query = `folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const url = `${server.url}/?${query}`;
    log(
      `opening workbench: dev=${options.extensionDevelopmentPath} tests=${options.extensionTestsPath} folder=${folder}`,
    );
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    log('workbench rendered; waiting for the tests');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolveTimeout) => {
      timer = setTimeout(() => {
        log(
          `TIMEOUT after ${options.timeoutMs} ms: the tests never reported (is the tests path ` +
            `a vscode-remote URI? see ${dir})`,
        );
        resolveTimeout(124);
      }, options.timeoutMs);
    });
    const code = await Promise.race([exited, timeout]);
    clearTimeout(timer);
    if (code !== 0) await page.screenshot({ path: join(dir, 'failure.png') }).catch(() => undefined);
    log(`codeAutomationExit(${code})`);
    return code;
  } finally {
    await browser.close();
    await server.stop();
    if (process.env.KEEP_RUN_DIR !== '1') rmSync(join(dir, 'user-data'), { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await runExtensionTests(parseArguments(argv, process.env));
  } catch (error) {
    process.stderr.write(`run-ext-tests: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}
