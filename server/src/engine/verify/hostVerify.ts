import type { CheckOptions } from '../check';
import { ExplanationLedger } from '../flows/ledger';
import { edgeInterfaceOf, requiredFlows } from '../flows/required';
import type { FlowMember, FlowSide, RequiredFlow } from '../flows/requiredFlow';
import { evaluateRequiredFlow } from '../flows/sourcePorts';
import { type AddressSet, intersect, parseAddressOrCidr, union } from '../model/address';
import type {
  FirewallModel,
  InterfaceModel,
  NetworkModel,
  RuleModel,
  ServerModel,
  TopologyModel,
} from '../model/model';
import { buildModel } from '../model/build';
import { CHECK_ORDER } from '../rules/registry';
import type { RuleContext } from '../rules/rule';
import type { Diagnostic, DiagnosticCode } from '../types';
import type { ParsedTopology } from '../yaml/parse';

// A host firewall (Windows Firewall on an Edge server) sees the required flows from one end: the
// flows that start or end at the server's own interfaces, at their private addresses (a NAT
// address never reaches the host), whichever perimeter firewall they cross. A flow aimed at a
// hardware load balancer's VIP reaches the host at the interface behind the VIP (the balancer
// forwards it there; traffic the pool sends leaves each server from its own address, and an
// SNAT-ing balancer rewrites it only after the host). The check runs the very rules/ modules of
// `check` on a topology of one firewall, the host's, whose required flows are those views.

/** Which of the host's directions a rule list decides (Windows' Inbound and Outbound, iptables' INPUT and OUTPUT). */
export type HostList = 'inbound' | 'outbound' | 'both';

/**
 * The codes a host's rules are checked for. wrong-firewall and the topology's own codes
 * (internal-vip, nat-topology, ...) are the perimeter's: the host is not on another flow's way,
 * and its topology is checked on the topology file.
 */
export const HOST_CODES: readonly DiagnosticCode[] = [
  'missing-flow',
  'wrong-port',
  'wrong-transport',
  'reversed-flow',
  'blocked-flow',
  'shadowed-rule',
  'overly-permissive',
  'duplicate-rule',
  'unneeded-rule',
];

export function edgeServerNamed(model: TopologyModel, name: string): ServerModel | undefined {
  return model.servers.find((server) => server.name === name && server.role === 'edge');
}

function privateAddress(item: InterfaceModel | undefined): AddressSet | undefined {
  const parsed = item?.ip === undefined ? undefined : parseAddressOrCidr(item.ip);
  return parsed?.ok ? parsed.set : undefined;
}

/** Every private address of the server: what the host's own side of a rule can be. */
function ownAddresses(server: ServerModel): AddressSet {
  return union(...server.interfaces.flatMap((item) => privateAddress(item) ?? []));
}

/** The member as it reaches the host, or undefined when it is not the host. */
function ownMember(member: FlowMember, server: ServerModel, model: TopologyModel): FlowMember | undefined {
  const prefix = `${server.name}.`;
  let interfaces: InterfaceModel[] = [];
  if (member.nodeId === server.name) interfaces = server.interfaces;
  else if (member.nodeId.startsWith(prefix))
    interfaces = server.interfaces.filter((item) => item.name === member.nodeId.slice(prefix.length));
  else if (
    member.nodeId.startsWith('vip.') &&
    model.settings.edge.vips.some((vip) => `vip.${vip.name}` === member.nodeId)
  ) {
    const behind = edgeInterfaceOf(server, member.nodeId.slice('vip.'.length), model);
    interfaces = behind ? [behind] : [];
  }
  const addresses = interfaces.flatMap((item) => privateAddress(item) ?? []);
  if (addresses.length === 0) return undefined;
  const endpoint = interfaces.length === 1 ? `${server.name}.${interfaces[0].name}` : server.name;
  return { nodeId: endpoint, endpoint, alternatives: [union(...addresses)] };
}

