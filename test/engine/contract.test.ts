import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { checkTopology } from '../../server/src/engine/index';

// examples/contoso.topology.yaml is the contract's example, word for word; the other tests read
// the file, so this one keeps it true to ../shared/TOPOLOGY-FORMAT.md.
const REPO = join(__dirname, '../../..');
const CONTRACT = join(REPO, '../shared/TOPOLOGY-FORMAT.md');

test("the bundled example is the contract's example, and it checks with no diagnostics", () => {
  assert.ok(existsSync(CONTRACT), `${CONTRACT} is missing: ../shared must sit beside the clone`);
  const example = /## Example[^\n]*\n```yaml\n([\s\S]*?)```/.exec(readFileSync(CONTRACT, 'utf8'));
  assert.ok(example, 'the contract has a yaml example');
  const bundled = readFileSync(join(REPO, 'examples/contoso.topology.yaml'), 'utf8');
  assert.equal(bundled, example![1]);
  assert.deepEqual(checkTopology(bundled).diagnostics, []);
});
