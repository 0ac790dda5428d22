// Bundles the shipped programs with esbuild. tsc (run before this) type-checks and emits out/ for the tests.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { validatorSource } from './schemaValidator.mjs';

// The schema's validator, compiled once here: next to tsc's validate.js for the tests, and into
// the bundles through a plugin (validate.ts imports it; topologyValidator.d.ts is its type).
const validator = validatorSource();
writeFileSync('out/server/src/engine/schema/topologyValidator.js', validator);
const SCHEMA_DIR = `${process.cwd()}/server/src/engine/schema`;
const precompiledValidator = {
  name: 'topology-validator',
  setup(build) {
    build.onResolve({ filter: /^\.\/topologyValidator$/ }, () => ({
      path: 'topologyValidator',
      namespace: 'validator',
    }));
    build.onLoad({ filter: /.*/, namespace: 'validator' }, () => ({
      contents: validator,
      loader: 'js',
      resolveDir: SCHEMA_DIR,
    }));
  },
};

// JSON data as a string that JSON.parse reads when the bundle starts: V8 scans a string literal
// much faster than it parses the same data as an object literal (esbuild's JSON loader), and the
// texts and the schema are a third of a bundle. The same values, key order included.
const jsonAsString = {
  name: 'json-as-string',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, (args) => {
      const json = JSON.stringify(JSON.parse(readFileSync(args.path, 'utf8')));
      return { contents: `module.exports = JSON.parse(${JSON.stringify(json)});`, loader: 'js' };
    });
  },
};

/**
 * An esbuild plugin marking the package `name` free of side effects when imported, so a bundle
 * that imports it without calling it leaves it out (the resolve is otherwise esbuild's own).
 */
function sideEffectFree(name) {
  const mark = `sideEffectFree:${name}`;
  return {
    name: `side-effect-free-${name}`,
    setup(build) {
      build.onResolve({ filter: new RegExp(`^${name}$`) }, async (args) => {
        if (args.pluginData?.[mark]) return undefined;
        const options = { kind: args.kind, resolveDir: args.resolveDir, pluginData: { [mark]: true } };
        const resolved = await build.resolve(args.path, options);
        return { path: resolved.path, sideEffects: false };
      });
    },
  };
}

// The XML parser runs for `import` only: it stays out of every bundle that imports the engine
// without calling importTopologyXml (the check-only CLI bundle).
const pureXmlParser = sideEffectFree('saxes');

// The language server's main thread answers completion and hover only (the worker parses): the
// YAML parser stays out of its bundle unless called.
const pureYamlParser = sideEffectFree('yaml');

// The yaml library's `require('process')` resolves to server/src/shared/yamlProcess.ts, which says why:
// an empty environment and the real emitWarning. Only the library's own imports; every other module
// keeps Node's process.
const yamlProcess = {
  name: 'yaml-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?process$/ }, (args) =>
      /[\\/]node_modules[\\/]yaml[\\/]/.test(args.importer)
        ? { path: `${process.cwd()}/server/src/shared/yamlProcess.ts` }
        : undefined,
    );
  },
};

// The engine's modules only declare: none does anything on load that another module reads. esbuild
// is told so for the bundles that run the engine: each reaches all of it through its door, and a
// module none of whose exports a bundle uses stays out, with all it imports. The server's main
// thread (dist/server.js, dist/cliServe.js) so leaves out the kept document's Scalar subclass, and
// with it the yaml library, and the schema's validator: the worker runs both.
const ENGINE_DIR = `${process.cwd()}/server/src/engine/`;
const pureEngine = {
  name: 'pure-engine',
  setup(build) {
    build.onResolve({ filter: /^\./ }, async (args) => {
      if (args.pluginData?.pureEngine) return undefined;
      const options = { kind: args.kind, resolveDir: args.resolveDir, pluginData: { pureEngine: true } };
      const resolved = await build.resolve(args.path, options);
      if (resolved.errors.length > 0 || !resolved.path.startsWith(ENGINE_DIR)) return undefined;
      return { path: resolved.path, sideEffects: false };
    });
  },
};

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // The Russian texts as UTF-8, not \u escapes: a third of the bytes to read and compile.
  charset: 'utf8',
  plugins: [precompiledValidator, jsonAsString, pureXmlParser, yamlProcess],
};

// What runs the engine: the CLI's commands and the language server's bundles.
const engineBundle = { ...node, plugins: [...node.plugins, pureEngine] };

const serverThread = { ...engineBundle, charset: 'ascii', minify: true, keepNames: true };

