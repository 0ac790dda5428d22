import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

// The validator is compiled at build time (issue 11: ajv compiled the schema in every process,
// ~118 ms cold): a check loads ajv's runtime helpers only, never its compiler.
const ROOT = join(__dirname, '../../../..');

test('a check with schema errors loads no ajv compiler and still reports them', () => {
  const script = `
    const { checkTopology } = require(${JSON.stringify(join(ROOT, 'out/server/src/engine/index.js'))});
    const result = checkTopology('topology:\\n  product: lync2099\\n');
    const ajv = Object.keys(require.cache).filter((file) => /node_modules[\\\\/]ajv[\\\\/]/.test(file));
    const schema = result.diagnostics.filter((d) => d.code === 'schema').map((d) => d.message);
    process.stdout.write(JSON.stringify({ ajv, schema }));
  `;
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const { ajv, schema } = JSON.parse(child.stdout) as { ajv: string[]; schema: string[] };
  assert.ok(schema.length > 0 && schema.some((message) => message.includes('lync2099')), JSON.stringify(schema));
  const compiler = ajv.filter((file) => !/[\\/]ajv[\\/]dist[\\/]runtime[\\/]/.test(file));
  assert.deepEqual(compiler, []);
});
