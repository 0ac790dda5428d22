import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { exampleFiles } from '../support/examples';
import {
  ANY_ADDRESS as ANY,
  AddressSet,
  parseAddressOrCidr,
  unionAddresses as union,
  cidrs,
  csvField,
  EXPORT_FORMATS,
  flatten,
  markdownText,
  powershellString,
  renderExport,
  safeComment,
  checkTopology,
} from '../../server/src/engine/index';
import { parseCsv } from '../support/csv';
import { assertIptablesLoads, assertNftLoads, iptables, nft, run, scratch } from '../support/firewallTools';

// `lync-ports export`: the five formats on every example and on a topology whose names try to
// break out of each format. iptables and nftables output is checked by the real tools
// (iptables-restore --test, nft -c -f) and loaded into a throw-away network namespace to prove
// that exactly the exported rules, and nothing injected, end up in the kernel. PowerShell has its
// own file (powershell.test.ts).

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLES = join(ROOT, 'examples');
const HOSTILE = join(ROOT, 'test/export/hostile.topology.yaml');
const files = [...exampleFiles(), HOSTILE];

function exportOf(path: string, format: (typeof EXPORT_FORMATS)[number]): string {
  return renderExport(checkTopology(readFileSync(path, 'utf8')), format);
}

describe('iptables-restore accepts the iptables export', { skip: 'skip' in iptables ? iptables.skip : false }, () => {
  for (const file of files) {
    test(relative(ROOT, file), () => assertIptablesLoads(exportOf(file, 'iptables')));
  }
  test('a broken file is refused (the check is not vacuous)', () => {
    const path = scratch('broken.v4', '*filter\n:X - [0:0]\n-A X -p tcp --dport 99999 -j ACCEPT\nCOMMIT\n');
    assert.notEqual(run(iptables, ['iptables-restore', '--test', path]).status, 0);
  });
});

describe('nft accepts the nftables export', { skip: 'skip' in nft ? nft.skip : false }, () => {
  for (const file of files) {
    test(relative(ROOT, file), () => assertNftLoads(exportOf(file, 'nftables')));
  }
  test('a broken file is refused (the check is not vacuous)', () => {
    const path = scratch('broken.nft', 'table inet t {\n  chain c {\n    tcp dport 99999 accept\n  }\n}\n');
    assert.notEqual(run(nft, ['nft', '-c', '-f', path]).status, 0);
  });
});

// ---- CSV and Markdown ----

describe('CSV export', () => {
  for (const file of files) {
    test(`${relative(ROOT, file)}: RFC 4180, one row per rule and default, names intact, no formula`, () => {
      const result = checkTopology(readFileSync(file, 'utf8'));
      const rows = parseCsv(renderExport(result, 'csv'), { crlfOnly: true });
      const [header, ...body] = rows;
      assert.equal(header[0], 'firewall');
      assert.ok(body.every((row) => row.length === header.length));
      assert.equal(
        body.length,
        result.model.firewalls.reduce((sum, firewall) => sum + firewall.rules.length + 1, 0),
      );
      for (const row of body) for (const cell of row) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `formula cell ${cell}`);
      const names = body.filter((row) => row[1] !== 'default').map((row) => row[2]);
      assert.deepEqual(
        names,
        result.model.firewalls.flatMap((firewall) =>
          firewall.rules.map((rule) => {
            const name = flatten(rule.name ?? `rule ${rule.index + 1}`);
            return /^[=+\-@]/.test(name) ? `'${name}` : name;
          }),
        ),
      );
    });
  }
  test('the rows served are marked', () => {
    const rows = parseCsv(exportOf(join(EXAMPLES, 'contoso.topology.yaml'), 'csv'), { crlfOnly: true });
    assert.deepEqual(
      rows.slice(1).map((row) => row[11]),
      ['X1', 'X2', '', 'X3', ''],
    );
  });
});

describe('Markdown export', () => {
  for (const file of files) {
    test(`${relative(ROOT, file)}: every table row has its ten cells, no raw HTML, no link but the catalog's`, () => {
      const text = exportOf(file, 'markdown');
      for (const line of text.split('\n').filter((candidate) => candidate.startsWith('|'))) {
        const cells = line
          .replace(/\\\\/g, '')
          .split(/(?<!\\)\|/)
          .slice(1, -1);
        assert.equal(cells.length, 10, line);
      }
      assert.doesNotMatch(text, /<[a-z/]/i);
      for (const link of text.match(/(?<!\\)\[[^\]]*(?<!\\)\]\(([^)]*)\)/g) ?? [])
        assert.match(link, /\]\(https:\/\/learn\.microsoft\.com\//, link);
    });
  }
});

