// iptables-restore and nft, in a network namespace of their own when the sandbox allows it: the
// export suites check every rule set with the real tools and load it into a throw-away namespace
// to prove that exactly the exported rules, and nothing injected, end up in the kernel.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Runner = { prefix: string[]; how: string } | { skip: string };

export function scratch(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-export-')), name);
  writeFileSync(path, text);
  return path;
}

function findRunner(probe: string[]): Runner {
  // scripts/setup-machine.sh installs the tools, so their absence is a broken set-up: fail, do not skip.
  if (spawnSync(probe[0], ['--version'], { encoding: 'utf8' }).error)
    throw new Error(`${probe[0]} is not installed: run scripts/setup-machine.sh (apt-get install iptables nftables)`);
  const attempts: { prefix: string[]; how: string }[] = [
    { prefix: ['unshare', '--net'], how: 'in a new network namespace (unshare --net)' },
    {
      prefix: ['unshare', '--user', '--map-root-user', '--net'],
      how: 'in new user and network namespaces (unshare -rn)',
    },
    { prefix: [], how: 'in the current namespace (check mode only)' },
  ];
  const reasons: string[] = [];
  for (const attempt of attempts) {
    const [command, ...args] = [...attempt.prefix, ...probe];
    const result = spawnSync(command, args, { encoding: 'utf8' });
    if (result.status === 0) return attempt;
    reasons.push(
      `${attempt.how}: ${(result.stderr || result.error?.message || `exit ${result.status}`).trim().split('\n')[0]}`,
    );
  }
  return { skip: `the kernel refuses: ${reasons.join('; ')}` };
}

export const iptables = findRunner(['iptables-restore', '--test', scratch('empty.rules', '*filter\nCOMMIT\n')]);
export const nft = findRunner(['nft', '-c', '-f', scratch('empty.nft', 'table inet lync_probe {\n}\n')]);

export function run(
  runner: Runner,
  command: string[],
  input?: string,
): { status: number | null; stdout: string; stderr: string } {
  if ('skip' in runner) throw new Error(runner.skip);
  const [head, ...args] = [...runner.prefix, ...command];
  const result = spawnSync(head, args, { encoding: 'utf8', input });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** iptables-restore --test accepts the rules, and loaded for real they are exactly the exported ones. */
export function assertIptablesLoads(rules: string): void {
  const path = scratch('rules.v4', rules);
  const checked = run(iptables, ['iptables-restore', '--test', path]);
  assert.equal(checked.status, 0, `iptables-restore --test: ${checked.stderr}`);
  // iptables expands `-s a,b -d c,d` into one rule per source and destination pair.
  const fanOut = (line: string, flag: string) => new RegExp(` ${flag} (\\S+)`).exec(line)?.[1].split(',').length ?? 1;
  const exported = rules
    .split('\n')
    .filter((line) => line.startsWith('-A '))
    .reduce((sum, line) => sum + fanOut(line, '-s') * fanOut(line, '-d'), 0);
  if ('prefix' in iptables && iptables.prefix.includes('--net')) {
    const loaded = run(iptables, ['sh', '-c', 'iptables-restore "$1" && iptables-save -t filter', 'sh', path]);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.equal(loaded.stdout.split('\n').filter((line) => line.startsWith('-A ')).length, exported);
    assert.doesNotMatch(loaded.stdout, /-A (INPUT|OUTPUT|FORWARD) /);
  }
}

/** nft -c accepts the rule set, and loaded for real it is one table with as many rules as exported. */
export function assertNftLoads(text: string): void {
  const path = scratch('rules.nft', text);
  const checked = run(nft, ['nft', '-c', '-f', path]);
  assert.equal(checked.status, 0, `nft -c -f: ${checked.stderr}`);
  if ('prefix' in nft && nft.prefix.includes('--net')) {
    const loaded = run(nft, ['sh', '-c', 'nft -f "$1" && nft list ruleset', 'sh', path]);
    assert.equal(loaded.status, 0, loaded.stderr);
    assert.deepEqual(loaded.stdout.match(/^table .*$/gm), ['table inet lync_ports {']);
    const verdicts = (s: string) =>
      s.split('\n').filter((line) => /^\s+(ct state|ip |ip6 |meta |tcp |udp |accept|drop)/.test(line)).length;
    assert.equal(verdicts(loaded.stdout), verdicts(text));
  }
}
