// Our language server against yaml-language-server on the same generated files, with our schema
// associated to them and its schema store off (no network), both driven by the same client.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { setTimeout } from 'node:timers';
import { BenchClient, fileUri } from './lsp.mjs';
import { comparison, median } from './stats.mjs';

const require = createRequire(import.meta.url);
// The environment the extension's client starts our server with (client/src/serverEnvironment.ts).
const { SERVER_MALLOC_ENV, serverEnvironment } = require('../../out/client/src/serverEnvironment.js');
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// Each server waits before it checks a change (yaml-language-server also before it validates an
// opened document); read from their sources so the subtraction follows them.
const OUR_DEBOUNCE_MS = Number(/const DEBOUNCE_MS = (\d+)/.exec(readFileSync('server/src/lsp/checker.ts', 'utf8'))[1]);
const YLS_ROOT = resolve(require.resolve('yaml-language-server/package.json'), '..');
const YLS_DELAY_MS = Number(
  /validationDelayMs = (\d+)/.exec(readFileSync(resolve(YLS_ROOT, 'lib/umd/yamlSettings.js'), 'utf8'))[1],
);
const SCHEMA_URI = fileUri(resolve('schemas/topology.schema.json'));
const YAML_SETTINGS = {
  schemas: { [SCHEMA_URI]: ['*.topology.yaml'] },
  schemaStore: { enable: false },
  kubernetesCRDStore: { enable: false },
  validate: true,
  completion: true,
  hover: true,
};

const SERVERS = {
  ours: {
    name: 'ours',
    command: ['dist/server.js', '--stdio'],
    languageId: 'lync-topology',
    openDelay: 0,
    env: serverEnvironment(),
  },
  yls: {
    name: 'yaml-language-server',
    command: [resolve(YLS_ROOT, 'bin/yaml-language-server'), '--stdio'],
    languageId: 'yaml',
    configuration: (section) => (section === 'yaml' ? YAML_SETTINGS : section === 'http' ? {} : null),
    settings: { yaml: YAML_SETTINGS },
    openDelay: YLS_DELAY_MS,
  },
};
SERVERS.ours.changeDelay = OUR_DEBOUNCE_MS;
SERVERS.yls.changeDelay = YLS_DELAY_MS;
// yaml-language-server once more, with our malloc settings: what the settings alone buy a Node server.
SERVERS.ylsMalloc = { ...SERVERS.yls, name: 'yaml-language-server-malloc', env: { ...SERVER_MALLOC_ENV } };
/** The rows that compare ours with yaml-language-server started with our malloc settings too. */
const MALLOC_MEASURES = new Set(['rss', 'settled']);

/** Where the requests go: a block-style rule near the middle of the file (its service and `to:` values). */
function spots(text) {
  const middle = text.length / 2;
  const pattern = /^ {6}- name: partner \d+\n {8}service: (\S+)\n {8}from: .*\n {8}to: (.*)$/gm;
  let best;
  for (const match of text.matchAll(pattern)) {
    if (!best || Math.abs(match.index - middle) < Math.abs(best.index - middle)) best = match;
    if (match.index > middle) break;
  }
  if (!best) throw new Error('bench: no block-style rule in the generated file');
  const serviceStart = best.index + best[0].indexOf('service: ') + 'service: '.length;
  const serviceEnd = serviceStart + best[1].length;
  const toEnd = best.index + best[0].length;
  return { serviceStart, serviceEnd, toEnd };
}

/** One round on one server: open a fresh copy of the file, time everything, close it. */
async function serverRound(client, server, text, size, round) {
  const uri = fileUri(`/bench/${server.name}-${size}-${round}.topology.yaml`);
  const samples = {
    open: [],
    edit: [],
    completeTo: [],
    completeService: [],
    hover: [],
    duringCheck: [],
    hoverDuringCheck: [],
    rss: [],
    settled: [],
  };
  samples.open.push((await client.open(uri, text)) - server.openDelay);
  samples.rss.push(client.rssMb());
  const { serviceStart, serviceEnd, toEnd } = spots(text);
  // An edit of the rule's last port digit, undone by the next one: the text keeps its length.
  const toggle = async () => {
    const digit = client.text(uri)[serviceEnd - 1];
    return client.change(uri, serviceEnd - 1, 1, digit === '9' ? '8' : String((Number(digit) + 1) % 10));
  };
  for (let k = 0; k < 2; k++) {
    const start = performance.now();
    await (
      await toggle()
    ).diagnostics;
    samples.edit.push(performance.now() - start - server.changeDelay);
  }
  for (let k = 0; k < 10; k++) {
    samples.completeTo.push(await client.timed('textDocument/completion', uri, toEnd));
    samples.completeService.push(await client.timed('textDocument/completion', uri, serviceEnd));
    samples.hover.push(await client.timed('textDocument/hover', uri, (serviceStart + serviceEnd) >> 1));
  }
  // A completion and a hover while the server checks an edit: sent just after the debounce ran out.
  const { diagnostics } = await toggle();
  await sleep(server.changeDelay + 20);
  samples.duringCheck.push(await client.timed('textDocument/completion', uri, toEnd));
  samples.hoverDuringCheck.push(await client.timed('textDocument/hover', uri, (serviceStart + serviceEnd) >> 1));
  await diagnostics;
  samples.settled.push(await settledRssMb(client));
  await client.close(uri);
  return samples;
}

