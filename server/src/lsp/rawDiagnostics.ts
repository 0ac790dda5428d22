import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { LspDiagnostic } from './workerProtocol';

// The check worker hands over a document's diagnostics as one JSON string. Parsing it only to
// have the writer stringify it again blocks the main thread for 100 ms and more at 20k findings,
// so the stdio writer (stdio.ts) copies the string into the message as it is. Any other writer
// (node-ipc, a trace) reads `diagnostics`, which parses the string on first use.

const RAW = Symbol('diagnostics as JSON');

type RawParams = PublishDiagnosticsParams & { [RAW]?: string };

export function diagnosticsParams(uri: string, version: number | undefined, json: string): PublishDiagnosticsParams {
  let parsed: LspDiagnostic[] | undefined;
  const params = { uri, version, [RAW]: json } as RawParams;
  Object.defineProperty(params, 'diagnostics', {
    enumerable: true,
    get: () => (parsed ??= JSON.parse(json) as LspDiagnostic[]),
  });
  return params;
}

/** The JSON text of a JSON-RPC message, diagnostics made by diagnosticsParams copied in unparsed. */
export function messageJson(message: unknown): string {
  const { jsonrpc, method, params } = message as { jsonrpc?: string; method?: string; params?: RawParams };
  const raw = params?.[RAW];
  if (raw === undefined || !params) return JSON.stringify(message);
  // `diagnostics` is the last key: its placeholder 0 ends the text, before the two closing braces.
  const head = JSON.stringify({
    jsonrpc,
    method,
    params: { uri: params.uri, version: params.version, diagnostics: 0 },
  });
  return `${head.slice(0, -'0}}'.length)}${raw}}}`;
}
