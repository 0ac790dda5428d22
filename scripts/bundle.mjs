// Bundles the shipped programs with esbuild. tsc (run before this) type-checks and emits out/ for the tests.
import { build } from 'esbuild';

const node = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const entries = [
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, ...node },
];

await Promise.all(entries.map((options) => build(options)));
