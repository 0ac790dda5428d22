import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { ResponseError } from 'vscode-languageserver';
import { checkTopology, createCheckSession, cursorContext, yamlDoesNotParse } from '../engine/index';
import type { CheckOptions, CheckResult, CheckSession, TopologyModel } from '../engine/index';
import { collectGarbage } from './collectGarbage';
import { lspDiagnosticsBytes, type PublishedPieces } from './diagnosticsJson';
import { millisecondsSetting } from './envSetting';
import { answer } from './features';
import { serverLocale, setServerLocale } from './locale';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import type { FromWorker, QuickModel, ToWorker, WorkerSettings } from './workerProtocol';

// The check worker (dist/checkWorker.js): parses and checks off the main thread, keeps the full
// CheckResult of each open document and answers the requests that need it. Jobs run one at a
// time, each in its own macrotask, so the messages that arrived during a check are all read
// before the next job starts: a burst of edits then costs one check, of the newest version.

/**
 * The engine's check of one text: the one place where it is called. An open document keeps an
 * incremental session (per settings key), which re-uses the previous version's work; a session's
 * result is valid until its next update, and the worker holds only each document's newest one.
 * A file checked from disk gets a full check.
 */
export function runCheck(uri: string | undefined, key: string, text: string, options: CheckOptions): CheckResult {
  if (uri === undefined) return checkTopology(text, options);
  let held = sessions.get(uri);
  if (!held || held.key !== key) {
    held = { key, session: createCheckSession(options) };
    sessions.set(uri, held);
  }
  return held.session.update(text);
}

const sessions = new Map<string, { key: string; session: CheckSession }>();

interface Held {
  version: number | null;
  key: string;
  result: CheckResult;
  /** What its diagnostics were last published with: the next publication writes the findings kept since from them. */
  pieces: PublishedPieces;
}

type Check = Extract<ToWorker, { type: 'check' }>;
type Request = Extract<ToWorker, { type: 'request' }>;

const open = new Map<string, Held>();
/** The model of each open document's last check that had servers: completion's names while the text is broken. */
const lastGood = new Map<string, TopologyModel>();
/** Workspace files checked from disk: held weakly, so they cost memory only while it is not needed elsewhere. */
const disk = new Map<string, { key: string; ref: WeakRef<CheckResult> }>();
const queue: (Check | Request)[] = [];
let pumping = false;

const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => parentPort?.postMessage(message, transfer);
const optionsOf = (settings: WorkerSettings): CheckOptions =>
  settings.defaultProduct ? { defaultProduct: settings.defaultProduct } : {};
const settingsOf = (settings: WorkerSettings): Settings => ({ ...DEFAULT_SETTINGS, ...settings });

function isBroken(result: CheckResult): boolean {
  return result.model.servers.length === 0 || yamlDoesNotParse(result);
}

/** The model without the firewalls' rules: what completion and hover read, small at any rule count. */
function quickOf(version: number | null, result: CheckResult): QuickModel {
  const slim = new Map(result.model.firewalls.map((firewall) => [firewall, { ...firewall, rules: [] }]));
  const model = { ...result.model, firewalls: [...slim.values()] };
  const { evaluations, ledger } = result.analysis;
  // A flow whose rule sits on another firewall is moved there, not written fresh: no snippet of its own.
  const missing = evaluations
    .filter(
      (evaluation) =>
        evaluation.verdict === 'missing' &&
        ledger.explanationOf(evaluation.flow, evaluation.firewall)?.code === 'missing-flow' &&
        !ledger.misplacedRule(evaluation.flow, evaluation.firewall)?.move,
    )
    .map((evaluation) => ({
      ...evaluation,
      firewall: slim.get(evaluation.firewall)!,
      servingRules: [],
      blockingRule: undefined,
    }));
  const findings = result.diagnostics
    .filter((diagnostic) => diagnostic.code === 'missing-flow')
    .map((diagnostic) => ({ ...diagnostic, fixes: undefined, related: undefined }));
  const detailed = result.diagnostics.filter((diagnostic) => diagnostic.detail);
  const findingSpans = new Int32Array(detailed.length * 2);
  detailed.forEach(({ range }, k) => findingSpans.set([range.startOffset, range.endOffset], 2 * k));
  return { version, model, broken: isBroken(result), missing: { evaluations: missing, findings }, findingSpans };
}

function check(job: Check): void {
  const result = runCheck(job.version === null ? undefined : job.uri, job.key, job.text, optionsOf(job.settings));
  let pieces: PublishedPieces = {};
  if (job.version === null) disk.set(job.uri, { key: job.key, ref: new WeakRef(result) });
  else {
    pieces = open.get(job.uri)?.pieces ?? pieces;
    open.set(job.uri, { version: job.version, key: job.key, result, pieces });
    if (result.model.servers.length > 0) lastGood.set(job.uri, result.model);
  }
  const settings = settingsOf(job.settings);
  const diagnostics = lspDiagnosticsBytes(result.diagnostics, job.uri, job.version, settings, serverLocale(), pieces);
  post(
    {
      type: 'checked',
      uri: job.uri,
      version: job.version,
      key: job.key,
      diagnostics,
      quick: quickOf(job.version, result),
    },
    [diagnostics.buffer as ArrayBuffer],
  );
}

/** The check a request is about; undefined when the file is not checked, 'stale' when a newer check replaced it. */
function resultFor(job: Request): CheckResult | undefined | 'stale' {
  if (job.version !== null) {
    const held = open.get(job.uri);
    return held && held.version === job.version && held.key === job.key ? held.result : 'stale';
  }
  const known = disk.get(job.uri);
  const live = known?.key === job.key ? known.ref.deref() : undefined;
  if (live || !job.path) return live;
  let text: string;
  try {
    text = readFileSync(job.path, 'utf8');
  } catch {
    return undefined;
  }
  const result = runCheck(undefined, job.key, text, optionsOf(job.settings));
  disk.set(job.uri, { key: job.key, ref: new WeakRef(result) });
  return result;
}

