import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { after, before, describe, test } from 'node:test';
import type { CompletionList, PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { checkTopology } from '../../server/src/engine/index';
import { toLspDiagnostics } from '../../server/src/lsp/convert';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { withManyRules } from './fixtures';
import { CONTOSO, positionOf, TestClient, withTimeout } from './lspClient';

// The check worker: the checks run off the request path, the newest version wins, a crash of
// the worker costs one check, and closing a document gives its memory back.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const rssMbOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
/** Resolves once the process's RSS is at most `targetMb`; fails, saying `what`, if it is not within `ms`. */
const rssFallsTo = (pid: number, targetMb: number, what: string, ms?: number) =>
  withTimeout(
    (async () => {
      while (rssMbOf(pid) > targetMb) await sleep(100);
    })(),
    `RSS below ${targetMb.toFixed(0)} MB (${what})`,
    ms,
  );

describe('check worker', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('a completion sent while a large document is re-checked is answered before that check publishes', async () => {
    const uri = 'file:///ws/worker-busy.topology.yaml';
    const text = withManyRules(6000);
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const order: string[] = [];
    const published = client.diagnosticsFor(uri, 2).then(() => order.push('diagnostics of version 2'));
    // An edit outside the rules: a full re-check (an edit inside one rule item is re-checked
    // incrementally, too fast to be caught running).
    await client.replace(uri, 2, 'name: Contoso edge', 'name: Contoso edge two');
    // Past the debounce: the check of version 2 is running.
    await sleep(500);
    const position = positionOf(client.text(uri), 'to: edge01.internal', 'to: '.length);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    order.push('completion');
    await published;
    assert.deepEqual(order, ['completion', 'diagnostics of version 2']);
    // From the last check's model: the names are all there.
    const labels = list.items.map((item) => item.label);
    for (const label of ['edge01.internal', 'edge01.accessEdge', 'pool01.contoso.com', 'corp']) {
      assert.ok(labels.includes(label), `${label} in ${labels}`);
    }
    // Hover too, on a service, while nothing is checking: from the worker.
    const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(client.text(uri), 'XMPP/TCP/5269', 2),
    });
    assert.match(hover?.contents.value ?? '', /5269/);
    await client.close(uri);
  });

  test('under a burst of edits no older version follows a newer one, and the newest is a fresh check', async () => {
    const uri = 'file:///ws/worker-burst.topology.yaml';
    const text = withManyRules(3000);
    await client.open(uri, text);
    await client.diagnosticsFor(uri, 1);
    const before = client.published.length;
    // Each edit comes after the debounce of the one before, while that one's check runs.
    const ports = [5270, 5271, 5272, 5273, 5274, 5275];
    let last = 'XMPP/TCP/5269';
    for (const [index, port] of ports.entries()) {
      await client.replace(uri, index + 2, last, `XMPP/TCP/${port}`);
      last = `XMPP/TCP/${port}`;
      await sleep(200);
    }
    const newest = ports.length + 1;
    const final = await client.diagnosticsFor(uri, newest);
    await sleep(300);
    const versions = client.published
      .slice(before)
      .filter((params) => params.uri === uri)
      .map((params) => params.version as number);
    // How many intermediate versions get published depends on how fast each (incremental) check
    // ends before the next edit; what must hold is that no older result is published after a
    // newer one, and that the newest is published last.
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
    );
    assert.equal(new Set(versions).size, versions.length, `each version once: ${versions}`);
    assert.equal(versions.at(-1), newest);
    // As the client receives a fresh check's diagnostics: JSON, without the undefined fields.
    const fresh = toLspDiagnostics(checkTopology(client.text(uri)).diagnostics, uri, newest, DEFAULT_SETTINGS);
    assert.equal(final.diagnostics.length, fresh.length);
    assert.ok(isDeepStrictEqual(final.diagnostics, JSON.parse(JSON.stringify(fresh))), 'the same as a fresh check');
    assert.ok(final.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-port'));
    await client.close(uri);
  });
});

