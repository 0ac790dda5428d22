import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology, labPlan, type LabPlan } from '../../server/src/engine/index';
import { runLabPlan } from '../../server/src/lab/executor';
import { namespacesWithPrefix } from '../../server/src/lab/namespaces';
import { exampleFiles, readExample, REPO } from '../support/examples';

// `lync-ports lab`: the examples built as network namespaces with the nftables export in the
// routers, and real connections and datagrams sent through them. Every required flow must pass,
// every negative must be dropped, a file with a rule removed must fail on that flow, and no
// namespace may be left behind (not after a run, not after SIGTERM). Root and Linux only.

const CLI = join(REPO, 'dist/cli.js');
const root = process.platform === 'linux' && process.getuid?.() === 0;

// Not a skip: without root on Linux the suite fails here, so it never passes unrun.
test('the lab suite runs as root on Linux', () => {
  assert.ok(root, 'the lab needs root on Linux to make network namespaces');
});

interface JsonReport {
  namespaces: { id: string; kind: string; name: string; host: string }[];
  probes: (LabPlan['probes'][number] & { got: string; detail?: string })[];
  unprobed: LabPlan['unprobed'];
  summary: { probes: number; asExpected: number; unexpected: number; unprobed: number };
}

function lab(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, 'lab', ...args], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
  assert.deepEqual(namespacesWithPrefix(`lpl-${result.pid}-`), [], 'namespaces left behind');
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function scratch(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-lab-')), name);
  writeFileSync(path, text);
  return path;
}

describe('lync-ports lab on every example: required flows pass, negatives drop', () => {
  for (const file of exampleFiles()) {
    test(basename(file), () => {
      const result = lab([file, '--format', 'json']);
      assert.equal(result.stderr, '');
      const report = JSON.parse(result.stdout) as JsonReport;
      const wrong = report.probes.filter((probe) => probe.got !== probe.expected);
      assert.deepEqual(
        wrong.map((probe) => `${probe.id} ${probe.flow} ${probe.from.address}->${probe.to.address} ${probe.got}`),
        [],
      );
      assert.equal(result.code, 0);
      const plan = labPlan(checkTopology(readExample(basename(file))));
      assert.ok(plan.ok);
      assert.equal(report.probes.length, plan.plan.probes.length);
      // The names the lab used on the host: all of them gone (lab() checks the prefix).
      assert.deepEqual(
        report.namespaces.map((namespace) => namespace.host.replace(/^lpl-\d+-/, '')),
        plan.plan.namespaces.map((namespace) => namespace.id),
      );
      for (const namespace of report.namespaces) assert.deepEqual(namespacesWithPrefix(namespace.host), []);
      assert.ok(report.probes.some((probe) => probe.kind === 'required' && probe.got === 'pass'));
      assert.ok(report.probes.some((probe) => probe.kind === 'negative' && probe.got === 'drop'));
      assert.deepEqual(report.summary, {
        probes: report.probes.length,
        asExpected: report.probes.length,
        unexpected: 0,
        unprobed: plan.plan.unprobed.length,
      });
    });
  }
});

describe('a file that misses a required rule', () => {
  const text = readExample('contoso.topology.yaml').replace(
    / {6}- name: XMPP to federated partners\n( {8}.*\n){3}/,
    '',
  );

  test('the flow the rule served is dropped, and the lab exits 1', () => {
    assert.doesNotMatch(text, /XMPP to federated partners/);
    const result = lab([scratch('missing.topology.yaml', text)]);
    assert.equal(result.code, 1);
    const failures = result.stdout.split('\n').filter((line) => line.startsWith('FAIL'));
    assert.deepEqual(failures, [
      'FAIL p2 required X2 XMPP/TCP/5269 [external] edge01.accessEdge 131.107.155.10 -> internet host ' +
        '203.0.113.10 tcp/5269: expected pass, got drop',
    ]);
    assert.match(result.stdout, /\n\d+ probes: \d+ as expected, 1 not; 0 not probed\.\n$/);
  });

  test('in Russian too', () => {
    const result = lab([scratch('missing.topology.yaml', text), '--lang', 'ru']);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /^СБОЙ p2 обязательный X2 .* ожидалось: проходит, получено: отброшен$/m);
  });
});

describe('the negatives are real', () => {
  test('a router that accepts everything lets every negative through', async () => {
    const planned = labPlan(checkTopology(readExample('contoso.topology.yaml')));
    assert.ok(planned.ok);
    const open: LabPlan = {
      ...planned.plan,
      routers: planned.plan.routers.map((router) => ({
        ...router,
        nftables: router.nftables.replace(/drop comment "default deny"/g, 'accept comment "default allow"'),
      })),
    };
    const prefix = `lpl-${process.pid}-open-`;
    const results = await runLabPlan(open, { prefix, probeTimeoutMs: 1500 });
    assert.deepEqual(namespacesWithPrefix(prefix), []);
    const negatives = open.probes.filter((probe) => probe.kind === 'negative').map((probe) => probe.id);
    assert.ok(negatives.length > 0);
    assert.deepEqual(
      results.filter((result) => result.got === 'pass').map((result) => result.id),
      open.probes.map((probe) => probe.id),
    );
  });
});

describe('the lab cleans up and refuses what it cannot do', () => {
  test('SIGTERM during the probes: everything is torn down and the exit is 143', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'lab', join(REPO, 'examples/contoso.topology.yaml'), '--timeout', '20000'],
      {
        cwd: REPO,
        stdio: 'ignore',
      },
    );
    const prefix = `lpl-${child.pid}-`;
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Negatives wait out their 20 s timeout: the namespaces stand for a while.
    for (let k = 0; k < 200 && namespacesWithPrefix(prefix).length < 5; k++)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(namespacesWithPrefix(prefix).length, 5);
    await new Promise((r) => setTimeout(r, 500));
    child.kill('SIGTERM');
    assert.equal(await exited, 143);
    assert.deepEqual(namespacesWithPrefix(prefix), []);
  });

  test('not root: exit 2 with one line, nothing created', () => {
    const result = spawnSync(process.execPath, [CLI, 'lab', 'examples/contoso.topology.yaml'], {
      cwd: REPO,
      encoding: 'utf8',
      uid: 65534,
      gid: 65534,
    });
    assert.equal(result.status, 2);
    assert.equal(result.stderr, 'lync-ports: lab: needs root to create network namespaces (run it with sudo)\n');
    assert.deepEqual(namespacesWithPrefix(`lpl-${result.pid}-`), []);
  });

  test('a file with no firewall proves nothing: exit 1 with one line, no namespace made', () => {
    const result = lab(['examples/broken/no-firewalls.topology.yaml']);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.match(
      result.stderr,
      /^lync-ports: lab: .*no-firewalls\.topology\.yaml: no required flow crosses a firewall/,
    );
    assert.equal(result.stderr.trim().split('\n').length, 1);
  });

  test('a bad --timeout is a usage error', () => {
    const result = lab(['examples/contoso.topology.yaml', '--timeout', 'soon']);
    assert.equal(result.code, 2);
    assert.equal(
      result.stderr,
      "lync-ports: lab: --timeout must be a number of milliseconds from 100 to 30000, not 'soon'\n",
    );
  });
});
