import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { collectGarbage, collectionTurn as turn } from '../../server/src/lsp/collectGarbage';
import { QuietCollection } from '../../server/src/lsp/quietCollection';

// The server's main thread and its check worker take turns to collect their garbage: at once, the
// main thread's collection took as long as the worker's, and the requests answered there waited.
// Here the test plays the worker, holding the turn as it does while it collects.

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** An object dropped at once; `collected()` tells whether a collection has reclaimed it since. */
function garbage(): { collected: () => boolean; registry: FinalizationRegistry<string> } {
  let collected = false;
  const registry = new FinalizationRegistry(() => (collected = true));
  registry.register({ rules: Array.from({ length: 1000 }, (_, k) => ({ k })) }, 'dropped');
  // The registry lives as long as the test looks: collected, it would call nothing.
  return { collected: () => collected, registry };
}

describe('collection turn', () => {
  test('a thread does not collect while the other holds the turn, and does once it is free', async () => {
    Atomics.store(turn, 0, 1);
    assert.equal(collectGarbage(), 'busy');
    assert.equal(Atomics.load(turn, 0), 1, 'the holder keeps its turn');
    Atomics.store(turn, 0, 0);
    const dropped = garbage();
    assert.equal(collectGarbage(), 'collected');
    assert.equal(Atomics.load(turn, 0), 0, 'the turn is given back after the collection');
    // Finalizers run in a later task.
    await sleep(50);
    assert.ok(dropped.collected(), 'the collection ran');
  });

  test('a collection is needless while the heap has not grown by the amount asked since the last one', () => {
    assert.equal(collectGarbage(), 'collected');
    assert.equal(collectGarbage(32), 'needless', 'nothing grew since the last collection');
    assert.equal(Atomics.load(turn, 0), 0, 'a needless collection does not take the turn');
    // 64 MB that stay alive: the heap grows past the last collection's by more than asked.
    const kept = Array.from({ length: 64 }, () => Array.from({ length: 1 << 17 }, (_, k) => k + 0.5));
    assert.equal(collectGarbage(32), 'collected');
    assert.equal(kept.length, 64);
  });

  test("the main thread's quiet collection waits for the worker's to end, then runs", async () => {
    Atomics.store(turn, 0, 1);
    const collection = new QuietCollection();
    const dropped = garbage();
    collection.owe();
    // Past the quiet wait (1.5 s): the worker still collects, so this thread has not.
    await sleep(2000);
    assert.equal(dropped.collected(), false, 'collected while the worker held the turn');
    Atomics.store(turn, 0, 0);
    await sleep(600);
    assert.ok(dropped.collected(), 'collected once the worker was done');
    assert.equal(Atomics.load(turn, 0), 0);
  });
});