describe('check worker crash', () => {
  let client: TestClient;
  before(async () => {
    // A heap far too small for the large document: the worker runs out of memory on it.
    client = await TestClient.start({ env: { LYNC_PORTS_WORKER_HEAP_MB: '24' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('is logged, and the next edit is checked by a new worker', async () => {
    const uri = 'file:///ws/worker-crash.topology.yaml';
    await client.open(uri, withManyRules(20000));
    await withTimeout(
      (async () => {
        while (!client.logs.some((message) => /check worker crashed/.test(message))) await sleep(50);
      })(),
      'the crash in the log',
    );
    assert.match(
      client.logs.find((message) => /check worker crashed/.test(message))!,
      /next change checks again/,
    );
    // A request meanwhile is answered, not left hanging.
    await client.request('textDocument/documentSymbol', { textDocument: { uri } });
    await client.change(uri, 2, [{ text: CONTOSO }]);
    const checked: PublishDiagnosticsParams = await client.diagnosticsFor(uri, 2);
    assert.deepEqual(checked.diagnostics, []);
    assert.equal(client.published.filter((params) => params.uri === uri && params.version === 1).length, 0);
  });
});

describe('check worker idle collection', () => {
  let client: TestClient;
  before(async () => {
    // The collection a second after the last check (the debounce between the edits is far shorter).
    client = await TestClient.start({ env: { LYNC_PORTS_WORKER_GC_MS: '1000' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('once idle after its checks, the worker gives back their garbage and keeps the document', async () => {
    const pid = client.process.pid!;
    const uri = 'file:///ws/worker-collect.topology.yaml';
    const idle = rssMbOf(pid);
    await client.open(uri, withManyRules(10000));
    await client.diagnosticsFor(uri, 1);
    // Edits outside the rules: full re-checks, each leaving a check's garbage behind.
    for (const version of [2, 3, 4]) {
      await client.replace(
        uri,
        version,
        version === 2 ? 'name: Contoso edge' : `edge ${version - 1}`,
        `edge ${version}`,
      );
      await client.diagnosticsFor(uri, version);
    }
    const checked = rssMbOf(pid);
    assert.ok(checked - idle > 40, `the checks hold memory: ${idle.toFixed(0)} → ${checked.toFixed(0)} MB`);
    // Compacted, most of what the checks grew is given back (uncompacted, about a sixth was).
    const target = checked - (checked - idle) / 2;
    await rssFallsTo(pid, target, `${idle.toFixed(0)} idle, ${checked.toFixed(0)} after the checks`, 8000);
    // The session is kept: an edit inside a rule is re-checked from it and published.
    await client.replace(uri, 5, 'service: TCP/10001,', 'service: TCP/10002,');
    const edited = await client.diagnosticsFor(uri, 5);
    assert.ok(edited.diagnostics.length > 0);
    await client.close(uri);
  });
});

describe('check worker memory', () => {
  let client: TestClient;
  before(async () => {
    // The worker outlives the last document for a minute by default: here for a moment only.
    client = await TestClient.start({ env: { LYNC_PORTS_WORKER_IDLE_MS: '300' } });
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('closing a large document gives its memory back', async () => {
    const pid = client.process.pid!;
    const uri = 'file:///ws/worker-memory.topology.yaml';
    const idle = rssMbOf(pid);
    await client.open(uri, withManyRules(10000));
    await client.diagnosticsFor(uri, 1);
    const opened = rssMbOf(pid);
    assert.ok(opened - idle > 40, `the check holds memory: ${idle.toFixed(0)} → ${opened.toFixed(0)} MB`);
    await client.close(uri);
    // Back within a quarter of what the document took.
    const target = idle + (opened - idle) / 4;
    await rssFallsTo(pid, target, `${idle.toFixed(0)} idle, ${opened.toFixed(0)} open`);
  });
});