/** The flow as the host sees it from `side`, or undefined when that end is not the host. */
function hostView(flow: RequiredFlow, server: ServerModel, model: TopologyModel, side: 'src' | 'dst') {
  const members: FlowMember[] = [];
  for (const member of flow[side].members) {
    const own = ownMember(member, server, model);
    // A VIP and the node behind it (rows that use both) are one address on the host.
    if (own && !members.some((known) => known.nodeId === own.nodeId)) members.push(own);
  }
  if (members.length === 0) return undefined;
  const narrowed: FlowSide = {
    ...flow[side],
    existential: false,
    members,
    all: union(...members.flatMap((member) => member.alternatives)),
    endpoints: members.map((member) => member.endpoint),
  };
  // Its own id: the ledger tells a flow's two views apart by it (a host's flow to itself).
  return { ...flow, id: `${flow.id}:${side}`, [side]: narrowed } as RequiredFlow;
}

/**
 * The host's rule as its firewall reads it: the local side of an inbound rule (Windows'
 * LocalAddress, the destination of an INPUT rule: netfilter calls INPUT only for packets
 * delivered to the host) is where the packet reaches the host, so `Any` there is the host's own
 * addresses, no more; likewise the source of an outbound (OUTPUT) rule.
 */
function onHost(rule: RuleModel, host: FirewallModel, own: AddressSet, list: HostList): RuleModel {
  if (list === 'inbound') return { ...rule, firewall: host.name, dst: intersect(rule.dst, own) };
  if (list === 'outbound') return { ...rule, firewall: host.name, src: intersect(rule.src, own) };
  return { ...rule, firewall: host.name };
}

/**
 * The findings of the host's rules, spliced in place of firewall `carrier`'s rules in `parsed`,
 * at their places in that spliced text (verify.ts puts them on the dump's lines). Only the model
 * and the required flows are built: the perimeter's analysis is the topology's own check.
 */
export function hostFindings(
  parsed: ParsedTopology,
  carrier: string,
  server: ServerModel,
  list: HostList,
  options: CheckOptions,
): Diagnostic[] {
  const { model } = buildModel(parsed, options);
  const { flows: required, problems } = requiredFlows(model);
  const carried = model.firewalls.find((firewall) => firewall.name === carrier);
  if (!carried) return [];
  const own = ownAddresses(server);
  // The host is a network of its own behind its firewall: what is inside is the server itself.
  const inside: NetworkModel = {
    name: `host:${server.name}`,
    zone: 'perimeter',
    subnets: [],
    addresses: own,
    path: server.path,
  };
  const external = model.networks.find((network) => network.zone === 'external');
  const host: FirewallModel = {
    ...carried,
    name: server.name,
    between: external ? [external.name, inside.name] : [inside.name],
    rules: [],
  };
  host.rules = carried.rules.map((rule) => onHost(rule, host, own, list));
  const sides: ('dst' | 'src')[] = list === 'inbound' ? ['dst'] : list === 'outbound' ? ['src'] : ['dst', 'src'];
  // A flow the host does not see stays, crossing no firewall: rules/ then knows its row is bound.
  const flows = required.flatMap((flow): RequiredFlow[] => {
    const views = sides.flatMap((side) => hostView(flow, server, model, side) ?? []);
    return views.length > 0 ? views.map((view) => ({ ...view, firewalls: [host] })) : [{ ...flow, firewalls: [] }];
  });
  const reported: Diagnostic[] = [];
  const context: RuleContext = {
    parsed,
    model: { ...model, networks: [...model.networks, inside], firewalls: [host] },
    flows,
    // Rows no firewall can carry have their finding on the topology; a host rule for one is not judged.
    problems,
    evaluations: flows.filter((flow) => flow.firewalls.length > 0).map((flow) => evaluateRequiredFlow(flow, host)),
    ledger: new ExplanationLedger(),
    reported,
    // One check of the dump, never re-checked: no session keeps its findings.
    keepsFindings: false,
  };
  for (const step of CHECK_ORDER)
    if (step.codes.some((code) => HOST_CODES.includes(code)))
      reported.push(...step.check(context).filter((finding) => HOST_CODES.includes(finding.code)));
  return sortAndDedupe(reported);
}

/** As check.ts sorts its findings: by place, one per code, catalog row and place. */
function sortAndDedupe(findings: Diagnostic[]): Diagnostic[] {
  const sorted = [...findings].sort(
    (a, b) => a.range.startOffset - b.range.startOffset || a.range.endOffset - b.range.endOffset,
  );
  const seen = new Set<string>();
  return sorted.filter((finding) => {
    const key = [finding.code, finding.catalogRowId ?? '', finding.range.startOffset, finding.range.endOffset].join(
      '|',
    );
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
