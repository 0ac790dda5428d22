import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkTopology,
  labPlan,
  type LabPlan,
  parseAddressOrCidr,
  renderExport,
} from '../../../server/src/engine/index';
import { exampleFiles, readExample } from '../../support/examples';

// The lab's plan, pure: which namespaces, addresses, links, routes and probes a topology gives.
// The real run (test/lab/) sends the packets; here every part of the plan is pinned down.

function planOf(text: string): LabPlan {
  const planned = labPlan(checkTopology(text));
  assert.ok(planned.ok, planned.ok ? '' : planned.reason);
  return planned.plan;
}

const brief = (plan: LabPlan) =>
  plan.probes.map(
    (probe) =>
      `${probe.kind} ${probe.flow ?? '-'} ${probe.why ?? ''} [${probe.firewalls.join('>')}] ` +
      `${probe.from.address} -> ${probe.to.address} ${probe.transport}/${probe.port} ${probe.expected}`,
  );

function holds(cidrOrAddress: string, address: string): boolean {
  const set = parseAddressOrCidr(cidrOrAddress);
  const point = parseAddressOrCidr(address);
  assert.ok(set.ok && point.ok);
  const [[lo, hi]] = point.set.intervals;
  return set.set.intervals.some(([a, b]) => a <= lo && hi <= b);
}

