import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { test } from 'node:test';
import { checkTopology } from '../../server/src/engine/index';
import { toLspDiagnostics } from '../../server/src/lsp/convert';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { fileUri, ROOT, TestClient, withTimeout } from './lspClient';

// The check worker starts when the client says it is initialized (the server only runs for
// topology files): its thread and the engine's bundle load while the editor is still opening the
// file, not between the didOpen and the first diagnostics, which are those of a fresh check.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const threadsOf = (pid: number) => Number(/Threads:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);

test('the check worker runs before the first document is opened, and checks it right', async () => {
  let before = 0;
  const client = await TestClient.start({
    beforeInitialized: async (server) => {
      // The server's own threads all started by now; nothing has asked for a check.
      await sleep(500);
      before = threadsOf(server.pid!);
    },
  });
  const pid = client.process.pid!;
  await withTimeout(
    (async () => {
      while (threadsOf(pid) <= before) await sleep(50);
    })(),
    `a thread more than the ${before} before initialized: the check worker's`,
    5000,
  );
  const path = resolve(ROOT, 'examples/broken/missing-rules.topology.yaml');
  const text = readFileSync(path, 'utf8');
  const uri = fileUri(path);
  await client.open(uri, text);
  const published = await client.diagnosticsFor(uri, 1);
  const fresh = toLspDiagnostics(checkTopology(text).diagnostics, uri, 1, DEFAULT_SETTINGS);
  assert.ok(fresh.length > 0);
  assert.ok(isDeepStrictEqual(published.diagnostics, JSON.parse(JSON.stringify(fresh))), 'those of a fresh check');
  await client.close(uri);
  assert.equal(await client.stop(), 0, client.stderr);
});
