import { overlaps } from '../model/address';
import { enabledFeatures, requiredRows } from '../flows/rows';
import { internalVipRouted } from '../flows/required';
import { keyRangeAtPath, rangeAtPath } from '../yaml/parse';
import type { Diagnostic, EndpointSelector } from '../types';
import { EDGE_EXTERNAL_INTERFACES, largestEdgePool } from '../model/settings';
import { report, type Report, type MessageData, type Rule, type RuleContext } from './rule';

// The Edge pool's shape (code nat-topology): NAT only on the external side and never with a
// hardware load balancer; every external interface of a NAT-ed server behind NAT; a hardware
// load balancer needs its VIPs; one external IP needs three distinct ports. Names in the Edge
// settings that point nowhere (a VIP's network, the next hop) are unknown-reference's. Shapes
// Microsoft supports but warns about in words (DNS load balancing and failover, one external IP)
// are info. Sources: L-AV and S-ENV (NAT), L-HLB and S-LB (load balancers), L-EDGE-TB (one IP:
// 5061/444/443).

const NAT_SOURCE =
  '"Determine external A/V firewall and port requirements for Lync Server 2013"; ' +
  '"Edge Server environmental requirements in Skype for Business Server"';
const HLB_SOURCE = '"Port summary - Scaled consolidated edge with hardware load balancers in Lync Server 2013"';
const LB_SOURCE = '"Load balancing requirements for Skype for Business"';
const ENV_SOURCE = '"Edge Server environmental requirements in Skype for Business Server"';
const ONE_IP_SOURCE =
  '"Define your edge topology in Lync Server 2013" (recommended ports with a single FQDN and IP address: ' +
  '5061 for the Access Edge service, 444 for Web Conferencing, 443 for A/V)';

