import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO } from '../support/examples';

// `lync-ports lab --help` in both languages, and the command in the CLI's list (no root needed).

function cli(args: string[]) {
  return spawnSync(process.execPath, [join(REPO, 'dist/cli.js'), ...args], { cwd: REPO, encoding: 'utf8' });
}

test('lab --help prints its usage and options, in English and Russian', () => {
  const en = cli(['lab', '--help', '--lang', 'en']);
  assert.equal(en.status, 0);
  assert.match(en.stdout, /^Usage: lync-ports lab FILE \[--format text\|json\] \[--timeout MS\]/);
  assert.match(en.stdout, /Linux, as root\. Exit 0 when every probe got what was expected, 1 otherwise/);
  const ru = cli(['lab', '--help', '--lang', 'ru']);
  assert.equal(ru.status, 0);
  assert.match(ru.stdout, /Linux, от root\. Код 0, если каждая проба дала ожидаемое/);
  assert.match(cli(['--help']).stdout, /\n {2}lync-ports lab FILE .*\(real packets through the nftables export/);
});
