import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { LspDiagnostic } from './workerProtocol';

// The check worker hands over a document's diagnostics as UTF-8 JSON (diagnosticsJson.ts).
// Decoding and parsing it only to have the writer stringify and encode it again blocks the main
// thread for 100 ms and more at 20k findings, so the stdio writer (stdio.ts) copies the bytes
// into the message as they are. Any other writer (node-ipc, a trace) reads `diagnostics`, which
// parses them on first use.

const RAW = Symbol('diagnostics as JSON');

type RawParams = PublishDiagnosticsParams & { [RAW]?: Uint8Array };

const textOf = (json: Uint8Array): string =>
  Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString('utf8');

export function diagnosticsParams(
  uri: string,
  version: number | undefined,
  json: Uint8Array,
): PublishDiagnosticsParams {
  let parsed: LspDiagnostic[] | undefined;
  const params = { uri, version, [RAW]: json } as RawParams;
  Object.defineProperty(params, 'diagnostics', {
    enumerable: true,
    get: () => (parsed ??= JSON.parse(textOf(json)) as LspDiagnostic[]),
  });
  return params;
}

/** The encoded body of a JSON-RPC message, diagnostics made by diagnosticsParams copied in as they are. */
export function messageBytes(message: unknown, charset: BufferEncoding): Buffer {
  const { jsonrpc, method, params } = message as { jsonrpc?: string; method?: string; params?: RawParams };
  const raw = params?.[RAW];
  if (raw === undefined || !params) return Buffer.from(JSON.stringify(message), charset);
  // `diagnostics` is the last key: its placeholder 0 ends the text, before the two closing braces.
  const head = JSON.stringify({
    jsonrpc,
    method,
    params: { uri: params.uri, version: params.version, diagnostics: 0 },
  });
  const text = head.slice(0, -'0}}'.length);
  if (!/^utf-?8$/i.test(charset)) return Buffer.from(`${text}${textOf(raw)}}}`, charset);
  return Buffer.concat([Buffer.from(text, 'utf8'), raw, Buffer.from('}}')]);
}