describe('the lab plan of examples/contoso.topology.yaml', () => {
  const plan = planOf(readExample('contoso.topology.yaml'));

  test('a namespace per network and a router per firewall', () => {
    assert.deepEqual(
      plan.namespaces.map((namespace) => `${namespace.id} ${namespace.kind} ${namespace.name}`),
      ['n0 network internet', 'n1 network perimeter', 'n2 network corp', 'r0 router external', 'r1 router internal'],
    );
    assert.deepEqual(
      plan.links.map((link) => `${link.router}:${link.routerDevice} ${link.routerAddress} - ${link.network}`),
      [
        'r0:n0 100.64.0.10/24 - n0',
        'r0:n1 100.64.1.10/24 - n1',
        'r1:n2 100.64.2.11/24 - n2',
        'r1:n1 100.64.1.11/24 - n1',
      ],
    );
    assert.deepEqual(
      plan.bridges.map((bridge) => `${bridge.namespace} ${bridge.address}`),
      ['n0 100.64.0.1/24', 'n1 100.64.1.1/24', 'n2 100.64.2.1/24'],
    );
    assert.deepEqual(plan.skippedFirewalls, []);
  });

  test('every interface in its network, and a sample host in each network', () => {
    assert.deepEqual(
      plan.addresses.map((item) => `${item.namespace} ${item.address} ${item.label}`),
      [
        'n1 131.107.155.10 edge01.accessEdge',
        'n1 131.107.155.20 edge01.webConferencingEdge',
        'n1 131.107.155.30 edge01.avEdge',
        'n1 172.25.33.10 edge01.internal',
        'n2 192.168.10.90 fe01.primary',
        'n0 203.0.113.10 internet',
        'n1 131.107.155.254 perimeter',
        'n2 192.168.10.254 corp',
      ],
    );
  });

  test('host routes only, through the routers on the way: the perimeter reaches both sides', () => {
    assert.ok(plan.routes.every((route) => /\/32$/.test(route.destination)));
    assert.ok(!plan.routes.some((route) => route.destination.startsWith('0.0.0.0')));
    const of = (namespace: string) =>
      plan.routes.filter((route) => route.namespace === namespace).map((r) => `${r.destination} via ${r.via}`);
    assert.deepEqual(of('n1'), [
      '192.168.10.90/32 via 100.64.1.11',
      '203.0.113.10/32 via 100.64.1.10',
      '192.168.10.254/32 via 100.64.1.11',
    ]);
    // The internal router reaches the Internet through the external router, across the perimeter's bridge.
    assert.ok(of('r1').includes('203.0.113.10/32 via 100.64.1.10'));
    assert.ok(of('r1').includes('192.168.10.90/32 via 100.64.2.1'));
    // The Internet reaches the corporate network only through both routers.
    assert.ok(of('n0').includes('192.168.10.90/32 via 100.64.0.10'));
  });

  test('each router loads the export and jumps to its own chain as packets arrive, before any NAT', () => {
    assert.deepEqual(
      plan.routers.map((router) => `${router.namespace} ${router.firewall} ${router.chain}`),
      ['r0 external fw_external', 'r1 internal fw_internal'],
    );
    const exported = renderExport(checkTopology(readExample('contoso.topology.yaml')), 'nftables');
    for (const router of plan.routers) {
      // The filter is the export, byte for byte; the lab only adds its hook (and, with NAT, its NAT table).
      assert.ok(router.nftables.startsWith(exported));
      assert.match(
        router.nftables.slice(exported.length),
        /^# .*\ntable inet lync_ports {\n {2}chain lab_prerouting {\n {4}type filter hook prerouting priority dstnat - 10; policy drop;\n {4}jump fw_\w+\n {2}}\n}\n$/,
      );
      assert.equal(router.nftables.match(/jump (\w+)/g)?.join(), `jump ${router.chain}`);
    }
    // No publicIp in the file: no NAT.
    assert.deepEqual(plan.nat, []);
    assert.doesNotMatch(plan.routers[0].nftables, /lync_ports_lab_nat|dnat to|snat to/);
  });

  test('one probe per required flow, and a sample the rules drop', () => {
    assert.deepEqual(brief(plan), [
      'required X1  [external] 203.0.113.10 -> 131.107.155.10 tcp/5269 pass',
      'required X2  [external] 131.107.155.10 -> 203.0.113.10 tcp/5269 pass',
      'required X3  [internal] 192.168.10.90 -> 172.25.33.10 tcp/23456 pass',
      'negative X1 wrongPort [external] 203.0.113.10 -> 131.107.155.10 tcp/5270 drop',
      'negative X1 wrongTransport [external] 203.0.113.10 -> 131.107.155.10 udp/5269 drop',
      'negative - sensitive [external] 203.0.113.10 -> 131.107.155.10 tcp/22 drop',
      'negative X2 wrongPort [external] 131.107.155.10 -> 203.0.113.10 tcp/5270 drop',
      'negative X2 wrongTransport [external] 131.107.155.10 -> 203.0.113.10 udp/5269 drop',
      'negative - sensitive [external] 203.0.113.10 -> 131.107.155.20 tcp/3389 drop',
      'negative - sensitive [external] 203.0.113.10 -> 131.107.155.30 tcp/445 drop',
      'negative - sensitive [external] 203.0.113.10 -> 172.25.33.10 udp/161 drop',
      'negative X3 reverse [internal] 172.25.33.10 -> 192.168.10.90 tcp/23456 drop',
      'negative X3 wrongPort [internal] 192.168.10.90 -> 172.25.33.10 tcp/23457 drop',
      'negative X3 wrongTransport [internal] 192.168.10.90 -> 172.25.33.10 udp/23456 drop',
      'negative - sensitive [internal] 192.168.10.254 -> 131.107.155.10 tcp/22 drop',
      'negative - sensitive [internal] 192.168.10.254 -> 131.107.155.20 tcp/3389 drop',
      'negative - sensitive [internal] 192.168.10.254 -> 131.107.155.30 tcp/445 drop',
      'negative - sensitive [internal] 192.168.10.254 -> 172.25.33.10 udp/161 drop',
      'negative - sensitive [internal] 192.168.10.254 -> 131.107.155.10 tcp/3389 drop',
    ]);
    assert.deepEqual(plan.unprobed, []);
  });

  test('a listener for every probe, and distinct source ports per address and transport', () => {
    for (const probe of plan.probes)
      assert.ok(
        plan.listeners.some(
          (item) =>
            item.namespace === (probe.arrivesAt ?? probe.to).namespace &&
            item.address === (probe.arrivesAt ?? probe.to).address &&
            item.transport === probe.transport &&
            item.port === probe.port,
        ),
        probe.id,
      );
    const sources = plan.probes.map((probe) => `${probe.from.address}|${probe.transport}|${probe.sourcePort}`);
    assert.equal(new Set(sources).size, sources.length);
    assert.deepEqual(
      plan.probes.map((probe) => probe.id),
      plan.probes.map((_, k) => `p${k + 1}`),
    );
  });
});