const entries = [
  // The CLI: an entry without any command (--version and --help start as fast as Node), and the
  // commands' bundles it requires by name when one runs. Minified: a smaller file compiles faster.
  {
    entryPoints: ['server/src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    ...node,
    minify: true,
    keepNames: true,
  },
  // A command's --help texts (both languages), required by the entry for `COMMAND --help` only.
  { entryPoints: ['server/src/cli/cliHelp.ts'], outfile: 'dist/cliHelp.js', ...node, minify: true },
  ...['cliCheck', 'cliCommands', 'cliServe'].map((name) => ({
    entryPoints: [`server/src/cli/${name}.ts`],
    outfile: `dist/${name}.js`,
    ...engineBundle,
    // `serve` is the language server's main thread too.
    ...(name === 'cliServe' ? { plugins: [...engineBundle.plugins, pureYamlParser] } : {}),
    // A native module with a binary per platform: installed with the CLI, loaded for PNGs only.
    external: ['@resvg/resvg-js'],
    minify: true,
    keepNames: true,
  })),
  // The language server's main thread, its check worker (started by dist/server.js and dist/cliServe.js
  // from next to them) and what the main thread answers seldom, required on first use
  // (server/src/serverRequests.ts). V8 holds each thread's bundle as a string, two bytes a character
  // once one character is not Latin-1: ASCII (the Russian texts as \u escapes) and minified, the
  // server's two threads hold 1.7 MB of source where they held 7 MB.
  {
    entryPoints: ['server/src/main.ts'],
    outfile: 'dist/server.js',
    ...serverThread,
    plugins: [...engineBundle.plugins, pureYamlParser],
  },
  { entryPoints: ['server/src/serverRequests.ts'], outfile: 'dist/serverRequests.js', ...serverThread },
  { entryPoints: ['server/src/lsp/checkWorker.ts'], outfile: 'dist/checkWorker.js', ...serverThread },
  // The VS Code extension: `vscode` is provided by the extension host. client.js is what activation
  // loads, on every YAML file: no engine (the server answers) and no language client, which is
  // languageClient.js, required at run time on the first server start. Minified, both.
  {
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/client.js',
    external: ['vscode'],
    ...node,
    minify: true,
    keepNames: true,
  },
  // The diagram, the status bar and the commands: loaded on first use, not on activation.
  {
    entryPoints: ['client/src/clientUi.ts'],
    outfile: 'dist/clientUi.js',
    external: ['vscode'],
    ...node,
    minify: true,
    keepNames: true,
  },
  {
    entryPoints: ['client/src/languageClient.ts'],
    outfile: 'dist/languageClient.js',
    external: ['vscode'],
    ...node,
    minify: true,
    keepNames: true,
  },
  // The diagram webview's script runs in the browser; it draws with the engine's renderer.
  {
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview.js',
    bundle: true,
    platform: 'browser',
    target: 'chrome114',
    format: 'iife',
    sourcemap: true,
    logLevel: 'warning',
  },
];

const results = await Promise.all(entries.map((options) => build({ ...options, metafile: true })));
const inputsOf = (outfile) =>
  Object.keys(results[entries.findIndex((entry) => entry.outfile === outfile)].metafile.inputs);
// The split only helps while client.js stays apart: fail the build when either gets bundled in.
const clientInputs = [...inputsOf('dist/client.js'), ...inputsOf('dist/clientUi.js')];
const forbidden = /vscode-languageclient|server\/src\/engine\/(?!types)|node_modules\/(ajv|yaml)\//;
const leaked = clientInputs.filter((input) => forbidden.test(input));
if (leaked.length > 0) {
  throw new Error(`dist/client.js must not bundle the language client or the engine:\n${leaked.join('\n')}`);
}
// The server's main thread tests the worker's nodes (engine/yaml/nodeTypes.ts) but parses nothing.
for (const outfile of ['dist/server.js', 'dist/cliServe.js']) {
  const { outputs } = results[entries.findIndex((entry) => entry.outfile === outfile)].metafile;
  const yamlInServer = Object.entries(outputs[outfile].inputs)
    .filter(([input, { bytesInOutput }]) => bytesInOutput > 0 && /node_modules\/yaml\//.test(input))
    .map(([input]) => input);
  if (yamlInServer.length > 0) {
    throw new Error(`${outfile} must not bundle the yaml library:\n${yamlInServer.join('\n')}`);
  }
}
// The same for the CLI's entry: --version must not load the engine or the language server.
const cliInputs = inputsOf('dist/cli.js');
const cliLeaked = cliInputs.filter((input) => /server\/src\/(engine|lsp)\/|node_modules\//.test(input));
if (cliLeaked.length > 0) {
  throw new Error(`dist/cli.js must not bundle a command, the engine or a library:\n${cliLeaked.join('\n')}`);
}
// Every bundle that carries the yaml library gives it the shim, never Node's process (a new version
// that reached it another way would bring the debug output back).
for (const [index, result] of results.entries()) {
  const realProcess = Object.entries(result.metafile.inputs).filter(
    ([input, { imports }]) =>
      /node_modules\/yaml\//.test(input) && imports.some((imported) => /^(node:)?process$/.test(imported.path)),
  );
  if (realProcess.length > 0) {
    const inputs = realProcess.map(([input]) => input).join('\n');
    const shim = 'server/src/shared/yamlProcess.ts';
    throw new Error(`${entries[index].outfile}: the yaml library must import ${shim}, not Node's process:\n${inputs}`);
  }
}
// The package's bin must be executable for npx and for a global install.
chmodSync('dist/cli.js', 0o755);
