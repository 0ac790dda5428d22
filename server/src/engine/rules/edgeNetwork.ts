import { SOURCES } from '../catalog/sources';
import { isSubset, parseAddressOrCidr, type AddressSet } from '../model/address';
import type { InterfaceModel, TopologyModel } from '../model/model';
import { EDGE_EXTERNAL_INTERFACES } from '../model/settings';
import { rangeAtPath } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { report, type Rule, type RuleContext } from './rule';

// An Edge server's internal interface on the network of its external interfaces (code
// edge-network). S-LB: "The edge internal interface must be on a different network than the Edge
// Server external interface and routing between them must be disabled"; Lync 2013's DNS summaries
// (L-SCE-DNS) give the internal adapter a network of its own too (172.25.33.0 beside 10.45.16.0).
// Both sides often sit in networks of zone perimeter (back-to-back firewalls), and one named
// network may declare both subnets, so neither the zone nor the network name decides: the subnet
// does. Two addresses share a network when one subnet declared by the networks the two interfaces
// name holds both. A network without subnets gives nothing to compare, so it gives no finding.

const RULE = '"The edge internal interface must be on a different network than the Edge Server external interface';

const meta = {
  code: 'edge-network',
  severity: 'error',
  summary: "An Edge server's internal interface shares a subnet with one of its external interfaces.",
  docs:
    "An Edge server's internal interface shares a subnet with one of its external interfaces (`accessEdge`, " +
    '`webConferencingEdge`, `avEdge`): Microsoft requires them on different networks, with no routing between ' +
    'them. What counts is the subnet: a declared subnet of the networks the interfaces name that holds both ' +
    'addresses. Both sides may be in perimeter networks, and one network may declare both subnets; a network ' +
    'without subnets is not compared.',
  fixKinds: [],
  messages: {
    sharedSubnet: '{{server}}.internal ({{ip}}) is in {{subnet}} with {{external}} of the same server.',
  },
  details: {
    sharedSubnet:
      `${RULE} and routing between them must be disabled" ({{source}}). Give the internal interface an address in a ` +
      'subnet of its own, such as a perimeter network behind the internal firewall.',
  },
} as const satisfies Rule['meta'];

interface Subnet {
  text: string;
  set: AddressSet;
}

function addressOf(item: InterfaceModel): AddressSet | undefined {
  if (item.ip === undefined || item.ip.includes('/')) return undefined;
  const parsed = parseAddressOrCidr(item.ip);
  return parsed.ok ? parsed.set : undefined;
}

/** The declared subnets of the network named, each parsed once per check and only when asked for. */
function subnetReader(model: TopologyModel): (name: string | undefined) => Subnet[] {
  const parsedByName = new Map<string, Subnet[]>();
  return (name) => {
    if (name === undefined) return [];
    let subnets = parsedByName.get(name);
    if (!subnets) {
      subnets = [];
      for (const text of model.networks.find((network) => network.name === name)?.subnets ?? []) {
        const parsed = parseAddressOrCidr(text);
        if (parsed.ok) subnets.push({ text: text.trim(), set: parsed.set });
      }
      parsedByName.set(name, subnets);
    }
    return subnets;
  };
}

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const out: Diagnostic[] = [];
  const edges = model.servers.filter((server) => server.role === 'edge');
  if (edges.length === 0) return out;
  const subnetsOf = subnetReader(model);
  for (const server of edges) {
    const internal = server.interfaces.find((item) => item.name === 'internal');
    const internalAddress = internal && addressOf(internal);
    if (!internal || !internalAddress) continue;
    const shared: { item: InterfaceModel; subnet: string }[] = [];
    for (const item of server.interfaces) {
      if (!(EDGE_EXTERNAL_INTERFACES as readonly string[]).includes(item.name)) continue;
      const address = addressOf(item);
      if (!address) continue;
      const subnets = [...subnetsOf(internal.network), ...subnetsOf(item.network)];
      const subnet = subnets.find(({ set }) => isSubset(internalAddress, set) && isSubset(address, set));
      if (subnet) shared.push({ item, subnet: subnet.text });
    }
    if (shared.length === 0) continue;
    const subnets = [...new Set(shared.map(({ subnet }) => subnet))];
    const data = {
      server: server.name,
      ip: internal.ip!,
      subnet: `${subnets.length > 1 ? 'subnets' : 'subnet'} ${subnets.join(', ')}`,
      external: shared.map(({ item }) => `${item.name} (${item.ip})`).join(', '),
      source: `"${SOURCES['S-LB'].title}"`,
    };
    out.push(report(meta, 'sharedSubnet', data, { range: rangeAtPath(parsed, [...internal.path, 'ip']) }));
  }
  return out;
}

export const edgeNetwork: Rule<typeof meta> = { meta, check };
