// Runs code-server (real VS Code 1.100.3: the browser workbench plus a Node extension host) for
// the in-host and UI suites, following ../shared/E2E-RECIPE.md. Each run gets its own config,
// user data and extensions folders, so nothing leaks between runs or into the home directory.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export const REPO = resolve(__dirname, '../../..');

/** The code-server binary: $CS_BIN, else what scripts/install-code-server.sh put in .cache. */
export function codeServerBinary(): string {
  const candidates = [process.env.CS_BIN, join(REPO, '.cache/code-server/node_modules/.bin/code-server')].filter(
    (path): path is string => !!path,
  );
  const found = candidates.find((path) => existsSync(path));
  if (!found)
    throw new Error(
      `code-server not found (tried ${candidates.join(', ')}): run scripts/install-code-server.sh or set CS_BIN`,
    );
  return found;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Settings that keep the workbench quiet and predictable for automation. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'files.autoSave': 'off',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.minimap.enabled': false,
  'chat.commandCenter.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

export interface CodeServerOptions {
  /** Folder for config, user data, extensions and the log. */
  dir: string;
  workspace: string;
  settings?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** More command-line options, e.g. `--locale ru`. */
  args?: string[];
}

export interface RunningCodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

function paths(dir: string) {
  return { config: join(dir, 'config.yaml'), userData: join(dir, 'user-data'), extensions: join(dir, 'extensions') };
}

export function installExtension(dir: string, vsix: string): string {
  const { config, userData, extensions } = paths(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(config, 'auth: none\n');
  const result = spawnSync(
    codeServerBinary(),
    [
      '--config',
      config,
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      '--install-extension',
      vsix,
      '--force',
    ],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0)
    throw new Error(`installing ${vsix} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const { config, userData, extensions } = paths(options.dir);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(config, 'auth: none\n');
  writeFileSync(
    join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  const port = await freePort();
  const child = spawn(
    codeServerBinary(),
    [
      '--config',
      config,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir',
      userData,
      '--extensions-dir',
      extensions,
      ...(options.args ?? []),
      options.workspace,
    ],
    { env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const output: string[] = [];
  const listening = new Promise<void>((resolveListening, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`code-server did not listen within 60 s:\n${output.join('')}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output.push(text);
      for (const line of text.split('\n')) if (line.trim()) options.log?.(line);
      if (/HTTP server listening on/.test(output.join(''))) {
        clearTimeout(timer);
        resolveListening();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${code}) before listening:\n${output.join('')}`));
    });
  });
  await listening;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output,
    stop: () => stopProcessGroup(child),
  };
}

/** Stops code-server and everything it started (extension host, language server): its process group. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 5000);
  await exited;
  clearTimeout(timer);
}
