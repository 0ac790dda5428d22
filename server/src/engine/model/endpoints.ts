import { ANY, EMPTY, formatAddressSet, parseAddressOrCidr, union } from './address';
import type { MessageData } from '../messageFormat';
import { suggestionText } from '../yaml/texts';
import type { EndpointRef, TopologyModel } from './model';
import { allVips } from './settings';

// What a rule's `from` and `to` texts name: any, a server, an interface, a pool, a network, an
// Edge VIP or an address. Model building, hover and completion read endpoints the same way.

export function endpointCandidates(model: TopologyModel): string[] {
  return [
    'any',
    ...model.servers.map((server) => server.name),
    ...model.servers.flatMap((server) => server.interfaces.map((item) => `${server.name}.${item.name}`)),
    ...model.pools.keys(),
    ...model.networks.map((network) => network.name),
    ...allVips(model.settings).map((vip) => `vip.${vip.name}`),
  ];
}

/** Why an endpoint text resolves to nothing (an unknown-reference text), with the nearest name it might have meant. */
export function unknownEndpointMessage(model: TopologyModel, text: string): [string, MessageData] {
  if (text === '') return ['emptyEndpoint', {}];
  const [serverName, interfaceName] = text.split('.', 2);
  const server = model.servers.find((candidate) => candidate.name === serverName);
  if (server && interfaceName !== undefined && !model.pools.has(text)) {
    const names = server.interfaces.map((item) => item.name);
    const suggestion = suggestionText(interfaceName, names);
    return [
      'noInterface',
      { server: server.name, interface: interfaceName, suggestion, interfaces: names.join(', ') || '(none)' },
    ];
  }
  return ['noEndpoint', { text, suggestion: suggestionText(text, endpointCandidates(model)) }];
}

/** What an endpoint text refers to. Server names win over network names, which win over pools. */
export function resolveEndpoint(model: TopologyModel, text: string): Omit<EndpointRef, 'path' | 'text'> {
  if (text.toLowerCase() === 'any') return { kind: 'any', addresses: ANY };
  const server = model.servers.find((candidate) => candidate.name === text);
  if (server)
    return {
      kind: 'server',
      target: server.name,
      addresses: union(...server.interfaces.map((item) => item.addresses)),
    };
  const dot = text.indexOf('.');
  if (dot > 0) {
    const owner = model.servers.find((candidate) => candidate.name === text.slice(0, dot));
    const found = owner?.interfaces.find((item) => item.name === text.slice(dot + 1));
    if (owner && found)
      return { kind: 'interface', target: owner.name, interfaceName: found.name, addresses: found.addresses };
  }
  const network = model.networks.find((candidate) => candidate.name === text);
  if (network) return { kind: 'network', target: network.name, addresses: network.addresses };
  const members = model.pools.get(text);
  if (members) {
    const servers = model.servers.filter((candidate) => members.includes(candidate.name));
    return {
      kind: 'pool',
      target: text,
      addresses: union(...servers.flatMap((item) => item.interfaces.map((i) => i.addresses))),
    };
  }
  // `vip.internal`, `vip.accessEdge`, ...: the Edge pool's hardware load balancer VIPs (edge.vips); `vip.director`.
  const vipName = text.startsWith('vip.') ? text.slice(4) : undefined;
  const vip = allVips(model.settings).find((candidate) => vipName !== undefined && candidate.name === vipName);
  if (vip) return { kind: 'vip', target: vip.name, addresses: vip.addresses };
  const parsed = parseAddressOrCidr(text);
  if (parsed.ok) return { kind: text.includes('/') ? 'cidr' : 'address', addresses: parsed.set };
  return { kind: 'unknown', addresses: EMPTY };
}

/**
 * resolveEndpoint on one model, for many texts: a text that is no name of the model (every name
 * a branch of resolveEndpoint may match) goes straight to the address parse, which keeps its own
 * answers per text, as most of a large rule list's sources and destinations do. What a name
 * resolves to is kept: rules name the same servers and interfaces over and over. A class rather
 * than a closure: V8 drops a closure's optimized code, and its callers', once a collection frees
 * the closure (after every check).
 */
export class EndpointResolver {
  private readonly names: Set<string>;
  private readonly named = new Map<string, Omit<EndpointRef, 'path' | 'text'>>();

  constructor(private readonly model: TopologyModel) {
    this.names = new Set<string>([
      ...model.servers.map((server) => server.name),
      ...model.servers.flatMap((server) => server.interfaces.map((item) => `${server.name}.${item.name}`)),
      ...model.networks.map((network) => network.name),
      ...model.pools.keys(),
      ...allVips(model.settings).map((vip) => `vip.${vip.name}`),
    ]);
  }

  resolve(text: string): Omit<EndpointRef, 'path' | 'text'> {
    if (this.names.has(text) || (text.length === 3 && text.toLowerCase() === 'any')) {
      let resolved = this.named.get(text);
      if (!resolved) this.named.set(text, (resolved = resolveEndpoint(this.model, text)));
      return resolved;
    }
    const parsed = parseAddressOrCidr(text);
    if (parsed.ok) return { kind: text.includes('/') ? 'cidr' : 'address', addresses: parsed.set };
    return { kind: 'unknown', addresses: EMPTY };
  }
}

/** One line saying what an endpoint resolves to, for hover and messages. */
export function describeEndpoint(model: TopologyModel, text: string): string {
  const resolved = resolveEndpoint(model, text);
  const where = formatAddressSet(resolved.addresses);
  switch (resolved.kind) {
    case 'any':
      return 'any address';
    case 'server':
      return `server ${resolved.target}: ${where}`;
    case 'interface':
      return `interface ${resolved.interfaceName} of ${resolved.target}: ${where}`;
    case 'pool':
      return `pool ${resolved.target} (${model.pools.get(resolved.target!)?.join(', ')}): ${where}`;
    case 'network':
      return `network ${resolved.target}: ${where}`;
    case 'vip':
      return resolved.target === 'director'
        ? `hardware load balancer VIP of the Director pool: ${where}`
        : `hardware load balancer VIP of the Edge pool's ${resolved.target} interface: ${where}`;
    case 'address':
    case 'cidr':
      return where;
    default:
      return 'nothing defined';
  }
}
