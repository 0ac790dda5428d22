// Benchmarks of the engine and the CLI. Writes bench/results.json and the table between the
// bench markers in README.md. Run after `npm run build`: `npm run bench`.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const { checkTopology, fixAll } = require('../out/server/src/engine/index.js');

const contoso = readFileSync('examples/contoso.topology.yaml', 'utf8');
const typos = readFileSync('examples/broken/typos.topology.yaml', 'utf8');

function manyRules(count) {
  const rules = [];
  for (let k = 0; k < count; k++) {
    rules.push(
      `      - { name: r${k}, service: TCP/${10000 + (k % 50000)}, from: ` +
        `198.51.${(k >> 8) & 255}.${k & 255}, to: edge01.accessEdge }\n`,
    );
  }
  return contoso.replace('  internal:\n    between', `${rules.join('')}  internal:\n    between`);
}

/** Median and p95 of the measured `times` (milliseconds), logged and returned as a result row. */
function summarize(name, times) {
  const runs = times.length;
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    name,
    runs,
    medianMs: +sorted[Math.floor(runs / 2)].toFixed(2),
    p95Ms: +sorted[Math.min(runs - 1, Math.floor(runs * 0.95))].toFixed(2),
  };
  console.log(`${name}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms (${runs} runs)`);
  return result;
}

/** Median and p95 of `runs` timed calls, after `warmup` untimed ones. */
function measure(name, runs, fn, warmup = Math.min(5, runs)) {
  for (let k = 0; k < warmup; k++) fn();
  const times = [];
  for (let k = 0; k < runs; k++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return summarize(name, times);
}

/** One mapping of `count` keys (an `x-` key, which the schema allows): the duplicate-key check must stay linear. */
function manyKeys(count) {
  const keys = [];
  for (let k = 0; k < count; k++) keys.push(`  key${k}: ${k}\n`);
  return `${contoso}x-many:\n${keys.join('')}`;
}

const thousand = manyRules(1000);
const tenThousand = manyRules(10000);
const results = [
  measure('check contoso example (3 rules)', 200, () => checkTopology(contoso)),
  measure('check a file with 1,000 rules', 20, () => checkTopology(thousand), 2),
  measure('check a file with 10,000 rules', 5, () => checkTopology(tenThousand), 1),
  measure('check one map of 10,000 keys', 5, () => checkTopology(manyKeys(10_000)), 1),
  measure('check one map of 100,000 keys', 3, () => checkTopology(manyKeys(100_000)), 1),
  measure('fix the typos example (2 fixes, re-checked)', 100, () => fixAll(typos)),
  measure(
    'CLI process: lync-ports check contoso',
    10,
    () => {
      const run = spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples/contoso.topology.yaml']);
      if (run.status !== 0) throw new Error(`cli exited ${run.status}`);
    },
    1,
  ),
];

// The language server as editors run it: a process over stdio, timed from the notification to
// the diagnostics it publishes (the change includes the server's 150 ms debounce).
const { TestClient, fileUri } = require('../out/test/server/lspClient.js');
async function measureServer(runs) {
  const client = await TestClient.start();
  const openTimes = [];
  const changeTimes = [];
  try {
    for (let k = 0; k < runs; k++) {
      const uri = fileUri(`/bench/contoso-${k}.topology.yaml`);
      let start = performance.now();
      await client.open(uri, contoso);
      await client.diagnosticsFor(uri, 1);
      openTimes.push(performance.now() - start);
      start = performance.now();
      await client.replace(uri, 2, 'XMPP/TCP/5269', 'XMPP/TCP/5296');
      await client.diagnosticsFor(uri, 2);
      changeTimes.push(performance.now() - start);
      await client.close(uri);
    }
  } finally {
    await client.stop();
  }
  return [
    summarize('language server: open to diagnostics (contoso)', openTimes),
    summarize('language server: edit to diagnostics (150 ms debounce included)', changeTimes),
  ];
}
results.push(...(await measureServer(20)));

// Side by side in this run, since the machine is shared and absolute times drift: our check
// against a bare `yaml` parse of the same text (without the library's duplicate-key check, which
// the check replaces by a linear one), and the library's own quadratic check against ours.
const { parseDocument } = require('yaml');
const ratios = [10_000, 100_000].flatMap((count) => {
  const text = manyKeys(count);
  const runs = count > 10_000 ? 3 : 5;
  const label = count.toLocaleString('en-US');
  const ours = measure(`check, ${label} keys`, runs, () => checkTopology(text), 1).medianMs;
  const bare = measure(`bare yaml parse, ${label} keys`, runs, () => parseDocument(text, { uniqueKeys: false }), 1);
  const rows = [{ name: `check ÷ bare yaml parse, one map of ${label} keys`, ratio: ours / bare.medianMs }];
  if (count === 10_000) {
    // At 100,000 keys the library's own check takes minutes: measured at 10,000 only.
    const library = measure(`yaml parse with its duplicate-key check, ${label} keys`, 3, () => parseDocument(text), 1);
    rows.push({ name: `yaml's duplicate-key check ÷ our whole check, ${label} keys`, ratio: library.medianMs / ours });
  }
  return rows.map((row) => ({ ...row, ratio: +row.ratio.toFixed(2) }));
});

// The extension's bundles. Before issue 8 one client.js held the language client and the engine.
const sizes = [
  { file: 'dist/client.js', loaded: 'at activation', before: 874_011 },
  { file: 'dist/languageClient.js', loaded: 'with the first server start' },
].map((size) => ({ ...size, bytes: statSync(size.file).size }));
for (const size of sizes) console.log(`${size.file}: ${size.bytes} bytes`);
const bytes = (count) => `${count.toLocaleString('en-US')} bytes`;
const sizeName = (size) =>
  `size of ${size.file}, loaded ${size.loaded}${size.before ? ` (before: ${bytes(size.before)})` : ''}`;

const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
mkdirSync('bench', { recursive: true });
const json = JSON.stringify({ date: new Date().toISOString(), machine, results, ratios, sizes }, null, 2);
writeFileSync('bench/results.json', json + '\n');

const table = [
  `Measured ${new Date().toISOString().slice(0, 10)} on ${machine} by \`npm run bench\` ` +
    `(results in \`bench/results.json\`).`,
  '',
  '| benchmark | median | p95 |',
  '| --- | ---: | ---: |',
  ...results.map((r) => `| ${r.name} | ${r.medianMs} ms | ${r.p95Ms} ms |`),
  // A size has no spread: the same figure in both columns.
  ...sizes.map((size) => `| ${sizeName(size)} | ${bytes(size.bytes)} | ${bytes(size.bytes)} |`),
  '',
  '| side by side in the same run | ratio of medians |',
  '| --- | ---: |',
  ...ratios.map((r) => `| ${r.name} | ${r.ratio}× |`),
].join('\n');
const readme = readFileSync('README.md', 'utf8');
const marked = /<!-- bench:start -->[\s\S]*<!-- bench:end -->/;
if (!marked.test(readme)) throw new Error('README.md lacks the <!-- bench:start --> / <!-- bench:end --> markers');
writeFileSync('README.md', readme.replace(marked, `<!-- bench:start -->\n${table}\n<!-- bench:end -->`));
console.log('wrote bench/results.json and README.md');