describe('Markdown export cites the pages of the file', () => {
  // As `check` does (flows/rows.ts effectiveRow): the page of the file's product and topology first.
  const firstLink = (text: string, id: string) => text.match(new RegExp(`\\[${id}\\]\\(([^)]*)\\)`))?.[1];
  const rowLine = (text: string, id: string) => text.split('\n').find((line) => line.startsWith(`- **${id}**`)) ?? '';
  test('Skype for Business: S-ENV first, also for a row whose static order starts with a Lync page', () => {
    const text = exportOf(join(EXAMPLES, 'sfb2015-single-edge-public.topology.yaml'), 'markdown');
    const env = 'https://learn.microsoft.com/en-us/skypeforbusiness/plan-your-deployment/edge-server-deployments/';
    assert.equal(firstLink(text, 'E06'), `${env}edge-environmental-requirements`);
    assert.match(
      rowLine(text, 'E06'),
      /\(sipFederation\): SIP federation to Access Edge\. \[Edge Server environmental/,
    );
  });
  test('X2 without hardware load balancers cites the XMPP port summary, with them S-ENV', () => {
    const xmpp =
      'https://learn.microsoft.com/en-us/previous-versions/office/lync-server-2013/' +
      'lync-server-2013-port-summary-extensible-messaging-and-presence-protocol-xmpp-federation';
    const pub = exportOf(join(EXAMPLES, 'sfb2015-single-edge-public.topology.yaml'), 'markdown');
    assert.equal(firstLink(pub, 'X2'), xmpp);
    const hlb = exportOf(join(EXAMPLES, 'sfb2015-hlb.topology.yaml'), 'markdown');
    assert.match(firstLink(hlb, 'X2') ?? '', /edge-environmental-requirements$/);
  });
});

describe('escaping', () => {
  test('csvField quotes, doubles quotes and defuses formulas', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('=1+1'), `"'=1+1"`);
    assert.equal(csvField('-2'), `"'-2"`);
    assert.equal(csvField('two\nlines'), '"two lines"');
  });
  test('csvField defuses formulas after leading spaces and in fullwidth forms', () => {
    for (const cell of [' =1+1', '  @SUM(A1)', '\t+1', '\u3000-1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝cmd|x']) {
      assert.equal(csvField(cell).slice(0, 2), `"'`, JSON.stringify(cell));
    }
    assert.equal(csvField(' a = b'), '" a = b"', 'an = later in the cell is no formula');
  });
  test('markdownText escapes markup and HTML', () => {
    assert.equal(markdownText('a|b'), 'a\\|b');
    assert.equal(markdownText('<b>'), '&lt;b&gt;');
    assert.equal(markdownText('[x](y)'), '\\[x\\]\\(y\\)');
    assert.equal(markdownText('http://x'), 'http\\://x');
  });
  test('powershellString doubles every kind of single quote and nothing else', () => {
    assert.equal(powershellString("it's"), "'it''s'");
    assert.equal(powershellString('it’s'), "'it’’s'");
    assert.equal(powershellString('$(x) `y` "z"'), '\'$(x) `y` "z"\'');
    assert.equal(powershellString('a\nb'), "'a b'");
  });
  test('safeComment keeps only a safe character set', () => {
    assert.equal(safeComment('"; rm -rf /; " $(x) `y`', 200), '__ rm -rf /_ _ _(x) _y_');
    assert.equal(safeComment('x'.repeat(300), 10), 'x'.repeat(10));
  });
  test('cidrs splits address sets into IPv4 and IPv6 blocks', () => {
    const parse = (text: string): AddressSet => {
      const parsed = parseAddressOrCidr(text);
      assert.ok(parsed.ok);
      return parsed.set;
    };
    const set = union(parse('10.0.0.0/24'), parse('10.0.1.0/25'), parse('2001:db8::/48'), parse('192.168.1.5'));
    assert.deepEqual(cidrs(set), {
      any: false,
      v4: ['10.0.0.0/24', '10.0.1.0/25', '192.168.1.5/32'],
      v6: ['2001:db8::/48'],
    });
    assert.deepEqual(cidrs(ANY), { any: true, v4: [], v6: [] });
  });
});

// ---- the command ----

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lync-ports export', () => {
  for (const format of EXPORT_FORMATS) {
    test(`--format ${format} writes the export and exits 0`, () => {
      const { code, stdout, stderr } = cli(['export', join(EXAMPLES, 'contoso.topology.yaml'), '--format', format]);
      assert.equal(code, 0, stderr);
      assert.equal(stdout, exportOf(join(EXAMPLES, 'contoso.topology.yaml'), format));
    });
  }
  test('-o writes a file and says so', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lync-ports-export-')), 'rules.nft');
    const { code, stderr } = cli([
      'export',
      join(EXAMPLES, 'sfb2015-hlb.topology.yaml'),
      '--format',
      'nftables',
      '-o',
      out,
    ]);
    assert.equal(code, 0, stderr);
    assert.match(stderr, /Wrote .*rules\.nft: \d+ rules of 2 firewalls as nftables/);
    assert.match(readFileSync(out, 'utf8'), /table inet lync_ports \{/);
  });
  test('a missing or unknown format is a usage error (exit 2)', () => {
    assert.equal(cli(['export', join(EXAMPLES, 'contoso.topology.yaml')]).code, 2);
    const unknown = cli(['export', join(EXAMPLES, 'contoso.topology.yaml'), '--format', 'pf']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--format must be one of csv, markdown, powershell, iptables, nftables/);
  });
  test('a file that does not parse exits 1; a file with findings exports with a note', () => {
    const broken = scratch('broken.topology.yaml', 'firewalls: [unclosed\n');
    assert.equal(cli(['export', broken, '--format', 'csv']).code, 1);
    const hostile = cli(['export', HOSTILE, '--format', 'csv']);
    assert.equal(hostile.code, 0);
    assert.match(hostile.stderr, /has 3 errors; the export shows the rules as written/);
  });
});
