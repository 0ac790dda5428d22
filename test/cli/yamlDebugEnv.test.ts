import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

// The yaml library prints every token it parses when LOG_TOKENS is set and every document when
// LOG_STREAM is (it reads process.env): in the bundles it sees an empty environment instead
// (server/src/shared/yamlProcess.ts), so a user's shell with either set changes no output.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const DEBUG = { LOG_TOKENS: '1', LOG_STREAM: '1' };

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('check --format json prints the same JSON with the yaml library debug variables set', () => {
  const args = ['check', 'examples/contoso.topology.yaml', '--format', 'json'];
  const plain = run(args);
  const debugged = run(args, DEBUG);
  assert.equal(plain.code, 0, plain.stderr);
  assert.deepEqual(JSON.parse(debugged.stdout), JSON.parse(plain.stdout));
  assert.deepEqual(debugged, plain);
});

test('every command that reads a topology prints the same bytes with the debug variables set', () => {
  const typos = 'examples/broken/typos.topology.yaml';
  const commands = [
    ['check', typos, '--format', 'sarif'],
    ['check', typos, 'examples/contoso.topology.yaml'],
    ['fix', typos],
    ['export', typos, '--format', 'nftables'],
    ['diagram', 'examples/contoso.topology.yaml'],
  ];
  for (const args of commands) {
    const plain = run(args);
    assert.ok(plain.stdout.length > 0, `${args.join(' ')} prints something: ${plain.stderr}`);
    assert.deepEqual(run(args, DEBUG), plain, args.join(' '));
  }
  const sarif = JSON.parse(run(commands[0], DEBUG).stdout) as { runs: { results: unknown[] }[] };
  assert.ok(sarif.runs[0].results.length > 0);
});
