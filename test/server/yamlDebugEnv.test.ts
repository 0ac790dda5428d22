import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TYPOS } from './fixtures';
import { CONTOSO, TestClient } from './lspClient';

// The check worker's stdout is the server's, the JSON-RPC stream over --stdio: the yaml library's
// debug output (LOG_TOKENS, LOG_STREAM in the user's environment) would break every frame. The
// bundles give the library an empty environment (server/src/shared/yamlProcess.ts).

async function published(env: Record<string, string>) {
  const client = await TestClient.start({ env });
  await client.open('file:///ws/contoso.topology.yaml', CONTOSO);
  await client.open('file:///ws/typos.topology.yaml', TYPOS);
  const contoso = await client.diagnosticsFor('file:///ws/contoso.topology.yaml', 1);
  const typos = await client.diagnosticsFor('file:///ws/typos.topology.yaml', 1);
  await client.replace('file:///ws/typos.topology.yaml', 2, '5296', '5269');
  const edited = await client.diagnosticsFor('file:///ws/typos.topology.yaml', 2);
  assert.equal(await client.stop(), 0, client.stderr);
  return { contoso, typos, edited, stderr: client.stderr };
}

test('with LOG_TOKENS and LOG_STREAM set the server publishes the same diagnostics', async () => {
  const plain = await published({});
  const debugged = await published({ LOG_TOKENS: '1', LOG_STREAM: '1' });
  assert.deepEqual(plain.contoso.diagnostics, []);
  assert.ok(plain.typos.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-port'));
  assert.ok(plain.edited.diagnostics.length < plain.typos.diagnostics.length);
  assert.deepEqual(debugged, plain);
});
