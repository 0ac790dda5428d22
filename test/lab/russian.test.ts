import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology, labPlan } from '../../server/src/engine/index';
import { namespacesWithPrefix } from '../../server/src/lab/namespaces';
import { readExample, REPO } from '../support/examples';

// `lync-ports lab --lang ru`: every line it prints is Russian but for the data — the file's names
// (servers, interfaces, networks, firewalls), addresses, flow ids and Microsoft's service texts,
// transports, the command's own name. Root and Linux only.

const CLI = join(REPO, 'dist/cli.js');

function lab(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'lab', ...args, '--lang', 'ru'], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.deepEqual(namespacesWithPrefix(`lpl-${result.pid}-`), [], 'namespaces left behind');
  return result;
}

function scratch(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-lab-')), name);
  writeFileSync(path, text);
  return path;
}

/** The Latin words of a line once the data the file and the catalog give is taken out. */
function englishLeft(line: string, data: readonly string[]): string[] {
  let rest = line;
  for (const item of [...data].sort((a, b) => b.length - a.length)) rest = rest.split(item).join(' ');
  rest = rest
    .replace(/\b\d{1,3}(\.\d{1,3}){3}(\/\d+)?\b/g, ' ')
    .replace(/\b(tcp|udp)\/\d+/g, ' ')
    .replace(/\bp\d+\b/g, ' ')
    .replace(/^lync-ports: lab: /, ' ')
    .replace(/\blync-ports (check|lab)\b/g, ' ');
  return rest.match(/[A-Za-z]{2,}/g) ?? [];
}

function dataOf(text: string, file: string): string[] {
  const result = checkTopology(text);
  const planned = labPlan(result);
  const names = [
    file,
    ...result.model.networks.map((network) => network.name),
    ...result.model.firewalls.map((firewall) => firewall.name),
    ...result.analysis.flows.flatMap((flow) => [flow.id, flow.row.id, flow.row.service]),
  ];
  if (planned.ok) names.push(...planned.plan.addresses.map((item) => item.label));
  return names;
}

describe('lab --lang ru: no English outside the data', () => {
  test('a run with a failure, NAT addresses, the hairpin and flows not probed', () => {
    const name = 'lync2013-dnslb-nat-director.topology.yaml';
    const text = readExample(name).replace(/ {6}- name: XMPP to federated partners\n( {8}.*\n){3}/, '');
    assert.doesNotMatch(text, /XMPP to federated partners/);
    const path = scratch(name, text);
    const result = lab([path]);
    assert.equal(result.status, 1);
    const lines = result.stdout.trimEnd().split('\n');
    // What the output has: a failure, a NAT address with where it arrives, a sample host, a flow not probed.
    assert.ok(lines.some((line) => line.startsWith('СБОЙ ')));
    assert.ok(
      lines.some((line) => / \(общедоступный адрес\) 131\.107\.155\.30 \(приходит на 10\.45\.16\.30\) /.test(line)),
    );
    assert.ok(lines.some((line) => / узел в Интернете 203\.0\.113\.10/.test(line)));
    assert.ok(lines.some((line) => /^не проверено: D03 /.test(line)));
    assert.match(lines[lines.length - 1], /^\d+ проб(а|ы)?: \d+ как ожидалось, 2 нет; не проверено: 4\.$/);
    const data = dataOf(text, path);
    const english = lines.map((line) => [line, englishLeft(line, data)] as const).filter(([, words]) => words.length);
    assert.deepEqual(english, []);
  });

  test("the plan's refusal", () => {
    const networks = Array.from({ length: 65 }, (_, k) => `  n${k}: { zone: internal, subnets: [10.${k}.0.0/24] }`);
    const text = `topology: { product: sfb2015 }\nnetworks:\n${networks.join('\n')}\n`;
    const path = scratch('many.topology.yaml', text);
    const result = lab([path]);
    assert.equal(result.status, 2);
    assert.equal(
      result.stderr,
      `lync-ports: lab: ${path}: не удалось построить лабораторию: сетей: 65, а лаборатория строит не более 64\n`,
    );
    assert.deepEqual(englishLeft(result.stderr.trim(), [path]), []);
    // And in English, the same refusal in the plan's own words.
    const en = spawnSync(process.execPath, [CLI, 'lab', path, '--lang', 'en'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(en.status, 2);
    assert.equal(en.stderr, `lync-ports: lab: ${path}: cannot build the lab: 65 networks: the lab builds at most 64\n`);
  });

  test('the other refusals and usage errors', () => {
    const noFirewall = lab(['examples/broken/no-firewalls.topology.yaml']);
    assert.equal(noFirewall.status, 1);
    assert.match(noFirewall.stderr, /^lync-ports: lab: .*: ни один обязательный поток не проходит через брандмауэр/);
    assert.deepEqual(englishLeft(noFirewall.stderr.trim(), ['examples/broken/no-firewalls.topology.yaml']), []);
    const timeout = lab(['examples/contoso.topology.yaml', '--timeout', 'soon']);
    assert.equal(timeout.status, 2);
    assert.deepEqual(englishLeft(timeout.stderr.trim().replace('--timeout', ''), ['soon']), []);
  });
});
