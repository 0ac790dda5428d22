import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';

// The CLI's start (issue 11): --version and --help must not load the engine, and `check` must not
// load the language server. Asserted on what the process loaded, which is steadier than a time.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CONTOSO = join(ROOT, 'examples/contoso.topology.yaml');

// Preloaded into the CLI's process: on exit it prints the JavaScript files it loaded to stderr.
const PRELOAD = join(mkdtempSync(join(tmpdir(), 'lync-ports-start-')), 'loaded.js');
writeFileSync(
  PRELOAD,
  "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n' +\n" +
    "  'BUILTINS ' + JSON.stringify(process.moduleLoadList) + '\\n'));\n",
);

function loaded(args: string[]): { code: number | null; files: string[]; builtins: string[]; stdout: string } {
  const result = spawnSync(process.execPath, ['--require', PRELOAD, CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const line = /^LOADED (.*)$/m.exec(result.stderr);
  const builtins = /^BUILTINS (.*)$/m.exec(result.stderr);
  assert.ok(line && builtins, result.stderr);
  const files = (JSON.parse(line[1]) as string[]).filter((file) => file !== PRELOAD);
  // Node's own modules the process compiled, `NativeModule child_process` as `child_process`.
  const names = (JSON.parse(builtins[1]) as string[]).map((name) => name.replace(/^NativeModule /, ''));
  return { code: result.status, files, builtins: names, stdout: result.stdout };
}

const bytes = (files: string[]): number => files.reduce((sum, file) => sum + statSync(file).size, 0);

describe('lync-ports start', () => {
  for (const args of [['--version'], ['--help']]) {
    test(`${args.join(' ')} loads the entry alone, under 32 KB of JavaScript`, () => {
      const { code, files } = loaded(args);
      assert.equal(code, 0);
      assert.deepEqual(
        files.map((file) => basename(file)),
        ['cli.js'],
      );
      assert.ok(bytes(files) < 32 * 1024, `${bytes(files)} bytes`);
    });
  }

  test('check --help loads the entry and the help texts only, under 48 KB of JavaScript', () => {
    const { code, files, stdout } = loaded(['check', '--help']);
    assert.equal(code, 0);
    assert.match(stdout, /--format text\|json\|sarif/);
    assert.match(stdout, /--product lync2013/);
    assert.deepEqual(
      files.map((file) => basename(file)),
      ['cli.js', 'cliHelp.js'],
    );
    assert.ok(bytes(files) < 48 * 1024, `${bytes(files)} bytes`);
  });

  test('check loads its own bundle: not the other commands, the XML parser or the language server', () => {
    const { code, files, builtins, stdout } = loaded(['check', CONTOSO]);
    assert.equal(code, 0);
    assert.match(stdout, /no problems/);
    assert.deepEqual(
      files.map((file) => basename(file)),
      ['cli.js', 'cliCheck.js'],
    );
    // lab and verify start processes, import reads XML: none of them is in the bundle check loads.
    for (const builtin of ['child_process', 'readline', 'dgram', 'crypto'])
      assert.ok(!builtins.includes(builtin), `check loaded ${builtin}`);
    assert.doesNotMatch(readFileSync(files[1], 'utf8'), /SaxesParser/);
  });

  test('the other engine commands load the commands bundle', () => {
    const { code, files } = loaded(['export', CONTOSO, '--format', 'csv']);
    assert.equal(code, 0);
    assert.deepEqual(
      files.map((file) => basename(file)),
      ['cli.js', 'cliCommands.js'],
    );
  });
});
