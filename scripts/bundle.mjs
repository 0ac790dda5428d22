// Bundles the shipped programs with esbuild. tsc (run before this) type-checks and emits out/ for the tests.
import { chmodSync } from 'node:fs';
import { build } from 'esbuild';

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...node },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js', ...node },
];

await Promise.all(entries.map((options) => build(options)));
// The package's bin must be executable for npx and for a global install.
chmodSync('dist/cli.js', 0o755);
