// Bundles the shipped programs with esbuild. tsc (run before this) type-checks and emits out/ for the tests.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...node },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', ...node },
  // The VS Code extension: `vscode` is provided by the extension host.
  // Minified: it carries the language client and, for Export Rules, the engine.
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], ...node, minify: true, keepNames: true },
  // The diagram webview's script runs in the browser; it draws with the engine's renderer.
  { entryPoints: ['client/src/webview/main.ts'], outfile: 'dist/webview.js', bundle: true, platform: 'browser', target: 'chrome114', format: 'iife', sourcemap: true, logLevel: 'warning' },
];

await Promise.all(entries.map((options) => build(options)));
// The package's bin must be executable for npx and for a global install.
chmodSync('dist/cli.js', 0o755);