describe('the lab plan of a richer topology (DNS load balancing, NAT, Directors)', () => {
  const result = checkTopology(readExample('lync2013-dnslb-nat-director.topology.yaml'));
  const planned = labPlan(result);
  assert.ok(planned.ok);
  const plan = planned.plan;

  test("a NAT interface's public address belongs to the external router, which translates it", () => {
    const of = (label: string) =>
      plan.addresses
        .filter((item) => item.label === label)
        .map((item) => `${item.namespace} ${item.address} ${item.kind}`);
    assert.deepEqual(of('edge01.accessEdge'), ['n1 10.45.16.10 interface', 'r0 131.107.155.10 public']);
    assert.deepEqual(of('rp01.external'), ['n1 10.45.16.40 interface', 'r0 131.107.155.40 public']);
    assert.deepEqual(of('dir02.primary'), ['n2 192.168.10.51 interface']);
    assert.deepEqual(
      plan.nat.map((nat) => `${nat.router} ${nat.inside}>${nat.outside} ${nat.device} ${nat.private}=${nat.public}`),
      [
        'r0 n1>n0 n0 10.45.16.10=131.107.155.10',
        'r0 n1>n0 n0 10.45.16.20=131.107.155.20',
        'r0 n1>n0 n0 10.45.16.30=131.107.155.30',
        'r0 n1>n0 n0 10.45.16.11=131.107.155.11',
        'r0 n1>n0 n0 10.45.16.21=131.107.155.21',
        'r0 n1>n0 n0 10.45.16.31=131.107.155.31',
        'r0 n1>n0 n0 10.45.16.40=131.107.155.40',
      ],
    );
  });

  test("the external router's NAT: DNAT in, SNAT out and for the hairpin; the filter is the export's", () => {
    const [external, internal] = plan.routers;
    const exported = renderExport(result, 'nftables');
    assert.ok(external.nftables.startsWith(exported));
    const nat = external.nftables.slice(external.nftables.indexOf('table ip lync_ports_lab_nat'));
    assert.match(
      nat,
      /\n {4}type nat hook prerouting priority dstnat; policy accept;\n {4}ip daddr 131\.107\.155\.10 dnat to 10\.45\.16\.10\n/,
    );
    assert.match(nat, /\n {4}ip saddr 10\.45\.16\.30 oifname "n0" snat to 131\.107\.155\.30\n/);
    assert.match(nat, /\n {4}ip saddr 10\.45\.16\.30 ct status dnat snat to 131\.107\.155\.30\n/);
    assert.equal(nat.match(/ dnat to /g)?.length, 7);
    assert.equal(nat.match(/ snat to /g)?.length, 14);
    // The internal firewall translates nothing.
    assert.doesNotMatch(internal.nftables, /lync_ports_lab_nat/);
  });

  test('the Internet has no route to a NAT-ed private address; the router none to the public ones', () => {
    const of = (namespace: string) => plan.routes.filter((route) => route.namespace === namespace);
    const destinations = (namespace: string) => of(namespace).map((route) => route.destination);
    assert.ok(destinations('n0').includes('131.107.155.10/32'));
    assert.ok(!destinations('n0').includes('10.45.16.10/32'));
    // Not NAT-ed (the Edge internal interface): routed as before.
    assert.ok(destinations('n0').includes('172.25.33.10/32'));
    assert.ok(destinations('r0').includes('10.45.16.10/32'));
    assert.ok(!destinations('r0').some((destination) => destination.startsWith('131.107.155.')));
    // The perimeter and the corporate network reach the public addresses through the external router.
    assert.deepEqual(
      of('n1').filter((route) => route.destination === '131.107.155.30/32'),
      [{ namespace: 'n1', destination: '131.107.155.30/32', via: '100.64.1.10' }],
    );
  });

  test('probes to a NAT-ed interface go to its public address and arrive at the private one', () => {
    const line = (probe: LabPlan['probes'][number]) =>
      `${probe.flow} ${probe.from.address} -> ${probe.to.address}` +
      `${probe.arrivesAt ? ` @${probe.arrivesAt.address}` : ''}${probe.seenFrom ? ` as ${probe.seenFrom}` : ''} ` +
      `${probe.transport}/${probe.port}`;
    const required = plan.probes.filter((probe) => probe.kind === 'required');
    // Inbound: the source is kept (L-AV: inbound DNAT keeps the source IP intact).
    assert.deepEqual(required.filter((probe) => probe.flow === 'X1').map(line), [
      'X1 203.0.113.10 -> 131.107.155.10 @10.45.16.10 tcp/5269',
      'X1 203.0.113.10 -> 131.107.155.11 @10.45.16.11 tcp/5269',
    ]);
    // Outbound: sent from the private address, seen from the public one.
    assert.deepEqual(required.filter((probe) => probe.flow === 'X2').map(line), [
      'X2 10.45.16.10 -> 203.0.113.10 as 131.107.155.10 tcp/5269',
      'X2 10.45.16.11 -> 203.0.113.10 as 131.107.155.11 tcp/5269',
    ]);
    // The hairpin (E17): each A/V Edge to each public A/V address, seen from its own public address.
    assert.deepEqual(required.filter((probe) => probe.flow === 'E17' && probe.port === 50000).map(line), [
      'E17 10.45.16.30 -> 131.107.155.30 @10.45.16.30 as 131.107.155.30 udp/50000',
      'E17 10.45.16.30 -> 131.107.155.31 @10.45.16.31 as 131.107.155.30 udp/50000',
      'E17 10.45.16.31 -> 131.107.155.30 @10.45.16.30 as 131.107.155.31 udp/50000',
      'E17 10.45.16.31 -> 131.107.155.31 @10.45.16.31 as 131.107.155.31 udp/50000',
    ]);
    assert.equal(required.filter((probe) => probe.flow === 'E17').length, 12);
    for (const probe of plan.probes) {
      // Nothing is sent to a NAT-ed private address from the Internet, nor from a public address.
      if (probe.from.namespace === 'n0') assert.ok(!/^10\.45\.16\./.test(probe.to.address), probe.id);
      assert.equal(probe.from.kind === 'public', false, probe.id);
      assert.equal(probe.to.kind === 'public', probe.arrivesAt !== undefined, probe.id);
    }
  });

  test('every required flow that crosses a firewall is probed, from each member to each member', () => {
    const probed = new Set(plan.probes.filter((probe) => probe.kind === 'required').map((probe) => probe.flow));
    const crossing = result.analysis.flows.filter((flow) => flow.firewalls.length > 0).map((flow) => flow.id);
    assert.deepEqual(
      crossing.filter((id) => !probed.has(id)),
      [],
    );
    // The Edge's SIP to the Director pool: both Edge servers to both Directors.
    const toDirectors = plan.probes.filter(
      (probe) => probe.kind === 'required' && /^dir0[12]/.test(probe.to.label) && probe.port === 5061,
    );
    assert.deepEqual(
      toDirectors.map((probe) => `${probe.from.label} -> ${probe.to.label}`),
      [
        'edge01.internal -> dir01.primary',
        'edge01.internal -> dir02.primary',
        'edge02.internal -> dir01.primary',
        'edge02.internal -> dir02.primary',
      ],
    );
  });

  test('a port range is probed at its bounds and once inside', () => {
    const media = plan.probes.filter(
      (probe) =>
        probe.kind === 'required' &&
        probe.from.label === 'edge01.avEdge' &&
        probe.to.kind === 'sample' &&
        probe.to.label === 'internet' &&
        probe.transport === 'tcp' &&
        probe.port >= 50000,
    );
    assert.deepEqual(
      media.map((probe) => probe.port),
      [50000, 54999, 59999],
    );
  });

  test('what the lab cannot send is listed with its reason: flows inside one network', () => {
    assert.deepEqual(
      plan.unprobed.map((item) =>
        `${item.flow} ${item.reason} ${item.from?.label ?? ''} ${item.to?.label ?? ''}`.trim(),
      ),
      ['D03 noFirewall', 'D04 noFirewall', 'D05 noFirewall', 'D06 noFirewall'],
    );
  });

  test('no negative lies inside a required flow, and each one is dropped on its way', () => {
    const negatives = plan.probes.filter((probe) => probe.kind === 'negative');
    assert.ok(negatives.length >= 8, `${negatives.length} negatives`);
    assert.ok(new Set(negatives.map((probe) => probe.why)).size >= 3);
    for (const probe of negatives) {
      const inside = result.analysis.flows.some(
        (flow) =>
          flow.service[probe.transport].some((range) => range.from <= probe.port && probe.port <= range.to) &&
          flow.src.all.intervals.length > 0 &&
          holdsSet(flow.src.all, probe.from.address) &&
          holdsSet(flow.dst.all, probe.to.address),
      );
      assert.ok(!inside, `${probe.id} is a required flow`);
      assert.ok(probe.firewalls.length > 0);
    }
  });
});

