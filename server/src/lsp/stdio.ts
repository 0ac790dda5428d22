import { Transform, type TransformCallback } from 'node:stream';
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
} from 'vscode-languageserver/node';
import { messageBytes } from './rawDiagnostics';

// The stdio transport with a framing guard. Over a byte stream a broken frame cannot be resynced:
// a bad Content-Length leaves the reader stuck on the same header forever, and a huge one makes it
// buffer gigabytes. So the server says why on stderr and exits, and the client restarts it.

/** Far above any topology the CLI reads (16 MB), JSON-escaped in a didOpen. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

const HEADER_END = Buffer.from('\r\n\r\n');
/** A header block longer than this has no end in sight: real ones are under 100 bytes. */
const MAX_HEADER_BYTES = 8 * 1024;

export class FrameGuard extends Transform {
  private header = Buffer.alloc(0);
  private bodyLeft = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.bodyLeft > 0) {
        const taken = Math.min(this.bodyLeft, rest.length);
        this.bodyLeft -= taken;
        rest = rest.subarray(taken);
        continue;
      }
      this.header = Buffer.concat([this.header, rest]);
      const end = this.header.indexOf(HEADER_END);
      if (end < 0) {
        if (this.header.length > MAX_HEADER_BYTES) return done(new Error('a message header without an end'));
        break;
      }
      const length = contentLength(this.header.subarray(0, end).toString('ascii'));
      if (typeof length === 'string') return done(new Error(length));
      rest = this.header.subarray(end + HEADER_END.length);
      this.header = Buffer.alloc(0);
      this.bodyLeft = length;
    }
    done(null, chunk);
  }
}

function contentLength(header: string): number | string {
  const line = header.split('\r\n').find((field) => /^content-length\s*:/i.test(field));
  if (!line) return 'a message without a Content-Length header';
  const value = line.slice(line.indexOf(':') + 1).trim();
  if (!/^\d+$/.test(value)) return `Content-Length '${value.slice(0, 40)}' is not a number`;
  const length = Number(value);
  if (length > MAX_MESSAGE_BYTES) return `a message of ${length} bytes (at most ${MAX_MESSAGE_BYTES} are read)`;
  return length;
}

export function stdioConnection(): Connection {
  // stdout carries the protocol: console output goes to stderr, as vscode-languageserver does for --stdio.
  console.log = console.info = console.warn = console.error;
  const guard = new FrameGuard();
  const broken = (error: Error) => {
    process.stderr.write(`lync-ports: the client sent a broken message (${error.message}); exiting so it restarts.\n`);
    process.exit(1);
  };
  guard.on('error', broken);
  const reader = new StreamMessageReader(process.stdin.pipe(guard));
  // A well-framed body that is not JSON costs only that message: the frames after it still line up.
  reader.onError((error) => process.stderr.write(`lync-ports: a message was not JSON-RPC (${error.message}).\n`));
  const writer = new StreamMessageWriter(process.stdout, {
    contentTypeEncoder: {
      name: 'application/json',
      encode: async (message, options) => messageBytes(message, options.charset as BufferEncoding),
    },
  });
  return createConnection(ProposedFeatures.all, reader, writer);
}
