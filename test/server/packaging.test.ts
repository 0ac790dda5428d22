import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lspClient';

// The .vsix holds every bundle the language server loads: the server starts its check worker
// from dist/checkWorker.js, next to itself, and requires dist/serverRequests.js on first use.
// (.vscodeignore lets the shipped files back in one by one.)

test('the packaged extension ships the language server and its check worker', () => {
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.split('\n').map((line) => line.trim());
  const bundles = ['server.js', 'checkWorker.js', 'serverRequests.js', 'client.js', 'languageClient.js'];
  for (const file of bundles.map((name) => `dist/${name}`)) {
    assert.ok(files.includes(file), `${file} in the package:\n${listed.stdout}`);
  }
});
