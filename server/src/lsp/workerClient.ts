import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ResponseError } from 'vscode-languageserver';
import { collectionTurn } from './collectGarbage';
import { millisecondsSetting } from './envSetting';
import type { FromWorker, ToWorker } from './workerProtocol';

// The main thread's end of the check worker: starts it when there is work, restarts it after a
// crash on the next job (the job that crashed it is not retried: it could crash it again), and
// ends it a minute after it holds no open document, so its whole heap goes back to the system.

type Checked = Extract<FromWorker, { type: 'checked' }>;
type CheckJob = Omit<Extract<ToWorker, { type: 'check' }>, 'type'>;
type RequestJob = Omit<Extract<ToWorker, { type: 'request' }>, 'type' | 'id'>;

/** Answers of a request: the value, or that a newer check replaced the one it was about. */
export type Answer = { stale: false; value: unknown } | { stale: true };

interface Pending {
  resolve: (answer: Answer) => void;
  reject: (error: Error) => void;
}

/** Next to the bundle that starts it (dist/) or to this module (out/, tsc's build). */
const WORKER_FILE = join(__dirname, 'checkWorker.js');
/**
 * How long the worker outlives the last open document. Ended, it gives its whole heap back; but a
 * worker started afresh checks its first file with cold code (at 5k rules 1.3 s instead of 0.7 s),
 * so a file opened again soon after, or the next one, finds it still warm. LYNC_PORTS_WORKER_IDLE_MS
 * sets it (the memory test waits for a short one).
 */
const IDLE_END_MS = millisecondsSetting(process.env.LYNC_PORTS_WORKER_IDLE_MS, 60_000);

/**
 * The worker's young generation, in MB. V8's default (32 MB of semi-spaces in a worker) is all
 * resident after the first check; 8 MB measured as fast a check and re-check at 5k and 20k rules
 * (the check's objects that live long are promoted either way) and 25 MB less of resident memory.
 */
const YOUNG_GENERATION_MB = 8;

export class WorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Checks sent and not answered, by `uri`: the resolvers of their replies. */
  private readonly checks = new Map<string, ((checked: Checked | undefined) => void)[]>();
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly log: (message: string) => void,
    private readonly heapLimitMb?: number,
  ) {}

  /** True while the worker has a check or a request to do, or collects: a request sent now would wait for it. */
  get busy(): boolean {
    return this.pending.size > 0 || this.checks.size > 0 || this.collecting;
  }

  /** The worker holds the turn: this thread's own collection is synchronous, so never the holder while this runs. */
  private get collecting(): boolean {
    return Atomics.load(collectionTurn, 0) !== 0;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  /** Resolves with the check's diagnostics, or undefined when a newer version overtook it or the worker died. */
  check(job: CheckJob): Promise<Checked | undefined> {
    return new Promise((resolve) => {
      const waiting = this.checks.get(job.uri) ?? [];
      waiting.push(resolve);
      this.checks.set(job.uri, waiting);
      this.send({ type: 'check', ...job });
    });
  }

  request(job: RequestJob): Promise<Answer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.send({ type: 'request', id, ...job });
    });
  }

  /**
   * Starts the worker before there is work: its thread and the engine's modules then load while
   * the client is still opening files, not between didOpen and the first diagnostics.
   */
  warm(): void {
    this.start();
  }

  /** The document closed: the worker forgets it; with nothing left open the worker ends soon. */
  close(uri: string, anyOpen: boolean): void {
    if (!this.worker) return;
    this.worker.postMessage({ type: 'close', uri } satisfies ToWorker);
    if (anyOpen) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.busy) this.end();
    }, IDLE_END_MS);
    this.idleTimer.unref?.();
  }

  end(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    this.failAll();
  }

  private send(message: ToWorker): void {
    clearTimeout(this.idleTimer);
    this.start().postMessage(message);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_FILE, {
      workerData: { collectionTurn },
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
        ...(this.heapLimitMb ? { maxOldGenerationSizeMb: this.heapLimitMb } : {}),
      },
      stdout: false,
      stderr: false,
    });
    // An idle worker does not keep the server alive after `exit`.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.received(message));
    const crashed = (why: string) =>
      this.log(
        `lync-ports: the check worker crashed (${why}); ` +
          'the documents being checked keep their last diagnostics, and the next change checks again.',
      );
    let failed = false;
    worker.on('error', (error) => {
      failed = true;
      crashed(describeError(error));
    });
    worker.on('exit', (code) => {
      // A worker that died collecting still holds the turn.
      Atomics.store(collectionTurn, 0, 0);
      // Ended by end(): not a crash.
      if (this.worker !== worker) return;
      if (!failed) crashed(`it exited with code ${code}`);
      this.worker = undefined;
      this.failAll();
    });
    this.worker = worker;
    return worker;
  }

  private received(message: FromWorker): void {
    if (message.type === 'checked' || message.type === 'superseded') {
      const waiting = this.checks.get(message.uri);
      const resolve = waiting?.shift();
      if (waiting && waiting.length === 0) this.checks.delete(message.uri);
      resolve?.(message.type === 'checked' ? message : undefined);
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    if (message.type === 'answer') pending.resolve({ stale: false, value: message.value });
    else if (message.type === 'stale') pending.resolve({ stale: true });
    else if (message.code !== undefined) pending.reject(new ResponseError(message.code, message.message));
    else pending.reject(new Error(message.message));
  }

  /** The worker is gone: nothing it was asked will be answered. */
  private failAll(): void {
    for (const waiting of this.checks.values()) for (const resolve of waiting) resolve(undefined);
    this.checks.clear();
    for (const pending of this.pending.values()) pending.reject(new Error('the check worker stopped'));
    this.pending.clear();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
