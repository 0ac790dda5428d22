import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TYPOS } from '../server/fixtures';
import { ROOT, SERVER } from '../server/lspClient';

// A second, independent LSP client: Neovim's built-in one, headless (see E2E-RECIPE §5).

const SCRIPT = resolve(ROOT, 'test', 'nvim', 'lsp-check.lua');

function runNvim(
  dir: string,
  file: string,
  env: Record<string, string> = {},
): { status: number | null; lines: string[]; stderr: string } {
  const result = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${SCRIPT}`, file], {
    cwd: dir,
    env: { ...process.env, LSP_SERVER: SERVER, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.error)
    throw new Error(`cannot run nvim (apt-get install neovim; .ci/run installs it): ${result.error.message}`);
  return { status: result.status, lines: result.stdout.split('\n').filter(Boolean), stderr: result.stderr };
}

function lineOf(text: string, needle: string): number {
  return text.slice(0, text.indexOf(needle)).split('\n').length;
}

describe('Neovim as the LSP client', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'lync-ports-nvim-'));
    copyFileSync(resolve(ROOT, 'examples', 'contoso.topology.yaml'), join(dir, 'contoso.topology.yaml'));
    copyFileSync(
      resolve(ROOT, 'examples', 'broken', 'missing-rules.topology.yaml'),
      join(dir, 'missing-rules.topology.yaml'),
    );
    writeFileSync(join(dir, 'typos.topology.yaml'), TYPOS);
    writeFileSync(join(dir, 'compose.yaml'), 'services:\n  web: { image: nginx }\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('the contract example: no diagnostics', () => {
    const run = runNvim(dir, 'contoso.topology.yaml');
    assert.equal(run.status, 0, run.lines.join('\n') + run.stderr);
    assert.match(run.lines[0], /^diagnostics after \d+ms: 0$/);
    assert.match(run.lines[run.lines.length - 1], /^OK in \d+ms$/);
  });

  test('typos: codes, lines and README links as Neovim received them; hover; the quick fix applied in Neovim', () => {
    const run = runNvim(dir, 'typos.topology.yaml', {
      LSP_FIX: '1',
      LSP_HOVER: `${lineOf(TYPOS, 'to: edge01.accessEdge')}:16`,
    });
    const output = run.lines.join('\n');
    assert.equal(run.status, 0, output + run.stderr);
    assert.match(run.lines[0], /: 2$/);
    assert.match(
      output,
      new RegExp(
        `typos\\.topology\\.yaml:${lineOf(TYPOS, 'XMPP/TCP/5296')}:18: error \\[wrong-port\\] ` +
          `.*<https://github\\.com/lync-port-planner/lync-port-planner#wrong-port>`,
      ),
    );
    assert.match(
      output,
      new RegExp(
        `typos\\.topology\\.yaml:${lineOf(TYPOS, 'XMPP/UDP/23456')}:\\d+: error \\[wrong-transport\\] ` +
          `.*<https://github\\.com/lync-port-planner/lync-port-planner#wrong-transport>`,
      ),
    );
    assert.match(
      output,
      /^hover: \*\*edge01\.accessEdge\*\* \(destination\): interface accessEdge of edge01: 131\.107\.155\.10$/m,
    );
    assert.match(output, /^code action: .*5269/m);
    assert.match(output, /^diagnostics after fix: 1$/m);
  });

  test('a broken example from examples/: missing flows are reported', () => {
    const run = runNvim(dir, 'missing-rules.topology.yaml');
    assert.equal(run.status, 0, run.lines.join('\n') + run.stderr);
    assert.ok(
      run.lines.some((line) => line.includes('[missing-flow]')),
      run.lines.join('\n'),
    );
  });

  test('negative check: a plain YAML file gets no diagnostics and the script fails', () => {
    const run = runNvim(dir, 'compose.yaml', { LSP_TIMEOUT: '1500' });
    assert.equal(run.status, 1);
    assert.match(run.lines.join('\n'), /FAIL: no diagnostics within 1500 ms/);
  });
});
