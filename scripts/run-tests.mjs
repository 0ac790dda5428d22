// Runs every test suite in order and fails when any fails. Each suite is a real process.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...testFiles(path));
    else if (name.endsWith('.test.js')) found.push(path);
  }
  return found.sort();
}

const only = process.argv.slice(2);
const suites = [
  {
    name: 'engine and CLI',
    command: 'node',
    args: ['--test', '--test-reporter=spec', ...testFiles('out/test/engine'), ...testFiles('out/test/cli')],
  },
  // The language server as a process (dist/server.js), driven over stdio by a JSON-RPC client and by Neovim.
  // `lync-ports export`: iptables/nftables output checked by iptables-restore and nft (apt packages iptables,
  // nftables).
  { name: 'export', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/export')] },
  // `lync-ports lab`: the examples as network namespaces (iproute2, nftables; root on Linux), real packets sent.
  { name: 'lab', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/lab')] },
  // `lync-ports verify` on rule sets dumped by the real iptables-save and nft from network namespaces
  // (root; apt packages iptables, nftables, iproute2).
  { name: 'verify', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/verify')] },
  {
    name: 'language server',
    command: 'node',
    args: ['--test', '--test-reporter=spec', ...testFiles('out/test/server')],
  },
  { name: 'neovim', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/nvim')] },
  // The flow diagram (layout, SVG, `lync-ports diagram`) and its webview page alone in Chromium.
  { name: 'diagram', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/diagram')] },
  { name: 'webview', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/webview')] },
  // The extension's own logic that needs no VS Code (when the language server starts).
  { name: 'client', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/client')] },
  // The extension in real VS Code (code-server, see scripts/install-code-server.sh): mocha inside
  // the extension host through @vscode/test-electron, then Playwright driving the packaged .vsix.
  { name: 'extension', command: 'node', args: ['out/test/ext/runTest.js'] },
  { name: 'ui', command: 'node', args: ['--test', '--test-reporter=spec', ...testFiles('out/test/ui')] },
];

let failed = 0;
for (const suite of suites) {
  if (only.length > 0 && !only.includes(suite.name)) continue;
  console.log(`\n=== ${suite.name} ===`);
  const result = spawnSync(suite.command, suite.args, {
    stdio: 'inherit',
    env: { ...process.env, ...(suite.env ?? {}) },
  });
  if (result.status !== 0) {
    failed++;
    console.error(`=== ${suite.name}: FAILED (exit ${result.status ?? result.signal}) ===`);
  }
}
process.exit(failed === 0 ? 0 : 1);
