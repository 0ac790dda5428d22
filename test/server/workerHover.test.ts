import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { checkTopology, cursorContext } from '../../server/src/engine/index';
import { hoverFor } from '../../server/src/lsp/hover';
import type { FromWorker, ToWorker, WorkerSettings } from '../../server/src/lsp/workerProtocol';
import { CONTOSO, positionOf, withTimeout } from './lspClient';

// The check worker keeps no line table of the text (at 20k rules one is 23 MB; the main thread
// holds one for its own completion and hover): a hover is answered from the cursor context the
// main thread read and sent with it.

const SETTINGS: WorkerSettings = { severity: {}, inlayHints: true, locale: 'en' };
const URI = 'file:///ws/worker-hover.topology.yaml';
let worker: Worker;

const reply = () => withTimeout(new Promise<FromWorker>((done) => worker.once('message', done)), 'the worker');

before(async () => {
  worker = new Worker(join(__dirname, '../../server/src/lsp/checkWorker.js'));
  worker.postMessage({
    type: 'check',
    uri: URI,
    version: 1,
    key: 'k',
    text: CONTOSO,
    settings: SETTINGS,
  } satisfies ToWorker);
  assert.equal((await reply()).type, 'checked');
});
after(async () => {
  await worker.terminate();
});

test("a hover is answered from the cursor context sent with it, not from the worker's own reading", async () => {
  const offset = CONTOSO.indexOf('XMPP/TCP/5269') + 2;
  // The context of another word: the answer shows it is the one read.
  const other = cursorContext(CONTOSO, CONTOSO.indexOf('between:') + 2);
  const position = positionOf(CONTOSO, 'XMPP/TCP/5269', 2);
  worker.postMessage({
    type: 'request',
    id: 1,
    uri: URI,
    version: 1,
    key: 'k',
    method: 'hover',
    params: { textDocument: { uri: URI }, position },
    settings: SETTINGS,
    versionedEdits: false,
    cursor: other,
  } satisfies ToWorker);
  const answer = await reply();
  assert.equal(answer.type, 'answer');
  const result = checkTopology(CONTOSO);
  const expected = JSON.parse(JSON.stringify(hoverFor(result, offset, other)));
  assert.deepEqual(answer.type === 'answer' && answer.value, expected);
  assert.notDeepEqual(expected, JSON.parse(JSON.stringify(hoverFor(result, offset))));
});