const meta = {
  code: 'nat-topology',
  severity: 'error',
  alsoEmits: ['warning', 'info'],
  summary:
    "The Edge pool's shape does not fit Microsoft's Edge topologies (NAT with load balancers or on the internal " +
    'side, ' +
    'missing VIPs, one-IP port clashes, several Edge servers without load balancing).',
  docs:
    "The Edge pool's shape does not fit Microsoft's Edge topologies: NAT with hardware load balancers, NAT on the " +
    'internal interface, NAT on only some external interfaces, missing or unused VIPs, port clashes when the three ' +
    'services share one IP, several Edge servers without load balancing. As info, the shapes Microsoft supports but ' +
    'warns about: DNS load balancing loses failover for XMPP, public IM and OCS 2007 federation; one external IP ' +
    'is not recommended.',
  fixKinds: [],
  messages: {
    natOnInternal:
      "The internal interface of Edge server '{{server}}' has publicIp {{publicIp}}: NAT is external only.",
    natWithHlb: "Edge server '{{server}}' is behind hardware load balancers, but its {{interface}} interface uses NAT.",
    partialNat: "Edge server '{{server}}' translates {{translated}} with NAT but not {{plain}}.",
    poolWithoutBalancing: 'The topology has {{count}} Edge servers ({{servers}}) but edge.loadBalancing is none.',
    missingVips: 'With hardware load balancers the Edge pool needs a virtual IP for {{missing}}.',
    unusedVips: 'edge.vips is only used with hardware load balancers, but edge.loadBalancing is {{loadBalancing}}.',
    vipWithoutNetwork: 'VIP {{vip}} has no network.',
    vipWithoutIp: 'VIP {{vip}} has no ip.',
    vipIsInterface: 'VIP {{vip}} ({{ip}}) is also the address of {{interface}}.',
    onePortTwice: 'The Edge external services share one IP address, but {{first}} and {{second}} both use {{port}}.',
    oneAddressTwice: "Edge server '{{server}}' gives {{first}} and {{second}} the same IP address {{ip}}.",
    dnsFailover: 'The Edge pool ({{servers}}) uses DNS load balancing, which loses failover for {{scenarios}}.',
    oneIpNotRecommended:
      'The Edge external services share one IP address ({{how}}), which Microsoft does not recommend.',
  },
  details: {
    natOnInternal:
      'NAT is supported only on the Edge ' +
      `external interfaces, never on the internal one (${NAT_SOURCE}). Remove publicIp from the internal interface ` +
      'and route the internal network to {{address}}.',
    natWithHlb:
      'edge.loadBalancing is hardware and the {{interface}} interface has publicIp {{publicIp}}. ' +
      '"If you use hardware load balancing (HLB), you need to use publicly ' +
      `routable IP addresses without NAT" (${NAT_SOURCE}; ${HLB_SOURCE}). Give the interface its public address as ` +
      `ip ` +
      'and remove publicIp, or use DNS load balancing.',
    partialNat:
      'With private IP addresses ' +
      '"you need ' +
      'to use routable private IP addresses on all three external interfaces" and symmetric NAT for each ' +
      `(${NAT_SOURCE}). Add publicIp to {{plain}}, or give every external interface a public address.`,
    poolWithoutBalancing:
      'An Edge pool of several ' +
      `servers uses DNS load balancing or hardware load balancers on both sides (${HLB_SOURCE}; "Load balancing ` +
      'requirements for Skype for Business"). Set edge.loadBalancing to dns or hardware.',
    missingVips:
      'The enabled features send ' +
      'traffic ' +
      `to {{targets}} (${HLB_SOURCE}, "External/Internal Interface Virtual IPs"). Add them under edge.vips, e.g. ` +
      'edge.vips.{{first}}: { ip: ..., network: ... }.',
    unusedVips:
      'edge.loadBalancing is {{loadBalancing}}{{defaulted}}. Set edge.loadBalancing: hardware, or remove edge.vips.',
    vipWithoutNetwork:
      'Write edge.vips.{{vip}}: { ip: ..., network: ... } so the checker knows which firewall its traffic crosses.',
    vipWithoutIp: "Write the load balancer's virtual IP address, such as 131.107.155.100.",
    vipIsInterface:
      "A hardware load balancer's virtual IP is an " +
      'address ' +
      `of its own: "a public IP address for each real server interface and one for each HLB VIP" (${HLB_SOURCE}).`,
    onePortTwice:
      'With edge.externalIps: one each service needs its own port. ' +
      `Per ${ONE_IP_SOURCE}. Change edge.ports.{{second}}.`,
    oneAddressTwice:
      'edge.externalIps is ' +
      'three: with three IP addresses every service listens on 443, which one address cannot do. Give each external ' +
      `interface its own address, or set edge.externalIps: one (ports 5061/444/443 per ${ONE_IP_SOURCE}).`,
    dnsFailover:
      'DNS load balancing{{defaulted}}: ' +
      '"Using DNS load balancing on your Edge Servers causes a loss of failover ability in the following scenarios: ' +
      'Federation with organizations that are running versions of Skype for Business Server released prior to Lync ' +
      'Server 2010. Instant message exchange with users of public instant messaging (IM) services AOL and Yahoo!, in ' +
      'addition to XMPP-based providers and servers, such as Google Talk" ' +
      `(${LB_SOURCE}). They work while every Edge server is up; requests sent to one that is down fail instead of ` +
      'going to another. Use hardware load balancers (edge.loadBalancing: hardware) if they need failover.',
    oneIpNotRecommended:
      'Microsoft: "you can choose to have ' +
      "one IP address for all three services and run them on different ports. But to be clear, we don't recommend " +
      "this. If your customers can't access the alternate ports you'd be using in this scenario, they can't access " +
      `the full functionality of your Edge environment, either" (${ENV_SOURCE}). Give each service its own IP ` +
      'address (edge.externalIps: three) where you can.',
  },
} as const satisfies Rule['meta'];

