import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ROOT } from './lspClient';

// The language server's main thread answers completion and hover from the nodes its check worker
// parsed: dist/server.js carries no YAML parser (the node-type tests are engine/yaml/nodeTypes.ts),
// nor the schema's validator, which the worker runs. What a bundle carries is what its source
// map lists.

function sources(bundle: string): string[] {
  return (JSON.parse(readFileSync(join(ROOT, 'dist', `${bundle}.map`), 'utf8')) as { sources: string[] }).sources;
}

test("the server's main thread bundles neither the yaml library nor the schema's validator", () => {
  // dist/server.js, and `lync-ports serve` (dist/cliServe.js).
  for (const bundle of ['server.js', 'cliServe.js']) {
    const main = sources(bundle);
    assert.deepEqual(
      main.filter((source) => /node_modules\/yaml\/|topologyValidator/.test(source)),
      [],
      bundle,
    );
    assert.ok(
      main.some((source) => source.endsWith('server/src/engine/yaml/nodeTypes.ts')),
      bundle,
    );
  }
  // The worker still has both: the same test there finds them.
  const worker = sources('checkWorker.js');
  assert.ok(worker.some((source) => source.endsWith('node_modules/yaml/dist/parse/parser.js')));
  assert.ok(worker.some((source) => /topologyValidator/.test(source)));
});
