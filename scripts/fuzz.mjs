// `npm run fuzz`: the fix fuzz at scale (test/support/fuzz.ts). Grammar-aware mutations of every
// example through check, fix-all and every export; the iptables and nftables exports of the
// documents that check clean are loaded by iptables-restore --test and nft -c -f (distinct ones,
// up to --loads). Bounded by --documents and --seconds; prints its figures; exit 1 on any failure.
//   node scripts/fuzz.mjs [--documents 20000] [--seconds 900] [--seed 1] [--loads 300]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const require = createRequire(import.meta.url);
const { emptyFigures, fuzzDocument, fuzzOne, random } = require('../out/test/support/fuzz.js');

const { values } = parseArgs({
  options: {
    documents: { type: 'string', default: '20000' },
    seconds: { type: 'string', default: '900' },
    seed: { type: 'string', default: '1' },
    loads: { type: 'string', default: '300' },
  },
});
const documents = Number(values.documents);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const maxLoads = Number(values.loads);

const scratch = mkdtempSync(join(tmpdir(), 'lync-ports-fuzz-'));
const TOOLS = {
  iptables: (path) => ['iptables-restore', '--test', path],
  nftables: (path) => ['nft', '-c', '-f', path],
};
/** A tool that cannot check even an empty rule set here is reported, not counted as a failure. */
function probe(format, text) {
  const path = join(scratch, `probe.${format}`);
  writeFileSync(path, text);
  const [command, ...args] = TOOLS[format](path);
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return result.status === 0 ? undefined : (result.stderr || result.error?.message || `exit ${result.status}`).trim();
}
const unavailable = {
  iptables: probe('iptables', '*filter\nCOMMIT\n'),
  nftables: probe('nftables', 'table inet lync_probe {\n}\n'),
};

const rng = random(seed);
const figures = emptyFigures();
const loads = { iptables: 0, nftables: 0, rejected: 0 };
const seen = new Set();
const started = Date.now();
const deadline = started + seconds * 1000;
for (let index = 0; index < documents && Date.now() < deadline; index++) {
  const text = fuzzDocument(rng, figures);
  const exports = fuzzOne(text, `seed ${seed} document ${index}`, figures);
  if ((index + 1) % 1000 === 0)
    console.error(`${index + 1} documents, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (!exports) continue;
  for (const format of ['iptables', 'nftables']) {
    if (unavailable[format] || loads[format] >= maxLoads) continue;
    const output = exports.get(format);
    const hash = createHash('sha256').update(format).update(output).digest('hex');
    if (seen.has(hash)) continue;
    seen.add(hash);
    const path = join(scratch, `${loads[format]}.${format}`);
    writeFileSync(path, output);
    const [command, ...args] = TOOLS[format](path);
    const result = spawnSync(command, args, { encoding: 'utf8' });
    loads[format]++;
    if (result.status !== 0) {
      loads.rejected++;
      figures.failures.push(`seed ${seed} document ${index}: ${command} rejects the export: ${result.stderr.trim()}`);
    }
  }
}

const { failures, mutations, ...counts } = figures;
const elapsed = (Date.now() - started) / 1000;
console.log(`fix fuzz, seed ${seed}: ${counts.documents} documents in ${elapsed.toFixed(1)} s`);
console.log(
  `  mutations: ${Object.entries(mutations)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ')}`,
);
for (const [name, value] of Object.entries(counts)) console.log(`  ${name}: ${value}`);
for (const format of ['iptables', 'nftables']) {
  const reason = unavailable[format]?.split('\n')[0];
  console.log(`  ${format} exports loaded: ${reason ? `not run (${reason})` : loads[format]}`);
}
console.log(`  exports rejected: ${loads.rejected}`);
for (const failure of failures.slice(0, 20)) console.log(`\n${failure}`);
process.exit(failures.length === 0 ? 0 : 1);
