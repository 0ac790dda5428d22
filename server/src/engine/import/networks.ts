import { parseAddressOrCidr } from '../model/address';
import type { ImportedServer, TopologyDescription } from './description';

// The topology XML knows addresses, not networks or firewalls. The proposal: the Edge external
// side, the Edge internal side and the internal servers each in a network of the /24 (IPv6: /64)
// around their addresses, the Internet outside, and a firewall on each side of the perimeter. The
// written file asks the user to confirm it.

export interface ProposedNetwork {
  name: string;
  zone: 'external' | 'perimeter' | 'internal';
  subnets: string[];
}

export interface NetworkProposal {
  networks: ProposedNetwork[];
  firewalls: Array<{ name: string; between: [string, string] }>;
  /** The network of a server's interface (or of a VIP, by the interface it stands for). */
  networkOf(interfaceName: string, role: ImportedServer['role']): string;
}

const EXTERNAL = 'dmz-external';
const INTERNAL = 'dmz-internal';
const CORP = 'corp';

export function proposeNetworks(description: TopologyDescription): NetworkProposal {
  const subnets = new Map<string, string[]>([
    [EXTERNAL, []],
    [INTERNAL, []],
    [CORP, []],
  ]);
  const networkOf = (interfaceName: string, role: ImportedServer['role']) =>
    role !== 'edge' ? CORP : interfaceName === 'internal' ? INTERNAL : EXTERNAL;
  const add = (network: string, ip: string) => {
    const subnet = subnetAround(ip);
    const list = subnets.get(network) as string[];
    if (subnet && !list.includes(subnet)) list.push(subnet);
  };
  for (const server of description.servers)
    for (const item of server.interfaces) add(networkOf(item.name, server.role), item.ip);
  for (const [name, ip] of Object.entries(description.edge?.vips ?? {})) add(networkOf(name, 'edge'), ip as string);
  if (description.directorVip) add(CORP, description.directorVip);

  const hasEdge = description.servers.some((server) => server.role === 'edge');
  const networks: ProposedNetwork[] = [];
  if (hasEdge) networks.push({ name: 'internet', zone: 'external', subnets: [] });
  for (const [name, zone] of [
    [EXTERNAL, 'perimeter'],
    [INTERNAL, 'perimeter'],
    [CORP, 'internal'],
  ] as const) {
    const list = subnets.get(name) as string[];
    if (list.length > 0) networks.push({ name, zone, subnets: list });
  }
  const present = new Set(networks.map((network) => network.name));
  const firewalls: NetworkProposal['firewalls'] = [];
  if (hasEdge && present.has(EXTERNAL)) firewalls.push({ name: 'external', between: ['internet', EXTERNAL] });
  if (hasEdge && present.has(INTERNAL) && present.has(CORP))
    firewalls.push({ name: 'internal', between: [CORP, INTERNAL] });
  return { networks, firewalls, networkOf };
}

/** The /24 around an IPv4 address, the /64 around an IPv6 one; undefined for anything else. */
export function subnetAround(ip: string): string | undefined {
  // A CIDR or a range is no single address.
  if (/[/-]/.test(ip) || !parseAddressOrCidr(ip).ok) return undefined;
  if (!ip.includes(':')) return `${ip.split('.').slice(0, 3).join('.')}.0/24`;
  {
    const groups = expandIpv6(ip).slice(0, 4);
    return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
  }
  return undefined;
}

function expandIpv6(ip: string): string[] {
  const [head, tail] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right];
}