function request(job: Request): void {
  try {
    const result = resultFor(job);
    if (result === 'stale') return post({ type: 'stale', id: job.id });
    const good = lastGood.get(job.uri);
    const fallbackModel = result && isBroken(result) && good !== result.model ? good : undefined;
    const value = answer(
      job.method,
      {
        uri: job.uri,
        version: job.version,
        result,
        settings: settingsOf(job.settings),
        versionedEdits: job.versionedEdits,
        fallbackModel,
        cursor: job.cursor,
      },
      job.params,
    );
    // A completion, or a hover sent without its cursor, read a line table of the whole text (yaml/cursor.ts):
    // the main thread keeps the one these requests read, so this thread lets its copy go.
    if (job.method === 'completion' || (job.method === 'hover' && !job.cursor)) cursorContext('', 0);
    post({ type: 'answer', id: job.id, value });
  } catch (error) {
    if (error instanceof ResponseError) post({ type: 'failed', id: job.id, code: error.code, message: error.message });
    else
      post({
        type: 'failed',
        id: job.id,
        message: error instanceof Error ? (error.stack ?? error.message) : `${error}`,
      });
  }
}

function supersede(uri: string): void {
  for (let index = queue.length - 1; index >= 0; index--) {
    const job = queue[index];
    if (job.type !== 'check' || job.uri !== uri) continue;
    queue.splice(index, 1);
    post({ type: 'superseded', uri, version: job.version, key: job.key });
  }
}

function pump(): void {
  const job = queue.shift();
  if (job?.type === 'check') check(job);
  else if (job) request(job);
  if (queue.length > 0) setImmediate(pump);
  else {
    pumping = false;
    // A file checked from disk is held weakly: its garbage waits, like the rest, for the worker's end.
    if (job?.type === 'check' && job.version !== null) collectionOwed = true;
    collectWhenIdle();
  }
}

/**
 * How long the worker waits, idle after a check, before it collects its garbage. V8 keeps what a
 * check left (at 20k rules 150 MB beside the 210 MB a document holds) until the next check grows
 * the heap, and the collection itself takes a few hundred ms at 20k: done while the editor is
 * quiet, it delays no check or request that comes soon after the last one. Not after a close: a
 * heap collected with no document left in it is small, and the check of a file opened soon after
 * would first grow it again, in collections of its own (a third slower at 5k rules); the worker's
 * end a minute after the last close gives everything back. LYNC_PORTS_WORKER_GC_MS sets the wait.
 */
const IDLE_COLLECT_MS = millisecondsSetting(process.env.LYNC_PORTS_WORKER_GC_MS, 1500);
/**
 * How far the worker's committed heap must have grown past what its last collection left for the
 * next one to be worth its pause, in MB. The pause costs the user twice: a request arriving during
 * it waits (at 20k rules it takes 400–1,000 ms), and the next check runs cold: after a forced
 * full collection, an open at 1k rules took 2.4× the CPU, deoptimized for "insufficient type
 * feedback" and optimized ~1,240 functions again instead of ~220 (not bytecode flushing:
 * --no-flush-bytecode changed nothing). After a re-check of an edit at 20k rules the heap is
 * ~10 MB above what a collection leaves (V8's own collections during the check keep it there): a
 * forced one buys little. The first open, another document, or an edit that grows the model goes
 * past it.
 */
const WORTH_COLLECTING_MB = 32;
/**
 * How much longer the worker must stay idle to collect when the heap had grown less than that: an
 * editor left alone this long is not waiting for an answer, and gets the rest back (~17 MB settled
 * at 20k rules). LYNC_PORTS_WORKER_LATE_GC_MS sets it.
 */
const LATE_COLLECT_MS = millisecondsSetting(process.env.LYNC_PORTS_WORKER_LATE_GC_MS, 30_000);
/** How soon it tries again when the main thread was collecting (~50 ms at 20k rules). */
const RETRY_MS = 100;
let collectTimer: ReturnType<typeof setTimeout> | undefined;
/** A check of an open document ran since the last collection. */
let collectionOwed = false;

function collectWhenIdle(ms = IDLE_COLLECT_MS, worthMb = WORTH_COLLECTING_MB): void {
  clearTimeout(collectTimer);
  if (!collectionOwed) return;
  collectTimer = setTimeout(() => {
    if (pumping) return;
    const done = collectGarbage(worthMb);
    if (done === 'busy') return collectWhenIdle(RETRY_MS, worthMb);
    if (done === 'needless' && worthMb > 0) return collectWhenIdle(LATE_COLLECT_MS, 0);
    collectionOwed = false;
  }, ms);
}

parentPort?.on('message', (message: ToWorker) => {
  if (message.type !== 'close') setServerLocale(message.settings.locale);
  if (message.type === 'close') {
    supersede(message.uri);
    open.delete(message.uri);
    lastGood.delete(message.uri);
    sessions.delete(message.uri);
    if (open.size === 0) {
      clearTimeout(collectTimer);
      collectionOwed = false;
    }
    return;
  }
  // The collection waits for this job: pump() sets it again once the worker is idle.
  clearTimeout(collectTimer);
  if (message.type === 'check') supersede(message.uri);
  queue.push(message);
  if (!pumping) {
    pumping = true;
    setImmediate(pump);
  }
});