function holdsSet(set: { intervals: readonly (readonly [bigint, bigint])[] }, address: string): boolean {
  const point = parseAddressOrCidr(address);
  assert.ok(point.ok);
  const [[lo]] = point.set.intervals;
  return set.intervals.some(([a, b]) => a <= lo && lo <= b);
}

describe('the lab plan of every example', () => {
  for (const file of exampleFiles()) {
    test(file.replace(/^.*\//, ''), () => {
      const text = readExample(file.replace(/^.*\//, ''));
      const plan = planOf(text);
      // Sample hosts lie in their network's subnet, or (the Internet) outside every address of the file.
      for (const item of plan.addresses.filter((address) => address.kind === 'sample')) {
        const network = plan.namespaces.find((namespace) => namespace.id === item.namespace)!;
        const model = checkTopology(text).model.networks.find((n) => n.name === network.name)!;
        if (model.subnets.length > 0) assert.ok(holds(model.subnets[0], item.address), item.address);
      }
      const addresses = plan.addresses.map((item) => item.address);
      assert.equal(new Set(addresses).size, addresses.length);
      assert.ok(plan.probes.some((probe) => probe.kind === 'required'));
      assert.ok(plan.probes.some((probe) => probe.kind === 'negative'));
    });
  }
});

describe('limits and collisions', () => {
  test('a public address with no router to an external network stays with its interface, untranslated', () => {
    // The external firewall joins the perimeter to another internal network: nothing translates the Edge.
    const text = readExample('lync2013-single-edge-nat.topology.yaml').replace(
      'between: [internet, dmz]',
      'between: [corp, dmz]',
    );
    const plan = planOf(text);
    assert.deepEqual(plan.nat, []);
    assert.deepEqual(
      plan.addresses
        .filter((item) => item.label === 'edge01.accessEdge')
        .map((item) => `${item.namespace} ${item.kind}`),
      ['n1 interface', 'n1 public'],
    );
    assert.ok(plan.routers.every((router) => !router.nftables.includes('lync_ports_lab_nat')));
    assert.ok(plan.probes.every((probe) => probe.arrivesAt === undefined && probe.seenFrom === undefined));
  });

  test('a file that uses 100.64.0.0/16 gets its transfer subnets from 198.18.0.0/16', () => {
    const text = readExample('contoso.topology.yaml')
      .replace('192.168.10.0/24', '100.64.10.0/24')
      .replace('192.168.10.90', '100.64.10.90');
    const plan = planOf(text);
    assert.deepEqual(
      plan.bridges.map((bridge) => bridge.address),
      ['198.18.0.1/24', '198.18.1.1/24', '198.18.2.1/24'],
    );
  });

  test('more networks than the lab builds is refused with the reason', () => {
    const networks = Array.from({ length: 65 }, (_, k) => `  n${k}: { zone: internal, subnets: [10.${k}.0.0/24] }`);
    const text = `topology: { product: sfb2015 }\nnetworks:\n${networks.join('\n')}\n`;
    const planned = labPlan(checkTopology(text));
    assert.deepEqual(planned, {
      ok: false,
      id: 'lab/tooManyNetworks',
      data: { count: 65, max: 64 },
      reason: '65 networks: the lab builds at most 64',
    });
  });

  test('a firewall between networks the file does not define is left out, by name', () => {
    const text = readExample('contoso.topology.yaml').replace('between: [corp, perimeter]', 'between: [corp, nowhere]');
    const plan = planOf(text);
    assert.deepEqual(plan.skippedFirewalls, ['internal']);
    assert.deepEqual(
      plan.namespaces.map((namespace) => namespace.id),
      ['n0', 'n1', 'n2', 'r0'],
    );
  });

  test('an IPv6-only network: its flows are listed as not probed, with no address to send from', () => {
    const text = readExample('contoso.topology.yaml')
      .replace('192.168.10.0/24', '2001:db8:10::/64')
      .replace('192.168.10.90', '2001:db8:10::90');
    const plan = planOf(text);
    assert.deepEqual(plan.unprobed, [{ flow: 'X3', row: 'X3', reason: 'noAddress', from: undefined, to: undefined }]);
    assert.deepEqual(
      plan.probes.filter((probe) => probe.kind === 'required').map((probe) => probe.flow),
      ['X1', 'X2'],
    );
    assert.deepEqual(
      plan.addresses.filter((item) => item.namespace === 'n2'),
      [],
    );
  });
});
