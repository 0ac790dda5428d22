import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { writeOutput, type WriteSteps } from '../../server/src/cli/io';

// `fix --write` (issue 9, items 3 and 7): the file is the old one or the new one, never a part,
// with its mode, its line breaks and every byte no fix touched.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CONTOSO = fs.readFileSync(join(ROOT, 'examples/contoso.topology.yaml'), 'utf8');
const MISSING = CONTOSO.replace(/ {6}- name: XMPP to federated partners\n( {8}.*\n){3}/, '');

function scratchDir(): string {
  return fs.mkdtempSync(join(tmpdir(), 'lync-ports-write-'));
}

function fix(path: string) {
  return spawnSync(process.execPath, [CLI, 'fix', path, '--write'], { cwd: ROOT, encoding: 'utf8' });
}

describe('fix --write', () => {
  const failures: { what: string; steps: WriteSteps; error: RegExp }[] = [
    {
      what: 'a write that fails part way (a disk full after 4,096 bytes)',
      steps: {
        ...fs,
        writeSync: (fd: number, data: Uint8Array, offset: number, length: number) => {
          if (offset >= 4096) throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          return fs.writeSync(fd, data, offset, Math.min(length, 4096 - offset));
        },
      },
      error: /no space left.*left as it was/,
    },
    {
      what: 'a failing rename',
      steps: {
        ...fs,
        renameSync: () => {
          throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
        },
      },
      error: /EXDEV/,
    },
  ];
  for (const { what, steps, error } of failures) {
    test(`${what} leaves the original whole and no temporary file`, () => {
      const dir = scratchDir();
      const path = join(dir, 'site.topology.yaml');
      fs.writeFileSync(path, MISSING);
      assert.throws(() => writeOutput(path, 'x'.repeat(10_000), steps), error);
      assert.equal(fs.readFileSync(path, 'utf8'), MISSING);
      assert.deepEqual(fs.readdirSync(dir), ['site.topology.yaml']);
    });
  }

  test('keeps the mode, writes through a symlink, and leaves nothing else in the folder', () => {
    const dir = scratchDir();
    const path = join(dir, 'site.topology.yaml');
    fs.writeFileSync(path, MISSING);
    fs.chmodSync(path, 0o640);
    fs.symlinkSync(path, join(dir, 'link.topology.yaml'));
    const result = fix(join(dir, 'link.topology.yaml'));
    assert.equal(result.status, 0, result.stderr);
    assert.equal(fs.statSync(path).mode & 0o777, 0o640);
    assert.ok(fs.lstatSync(join(dir, 'link.topology.yaml')).isSymbolicLink());
    assert.match(fs.readFileSync(path, 'utf8'), /- name: XMPP to federated partners\n/);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['link.topology.yaml', 'site.topology.yaml']);
  });

  test('keeps CRLF and the Latin-1 bytes of a comment no fix touched', () => {
    const dir = scratchDir();
    const path = join(dir, 'site.topology.yaml');
    const text = MISSING.replace('features:', '# Réseau du siège\nfeatures:').replace(/\n/g, '\r\n');
    const original = Buffer.from(text, 'latin1');
    fs.writeFileSync(path, original);
    const result = fix(path);
    assert.equal(result.status, 0, result.stderr);
    const written = fs.readFileSync(path);
    assert.ok(written.includes(Buffer.from('# R\xe9seau du si\xe8ge\r\n', 'latin1')), 'Latin-1 comment changed');
    assert.ok(!written.includes(Buffer.from('\ufffd', 'utf8')));
    const lines = written.toString('latin1').split('\r\n');
    assert.ok(
      lines.every((line) => !line.includes('\n')),
      'an LF line break was written',
    );
    // Every original line is still there, in order, byte for byte.
    const originalLines = text.split('\r\n');
    let at = 0;
    for (const line of originalLines) {
      at = lines.indexOf(line, at);
      assert.ok(at >= 0, `line lost: ${line}`);
    }
    assert.ok(lines.includes('      - name: XMPP to federated partners'));
  });
});
