import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { matchesAnyFilesGlob } from '../shared/filesGlobs';
import type { Settings } from './settings';

// Which files are topology files, and finding them in the workspace folders at start-up.

const TOPOLOGY_NAME = /\.topology\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const FIRST_LINE = /^\uFEFF?#\s*lync-topology\b/;
/** Folders no one keeps topologies in, and which can be huge. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'out', 'dist', 'target', 'bower_components']);
const MAX_FILES = 2000;
const MAX_DEPTH = 12;

export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

export function hasTopologyFirstLine(text: string): boolean {
  return FIRST_LINE.test(text.slice(0, 200));
}

/** `folders` are file-system paths of the workspace folders, for the globs of `lyncPorts.files`. */
export function isTopologyFile(
  path: string,
  languageId: string | undefined,
  text: string,
  settings: Settings,
  folders: readonly string[],
): boolean {
  if (languageId === 'lync-topology') return true;
  if (TOPOLOGY_NAME.test(path)) return true;
  if (hasTopologyFirstLine(text)) return true;
  return matchesAnyFilesGlob(settings.files.globs, path, folders);
}

/** Paths of the workspace's topology files, bounded so a huge folder cannot stall start-up. */
export async function findTopologyFiles(folders: readonly string[], settings: Settings): Promise<string[]> {
  const found: string[] = [];
  let visited = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (depth > MAX_DEPTH || visited >= MAX_FILES) return;
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (visited >= MAX_FILES) return;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name)) await walk(path, depth + 1);
      } else if (entry.isFile() && YAML_NAME.test(entry.name)) {
        visited++;
        if (await isTopologyOnDisk(path, settings, folders)) found.push(path);
      }
    }
  };
  for (const folder of folders) await walk(folder, 0);
  return found.sort();
}

async function isTopologyOnDisk(path: string, settings: Settings, folders: readonly string[]): Promise<boolean> {
  if (TOPOLOGY_NAME.test(path)) return true;
  if (isTopologyFile(path, undefined, '', settings, folders)) return true;
  try {
    const handle = await fs.open(path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(200), 0, 200, 0);
      return hasTopologyFirstLine(buffer.subarray(0, bytesRead).toString('utf8'));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
