import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { workerData } from 'node:worker_threads';

// A full garbage collection on demand, for the check worker once it is idle. Node hands the `gc`
// function only to a context made after --expose-gc is set, and a worker takes no V8 flags of its
// own (Worker refuses them in execArgv): the flag is set here and `gc` read from a fresh context,
// as jest's leak detector does. The flag only adds `gc` to the globals of contexts made later.
// The collection compacts: without it V8 keeps the pages it freed (at 20k rules the worker kept
// ~280 MB committed for ~160 MB live; compacted, the server's RSS settles ~130 MB lower). Only
// this collection, done while the thread is idle, pays for moving the objects.

let gc: (() => void) | undefined;

/** What this thread's committed heap was, in MB, once its last collection had given back what it freed. */
let committedAfterLast = 0;

/**
 * The server's threads take turns to collect: one Int32 shared by them, 1 while one of them
 * collects. Both collect a while after the same check came back, and two collections at once share
 * V8's helper threads: at 20k rules the main thread's, ~50 ms alone, then took as long as the
 * worker's (~600 ms), and completion and hover, answered there, waited for it. The main thread
 * makes it; the check worker gets it in its workerData (workerClient.ts).
 */
export const collectionTurn: Int32Array =
  (workerData as { collectionTurn?: Int32Array } | null)?.collectionTurn ??
  new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));

const committedMb = (): number => getHeapStatistics().total_heap_size / 1048576;

/**
 * Collects, unless the committed heap has grown by less than `worthMb` since the last collection
 * ('needless': nothing owed any more) or the other thread is collecting ('busy': try again soon).
 */
export function collectGarbage(worthMb = 0): 'collected' | 'needless' | 'busy' {
  if (committedMb() - committedAfterLast < worthMb) return 'needless';
  if (Atomics.compareExchange(collectionTurn, 0, 0, 1) !== 0) return 'busy';
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
    Atomics.store(collectionTurn, 0, 0);
  }
  // Compacted, the pages it emptied are already given back.
  committedAfterLast = committedMb();
  return 'collected';
}
