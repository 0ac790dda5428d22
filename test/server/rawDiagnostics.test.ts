import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkTopology } from '../../server/src/engine/index';
import { toLspDiagnostics } from '../../server/src/lsp/convert';
import { lspDiagnosticsBytes } from '../../server/src/lsp/diagnosticsJson';
import { diagnosticsParams, messageBytes } from '../../server/src/lsp/rawDiagnostics';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { FUZZ_EXAMPLES } from '../support/fuzz';
import { forEachExampleInEachLocale } from '../support/serverLocales';

// A publication made of the worker's bytes is written as the message JSON.stringify writes of the
// same diagnostics, encoded: the bytes copied in, never parsed. Every other message is encoded as
// it always was, and a writer that reads `diagnostics` gets them parsed.

const publication = (params: unknown) => ({ jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params });

test('a publication of the worker bytes: the encoded JSON of the message with its diagnostics', () => {
  forEachExampleInEachLocale(({ name, diagnostics, locale }) => {
    const uri = 'file:///ws/"quoted" é.topology.yaml';
    for (const version of [3, undefined]) {
      const lsp = toLspDiagnostics(diagnostics, uri, version ?? null, DEFAULT_SETTINGS);
      const bytes = lspDiagnosticsBytes(diagnostics, uri, version ?? null, DEFAULT_SETTINGS, locale);
      const plain = publication({ uri, version, diagnostics: lsp });
      const written = messageBytes(publication(diagnosticsParams(uri, version, bytes)), 'utf-8');
      assert.deepEqual(written, Buffer.from(JSON.stringify(plain), 'utf8'), `${name}, ${locale}, ${version}`);
      assert.deepEqual(JSON.parse(written.toString('utf8')), JSON.parse(JSON.stringify(plain)));
    }
  });
});

test("a publication's diagnostics are parsed when read, and any other message is encoded as JSON", () => {
  const uri = 'file:///ws/one.topology.yaml';
  const { diagnostics } = checkTopology(FUZZ_EXAMPLES[0].text);
  const bytes = lspDiagnosticsBytes(diagnostics, uri, 2, DEFAULT_SETTINGS, 'en');
  const params = diagnosticsParams(uri, 2, bytes);
  assert.deepEqual(
    params.diagnostics,
    JSON.parse(JSON.stringify(toLspDiagnostics(diagnostics, uri, 2, DEFAULT_SETTINGS))),
  );
  const other = { jsonrpc: '2.0', id: 4, result: { contents: 'ü' } };
  assert.deepEqual(messageBytes(other, 'utf-8'), Buffer.from(JSON.stringify(other), 'utf8'));
  assert.deepEqual(messageBytes(other, 'latin1'), Buffer.from(JSON.stringify(other), 'latin1'));
  // In another charset the bytes are decoded and encoded again: the same message.
  const latin = messageBytes(publication(params), 'latin1');
  assert.deepEqual(latin, Buffer.from(JSON.stringify(publication(params)), 'latin1'));
});
