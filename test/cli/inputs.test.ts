import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

// Inputs that must not hurt the CLI or the terminal it prints to: hostile names, devices, sizes,
// bytes that are not UTF-8. The bundled dist/cli.js in a child process, as users run it.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');

function runCli(
  args: string[],
  options: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeout?: number } = {},
) {
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

  test('JSON keeps the names exactly as written', () => {
    const { stdout } = runCli(['check', path, '--format', 'json']);
    const messages = JSON.parse(stdout)
      .map((finding: { message: string }) => finding.message)
      .join('\n');
    assert.ok(messages.includes('fw\u001b]0;pwned\u0007\u001b[2J\u009b31m'));
    assert.ok(messages.includes('x\r\nexamples/a.yaml:1:1: error [fake] all good\u202e\u2066\u0085'));
  });
});
