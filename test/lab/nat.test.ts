import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology, labPlan, type LabPlan } from '../../server/src/engine/index';
import { runLabPlan } from '../../server/src/lab/executor';
import { namespacesWithPrefix } from '../../server/src/lab/namespaces';
import { readExample, REPO } from '../support/examples';

// The perimeter's NAT in the lab: the external router translates the Edge's public addresses
// (DNAT in, SNAT out, the hairpin of E17), so a probe goes to the public address, must arrive at
// the private one and be seen from the source NAT gives it. Take one piece of the NAT or of the
// filter away and exactly the probes that need it fail. Root and Linux only.

const CLI = join(REPO, 'dist/cli.js');
const DNSLB = 'lync2013-dnslb-nat-director.topology.yaml';

function planOf(name: string): LabPlan {
  const planned = labPlan(checkTopology(readExample(name)));
  assert.ok(planned.ok);
  return planned.plan;
}

/** The plan's probes that did not get what was expected, by id, after a run with the routers changed. */
async function unexpectedWith(plan: LabPlan, change: (nftables: string) => string, tag: string) {
  const changed: LabPlan = {
    ...plan,
    routers: plan.routers.map((router) => {
      const nftables = change(router.nftables);
      return { ...router, nftables };
    }),
  };
  const prefix = `lpl-${process.pid}-${tag}-`;
  const results = await runLabPlan(changed, { prefix, probeTimeoutMs: 1200 });
  assert.deepEqual(namespacesWithPrefix(prefix), []);
  return results.filter((result, k) => result.got !== plan.probes[k].expected);
}

const requiredTo = (plan: LabPlan, address: string) =>
  plan.probes.filter((probe) => probe.kind === 'required' && probe.to.address === address).map((probe) => probe.id);

describe('NAT: the Edge behind the external router', () => {
  const plan = planOf(DNSLB);

  test('all as expected: inbound keeps its source, outbound and the hairpin are seen from the public address', () => {
    const result = spawnSync(process.execPath, [CLI, 'lab', join(REPO, 'examples', DNSLB), '--format', 'json'], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 0);
    const report = JSON.parse(result.stdout) as {
      probes: (LabPlan['probes'][number] & { got: string; seen?: string })[];
    };
    const hairpin = report.probes.filter((probe) => probe.flow === 'E17');
    assert.equal(hairpin.length, 12);
    assert.deepEqual(
      hairpin
        .filter((probe) => probe.port === 50000)
        .map(
          (probe) =>
            `${probe.from.address} -> ${probe.to.address} @${probe.arrivesAt?.address} ${probe.got} ${probe.seen}`,
        ),
      [
        '10.45.16.30 -> 131.107.155.30 @10.45.16.30 pass 131.107.155.30',
        '10.45.16.30 -> 131.107.155.31 @10.45.16.31 pass 131.107.155.30',
        '10.45.16.31 -> 131.107.155.30 @10.45.16.30 pass 131.107.155.31',
        '10.45.16.31 -> 131.107.155.31 @10.45.16.31 pass 131.107.155.31',
      ],
    );
    const x1 = report.probes.find((probe) => probe.flow === 'X1')!;
    assert.deepEqual(
      [x1.to.address, x1.arrivesAt?.address, x1.seen],
      ['131.107.155.10', '10.45.16.10', '203.0.113.10'],
    );
    const x2 = report.probes.find((probe) => probe.flow === 'X2')!;
    assert.deepEqual([x2.from.address, x2.seen], ['10.45.16.10', '131.107.155.10']);
  });

  test('without the DNAT of one public A/V address, exactly the probes to it fail (E14, E15, hairpin)', async () => {
    const expected = requiredTo(plan, '131.107.155.30');
    assert.deepEqual(
      plan.probes.filter((probe) => expected.includes(probe.id)).map((probe) => probe.flow),
      ['E14', 'E15', 'E17', 'E17', 'E17', 'E17', 'E17', 'E17'],
    );
    const dnat = '    ip daddr 131.107.155.30 dnat to 10.45.16.30\n';
    const wrong = await unexpectedWith(
      plan,
      (nftables) => {
        if (!nftables.includes('lync_ports_lab_nat')) return nftables;
        assert.ok(nftables.includes(dnat));
        return nftables.replace(dnat, '');
      },
      'dnat',
    );
    assert.deepEqual(
      wrong.map((result) => result.id),
      expected,
    );
  });

  test("without the hairpin's SNAT of one A/V Edge, exactly its hairpin probes fail", async () => {
    const snat = '    ip saddr 10.45.16.31 ct status dnat snat to 131.107.155.31\n';
    assert.ok(plan.routers[0].nftables.includes(snat));
    const expected = plan.probes
      .filter((probe) => probe.flow === 'E17' && probe.from.address === '10.45.16.31')
      .map((probe) => probe.id);
    assert.equal(expected.length, 6);
    const wrong = await unexpectedWith(plan, (nftables) => nftables.replace(snat, ''), 'hairpin');
    assert.deepEqual(
      wrong.map((result) => result.id),
      expected,
    );
  });

  test('a NAT that also hides the source of inbound traffic fails every inbound probe through it', async () => {
    // L-AV: "inbound DNAT must keep the source IP intact". A masquerade toward the perimeter breaks that: the
    // connections still get through, from the router's address, and the lab says so.
    const wrong = await unexpectedWith(
      plan,
      (nftables) =>
        nftables.replace(
          '    type nat hook postrouting priority srcnat; policy accept;\n',
          '    type nat hook postrouting priority srcnat; policy accept;\n' +
            '    ip saddr 203.0.113.10 oifname "n1" masquerade\n',
        ),
      'masq',
    );
    const inbound = plan.probes.filter(
      (probe) => probe.kind === 'required' && probe.from.address === '203.0.113.10' && probe.arrivesAt,
    );
    assert.ok(inbound.length >= 10);
    assert.deepEqual(
      wrong.map((result) => result.id),
      inbound.map((probe) => probe.id),
    );
    assert.ok(
      wrong.every((result) => result.got === 'error' && result.detail === 'arrived from 100.64.1.10, not 203.0.113.10'),
    );
  });
});

describe('a file without the hairpin rule', () => {
  test('the E17 probes are dropped, and only they', () => {
    const text = readExample(DNSLB).replace(/ {6}- name: A\/V Edge to A\/V Edge public addresses\n( {8}.*\n){3}/, '');
    assert.doesNotMatch(text, /A\/V Edge to A\/V Edge public addresses/);
    const path = join(mkdtempSync(join(tmpdir(), 'lync-ports-lab-')), 'hairpin.topology.yaml');
    writeFileSync(path, text);
    const result = spawnSync(process.execPath, [CLI, 'lab', path], { cwd: REPO, encoding: 'utf8', timeout: 120_000 });
    assert.deepEqual(namespacesWithPrefix(`lpl-${result.pid}-`), []);
    assert.equal(result.status, 1);
    const failures = result.stdout.split('\n').filter((line) => line.startsWith('FAIL'));
    assert.equal(failures.length, 12);
    assert.ok(
      failures.every((line) => / required E17 .* udp\/\d+: expected pass, got drop$/.test(line)),
      failures[0],
    );
    assert.match(
      failures[0],
      /^FAIL p\d+ required E17 RTP\/UDP\/50000-59999 \[external\] edge01\.avEdge 10\.45\.16\.30 -> edge01\.avEdge \(public\) 131\.107\.155\.30 \(arrives at 10\.45\.16\.30\) udp\/50000/,
    );
  });
});
