// The bench's language-server client: one implementation drives both servers over stdio, as an
// editor does, so the two are timed by the same code. Every wait has a deadline.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout, clearTimeout } from 'node:timers';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const WAIT_MS = 300_000;

function deadline(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`bench: no answer in ${WAIT_MS} ms: ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class BenchClient {
  /**
   * `command`: node arguments starting the server on stdio; `languageId` of the documents it is
   * given; `configuration(section)` answers workspace/configuration; `settings` is sent once as
   * workspace/didChangeConfiguration (the server then pulls its sections); `env`, variables added to
   * this process's environment for the server.
   */
  static async start({ name, command, languageId, configuration = () => null, settings, env = {} }) {
    const child = spawn(process.execPath, command, {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    const client = new BenchClient(name, child, connection, languageId);
    connection.onRequest('workspace/configuration', (params) => {
      setTimeout(() => client.configured?.(), 50);
      return params.items.map((item) => configuration(item.section) ?? null);
    });
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onNotification('textDocument/publishDiagnostics', (params) => client.onDiagnostics(params));
    connection.listen();
    await deadline(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        workspaceFolders: null,
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
          textDocument: {
            publishDiagnostics: { relatedInformation: true, versionSupport: true },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } },
            hover: { contentFormat: ['markdown'] },
          },
        },
      }),
      `${name}: initialize`,
    );
    await connection.sendNotification('initialized', {});
    if (settings) {
      const pulled = new Promise((resolve) => (client.configured = resolve));
      await connection.sendNotification('workspace/didChangeConfiguration', { settings });
      await deadline(pulled, `${name}: configuration`);
    }
    return client;
  }

  constructor(name, child, connection, languageId) {
    this.name = name;
    this.child = child;
    this.connection = connection;
    this.languageId = languageId;
    this.counts = new Map();
    this.waiters = [];
    this.documents = new Map();
    this.stderr = '';
    child.stderr.on('data', (chunk) => (this.stderr += chunk));
  }

  onDiagnostics(params) {
    this.counts.set(params.uri, (this.counts.get(params.uri) ?? 0) + 1);
    for (const waiter of [...this.waiters]) {
      if (waiter.uri === params.uri && this.counts.get(params.uri) > waiter.after) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  }

  /** Resolves with the first publication for `uri` after the `after`-th. */
  nextDiagnostics(uri, after) {
    if ((this.counts.get(uri) ?? 0) > after) return Promise.resolve();
    return deadline(new Promise((resolve) => this.waiters.push({ uri, after, resolve })), `${this.name}: diagnostics`);
  }

  published(uri) {
    return this.counts.get(uri) ?? 0;
  }

  /** Milliseconds from didOpen to the first diagnostics of the document. */
  async open(uri, text) {
    const document = TextDocument.create(uri, this.languageId, 1, text);
    this.documents.set(uri, document);
    const before = this.published(uri);
    const start = performance.now();
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: this.languageId, version: 1, text },
    });
    await this.nextDiagnostics(uri, before);
    return performance.now() - start;
  }

  /** Sends one incremental change replacing [offset, offset + length); `diagnostics` resolves with its diagnostics. */
  async change(uri, offset, length, text) {
    const old = this.documents.get(uri);
    const range = { start: old.positionAt(offset), end: old.positionAt(offset + length) };
    const document = TextDocument.update(old, [{ range, text }], old.version + 1);
    this.documents.set(uri, document);
    const before = this.published(uri);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: document.version },
      contentChanges: [{ range, text }],
    });
    return { diagnostics: this.nextDiagnostics(uri, before) };
  }

  text(uri) {
    return this.documents.get(uri).getText();
  }

  /** Milliseconds of one request at `offset` of the document. */
  async timed(method, uri, offset) {
    const position = this.documents.get(uri).positionAt(offset);
    const start = performance.now();
    await deadline(this.connection.sendRequest(method, { textDocument: { uri }, position }), `${this.name}: ${method}`);
    return performance.now() - start;
  }

  async close(uri) {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** CPU time the server process has used so far, in ms (Linux): all its threads. */
  cpuMs() {
    const fields = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // utime and stime, fields 14 and 15 of stat, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  /** Resident set size of the server process, in MB (Linux): all its threads, so our check worker's heap too. */
  rssMb() {
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) / 1024;
  }

  async stop() {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await deadline(this.connection.sendRequest('shutdown'), `${this.name}: shutdown`);
      await this.connection.sendNotification('exit');
    } catch {
      this.child.kill();
    }
    await exited;
    this.connection.dispose();
  }
}

export function fileUri(path) {
  return pathToFileURL(path).href;
}
