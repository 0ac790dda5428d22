// The CLI's outputs for every example, as held by test/fixtures/golden/. `node out/test/support/golden.js`
// rewrites the reference: run it only when an output is meant to change, and review the diff.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');
export const GOLDEN_DIR = join(ROOT, 'test/fixtures/golden');

export interface Invocation {
  kind: string;
  args(file: string): string[];
}

export function exampleFiles(): string[] {
  const files: string[] = [];
  for (const dir of ['examples', 'examples/broken']) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (name.endsWith('.topology.yaml')) files.push(`${dir}/${name}`);
    }
  }
  return files;
}

const EXPORT_FORMATS = ['csv', 'markdown', 'powershell', 'iptables', 'nftables'];

export const INVOCATIONS: Invocation[] = [
  { kind: 'check.json', args: (file) => ['check', file, '--format', 'json'] },
  { kind: 'check.txt', args: (file) => ['check', file] },
  { kind: 'check.sarif', args: (file) => ['check', file, '--format', 'sarif'] },
  { kind: 'fix.yaml', args: (file) => ['fix', file] },
  { kind: 'diagram.svg', args: (file) => ['diagram', file] },
  ...EXPORT_FORMATS.map((format) => ({
    kind: `export.${format}`,
    args: (file: string) => ['export', file, '--format', format],
  })),
];

/** The Russian outputs recorded besides the English ones: --lang ru, with the details (--verbose). */
export const RUSSIAN_INVOCATIONS: Invocation[] = [
  { kind: 'check.ru.txt', args: (file) => ['check', file, '--lang', 'ru', '--verbose'] },
  { kind: 'fix.ru.yaml', args: (file) => ['fix', file, '--lang', 'ru'] },
  { kind: 'diagram.ru.svg', args: (file) => ['diagram', file, '--lang', 'ru'] },
];
export const RUSSIAN_EXAMPLES = ['examples/broken/missing-rules.topology.yaml'];

export function goldenName(file: string, kind: string): string {
  const stem = file
    .replace(/^examples\//, '')
    .replace(/\//g, '__')
    .replace(/\.topology\.yaml$/, '');
  return `${stem}.${kind}`;
}

/**
 * Exit code, stdout and stderr of the bundled CLI, run from the repository root with a relative path,
 * in an English shell (the CLI speaks the shell's language): the references stay English anywhere.
 */
export function runCli(args: string[]): string {
  const env = { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: 'C' };
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env,
  });
  return `exit ${result.status}\n--- stdout\n${result.stdout}--- stderr\n${result.stderr}`;
}

if (require.main === module) {
  mkdirSync(GOLDEN_DIR, { recursive: true });
  for (const file of exampleFiles()) {
    for (const { kind, args } of INVOCATIONS)
      writeFileSync(join(GOLDEN_DIR, goldenName(file, kind)), runCli(args(file)));
  }
  for (const file of RUSSIAN_EXAMPLES) {
    for (const { kind, args } of RUSSIAN_INVOCATIONS)
      writeFileSync(join(GOLDEN_DIR, goldenName(file, kind)), runCli(args(file)));
  }
}
