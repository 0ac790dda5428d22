import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

// The command line as a newcomer meets it: a directory to check, a typo in a command's name,
// and each command's own --help.

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLES = join(ROOT, 'examples');

function cli(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const CLEAN = 'topology:\n  product: sfb2015\n';

describe('lync-ports check DIR', () => {
  test('checks every topology file under the directory, in name order, as if each were named', () => {
    const names = [
      ...readdirSync(EXAMPLES)
        .filter((name) => name.endsWith('.topology.yaml'))
        .map((name) => join('examples', name)),
      ...readdirSync(join(EXAMPLES, 'broken')).map((name) => join('examples/broken', name)),
    ].sort();
    const byDirectory = cli(['check', 'examples', '--format', 'json']);
    const byName = cli(['check', ...names, '--format', 'json']);
    assert.equal(byDirectory.code, 1);
    assert.equal(byDirectory.stdout, byName.stdout);
    assert.match(cli(['check', 'examples']).stdout, new RegExp(`in ${names.length} files\\.\\n$`));
  });

  test('finds .yml too, skips .git and node_modules, and does not follow a link to a directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'lync-ports-dir-'));
    for (const dir of ['a/b', '.git', 'node_modules/x', 'elsewhere']) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, 'a/one.topology.yaml'), CLEAN);
    writeFileSync(join(root, 'a/b/two.topology.yml'), CLEAN);
    writeFileSync(join(root, 'a/notes.yaml'), 'not: a topology\n');
    writeFileSync(join(root, '.git/hidden.topology.yaml'), 'broken: [\n');
    writeFileSync(join(root, 'node_modules/x/dep.topology.yaml'), 'broken: [\n');
    writeFileSync(join(root, 'elsewhere/far.topology.yaml'), 'broken: [\n');
    symlinkSync(join(root, 'elsewhere'), join(root, 'a/link'));
    const result = cli(['check', join(root, 'a'), '--format', 'json']);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), []);
    assert.equal(cli(['check', join(root, 'a')]).stdout, '2 files checked: no problems.\n');
  });

  test('a directory without topology files is a usage error that says so', () => {
    const empty = mkdtempSync(join(tmpdir(), 'lync-ports-dir-'));
    const result = cli(['check', empty]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /check: .* holds no \*\.topology\.yaml or \*\.topology\.yml file/);
  });
});

describe('an unknown command', () => {
  for (const [typed, meant] of [
    ['chek', 'check'],
    ['chekc', 'check'],
    ['exprot', 'export'],
    ['serv', 'serve'],
    ['Report', 'report'],
  ])
    test(`'${typed}' proposes '${meant}'`, () => {
      const result = cli([typed, 'x']);
      assert.equal(result.code, 2);
      assert.match(result.stderr, new RegExp(`unknown command '${typed}'\\. Did you mean '${meant}'\\?`));
    });
  test('a name far from every command gets the list only', () => {
    const result = cli(['frobnicate']);
    assert.equal(result.code, 2);
    assert.doesNotMatch(result.stderr, /Did you mean/);
    assert.match(result.stderr, /Commands: check, fix, diagram, export, report, import, serve/);
  });
});

describe('lync-ports <command> --help', () => {
  for (const [command, says] of [
    ['check', /A directory stands for every\n\*\.topology\.yaml/],
    ['fix', /--write +replace the file/],
    ['diagram', /-o, --output OUT\.svg\|OUT\.png/],
    ['export', /powershell is one Windows Firewall script per Edge server/],
    ['report', /one self-contained HTML page/],
  ] as const)
    test(`${command} --help prints that command's usage and options`, () => {
      const result = cli([command, '--help']);
      assert.equal(result.code, 0);
      assert.match(result.stdout, new RegExp(`^Usage: lync-ports ${command} `));
      assert.match(result.stdout, says);
      assert.match(result.stdout, /--max-size SIZE/);
      assert.equal(result.stderr, '');
    });
});
