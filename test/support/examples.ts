import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The repository and its examples/, from out/test/support/ where the tests run compiled: the
// path is written once, whatever folder a test sits in.

export const REPO = join(__dirname, '../../..');
export const EXAMPLES = join(REPO, 'examples');

export function readExample(name: string): string {
  return readFileSync(join(EXAMPLES, name), 'utf8');
}

/** Every example topology, the clean ones and (with `broken`) examples/broken/ too, as absolute paths. */
export function exampleFiles(options: { broken?: boolean } = {}): string[] {
  const dirs = options.broken ? [EXAMPLES, join(EXAMPLES, 'broken')] : [EXAMPLES];
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.topology.yaml'))
      .map((name) => join(dir, name)),
  );
}
