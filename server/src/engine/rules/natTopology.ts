import { overlaps } from '../model/address';
import { requiredRows, settingsOf } from '../flows/required';
import { keyRangeAtPath, rangeAtPath } from '../yaml/parse';
import { didYouMean } from '../yaml/suggest';
import type { Diagnostic, EndpointSelector, Severity } from '../types';
import type { CheckContext } from './featureChecks';
import { EDGE_EXTERNAL_INTERFACES } from '../model/settings';

// The Edge pool's shape (code nat-topology): NAT only on the external side and never with a
// hardware load balancer; every external interface of a NAT-ed server behind NAT; a hardware
// load balancer needs its VIPs; one external IP needs three distinct ports.
// Sources: L-AV and S-ENV (NAT), L-HLB and S-LB (load balancers), L-EDGE-TB (one IP: 5061/444/443).

const NAT_SOURCE = '"Determine external A/V firewall and port requirements for Lync Server 2013"; "Edge Server environmental requirements in Skype for Business Server"';
const HLB_SOURCE = '"Port summary - Scaled consolidated edge with hardware load balancers in Lync Server 2013"';

export function checkEdgeTopology(context: CheckContext): Diagnostic[] {
  const { parsed, model } = context;
  const edge = settingsOf(model).edge;
  const out: Diagnostic[] = [];
  const push = (severity: Severity, range: Diagnostic['range'], message: string, code: Diagnostic['code'] = 'nat-topology') => out.push({ code, severity, message, range });
  const edges = model.servers.filter((server) => server.role === 'edge');

  for (const server of edges) {
    for (const item of server.interfaces) {
      if (item.publicIp === undefined) continue;
      const range = rangeAtPath(parsed, [...item.path, 'publicIp']);
      if (item.name === 'internal') {
        push('error', range, `Interface internal of Edge server '${server.name}' has publicIp ${item.publicIp}, but NAT is supported only on the Edge external interfaces, never on the internal one (${NAT_SOURCE}). Remove publicIp from the internal interface and route the internal network to ${item.ip ?? 'its address'}.`);
      } else if (edge.loadBalancing === 'hardware') {
        push('error', range, `Edge server '${server.name}' is behind hardware load balancers (edge.loadBalancing: hardware), but its ${item.name} interface uses NAT (publicIp ${item.publicIp}). "If you use hardware load balancing (HLB), you need to use publicly routable IP addresses without NAT" (${NAT_SOURCE}; ${HLB_SOURCE}). Give the interface its public address as ip and remove publicIp, or use DNS load balancing.`);
      }
    }
    // Symmetric NAT on all three external interfaces (S-ENV): either all are translated or none.
    const external = server.interfaces.filter((item) => (EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(item.name));
    const translated = external.filter((item) => item.publicIp !== undefined);
    // Only the interfaces the enabled features use count (an unused interface needs no translation).
    const used = usedEdgeInterfaces(context);
    const plain = external.filter((item) => item.publicIp === undefined && used.has(item.name));
    if (edge.loadBalancing !== 'hardware' && translated.length > 0 && plain.length > 0) {
      push('warning', rangeAtPath(parsed, [...plain[0].path, 'ip']), `Edge server '${server.name}' translates ${translated.map((item) => item.name).join(', ')} with NAT but not ${plain.map((item) => item.name).join(', ')}. With private IP addresses "you need to use routable private IP addresses on all three external interfaces" and symmetric NAT for each (${NAT_SOURCE}). Add publicIp to ${plain.map((item) => item.name).join(', ')}, or give every external interface a public address.`);
    }
  }

  const lbRange = edge.loadBalancingExplicit ? rangeAtPath(parsed, ['edge', 'loadBalancing']) : edges.length > 0 ? keyRangeAtPath(parsed, edges[0].path) : keyRangeAtPath(parsed, ['servers']);
  if (edge.loadBalancing === 'none' && edges.length > 1) {
    push('error', lbRange, `The topology has ${edges.length} Edge servers (${edges.map((server) => server.name).join(', ')}) but edge.loadBalancing is none. An Edge pool of several servers uses DNS load balancing or hardware load balancers on both sides (${HLB_SOURCE}; "Load balancing requirements for Skype for Business"). Set edge.loadBalancing to dns or hardware.`);
  }

  if (edge.loadBalancing === 'hardware') {
    const needed = neededVips(context);
    const missing = needed.filter((name) => !edge.vips.some((vip) => vip.name === name));
    if (missing.length > 0) {
      push('error', lbRange, `With hardware load balancers the Edge pool needs a virtual IP for ${missing.join(', ')}: the enabled features send traffic to ${missing.map((name) => `vip.${name}`).join(', ')} (${HLB_SOURCE}, "External/Internal Interface Virtual IPs"). Add them under edge.vips, e.g. edge.vips.${missing[0]}: { ip: ..., network: ... }.`);
    }
  } else if (edge.vips.length > 0) {
    push('warning', keyRangeAtPath(parsed, ['edge', 'vips']), `edge.vips is only used with hardware load balancers, but edge.loadBalancing is ${edge.loadBalancing}${edge.loadBalancingExplicit ? '' : ' (the default)'}. Set edge.loadBalancing: hardware, or remove edge.vips.`);
  }

  const networkNames = model.networks.map((network) => network.name);
  for (const vip of edge.vips) {
    if (vip.network === undefined) {
      push('error', keyRangeAtPath(parsed, vip.path), `VIP ${vip.name} has no network: write edge.vips.${vip.name}: { ip: ..., network: ... } so the checker knows which firewall its traffic crosses.`);
    } else if (!networkNames.includes(vip.network)) {
      push('error', rangeAtPath(parsed, [...vip.path, 'network']), `No network is named '${vip.network}'.${didYouMean(vip.network, networkNames)} Networks: ${networkNames.join(', ') || '(none defined)'}.`, 'unknown-reference');
    }
    if (vip.ip === undefined) push('error', keyRangeAtPath(parsed, vip.path), `VIP ${vip.name} has no ip: write the load balancer's virtual IP address, such as 131.107.155.100.`);
    const clash = edges.flatMap((server) => server.interfaces).find((item) => vip.addresses.intervals.length > 0 && overlaps(item.addresses, vip.addresses));
    if (clash) push('error', rangeAtPath(parsed, [...vip.path, 'ip']), `VIP ${vip.name} (${vip.ip}) is also the address of ${clash.server}.${clash.name}. A hardware load balancer's virtual IP is an address of its own: "a public IP address for each real server interface and one for each HLB VIP" (${HLB_SOURCE}).`);
  }

  if (edge.nextHop !== undefined && !model.pools.has(edge.nextHop) && !model.servers.some((server) => server.name === edge.nextHop)) {
    const candidates = [...model.pools.keys(), ...model.servers.filter((server) => server.role === 'director' || server.role === 'frontEnd').map((server) => server.name)];
    push('error', rangeAtPath(parsed, ['edge', 'nextHop']), `edge.nextHop '${edge.nextHop}' names no pool or server.${didYouMean(edge.nextHop, candidates)} Name the Director or Front End pool FQDN the Edge pool sends SIP to ("Define the next hop" in Topology Builder), such as ${candidates[0] ?? 'pool01.contoso.com'}.`, 'unknown-reference');
  }

  out.push(...checkExternalIps(context));
  return out;
}

/** The Edge interfaces the enabled rows use. */
function usedEdgeInterfaces(context: CheckContext): Set<string> {
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
function neededVips(context: CheckContext): string[] {
  const { model } = context;
  const one = settingsOf(model).edge.externalIps === 'one';
  const names = new Set<string>();
  const visit = (selector: EndpointSelector) => {
    if (selector.kind === 'interface' && selector.role === 'edge') names.add(one && selector.interface !== 'internal' ? 'accessEdge' : selector.interface);
  };
  for (const row of requiredRows(model)) {
    if (row.loadBalanced !== 'vip' && row.loadBalanced !== 'vipAndNodes') continue;
    visit(row.source);
    visit(row.destination);
  }
  return ['accessEdge', 'webConferencingEdge', 'avEdge', 'internal'].filter((name) => names.has(name));
}

/** One external IP: three distinct ports. Three IPs: three distinct addresses. */
function checkExternalIps(context: CheckContext): Diagnostic[] {
  const { parsed, model } = context;
  const edge = settingsOf(model).edge;
  const out: Diagnostic[] = [];
  const source = '"Define your edge topology in Lync Server 2013" (recommended ports with a single FQDN and IP address: 5061 for the Access Edge service, 444 for Web Conferencing, 443 for A/V)';
  if (edge.externalIps === 'one') {
    const entries = Object.entries(edge.ports) as [keyof typeof edge.ports, number][];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        if (entries[i][1] !== entries[j][1]) continue;
        const [a, b] = [entries[i][0], entries[j][0]];
        const at = edge.explicitPorts.includes(b) ? ['edge', 'ports', b] : edge.explicitPorts.includes(a) ? ['edge', 'ports', a] : edge.externalIpsExplicit ? ['edge', 'externalIps'] : ['edge'];
        out.push({
          code: 'nat-topology',
          severity: 'error',
          message: `The Edge external services share one IP address (edge.externalIps: one), so each needs its own port, but ${a} and ${b} both use ${entries[i][1]}. Per ${source}. Change edge.ports.${b}.`,
          range: rangeAtPath(parsed, at),
        });
      }
    }
    return out;
  }
  for (const server of model.servers.filter((candidate) => candidate.role === 'edge')) {
    const external = server.interfaces.filter((item) => (EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(item.name) && item.ip !== undefined);
    for (let i = 0; i < external.length; i++) {
      const twin = external.slice(0, i).find((other) => other.ip === external[i].ip);
      if (!twin) continue;
      const at = edge.externalIpsExplicit ? rangeAtPath(parsed, ['edge', 'externalIps']) : rangeAtPath(parsed, [...external[i].path, 'ip']);
      out.push({
        code: 'nat-topology',
        severity: 'error',
        message: `Edge server '${server.name}' gives ${twin.name} and ${external[i].name} the same IP address ${external[i].ip}, but edge.externalIps is three: with three IP addresses every service listens on 443, which one address cannot do. Give each external interface its own address, or set edge.externalIps: one (ports 5061/444/443 per ${source}).`,
        range: at,
      });
    }
  }
  return out;
}
