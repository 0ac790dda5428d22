import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';

// The CLI as users and CI run it: the bundled dist/cli.js in a child process.
const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const CONTOSO = join(ROOT, 'examples/contoso.topology.yaml');
const TYPOS = join(ROOT, 'examples/broken/typos.topology.yaml');

function run(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch(name: string, from: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lync-ports-'));
  const path = join(dir, name);
  copyFileSync(from, path);
  return path;
}

describe('lync-ports check', () => {
  test('a clean file exits 0 and says so', () => {
    const { code, stdout, stderr } = run(['check', CONTOSO]);
    assert.equal(code, 0, stderr);
    assert.match(stdout, /no problems/);
  });

  test('errors exit 1, one line per finding with file:line:column', () => {
    const { code, stdout } = run(['check', TYPOS]);
    assert.equal(code, 1);
    assert.match(stdout, /typos\.topology\.yaml:29:18: error \[wrong-port\] .*5269/);
    assert.match(stdout, /typos\.topology\.yaml:40:18: error \[wrong-transport\]/);
    assert.match(stdout, /2 errors, 0 warnings in 1 file\./);
  });

  test('warnings alone exit 0', () => {
    const path = scratch('warn.topology.yaml', CONTOSO);
    writeFileSync(
      path,
      readFileSync(path, 'utf8') + '      - { name: wide open, service: TCP/8080, from: any, to: any }\n',
    );
    const { code, stdout } = run(['check', path, '--format', 'json']);
    assert.equal(code, 0);
    assert.deepEqual(
      JSON.parse(stdout).map((f: { code: string }) => f.code),
      ['overly-permissive'],
    );
  });

  test('json: one array with the contract fields, 1-based', () => {
    const { code, stdout } = run(['check', TYPOS, CONTOSO, '--format', 'json']);
    assert.equal(code, 1);
    const findings = JSON.parse(stdout);
    assert.ok(Array.isArray(findings));
    assert.equal(findings.length, 2);
    // The contract's fields, and `detail`: the rest of the message beyond its first sentence.
    assert.deepEqual(Object.keys(findings[0]).sort(), [
      'code',
      'column',
      'detail',
      'endColumn',
      'endLine',
      'file',
      'line',
      'message',
      'severity',
    ]);
    assert.deepEqual(
      {
        file: findings[0].file.endsWith('typos.topology.yaml'),
        line: findings[0].line,
        column: findings[0].column,
        endLine: findings[0].endLine,
        endColumn: findings[0].endColumn,
        severity: findings[0].severity,
        code: findings[0].code,
      },
      { file: true, line: 29, column: 18, endLine: 29, endColumn: 31, severity: 'error', code: 'wrong-port' },
    );
  });

  test('sarif validates against the SARIF 2.1.0 schema', () => {
    // Loaded only here: neither package ships types, and the schema is a JSON file inside another package.
    /* eslint-disable @typescript-eslint/no-require-imports */
    const Ajv = require('ajv-draft-04');
    const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    /* eslint-enable @typescript-eslint/no-require-imports */
    const validate = new Ajv({
      strict: false,
      allErrors: true,
      unicodeRegExp: false,
      validateFormats: false,
      logger: false,
    }).compile(schema);
    const { code, stdout } = run(['check', TYPOS, '--format', 'sarif']);
    assert.equal(code, 1);
    const log = JSON.parse(stdout);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 1));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const ruleIds = log.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id);
    assert.ok(ruleIds.includes('missing-flow') && ruleIds.includes('wrong-port'));
    assert.deepEqual(
      log.runs[0].results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]),
      [
        ['wrong-port', 'error'],
        ['wrong-transport', 'error'],
      ],
    );
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region, {
      startLine: 29,
      startColumn: 18,
      endLine: 29,
      endColumn: 31,
    });
    // A broken SARIF log must fail the same validator, or the check above proves nothing.
    delete log.runs[0].tool.driver.name;
    assert.equal(validate(log), false);
  });

  test('standard input with -', () => {
    const { code, stdout } = run(['check', '-', '--format', 'json'], readFileSync(TYPOS, 'utf8'));
    assert.equal(code, 1);
    assert.equal(JSON.parse(stdout)[0].file, '<stdin>');
  });

  test('usage and I/O problems exit 2 with a one-line reason', () => {
    for (const [args, reason] of [
      [['check', 'no-such.topology.yaml'], /cannot read 'no-such\.topology\.yaml': no such file/],
      [['fix', ROOT], /it is a directory/],
      [['check', CONTOSO, '--colour'], /Unknown option '--colour'/],
      [['check', CONTOSO, '--format', 'xml'], /--format must be one of text, json, sarif/],
      [['check'], /give at least one topology file/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['toString'], /unknown command 'toString'/],
      [['__proto__'], /unknown command '__proto__'/],
      [['check', CONTOSO, '--product', 'lync2010'], /--product must be one of lync2013, sfb2015, sfb2019/],
    ] as [string[], RegExp][]) {
      const { code, stdout, stderr } = run(args);
      assert.equal(code, 2, `${args.join(' ')}: ${stderr}`);
      assert.match(stderr, reason);
      assert.equal(stderr.trim().split('\n').length, 1, `one line: ${stderr}`);
      assert.equal(stdout, '');
    }
  });

  test('a path that cannot be opened exits 2', () => {
    const { code, stderr } = run(['check', join(CONTOSO, 'child.topology.yaml')]);
    assert.equal(code, 2);
    assert.match(stderr, /cannot read '.*child\.topology\.yaml'/);
  });

  test('--version prints the package version', () => {
    const { code, stdout } = run(['--version']);
    assert.equal(code, 0);
    assert.equal(stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});

describe('lync-ports fix', () => {
  test('prints the fixed file and leaves the original alone', () => {
    const path = scratch('typos.topology.yaml', TYPOS);
    const before = readFileSync(path, 'utf8');
    const { code, stdout, stderr } = run(['fix', path]);
    assert.equal(code, 0, stderr);
    assert.equal(readFileSync(path, 'utf8'), before);
    assert.match(stdout, /service: XMPP\/TCP\/5269 {16}# digits swapped/);
    assert.match(stderr, /Applied 2 fixes/);
    assert.equal(run(['check', '-'], stdout).code, 0);
  });

  test('--write fixes in place and keeps the comments', () => {
    const path = scratch('missing.topology.yaml', join(ROOT, 'examples/broken/missing-rules.topology.yaml'));
    const { code } = run(['fix', path, '--write']);
    assert.equal(code, 0);
    const fixed = readFileSync(path, 'utf8');
    assert.match(fixed, /# Everything else is dropped and logged\.\n {6}- name: drop the rest/);
    assert.equal(run(['check', path]).code, 0);
  });

  test('what cannot be fixed is reported and exits 1', () => {
    const { code, stderr } = run(['fix', join(ROOT, 'examples/broken/sfb2019-xmpp.topology.yaml')]);
    assert.equal(code, 1);
    assert.match(stderr, /Nothing to fix automatically/);
    assert.match(stderr, /feature-unsupported/);
  });

  test('an info finding is not work left to do: fix lists it apart and exits 0', () => {
    const { code, stderr } = run(['fix', join(ROOT, 'examples/sfb2019-single-ip.topology.yaml')]);
    assert.equal(code, 0);
    assert.doesNotMatch(stderr, /Still to do by hand/);
    assert.match(stderr, /For your information:\n.*sfb2019-single-ip\.topology\.yaml:\d+:\d+: info \[nat-topology\]/);
  });

  test('fix takes exactly one file', () => {
    const { code, stderr } = run(['fix', CONTOSO, TYPOS]);
    assert.equal(code, 2);
    assert.match(stderr, /exactly one topology file/);
  });
});
