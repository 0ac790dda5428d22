import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { importTopologyXml } from '../../server/src/engine/index';

// `lync-ports import` as a process: the YAML on standard output or in the -o file (never over an
// existing file without --force), and every refusal as exit 2 with one line on standard error.

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const FIXTURES = join(ROOT, 'test/fixtures/import');
const NAT = join(FIXTURES, 'sfb2015-nat-edge.xml');

function cli(args: string[], input?: string | Buffer) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--lang', 'en'], { cwd: ROOT, input, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const expected = (name: string) => importTopologyXml(readFileSync(join(FIXTURES, name), 'utf8'), { source: name }).yaml;

describe('lync-ports import', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lync-ports-import-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('prints the topology file on standard output, which then checks with only missing flows', () => {
    const result = cli(['import', NAT]);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout, expected('sfb2015-nat-edge.xml'));
    assert.equal(result.stderr, '');
    const file = join(dir, 'stdout.topology.yaml');
    writeFileSync(file, result.stdout);
    const check = cli(['check', file, '--format', 'json']);
    assert.equal(check.code, 1);
    const codes = new Set((JSON.parse(check.stdout) as Array<{ code: string }>).map((finding) => finding.code));
    assert.deepEqual([...codes], ['missing-flow']);
    assert.equal(cli(['fix', file, '--write']).code, 0);
    assert.equal(cli(['check', file]).code, 0);
  });

  test('-o writes the file and says so; an existing file is kept unless --force', () => {
    const out = join(dir, 'lync2013.topology.yaml');
    const tbxml = join(FIXTURES, 'lync2013-director-hlb-edge.xml');
    const first = cli(['import', tbxml, '-o', out]);
    assert.equal(first.code, 0, first.stderr);
    assert.equal(first.stdout, '');
    assert.equal(first.stderr, `Wrote ${out} (6 servers). Next: lync-ports fix ${out} --write\n`);
    assert.equal(readFileSync(out, 'utf8'), expected('lync2013-director-hlb-edge.xml'));
    writeFileSync(out, 'mine\n');
    const again = cli(['import', tbxml, '-o', out]);
    assert.deepEqual(again, {
      code: 2,
      stdout: '',
      stderr: `lync-ports: import: '${out}' exists; --force replaces it\n`,
    });
    assert.equal(readFileSync(out, 'utf8'), 'mine\n');
    assert.equal(cli(['import', tbxml, '-o', out, '--force']).code, 0);
    assert.equal(readFileSync(out, 'utf8'), expected('lync2013-director-hlb-edge.xml'));
  });

  test('reads a .tbxml, standard input and the UTF-16 that Windows PowerShell Out-File writes', () => {
    const yaml = importTopologyXml(readFileSync(NAT, 'utf8')).yaml;
    assert.equal(cli(['import', '-'], readFileSync(NAT)).stdout, yaml);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(NAT, 'utf8'), 'utf16le')]);
    const file = join(dir, 'topology.xml');
    writeFileSync(file, utf16);
    assert.equal(
      cli(['import', file]).stdout,
      importTopologyXml(readFileSync(NAT, 'utf8'), { source: 'topology.xml' }).yaml,
    );
    const wrapped = cli(['import', join(FIXTURES, 'sfb2015-nat-edge.tbxml')]);
    assert.equal(
      wrapped.stdout,
      importTopologyXml(readFileSync(NAT, 'utf8'), { source: 'sfb2015-nat-edge.tbxml' }).yaml,
    );
  });

  test('a DTD, an entity bomb, an external entity, malformed and foreign XML: exit 2 and one line', () => {
    const cases: Array<[string, RegExp]> = [
      [
        '<?xml version="1.0"?>\n<!DOCTYPE t [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>\n<t>&b;</t>',
        /^lync-ports: import: <stdin>: line 2, column 1: the file declares a DOCTYPE; /,
      ],
      ['<!DOCTYPE t SYSTEM "http://127.0.0.1:9/dtd">\n<t/>', /: line 1, column 1: the file declares a DOCTYPE; /],
      [
        '<Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">\n<Sites>\n</Topology>',
        /: line 3, /,
      ],
      ['<project xmlns="http://maven.apache.org/POM/4.0.0"/>', /: the root element is <project> in namespace http/],
    ];
    for (const [xml, says] of cases) {
      const result = cli(['import', '-'], xml);
      assert.equal(result.code, 2, xml);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, says);
      assert.equal(result.stderr.split('\n').length, 2, result.stderr);
    }
    assert.equal(cli(['import']).code, 2);
    assert.equal(cli(['import', NAT, NAT]).code, 2);
    assert.equal(cli(['import', join(dir, 'missing.xml')]).code, 2);
  });

  test('import --help, in English and Russian', () => {
    const help = cli(['import', '--help']);
    assert.equal(help.code, 0);
    assert.match(
      help.stdout,
      /^Usage: lync-ports import FILE\.xml\|FILE\.tbxml \[-o OUT\.topology\.yaml\] \[--force\]/,
    );
    assert.match(help.stdout, /-f, --force +replace an existing output file/);
    const ru = spawnSync(process.execPath, [CLI, 'import', '--help', '--lang', 'ru'], { encoding: 'utf8' });
    assert.match(ru.stdout, /построителя\nтопологий/);
  });
});
