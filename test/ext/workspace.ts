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
  writeFileSync(
    join(folder, 'firewalls/edge.yaml'),
    readFileSync(join(REPO, 'examples/broken/typos.topology.yaml'), 'utf8'),
  );
  mkdirSync(join(folder, '.vscode'));
  writeFileSync(
    join(folder, '.vscode/settings.json'),
    JSON.stringify({ 'lyncPorts.files': ['firewalls/*.yaml'] }, null, 2),
  );
  mkdirSync(join(folder, 'scratch'));
  return folder;
}

/**
 * The folder of the lazy-start suite (test/ext/lazy): YAML files, none of them a topology by
 * name or setting, so neither the workspaceContains events nor the workspace scan find one;
 * notes/firewall.yaml is a topology only by its `# lync-topology` first line.
 */
export function prepareLazyWorkspace(folder: string): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'config'), { recursive: true });
  mkdirSync(join(folder, 'notes'));
  writeFileSync(join(folder, 'plain.yaml'), 'services:\n  web:\n    image: nginx\n    ports: ["8080:80"]\n');
  writeFileSync(join(folder, 'config/app.yml'), 'name: app\nreplicas: 2\n');
  const missingRules = readFileSync(join(REPO, 'examples/broken/missing-rules.topology.yaml'), 'utf8');
  writeFileSync(join(folder, 'notes/firewall.yaml'), `# lync-topology\n${missingRules}`);
  return folder;
}
