import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { exampleFiles, REPO } from '../support/examples';

// verify against the real tools: our export loaded into a fresh network namespace, changed there
// as an administrator would change it (iptables -D/-R/-I, nft delete/replace/insert/add), dumped
// by iptables-save and `nft -j list ruleset` inside the namespace, and each change found at its
// place in the dump. Every namespace is ours (lpv-<pid>-<n>) and is deleted when its case ends.

const CLI = join(REPO, 'dist/cli.js');
const PREFIX = `lpv-${process.pid}`;
const made = new Set<string>();
let count = 0;

function sh(command: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command[0], command.slice(1), { encoding: 'utf8', input, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? result.error?.message ?? '' };
}

const canMakeNamespaces = (() => {
  const probe = `${PREFIX}-probe`;
  const added = sh(['ip', 'netns', 'add', probe]);
  if (added.status !== 0) return `ip netns add: ${added.stderr.trim()} (the verify suite runs as root)`;
  sh(['ip', 'netns', 'delete', probe]);
  return true;
})();

// Not a skip: a machine where the suite cannot make namespaces fails it, so it never passes unrun.
test('network namespaces can be made here (the suite runs as root)', () => {
  assert.equal(canMakeNamespaces, true);
});

after(() => {
  for (const name of made) sh(['ip', 'netns', 'delete', name]);
});

