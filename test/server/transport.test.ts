import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { describe, test } from 'node:test';
import { FrameGuard, MAX_MESSAGE_BYTES } from '../../server/src/lsp/stdio';
import { SERVER } from './lspClient';

// The stdio transport as bytes: what a broken client can send, and what the server does then.

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INITIALIZE = frame(
  JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'initialize', params: { processId: null, capabilities: {} } }),
);

/** Starts the server, writes the bytes, and reports how it ended (or that it answered initialize). */
function afterSending(bytes: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SERVER, '--stdio']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data) => {
      stdout += data;
      if (/"id":2,"result"/.test(stdout)) child.kill();
    });
    child.stderr.on('data', (data) => (stderr += data));
    const deadline = setTimeout(() => child.kill(), 10_000);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      resolve({ code, stdout, stderr });
    });
    for (const chunk of bytes) child.stdin.write(chunk);
  });
}

describe('the stdio transport', () => {
  test('a framed body that is not JSON costs that message only: the next request is answered', async () => {
    const ended = await afterSending([frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{'), INITIALIZE]);
    assert.match(ended.stdout, /"id":2,"result":\{"capabilities"/);
    assert.match(ended.stderr, /not JSON-RPC/);
  });

  const broken = [
    { what: 'a Content-Length that is not a number', bytes: 'Content-Length: abc\r\n\r\n{}', reason: /not a number/ },
    { what: 'a Content-Length past the limit', bytes: 'Content-Length: 99999999999\r\n\r\n{}', reason: /at most/ },
    { what: 'a header without Content-Length', bytes: 'hello world\r\n\r\n', reason: /without a Content-Length/ },
    { what: 'a header that never ends', bytes: 'X'.repeat(20_000), reason: /without an end/, alone: true },
  ];
  for (const { what, bytes, reason, alone } of broken) {
    test(`${what}: the server says why and exits 1, so the client restarts it`, async () => {
      const ended = await afterSending(alone ? [bytes] : [bytes, INITIALIZE]);
      assert.equal(ended.code, 1, ended.stderr);
      assert.match(ended.stderr, reason);
      assert.doesNotMatch(ended.stdout, /"id":2/);
    });
  }

  test('the guard passes every frame through unchanged, however the stream splits it', async () => {
    const stream = frame('{"jsonrpc":"2.0","method":"a"}') + frame('{"jsonrpc":"2.0","id":1,"method":"ü"}');
    const bytes = Buffer.from(stream);
    for (let split = 1; split < bytes.length; split++) {
      const guard = new FrameGuard();
      const out: Buffer[] = [];
      guard.on('data', (chunk: Buffer) => out.push(chunk));
      const failed = new Promise<Error | undefined>((resolve) => {
        guard.on('error', resolve);
        guard.on('end', () => resolve(undefined));
      });
      guard.write(bytes.subarray(0, split));
      guard.end(bytes.subarray(split));
      assert.equal(await failed, undefined, `split at ${split}`);
      assert.deepEqual(Buffer.concat(out), bytes, `split at ${split}`);
    }
    assert.ok(MAX_MESSAGE_BYTES >= 16 * 1024 * 1024 * 2, 'a 16 MB topology, JSON-escaped, fits');
  });
});
