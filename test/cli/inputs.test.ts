import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

// Inputs that must not hurt the CLI or the terminal it prints to: hostile names, devices, sizes,
// bytes that are not UTF-8. The bundled dist/cli.js in a child process, as users run it.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');

function runCli(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number } = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: options.input,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeout ?? 30_000,
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

function scratchFile(name: string, content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-inputs-')), name);
  writeFileSync(path, content);
  return path;
}

const HOSTILE_NAMES = `topology: { name: t, product: sfb2019 }
firewalls:
  "fw\\e]0;pwned\\a\\e[2J\\x9b31m":
    between: [a, b]
    rules:
      - name: "x\\r\\nexamples/a.yaml:1:1: error [fake] all good\\u202e\\u2066\\x85"
        service: TCP/1
        from: any
        to: any
`;

describe('check: text output shows user strings, never their control characters', () => {
  const path = scratchFile('esc.topology.yaml', HOSTILE_NAMES);

  test('ESC, BEL, CR, LF, C1 and bidi controls are printed as visible escapes', () => {
    const { code, stdout } = runCli(['check', path]);
    assert.equal(code, 1);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    assert.doesNotMatch(stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // One line per finding and the summary: the name's CR LF did not start a fake finding.
    const lines = stdout.trimEnd().split('\n');
    assert.ok(
      lines.slice(0, -1).every((line) => line.startsWith(`${path}:`)),
      stdout,
    );
    assert.ok(!lines.some((line) => line.startsWith('examples/a.yaml')));
    assert.match(stdout, /'fw\\x1b\]0;pwned\\x07\\x1b\[2J\\x9b31m'/);
    assert.match(stdout, /Rule 'x\\r\\nexamples\/a\.yaml:1:1: error \[fake\] all good\\u202e\\u2066\\x85'/);
  });

  test('fix: its report on stderr (fixed, not applied, still to do) is escaped the same way', () => {
    const { stderr } = runCli(['fix', path]);
    assert.match(stderr, /Still to do by hand/);
    // eslint-disable-next-line no-control-regex -- no control character may reach the terminal
    assert.doesNotMatch(stderr, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  test('JSON keeps the names exactly as written', () => {
    const { stdout } = runCli(['check', path, '--format', 'json']);
    const messages = JSON.parse(stdout)
      .map((finding: { message: string }) => finding.message)
      .join('\n');
    assert.ok(messages.includes('fw\u001b]0;pwned\u0007\u001b[2J\u009b31m'));
    assert.ok(messages.includes('x\r\nexamples/a.yaml:1:1: error [fake] all good\u202e\u2066\u0085'));
  });
});

describe('sizes, devices and output errors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lync-ports-devices-'));
  const oneLine = (stderr: string) => assert.equal(stderr.trimEnd().split('\n').length, 1, stderr);

  test('a symlink to /dev/zero, a FIFO and a directory for fix: one line, exit 2, at once', () => {
    symlinkSync('/dev/zero', join(dir, 'zero.topology.yaml'));
    spawnSync('mkfifo', [join(dir, 'fifo.topology.yaml')]);
    const cases: [string, RegExp][] = [
      ['zero.topology.yaml', /it is a device, not a regular file/],
      ['fifo.topology.yaml', /it is a named pipe \(FIFO\), not a regular file/],
      ['.', /it is a directory, not a regular file/],
    ];
    for (const [name, reason] of cases) {
      // check takes a directory for the topology files under it (commands.test.ts); fix takes one file.
      const { code, stderr, signal } = runCli([name === '.' ? 'fix' : 'check', join(dir, name)], { timeout: 10_000 });
      assert.equal(signal, null, `${name} blocked`);
      assert.equal(code, 2, stderr);
      assert.match(stderr, reason);
      oneLine(stderr);
    }
  });

  test('more than the limit is refused, from a file or standard input; --max-size and the env raise it', () => {
    const big = scratchFile('big.topology.yaml', ' '.repeat(17 * 1024 * 1024));
    const refused = runCli(['check', big]);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /larger than 16 MB, the input limit \(--max-size or LYNC_PORTS_MAX_SIZE/);
    oneLine(refused.stderr);
    const stdin = runCli(['check', '-'], { input: 'x'.repeat(2048), env: { LYNC_PORTS_MAX_SIZE: '1K' } });
    assert.equal(stdin.code, 2);
    assert.match(stdin.stderr, /'<stdin>' is larger than 1 KB/);
    assert.notEqual(runCli(['check', '--max-size', '20M', big]).code, 2);
    assert.equal(runCli(['check', '--max-size=lots', big]).code, 2);
    assert.match(runCli(['check', '--help']).stdout, /16 MB/);
    assert.match(runCli(['--help']).stdout, /--max-size SIZE .*\n.*LYNC_PORTS_MAX_SIZE/);
  });

  test('check > /dev/full: one line, exit 2, no stack trace', () => {
    const result = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" check examples/contoso.topology.yaml > /dev/full`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stderr, 'lync-ports: cannot write to standard output: no space left on the device\n');
  });
});

describe('bytes that are not UTF-8 text get a finding', () => {
  test('invalid UTF-8: a yaml-syntax error at the first bad byte', () => {
    const path = scratchFile(
      'latin1.topology.yaml',
      Buffer.from('topology:\n  name: caf\xe9 \xff\n  product: sfb2019\n', 'latin1'),
    );
    const { code, stdout } = runCli(['check', path, '--format', 'json']);
    assert.equal(code, 1);
    const [finding] = JSON.parse(stdout).filter((f: { code: string }) => f.code === 'yaml-syntax');
    assert.deepEqual([finding.line, finding.column, finding.severity], [2, 12, 'error']);
    assert.match(finding.message, /not UTF-8: byte 0xE9 .*2 such sequences/);
  });

  test('valid UTF-8 with a byte order mark and non-ASCII names is fine', () => {
    const path = scratchFile('bom.topology.yaml', '\ufefftopology:\n  name: Café 東京 🚀\n  product: sfb2019\n');
    assert.doesNotMatch(runCli(['check', path]).stdout, /UTF-8|yaml-syntax/);
  });

  test('NUL bytes: a finding where the first one is', () => {
    const path = scratchFile('nul.topology.yaml', 'topology:\n  name: "x\0y"\n  product: sfb2019\n# \0\n');
    const { code, stdout } = runCli(['check', path]);
    assert.equal(code, 1);
    assert.match(stdout, /:2:11: error \[yaml-syntax\] The file holds 2 NUL characters/);
  });
});