/** Runs `body` with a namespace of its own, deleted afterwards whatever happens. */
function inNamespace<T>(body: (exec: (command: string[], input?: string) => string) => T): T {
  const name = `${PREFIX}-${++count}`;
  const added = sh(['ip', 'netns', 'add', name]);
  assert.equal(added.status, 0, added.stderr);
  made.add(name);
  try {
    return body((command, input) => {
      const result = sh(['ip', 'netns', 'exec', name, ...command], input);
      assert.equal(result.status, 0, `${command.join(' ')}: ${result.stderr}`);
      return result.stdout;
    });
  } finally {
    sh(['ip', 'netns', 'delete', name]);
    made.delete(name);
  }
}

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: REPO, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function exported(topology: string, format: 'iptables' | 'nftables'): string {
  const result = cli(['export', topology, '--format', format]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

/** Each firewall of the export with its chain: `# firewall NAME` sits by the chain's first line. */
function chainsOf(text: string, format: 'iptables' | 'nftables'): Map<string, string> {
  const lines = text.split('\n');
  const chains = new Map<string, string>();
  lines.forEach((line, k) => {
    const firewall = /^\s*# firewall (\S+)$/.exec(line)?.[1];
    if (!firewall) return;
    const chain = format === 'iptables' ? lines[k + 1].split(' ')[1] : /chain (\S+) \{/.exec(lines[k - 1])![1];
    chains.set(firewall, chain);
  });
  return chains;
}

function saved(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-verify-')), name);
  writeFileSync(path, text);
  return path;
}

interface Found {
  file: string;
  line: number;
  column: number;
  code: string;
}

function verify(topology: string, dump: string, chains: Map<string, string>, only?: string) {
  const args = ['verify', topology, '--format', 'json'];
  for (const [firewall, chain] of chains)
    if (only === undefined || only === firewall)
      args.push('--firewall', `${firewall}=${dump}`, '--chain', `${firewall}=${chain}`);
  const result = cli(args);
  assert.notEqual(result.code, 2, result.stderr);
  return {
    code: result.code,
    found: (JSON.parse(result.stdout) as Found[]).map(({ file, line, column, code }) => ({ file, line, column, code })),
  };
}

/** The 1-based line of the first dump line that holds `needle`. */
function lineOf(dump: string, needle: string): number {
  const index = dump.split('\n').findIndex((line) => line.includes(needle));
  assert.ok(index >= 0, `'${needle}' in the dump`);
  return index + 1;
}

/** nft -j prints one line: the column where the object that starts with `head` and holds `needle` starts. */
function columnOf(dump: string, head: string, needle: string): number {
  const at = dump.indexOf(needle);
  assert.ok(at >= 0, `'${needle}' in the dump`);
  return dump.lastIndexOf(head, at) + 1;
}

const CONTOSO = join(REPO, 'examples/contoso.topology.yaml');
const X1 = '"X1 XMPP from federated partners"';
const X2 = '"X2 XMPP to federated partners"';

describe('verify with iptables-save in a network namespace', () => {
  function changed(change: string[][]): { dump: string; path: string; chains: Map<string, string> } {
    const rules = exported(CONTOSO, 'iptables');
    return inNamespace((exec) => {
      exec(['iptables-restore', '--noflush'], rules);
      for (const command of change) exec(command);
      const dump = exec(['iptables-save']);
      return { dump, path: saved('contoso.rules.v4', dump), chains: chainsOf(rules, 'iptables') };
    });
  }

  test('every example, loaded and dumped unchanged, verifies clean (exit 0)', () => {
    for (const topology of exampleFiles()) {
      const rules = exported(topology, 'iptables');
      const dump = inNamespace((exec) => {
        exec(['iptables-restore', '--noflush'], rules);
        return exec(['iptables-save']);
      });
      const result = verify(topology, saved(`${basename(topology)}.rules.v4`, dump), chainsOf(rules, 'iptables'));
      assert.equal(result.code, 0, `${basename(topology)}: ${JSON.stringify(result.found)}`);
      assert.deepEqual(
        result.found.filter((found) => found.file !== topology),
        [],
        basename(topology),
      );
    }
  });

  test('a deleted rule: missing-flow at the chain', () => {
    const { dump, path, chains } = changed([['iptables', '-D', 'LYNC-EXTERNAL', '2']]);
    assert.doesNotMatch(dump, /X1 XMPP/);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 1);
    assert.deepEqual(result.found, [
      { file: path, line: lineOf(dump, ':LYNC-EXTERNAL'), column: 1, code: 'missing-flow' },
    ]);
  });

  test('a rule widened to every port: overly-permissive at it', () => {
    const widen = ['iptables', '-R', 'LYNC-EXTERNAL', '3', '-s', '131.107.155.10/32', '-p', 'tcp'];
    const { dump, path, chains } = changed([[...widen, '-m', 'comment', '--comment', 'widened', '-j', 'ACCEPT']]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 0);
    assert.deepEqual(result.found, [
      { file: path, line: lineOf(dump, 'widened'), column: 1, code: 'overly-permissive' },
    ]);
  });

  test('a deny inserted above: blocked-flow at it, the rules it hides shadowed', () => {
    const deny = ['iptables', '-I', 'LYNC-EXTERNAL', '2', '-p', 'tcp', '--dport', '5269'];
    const { dump, path, chains } = changed([[...deny, '-m', 'comment', '--comment', 'admin block', '-j', 'DROP']]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 1);
    const block = lineOf(dump, 'admin block');
    assert.deepEqual(result.found, [
      { file: path, line: block, column: 1, code: 'blocked-flow' },
      { file: path, line: block, column: 1, code: 'blocked-flow' },
      { file: path, line: lineOf(dump, X1), column: 1, code: 'shadowed-rule' },
      { file: path, line: lineOf(dump, X2), column: 1, code: 'shadowed-rule' },
    ]);
  });

  test('a rule added twice: duplicate-rule at the copy', () => {
    const copy = ['iptables', '-I', 'LYNC-EXTERNAL', '3', '-d', '131.107.155.10/32', '-p', 'tcp', '--dport', '5269'];
    const { dump, path, chains } = changed([[...copy, '-m', 'comment', '--comment', 'copy', '-j', 'ACCEPT']]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.deepEqual(result.found, [
      { file: path, line: lineOf(dump, '--comment copy'), column: 1, code: 'duplicate-rule' },
    ]);
  });

  test('the chain hooked from FORWARD as an administrator hooks it is found without --chain', () => {
    const { path } = changed([
      ['iptables', '-A', 'FORWARD', '-i', 'lo', '-j', 'ACCEPT'],
      ['iptables', '-A', 'FORWARD', '-j', 'LYNC-EXTERNAL'],
      ['iptables', '-P', 'FORWARD', 'DROP'],
    ]);
    const result = cli(['verify', CONTOSO, '--firewall', `external=${path}`]);
    assert.deepEqual([result.code, result.stdout, result.stderr], [0, '2 files checked: no problems.\n', '']);
  });
});

describe('verify with nft -j list ruleset in a network namespace', () => {
  const TABLE = ['inet', 'lync_ports'];
  const CHAIN = '{"chain": {"family": "inet", "table": "lync_ports", "name": "fw_external"';

  function changed(change: (handle: (comment: string) => string) => string[][]) {
    const rules = exported(CONTOSO, 'nftables');
    return inNamespace((exec) => {
      exec(['nft', '-f', '-'], rules);
      const before = exec(['nft', '-j', 'list', 'ruleset']);
      const handle = (comment: string) => {
        const at = before.indexOf(`"comment": ${comment}`);
        return /"handle": (\d+)/.exec(before.slice(before.lastIndexOf('{"rule": ', at)))![1];
      };
      for (const command of change(handle)) exec(command);
      const dump = exec(['nft', '-j', 'list', 'ruleset']);
      assert.equal(dump.trim().split('\n').length, 1, 'nft -j prints one line');
      return { dump, path: saved('contoso.json', dump), chains: chainsOf(rules, 'nftables') };
    });
  }

  test('every example, loaded and dumped unchanged, verifies clean (exit 0)', () => {
    for (const topology of exampleFiles()) {
      const rules = exported(topology, 'nftables');
      const dump = inNamespace((exec) => {
        exec(['nft', '-f', '-'], rules);
        return exec(['nft', '-j', 'list', 'ruleset']);
      });
      const result = verify(topology, saved(`${basename(topology)}.json`, dump), chainsOf(rules, 'nftables'));
      assert.equal(result.code, 0, `${basename(topology)}: ${JSON.stringify(result.found)}`);
      assert.deepEqual(
        result.found.filter((found) => found.file !== topology),
        [],
        basename(topology),
      );
    }
  });

  test('a deleted rule: missing-flow at the chain', () => {
    const { dump, path, chains } = changed((handle) => [
      ['nft', 'delete', 'rule', ...TABLE, 'fw_external', 'handle', handle(X1)],
    ]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 1);
    assert.deepEqual(result.found, [{ file: path, line: 1, column: dump.indexOf(CHAIN) + 1, code: 'missing-flow' }]);
  });

  test('a rule widened to every port: overly-permissive at it', () => {
    const { dump, path, chains } = changed((handle) => [
      [
        'nft',
        'replace',
        'rule',
        ...TABLE,
        'fw_external',
        'handle',
        handle(X2),
        'ip',
        'saddr',
        '131.107.155.10',
        'meta',
        'l4proto',
        'tcp',
        'accept',
        'comment',
        '"widened"',
      ],
    ]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 0);
    assert.deepEqual(result.found, [
      { file: path, line: 1, column: columnOf(dump, '{"rule": ', '"comment": "widened"'), code: 'overly-permissive' },
    ]);
  });

  test('a deny inserted above: blocked-flow at it, the rules it hides shadowed', () => {
    const { dump, path, chains } = changed((handle) => [
      [
        'nft',
        'insert',
        'rule',
        ...TABLE,
        'fw_external',
        'position',
        handle(X1),
        'tcp',
        'dport',
        '5269',
        'drop',
        'comment',
        '"admin block"',
      ],
    ]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.equal(result.code, 1);
    const block = columnOf(dump, '{"rule": ', '"comment": "admin block"');
    assert.deepEqual(result.found, [
      { file: path, line: 1, column: block, code: 'blocked-flow' },
      { file: path, line: 1, column: block, code: 'blocked-flow' },
      { file: path, line: 1, column: columnOf(dump, '{"rule": ', `"comment": ${X1}`), code: 'shadowed-rule' },
      { file: path, line: 1, column: columnOf(dump, '{"rule": ', `"comment": ${X2}`), code: 'shadowed-rule' },
    ]);
  });

  test('a rule added twice: duplicate-rule at the copy', () => {
    const { dump, path, chains } = changed((handle) => [
      [
        'nft',
        'add',
        'rule',
        ...TABLE,
        'fw_external',
        'position',
        handle(X1),
        'ip',
        'daddr',
        '131.107.155.10',
        'tcp',
        'dport',
        '5269',
        'accept',
        'comment',
        '"copy"',
      ],
    ]);
    const result = verify(CONTOSO, path, chains, 'external');
    assert.deepEqual(result.found, [
      { file: path, line: 1, column: columnOf(dump, '{"rule": ', '"comment": "copy"'), code: 'duplicate-rule' },
    ]);
  });
});

// An Edge server's own firewall, as an administrator writes it on the host: INPUT (the input hook)
// for what reaches edge01, OUTPUT (the output hook) for what it sends, FORWARD left closed.
describe("verify reads an Edge server's host firewall dumped by the real iptables-save and nft", () => {
  const contoso = join(REPO, 'examples/contoso.topology.yaml');
  const hostVerify = (dump: string) => {
    const result = cli(['verify', contoso, '--firewall', `edge01=${dump}`, '--format', 'json']);
    assert.notEqual(result.code, 2, result.stderr);
    return (JSON.parse(result.stdout) as Found[]).map(({ line, code }) => ({ line, code }));
  };
  const X2_OUT = ['-s', '131.107.155.10/32', '-p', 'tcp', '-m', 'tcp', '--dport', '5269', '-j', 'ACCEPT'];
  const IPTABLES = [
    '*filter',
    ':INPUT DROP [0:0]',
    ':FORWARD DROP [0:0]',
    ':OUTPUT DROP [0:0]',
    '-A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    '-A INPUT -i lo -j ACCEPT',
    '-A INPUT -d 131.107.155.10/32 -p tcp -m tcp --dport 5269 -m comment --comment "X1 XMPP from partners" -j ACCEPT',
    '-A INPUT -s 192.168.10.90/32 -d 172.25.33.10/32 -p tcp -m tcp --dport 23456 -j ACCEPT',
    '-A OUTPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
    `-A OUTPUT ${X2_OUT.join(' ')}`,
    'COMMIT',
    '',
  ].join('\n');

  test('iptables: clean as loaded; the OUTPUT rule deleted is missing-flow on the OUTPUT chain', () => {
    inNamespace((exec) => {
      exec(['iptables-restore'], IPTABLES);
      assert.deepEqual(hostVerify(saved('edge01.rules', exec(['iptables-save']))), []);
      exec(['iptables', '-D', 'OUTPUT', ...X2_OUT]);
      const dump = exec(['iptables-save']);
      assert.deepEqual(hostVerify(saved('edge01.rules', dump)), [
        { line: lineOf(dump, ':OUTPUT DROP'), code: 'missing-flow' },
      ]);
    });
  });

  const NFT = (output: string) =>
    [
      'table inet host {',
      '  chain input {',
      '    type filter hook input priority 0; policy drop;',
      '    ct state established,related accept',
      '    ip daddr 131.107.155.10 tcp dport 5269 accept',
      '    ip saddr 192.168.10.90 ip daddr 172.25.33.10 tcp dport 23456 accept',
      '  }',
      '  chain output {',
      '    type filter hook output priority 0; policy drop;',
      '    ct state established,related accept',
      output,
      '  }',
      '}',
      '',
    ].join('\n');

  test('nft: clean as loaded; without the output rule, missing-flow on the output chain', () => {
    inNamespace((exec) => {
      exec(['nft', '-f', '-'], NFT('    ip saddr 131.107.155.10 tcp dport 5269 accept'));
      assert.deepEqual(hostVerify(saved('edge01.json', exec(['nft', '-j', 'list', 'ruleset']))), []);
    });
    inNamespace((exec) => {
      exec(['nft', '-f', '-'], NFT(''));
      const dump = exec(['nft', '-j', 'list', 'ruleset']);
      const result = cli(['verify', contoso, '--firewall', `edge01=${saved('edge01.json', dump)}`, '--format', 'json']);
      const found = (JSON.parse(result.stdout) as Found[]).map(({ column, code }) => ({ column, code }));
      assert.deepEqual(found, [{ column: columnOf(dump, '{"chain"', '"name": "output"'), code: 'missing-flow' }]);
    });
  });

  // The layout of Debian's and iptables-nft's rulesets: an ip table for IPv4, an ip6 table for IPv6,
  // each hooking input and output. edge01's addresses are IPv4: the ip6 table never sees its packets.
  const familyTable = (family: 'ip' | 'ip6', input: string[], output: string[]) => [
    `table ${family} filter {`,
    '  chain INPUT {',
    '    type filter hook input priority 0; policy drop;',
    ...input.map((rule) => `    ${rule}`),
    '  }',
    '  chain OUTPUT {',
    '    type filter hook output priority 0; policy drop;',
    ...output.map((rule) => `    ${rule}`),
    '  }',
    '}',
  ];
  const V4_IN = ['ip daddr 131.107.155.10 tcp dport 5269 accept', 'ip daddr 172.25.33.10 tcp dport 23456 accept'];
  const V4_OUT = ['ip saddr 131.107.155.10 tcp dport 5269 accept'];

  test('nft: ip and ip6 tables both on the input hook: IPv4 flows judged against the ip table alone', () => {
    inNamespace((exec) => {
      const v6 = familyTable('ip6', ['tcp dport 22 accept'], []);
      exec(['nft', '-f', '-'], [...familyTable('ip', V4_IN, V4_OUT), ...v6, ''].join('\n'));
      const dump = exec(['nft', '-j', 'list', 'ruleset']);
      assert.match(dump, /"family": "ip6"/);
      assert.deepEqual(hostVerify(saved('edge01.json', dump)), []);
      exec(['nft', 'flush', 'chain', 'ip', 'filter', 'OUTPUT']);
      const flushed = exec(['nft', '-j', 'list', 'ruleset']);
      const result = cli([
        'verify',
        contoso,
        '--firewall',
        `edge01=${saved('edge01.json', flushed)}`,
        '--format',
        'json',
      ]);
      const found = (JSON.parse(result.stdout) as Found[]).map(({ column, code }) => ({ column, code }));
      const output = flushed.indexOf('{"chain": {"family": "ip", "table": "filter", "name": "OUTPUT"');
      assert.deepEqual(found, [{ column: output + 1, code: 'missing-flow' }]);
    });
  });

  test('nft: an ip table and an inet table both on the input hook are refused, naming both', () => {
    inNamespace((exec) => {
      const inet = [
        'table inet extra {',
        '  chain in {',
        '    type filter hook input priority 10; policy accept;',
        '  }',
        '}',
      ];
      exec(['nft', '-f', '-'], [...familyTable('ip', V4_IN, V4_OUT), ...inet, ''].join('\n'));
      const result = cli([
        'verify',
        contoso,
        '--firewall',
        `edge01=${saved('edge01.json', exec(['nft', '-j', 'list', 'ruleset']))}`,
      ]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /ip\/filter\/INPUT, inet\/extra\/in/);
      assert.match(result.stderr, /--chain edge01=CHAIN/);
    });
  });
});
