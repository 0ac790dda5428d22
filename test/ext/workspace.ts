// The folder the in-host suite opens: the shipped examples, plus one file recognised only by its
// `# lync-topology` first line and one recognised only through the lyncPorts.files setting.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from '../support/codeServer';

export function prepareWorkspace(folder: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  cpSync(join(REPO, 'examples'), folder, { recursive: true });
  const missingRules = readFileSync(join(REPO, 'examples/broken/missing-rules.topology.yaml'), 'utf8');
  writeFileSync(join(folder, 'marked.yaml'), `# lync-topology\n${missingRules}`);
  mkdirSync(join(folder, 'firewalls'));
  writeFileSync(join(folder, 'firewalls/edge.yaml'), readFileSync(join(REPO, 'examples/broken/typos.topology.yaml'), 'utf8'));
  mkdirSync(join(folder, '.vscode'));
  writeFileSync(join(folder, '.vscode/settings.json'), JSON.stringify({ 'lyncPorts.files': ['firewalls/*.yaml'] }, null, 2));
  mkdirSync(join(folder, 'scratch'));
  return folder;
}
