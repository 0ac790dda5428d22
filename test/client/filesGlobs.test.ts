// The `lyncPorts.files` globs as both sides read them: the extension's start-up decision
// (client/src/activation.ts) and the server's "is this a topology file" (server/src/lsp/workspace.ts)
// must give the expected answer for every pattern × path, so they can never disagree. The in-host
// suite (test/ext/suite/01-activation.test.ts) checks the same against VS Code's own matcher.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { isTopologyCandidate } from '../../client/src/activation';
import { normalizeSettings } from '../../server/src/lsp/settings';
import { isTopologyFile } from '../../server/src/lsp/workspace';
import { MAX_WILDCARDS, parseFilesSetting } from '../../server/src/shared/filesGlobs';

interface Row {
  pattern: string;
  path: string;
  expected: boolean;
  /** Workspace folders; `/ws` unless given. */
  folders?: string[];
  why?: string;
}

const LONG_NAME = `${'a'.repeat(250)}.yaml`;
const DEEP_PATH = `/ws/${'a/'.repeat(60)}${LONG_NAME}`;

const TABLE: Row[] = [
  // No `/`: the file name, in any folder (and outside the workspace).
  { pattern: '*.fw.yaml', path: '/ws/edge.fw.yaml', expected: true },
  { pattern: '*.fw.yaml', path: '/ws/a/b/edge.fw.yaml', expected: true, why: 'a name pattern matches in subfolders' },
  { pattern: '*.fw.yaml', path: '/elsewhere/edge.fw.yaml', expected: true, why: 'and outside every folder' },
  { pattern: '*.fw.yaml', path: '/ws/edge.fw.yml', expected: false },
  { pattern: 'edge-?.yaml', path: '/ws/x/edge-1.yaml', expected: true },
  { pattern: 'edge-?.yaml', path: '/ws/edge-10.yaml', expected: false, why: '? is one character' },
  { pattern: 'fw[0-4].yaml', path: '/ws/fw3.yaml', expected: true },
  { pattern: 'fw[0-4].yaml', path: '/ws/fw7.yaml', expected: false },
  { pattern: 'fw[!0-4].yaml', path: '/ws/fw7.yaml', expected: true },
  { pattern: 'fw[!0-4].yaml', path: '/ws/fw3.yaml', expected: false },
  { pattern: '*.{yaml,yml}', path: '/ws/a/x.yml', expected: true },
  { pattern: '*.{yaml,yml}', path: '/ws/a/x.json', expected: false },
  { pattern: 'a.b+c(d)!@|.yaml', path: '/ws/a.b+c(d)!@|.yaml', expected: true, why: 'punctuation is literal' },
  { pattern: 'a.b.yaml', path: '/ws/aXb.yaml', expected: false, why: '. is not a wildcard' },
  { pattern: '!edge.yaml', path: '/ws/other.yaml', expected: false, why: 'no negation' },
  // Dot files and folders: `*` and `**` match them, as in VS Code.
  { pattern: '*.yaml', path: '/ws/.hidden.yaml', expected: true },
  { pattern: '**/*.yaml', path: '/ws/.github/fw.yaml', expected: true },
  { pattern: 'fw/*.yaml', path: '/ws/fw/.edge.yaml', expected: true },
  // A `/` inside: relative to a workspace folder.
  { pattern: 'firewalls/*.yaml', path: '/ws/firewalls/edge.yaml', expected: true },
  { pattern: 'firewalls/*.yaml', path: '/ws/x/firewalls/edge.yaml', expected: false, why: 'anchored at the folder' },
  { pattern: 'firewalls/*.yaml', path: '/ws/firewalls/sub/edge.yaml', expected: false, why: '* stays within a folder' },
  { pattern: 'firewalls/*.yaml', path: '/elsewhere/firewalls/edge.yaml', expected: false, why: 'outside every folder' },
  { pattern: './firewalls/*.yaml', path: '/ws/firewalls/edge.yaml', expected: true },
  { pattern: 'firewalls/*.yaml', path: '/two/firewalls/edge.yaml', folders: ['/one', '/two'], expected: true },
  { pattern: 'firewalls/*.yaml', path: '/ws2/firewalls/edge.yaml', expected: false, why: '/ws2 is not inside /ws' },
  { pattern: 'infra/**/*.yaml', path: '/ws/infra/a.yaml', expected: true, why: '**/ matches no folder too' },
  { pattern: 'infra/**/*.yaml', path: '/ws/infra/x/y/a.yaml', expected: true },
  { pattern: 'infra/**', path: '/ws/infra/x/a.yaml', expected: true },
  { pattern: '{firewalls,edge}/*.yaml', path: '/ws/edge/a.yaml', expected: true },
  { pattern: '{firewalls,edge}/*.yaml', path: '/ws/other/a.yaml', expected: false },
  // A leading `**/`: anywhere.
  { pattern: '**/firewalls/*.yaml', path: '/ws/deep/firewalls/edge.yaml', expected: true },
  { pattern: '**/firewalls/*.yaml', path: '/elsewhere/firewalls/edge.yaml', expected: true },
  { pattern: '**/firewalls/*.yaml', path: '/ws/firewalls/a/edge.yaml', expected: false },
  { pattern: '**/**/**/**/**/**/**/**/**/x.yaml', path: '/ws/a/b/x.yaml', expected: true, why: '9 globstars are one' },
  // Absolute patterns.
  { pattern: '/srv/fw/*.yaml', path: '/srv/fw/edge.yaml', expected: true },
  { pattern: '/srv/fw/*.yaml', path: '/ws/srv/fw/edge.yaml', expected: false },
  // Windows: backslashes are separators, drive letters any case.
  { pattern: 'firewalls\\*.yaml', path: 'C:\\ws\\firewalls\\edge.yaml', folders: ['C:\\ws'], expected: true },
  { pattern: 'firewalls/*.yaml', path: 'c:\\ws\\firewalls\\edge.yaml', folders: ['C:\\ws\\'], expected: true },
  { pattern: 'firewalls/*.yaml', path: 'C:\\other\\firewalls\\edge.yaml', folders: ['C:\\ws'], expected: false },
  { pattern: 'C:\\fw\\*.yaml', path: 'c:\\fw\\edge.yaml', folders: [], expected: true },
  { pattern: '*.fw.yaml', path: 'D:\\x\\y\\edge.fw.yaml', folders: ['C:\\ws'], expected: true },
  // Case matters, as in VS Code's matcher.
  { pattern: '*.YAML', path: '/ws/edge.yaml', expected: false },
  // Malformed: matched literally or not at all, never an exception.
  { pattern: '[z-a].yaml', path: '/ws/a.yaml', expected: false },
  { pattern: '{a,b.yaml', path: '/ws/{a,b.yaml', expected: true, why: 'an unclosed brace is literal' },
  // Wildcards up to the limit match, however long the names...
  { pattern: '*a*a*b', path: `/ws/${'a'.repeat(255)}`, expected: false },
  { pattern: '*a*a*b', path: `/ws/${'a'.repeat(254)}b`, expected: true },
  { pattern: '**/a/**/a/**', path: DEEP_PATH, expected: true },
  { pattern: '**/*a*a*b', path: DEEP_PATH, expected: false },
  { pattern: `${'?'.repeat(40)}*`, path: `/ws/${LONG_NAME}`, expected: true },
  // ...and more are ignored: they would backtrack for minutes (see MAX_WILDCARDS).
  { pattern: '*a*a*a*a*a*a*a*a*b', path: `/ws/${'a'.repeat(40)}`, expected: false },
  { pattern: '*a*a*a*a*a*a*a*a*b', path: '/ws/ab', expected: false, why: 'even where it would match' },
  { pattern: '*a*/*a*/*a*b', path: `/ws/${'a'.repeat(200)}/${'a'.repeat(200)}/${'a'.repeat(200)}`, expected: false },
];