type MessageId = keyof typeof meta.messages;

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const edge = model.settings.edge;
  const out: Diagnostic[] = [];
  const push = (messageId: MessageId, range: Report['range'], data: MessageData, severity?: 'warning' | 'info') =>
    out.push(report(meta, messageId, data, { severity, range }));
  const edges = model.servers.filter((server) => server.role === 'edge');

  for (const server of edges) {
    for (const item of server.interfaces) {
      if (item.publicIp === undefined) continue;
      const range = rangeAtPath(parsed, [...item.path, 'publicIp']);
      if (item.name === 'internal') {
        push('natOnInternal', range, {
          server: server.name,
          publicIp: item.publicIp,
          address: item.ip ?? 'its address',
        });
      } else if (edge.loadBalancing === 'hardware') {
        push('natWithHlb', range, { server: server.name, interface: item.name, publicIp: item.publicIp });
      }
    }
    // Symmetric NAT on all three external interfaces (S-ENV): either all are translated or none.
    const external = server.interfaces.filter((item) =>
      (EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(item.name),
    );
    const translated = external.filter((item) => item.publicIp !== undefined);
    // Only the interfaces the enabled features use count (an unused interface needs no translation).
    const used = usedEdgeInterfaces(context);
    const plain = external.filter((item) => item.publicIp === undefined && used.has(item.name));
    if (edge.loadBalancing !== 'hardware' && translated.length > 0 && plain.length > 0) {
      const names = (items: typeof external) => items.map((item) => item.name).join(', ');
      const data = { server: server.name, translated: names(translated), plain: names(plain) };
      push('partialNat', rangeAtPath(parsed, [...plain[0].path, 'ip']), data, 'warning');
    }
  }

  const lbRange = edge.loadBalancingExplicit
    ? rangeAtPath(parsed, ['edge', 'loadBalancing'])
    : edges.length > 0
      ? keyRangeAtPath(parsed, edges[0].path)
      : keyRangeAtPath(parsed, ['servers']);
  const pool = largestEdgePool(edges);
  if (edge.loadBalancing === 'none' && pool.length > 1) {
    push('poolWithoutBalancing', lbRange, {
      count: pool.length,
      servers: pool.map((server) => server.name).join(', '),
    });
  }

  if (edge.loadBalancing === 'hardware') {
    const missing = neededVips(context).filter((name) => !edge.vips.some((vip) => vip.name === name));
    if (missing.length > 0) {
      const data = {
        missing: missing.join(', '),
        targets: missing.map((name) => `vip.${name}`).join(', '),
        first: missing[0],
      };
      push('missingVips', lbRange, data);
    }
  } else if (edge.vips.length > 0) {
    const data = { loadBalancing: edge.loadBalancing, defaulted: edge.loadBalancingExplicit ? '' : ' (the default)' };
    push('unusedVips', keyRangeAtPath(parsed, ['edge', 'vips']), data, 'warning');
  }

  for (const vip of edge.vips) {
    if (vip.network === undefined) push('vipWithoutNetwork', keyRangeAtPath(parsed, vip.path), { vip: vip.name });
    if (vip.ip === undefined) push('vipWithoutIp', keyRangeAtPath(parsed, vip.path), { vip: vip.name });
    const clash = edges
      .flatMap((server) => server.interfaces)
      .find((item) => vip.addresses.intervals.length > 0 && overlaps(item.addresses, vip.addresses));
    if (clash)
      push('vipIsInterface', rangeAtPath(parsed, [...vip.path, 'ip']), {
        vip: vip.name,
        ip: String(vip.ip),
        interface: `${clash.server}.${clash.name}`,
      });
  }

  if (edge.loadBalancing === 'dns' && pool.length > 1) {
    const scenarios = failoverScenarios(context);
    if (scenarios.length > 0) {
      const data = {
        servers: pool.map((server) => server.name).join(', '),
        defaulted: edge.loadBalancingExplicit ? '' : ' (the default for several Edge servers)',
        scenarios: scenarios.join(', '),
      };
      push('dnsFailover', lbRange, data, 'info');
    }
  }
  if (edge.externalIps === 'one' && edges.length > 0) {
    const at = edge.externalIpsExplicit
      ? rangeAtPath(parsed, ['edge', 'externalIps'])
      : keyRangeAtPath(parsed, edges[0].path);
    const how = edge.externalIpsExplicit ? 'edge.externalIps: one' : 'the interfaces share an address';
    push('oneIpNotRecommended', at, { how }, 'info');
  }

  out.push(...checkExternalIps(context));
  return out;
}