/**
 * The server's RSS once it has been idle a while, the document still open: after the round's last
 * re-check, sampled every 250 ms for at least 3 s, until it has not fallen by more than 1 MB for
 * 2 s (at most 10 s). Servers differ in when they give memory back (ours collects its threads'
 * garbage ~1.5 s after the last check; V8 alone rarely collects an idle heap): the reading after
 * open is the peak of a check, this one what an editor holds between edits. The same rule for both.
 */
async function settledRssMb(client) {
  const start = performance.now();
  const readings = [client.rssMb()];
  const fell = () => readings.at(-9) - readings.at(-1) > 1;
  while (performance.now() - start < 10_000) {
    await sleep(250);
    readings.push(client.rssMb());
    if (performance.now() - start >= 3000 && readings.length > 8 && !fell()) break;
  }
  return readings.at(-1);
}

const MEASURES = [
  ['open → diagnostics', 'open', 'ms'],
  ['edit → diagnostics (debounce subtracted)', 'edit', 'ms'],
  ['completion at `to:`', 'completeTo', 'ms'],
  ['completion at `service:`', 'completeService', 'ms'],
  ['hover on a service', 'hover', 'ms'],
  ['completion during a re-check', 'duringCheck', 'ms'],
  ['hover during a re-check', 'hoverDuringCheck', 'ms'],
  ['server RSS after open', 'rss', 'MB'],
  ['server RSS settled (idle, document open)', 'settled', 'MB'],
];

/**
 * Our server ÷ yaml-language-server for every measure, at each size; the memory rows also ÷
 * yaml-language-server started with our malloc settings.
 */
export async function compareServers(sizes, rounds, topology) {
  const rows = [];
  const row = (name, size, unit, key, results, reference) => {
    const made = comparison(
      name,
      size,
      unit,
      results.flatMap((round) => round.ours[key]),
      results.flatMap((round) => round[reference][key]),
      results.map((round) => [median(round.ours[key]), median(round[reference][key])]),
    );
    rows.push(made);
    console.log(
      `${made.name}, ${size} rules: ${made.ours.median} vs ${made.reference.median} ${unit} (${made.ratio}×)`,
    );
  };
  for (const size of sizes) {
    const text = topology(size);
    const clients = {};
    try {
      // Ours and yaml-language-server alternate, the only two servers alive; the one with our malloc
      // settings runs its rounds after them, alone: a third idle server's own work (a Node server
      // collects and compacts after a round) slowed the timed rounds of the others (at 5k rules our
      // open 747 ms alone with yaml-language-server, 934 ms with both references alive).
      for (const key of ['ours', 'yls']) clients[key] = await BenchClient.start(SERVERS[key]);
      const results = [];
      for (let round = 0; round < rounds; round++) {
        const order = round % 2 === 0 ? ['ours', 'yls'] : ['yls', 'ours'];
        const result = {};
        for (const key of order) result[key] = await serverRound(clients[key], SERVERS[key], text, size, round);
        results.push(result);
      }
      for (const key of ['ours', 'yls']) {
        await clients[key].stop();
        delete clients[key];
      }
      clients.ylsMalloc = await BenchClient.start(SERVERS.ylsMalloc);
      for (let round = 0; round < rounds; round++)
        results[round].ylsMalloc = await serverRound(clients.ylsMalloc, SERVERS.ylsMalloc, text, size, round);
      for (const [name, key, unit] of MEASURES) {
        row(`language server: ${name}`, size, unit, key, results, 'yls');
        if (MALLOC_MEASURES.has(key))
          row(`language server: ${name}, reference with our malloc settings`, size, unit, key, results, 'ylsMalloc');
      }
    } finally {
      for (const client of Object.values(clients)) await client.stop();
    }
  }
  return rows;
}
