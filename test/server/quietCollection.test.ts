import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { withManyRules } from './fixtures';
import { TestClient, withTimeout } from './lspClient';

// The language server's main thread collects the garbage a check left once it is quiet: after a
// large document is opened, V8 would otherwise keep tens of MB there (its grown young generation,
// the message's and the diagnostics' copies), since an idle thread starts no collection itself.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const rssMbOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

describe('main thread quiet collection', () => {
  let client: TestClient;
  before(async () => {
    // The worker's own idle collection far away: what falls here is the main thread's.
    client = await TestClient.start({ env: { LYNC_PORTS_WORKER_GC_MS: '600000', LYNC_PORTS_SERVER_GC_MS: '500' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('once quiet after a large open, the server gives back the garbage of its main thread', async () => {
    const pid = client.process.pid!;
    const uri = 'file:///ws/quiet-collection.topology.yaml';
    await client.open(uri, withManyRules(20000));
    const published = await client.diagnosticsFor(uri, 1);
    assert.ok(published.diagnostics.length > 1000, `${published.diagnostics.length} findings`);
    // Long enough for the worker to be idle too: its RSS is not what is measured.
    await sleep(200);
    const after = rssMbOf(pid);
    await withTimeout(
      (async () => {
        while (rssMbOf(pid) > after - 15) await sleep(100);
      })(),
      `RSS below ${(after - 15).toFixed(0)} MB (from ${after.toFixed(0)} MB)`,
      8000,
    );
    // The document is still there: completion and hover read it.
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    assert.notEqual(hover, undefined);
    await client.close(uri);
  });
});