const clientSays = (row: Row) => {
  const document = { languageId: 'yaml', path: row.path, firstLine: 'key: value' };
  return isTopologyCandidate(document, parseFilesSetting([row.pattern]), row.folders ?? ['/ws']);
};
const serverSays = (row: Row) => {
  const settings = normalizeSettings({ files: [row.pattern] });
  return isTopologyFile(row.path, 'yaml', 'key: value\n', settings, row.folders ?? ['/ws']);
};

describe('lyncPorts.files: the extension and the server agree', () => {
  test('every pattern × path of the table', () => {
    const started = performance.now();
    const wrong: string[] = [];
    for (const row of TABLE) {
      const client = clientSays(row);
      const server = serverSays(row);
      if (client !== row.expected || server !== row.expected) {
        const why = row.why ? ` (${row.why})` : '';
        wrong.push(`${row.pattern} vs ${row.path}: expected ${row.expected}, client ${client}, server ${server}${why}`);
      }
    }
    assert.deepEqual(wrong, []);
    // Every row, hostile ones included, in far less than a backtracking pattern would take.
    assert.ok(performance.now() - started < 2000, `the table took ${Math.round(performance.now() - started)} ms`);
  });

  test('each pattern of the table against each of its paths, both ways', () => {
    // The rows' paths crossed with every other pattern: no expectation, only agreement.
    const patterns = [...new Set(TABLE.filter((row) => !row.pattern.includes('*a*')).map((row) => row.pattern))];
    let matches = 0;
    for (const pattern of patterns) {
      for (const { path, folders } of TABLE) {
        const row = { pattern, path, folders, expected: false };
        assert.equal(clientSays(row), serverSays(row), `${pattern} vs ${path}`);
        if (clientSays(row)) matches++;
      }
    }
    assert.ok(matches > 50, `the crossing includes matches (${matches})`);
  });

  test('patterns with too many wildcards are reported, not matched', () => {
    const tooMany = ['*a*a*a*a*a*a*a*a*b', 'firewalls/**/*-*-*.yaml'];
    const setting = parseFilesSetting([...tooMany, '**/**/**/x.yaml', '*-*-*.yaml', 7, ' ']);
    assert.deepEqual(
      setting.globs.map((glob) => [glob.pattern, glob.against]),
      [
        ['**/x.yaml', 'path'],
        ['*-*-*.yaml', 'name'],
      ],
    );
    assert.deepEqual(
      setting.ignored.map((ignored) => ignored.source),
      tooMany,
    );
    assert.match(setting.ignored[0].reason, new RegExp(`9 wildcards .* at most ${MAX_WILDCARDS}`));
  });
});

describe('lyncPorts.files cannot hurt the editor', () => {
  test('a workspace in Restricted Mode cannot set it (package.json restrictedConfigurations)', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['lyncPorts.files']);
    assert.ok(manifest.contributes.configuration.properties['lyncPorts.files']);
  });

  for (const wildcards of [8, 12]) {
    test(`a pattern of ${wildcards} wildcards answers at once, on a long name and a deep path`, () => {
      // Backtracking picomatch needs seconds (8) or hours (12) for these; the limit refuses them unmatched.
      const pattern = `${'*a'.repeat(wildcards)}b`;
      const settings = normalizeSettings({ files: [pattern, `**/${pattern}`] });
      const started = performance.now();
      for (const path of [`/ws/${'a'.repeat(250)}`, `/ws/${'a/'.repeat(100)}${'a'.repeat(250)}`, '/ws/ab']) {
        assert.equal(isTopologyFile(path, 'yaml', 'key: value\n', settings, ['/ws']), false);
        const row = { pattern, path, expected: false };
        assert.equal(clientSays(row), false);
      }
      assert.ok(performance.now() - started < 500, `took ${Math.round(performance.now() - started)} ms`);
      assert.equal(parseFilesSetting([pattern]).ignored.length, 1);
    });
  }
});
