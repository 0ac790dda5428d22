import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from './io';

// `lync-ports check DIR`: a directory stands for the topology files under it, as a CI job over a
// repository of topologies expects. Symbolic links to directories are not followed (no loops),
// and the folders tools keep to themselves (.git, node_modules) are skipped.

const TOPOLOGY_FILE = /\.topology\.ya?ml$/i;
const SKIPPED = new Set(['.git', 'node_modules']);
/** A bound on the walk, so a mistaken `check /` ends with a message instead of running for hours. */
const MAX_ENTRIES = 200_000;

/** The command line's inputs with every directory replaced by its topology files, in name order. */
export function expandDirectories(command: string, inputs: readonly string[]): string[] {
  return inputs.flatMap((input) => {
    if (input === '-' || !isDirectory(input)) return [input];
    const found = topologyFilesUnder(command, input);
    if (found.length === 0)
      throw new UsageError(`${command}: ${input} holds no *.topology.yaml or *.topology.yml file`);
    return found;
  });
}

/** Anything that is not a readable directory is left to the file reader, which says what is wrong with it. */
function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function topologyFilesUnder(command: string, root: string): string[] {
  const found: string[] = [];
  const pending = [root];
  let seen = 0;
  while (pending.length > 0) {
    const directory = pending.pop() as string;
    let names: string[];
    try {
      names = readdirSync(directory);
    } catch (error) {
      throw new UsageError(`${command}: cannot read the directory ${directory}: ${(error as Error).message}`);
    }
    for (const name of names) {
      if (++seen > MAX_ENTRIES)
        throw new UsageError(`${command}: ${root} holds more than ${MAX_ENTRIES} entries: name a smaller directory`);
      const path = join(directory, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        if (!SKIPPED.has(name)) pending.push(path);
      } else if (TOPOLOGY_FILE.test(name) && (stat?.isFile() || stat?.isSymbolicLink())) found.push(path);
    }
  }
  return found.sort();
}