/** The enabled scenarios S-LB names as losing failover with a DNS-load-balanced Edge pool. */
function failoverScenarios({ model }: RuleContext): string[] {
  const enabled = new Set(enabledFeatures(model));
  const xmpp = enabled.has('xmppFederation') && model.product !== 'sfb2019';
  return [
    ...(enabled.has('sipFederation') && model.settings.edge.ocs2007Federation
      ? ['federation with Office Communications Server 2007 partners (edge.ocs2007Federation)']
      : []),
    ...(enabled.has('publicImConnectivity') ? ['public IM connectivity (publicImConnectivity)'] : []),
    ...(xmpp ? ['XMPP federation (xmppFederation)'] : []),
  ];
}

/** The Edge interfaces the enabled rows use. */
function usedEdgeInterfaces(context: RuleContext): Set<string> {
  const names = new Set<string>();
  const visit = (selector: EndpointSelector) => {
    if (selector.kind === 'interface' && selector.role === 'edge') names.add(selector.interface);
  };
  for (const row of requiredRows(context.model)) {
    visit(row.source);
    visit(row.destination);
  }
  return names;
}

/** The Edge interfaces whose traffic the enabled rows send to a hardware load balancer VIP. */
function neededVips(context: RuleContext): string[] {
  const { model } = context;
  const one = model.settings.edge.externalIps === 'one';
  const names = new Set<string>();
  const visit = (selector: EndpointSelector) => {
    if (selector.kind === 'interface' && selector.role === 'edge')
      names.add(one && selector.interface !== 'internal' ? 'accessEdge' : selector.interface);
  };
  for (const row of requiredRows(model)) {
    if (row.loadBalanced !== 'vip' && row.loadBalanced !== 'vipAndNodes') continue;
    visit(row.source);
    visit(row.destination);
  }
  // Skype for Business Server routes the internal side to each Edge server unless the file says otherwise (S-ENV).
  if (!internalVipRouted(model)) names.delete('internal');
  return ['accessEdge', 'webConferencingEdge', 'avEdge', 'internal'].filter((name) => names.has(name));
}

/** One external IP: three distinct ports. Three IPs: three distinct addresses. */
function checkExternalIps(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const edge = model.settings.edge;
  const out: Diagnostic[] = [];
  if (edge.externalIps === 'one') {
    const entries = Object.entries(edge.ports) as [keyof typeof edge.ports, number][];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        if (entries[i][1] !== entries[j][1]) continue;
        const [a, b] = [entries[i][0], entries[j][0]];
        const explicit = edge.explicitPorts.includes(b) ? b : edge.explicitPorts.includes(a) ? a : undefined;
        const at = explicit
          ? ['edge', 'ports', explicit]
          : edge.externalIpsExplicit
            ? ['edge', 'externalIps']
            : ['edge'];
        out.push(
          report(
            meta,
            'onePortTwice',
            { first: a, second: b, port: entries[i][1] },
            { range: rangeAtPath(parsed, at) },
          ),
        );
      }
    }
    return out;
  }
  for (const server of model.servers.filter((candidate) => candidate.role === 'edge')) {
    const external = server.interfaces.filter(
      (item) => (EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(item.name) && item.ip !== undefined,
    );
    for (let i = 0; i < external.length; i++) {
      const twin = external.slice(0, i).find((other) => other.ip === external[i].ip);
      if (!twin) continue;
      const at = edge.externalIpsExplicit
        ? rangeAtPath(parsed, ['edge', 'externalIps'])
        : rangeAtPath(parsed, [...external[i].path, 'ip']);
      const data = { server: server.name, first: twin.name, second: external[i].name, ip: external[i].ip ?? '' };
      out.push(report(meta, 'oneAddressTwice', data, { range: at }));
    }
  }
  return out;
}

export const natTopology: Rule<typeof meta> = { meta, check };
