import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lspClient';

// The .vsix holds every bundle the language server loads: the server starts its check worker
// from dist/checkWorker.js, next to itself. (.vscodeignore lets the shipped files back in one by one.)

test('the packaged extension ships the language server and its check worker', () => {
  const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
  const listed = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(listed.status, 0, listed.stderr);
  const files = listed.stdout.split('\n').map((line) => line.trim());
  for (const file of ['dist/server.js', 'dist/checkWorker.js', 'dist/client.js', 'dist/languageClient.js']) {
    assert.ok(files.includes(file), `${file} in the package:\n${listed.stdout}`);
  }
});
