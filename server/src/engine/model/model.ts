import { ANY, AddressSet, EMPTY, formatAddressSet, looksLikeAddress, parseAddressOrCidr, union } from './address';
import { isPlainObject, keyRangeAtPath, ParsedTopology, PathSegment, rangeAtPath } from '../yaml/parse';
import { NO_SERVICE, parsePorts, parseServiceText, ServiceSet, serviceOfTerms, ServiceTerm, transportsOf } from './service';
import { didYouMean } from '../yaml/suggest';
import { parseSettings, Settings } from './settings';
import { Diagnostic, DiagnosticCode, PortRange, Product, PRODUCTS, Zone } from '../types';

// The topology as the analysis sees it: every name resolved to addresses, every service to
// transports and ports, every element with its document path so findings land on the right text.

export interface NetworkModel {
  name: string;
  zone?: Zone;
  subnets: string[];
  addresses: AddressSet;
  path: PathSegment[];
}

export interface InterfaceModel {
  name: string;
  server: string;
  ip?: string;
  publicIp?: string;
  network?: string;
  /** The interface's own address, plus its public NAT address when it has one. */
  addresses: AddressSet;
  /** Each address separately: a firewall rule may name the private or the public (NAT) one. */
  alternatives: AddressSet[];
  path: PathSegment[];
}

export interface ServerModel {
  name: string;
  role?: string;
  pool?: string;
  services: string[];
  interfaces: InterfaceModel[];
  path: PathSegment[];
}

export type EndpointKind = 'any' | 'server' | 'interface' | 'pool' | 'network' | 'address' | 'cidr' | 'vip' | 'unknown';

export interface EndpointRef {
  text: string;
  path: PathSegment[];
  kind: EndpointKind;
  /** Server, network or pool the text names (for a VIP: the Edge interface it stands for). */
  target?: string;
  interfaceName?: string;
  addresses: AddressSet;
}

export interface ServiceTermModel extends ServiceTerm {
  /** Path of the value holding this term: a service string, or a mapping with transport/port. */
  path: PathSegment[];
  form: 'text' | 'object' | 'rule';
}

export interface RuleModel {
  firewall: string;
  index: number;
  name?: string;
  action: 'allow' | 'deny';
  from: EndpointRef[];
  to: EndpointRef[];
  terms: ServiceTermModel[];
  src: AddressSet;
  dst: AddressSet;
  service: ServiceSet;
  /** Source ports (`sourcePort`), when the rule restricts them; absent means any source port. */
  sourcePorts?: PortRange[];
  /** The service as written, for messages and the diagram. */
  serviceText: string;
  /** False when a part did not resolve; such a rule matches nothing, so one typo does not cascade. */
  complete: boolean;
  path: PathSegment[];
}

export interface FirewallModel {
  name: string;
  between: string[];
  defaultAction: 'allow' | 'deny';
  rules: RuleModel[];
  path: PathSegment[];
}

export interface FeatureModel {
  name: string;
  enabled: boolean;
  path: PathSegment[];
}

export interface TopologyModel {
  product: Product;
  name?: string;
  features: FeatureModel[];
  networks: NetworkModel[];
  servers: ServerModel[];
  firewalls: FirewallModel[];
  /** Pool FQDN → names of its servers. */
  pools: Map<string, string[]>;
  sipDomains: string[];
  xmppDomains: string[];
  /** Edge pool, XMPP partners, DNS and certificates (checks/settings.ts); absent in a fallback model. */
  settings?: Settings;
}

export interface ModelOptions {
  defaultProduct?: Product;
}

export function buildModel(parsed: ParsedTopology, options: ModelOptions = {}): { model: TopologyModel; diagnostics: Diagnostic[] } {
  const builder = new ModelBuilder(parsed, options);
  return { model: builder.build(), diagnostics: builder.diagnostics };
}

function entries(value: unknown): [string, unknown][] {
  return isPlainObject(value) ? Object.entries(value) : [];
}

function asList(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

class ModelBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly root: Record<string, unknown>;

  constructor(private readonly parsed: ParsedTopology, private readonly options: ModelOptions) {
    this.root = isPlainObject(parsed.value) ? parsed.value : {};
  }

  private report(code: DiagnosticCode, path: PathSegment[], message: string, onKey = false): void {
    const range = onKey ? keyRangeAtPath(this.parsed, path) : rangeAtPath(this.parsed, path);
    this.diagnostics.push({ code, severity: 'error', message, range });
  }

  build(): TopologyModel {
    const topology = isPlainObject(this.root.topology) ? this.root.topology : {};
    const product = PRODUCTS.includes(topology.product as Product)
      ? (topology.product as Product)
      : this.options.defaultProduct ?? 'lync2013';
    const domains = isPlainObject(this.root.domains) ? this.root.domains : {};
    const model: TopologyModel = {
      product,
      name: asString(topology.name),
      features: entries(this.root.features).map(([name, enabled]) => ({ name, enabled: enabled === true, path: ['features', name] })),
      networks: this.networks(),
      servers: [],
      firewalls: [],
      pools: new Map(),
      sipDomains: asList(domains.sip).map(String),
      xmppDomains: asList(domains.xmpp).map(String),
    };
    model.servers = this.servers(model);
    for (const server of model.servers) {
      if (!server.pool) continue;
      const members = model.pools.get(server.pool) ?? [];
      members.push(server.name);
      model.pools.set(server.pool, members);
    }
    model.settings = parseSettings(
      this.root,
      { edges: model.servers.filter((server) => server.role === 'edge').map((server) => ({ name: server.name, interfaces: new Map(server.interfaces.map((item) => [item.name, item.ip])) })) },
      (code, path, message) => this.report(code, path, message),
    );
    model.firewalls = this.firewalls(model);
    return model;
  }

  private networks(): NetworkModel[] {
    return entries(this.root.networks).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['networks', name];
      const zone = ['external', 'perimeter', 'internal'].includes(value.zone as string) ? (value.zone as Zone) : undefined;
      const subnets = asList(value.subnets).map(String);
      const sets: AddressSet[] = [];
      subnets.forEach((subnet, index) => {
        const parsed = parseAddressOrCidr(subnet);
        if (parsed.ok) sets.push(parsed.set);
        else this.report('invalid-address', [...path, 'subnets', index], `${parsed.reason} (network '${name}')`);
      });
      // The contract: an external network without subnets stands for the Internet.
      const addresses = subnets.length === 0 && zone === 'external' ? ANY : union(...sets);
      return { name, zone, subnets, addresses, path };
    });
  }

  private servers(model: TopologyModel): ServerModel[] {
    const networkNames = model.networks.map((network) => network.name);
    return entries(this.root.servers).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['servers', name];
      const interfaces = entries(value.interfaces).map(([interfaceName, rawInterface]): InterfaceModel => {
        const item = isPlainObject(rawInterface) ? rawInterface : {};
        const interfacePath: PathSegment[] = [...path, 'interfaces', interfaceName];
        const sets: AddressSet[] = [];
        for (const key of ['ip', 'publicIp'] as const) {
          const text = asString(item[key]);
          if (text === undefined) continue;
          const parsed = parseAddressOrCidr(text);
          if (!parsed.ok) this.report('invalid-address', [...interfacePath, key], parsed.reason);
          else if (text.includes('/')) this.report('invalid-address', [...interfacePath, key], `'${text}' is a subnet; an interface has one address, such as 131.107.155.10.`);
          else sets.push(parsed.set);
        }
        const network = asString(item.network);
        if (network !== undefined && !networkNames.includes(network)) {
          this.report('unknown-reference', [...interfacePath, 'network'], `No network is named '${network}'.${didYouMean(network, networkNames)} Define it under networks, or use one of: ${networkNames.join(', ') || '(none defined)'}.`);
        }
        return { name: interfaceName, server: name, ip: asString(item.ip), publicIp: asString(item.publicIp), network, addresses: union(...sets), alternatives: sets, path: interfacePath };
      });
      return {
        name,
        role: asString(value.role),
        pool: asString(value.pool),
        services: asList(value.services).map(String),
        interfaces,
        path,
      };
    });
  }

  private firewalls(model: TopologyModel): FirewallModel[] {
    const networkNames = model.networks.map((network) => network.name);
    return entries(this.root.firewalls).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['firewalls', name];
      const between = asList(value.between).map(String);
      between.forEach((network, index) => {
        if (!networkNames.includes(network)) {
          this.report('unknown-reference', [...path, 'between', index], `Firewall '${name}' stands between '${network}', which is not a network.${didYouMean(network, networkNames)} Networks: ${networkNames.join(', ') || '(none defined)'}.`);
        }
      });
      const rules = Array.isArray(value.rules) ? value.rules : [];
      return {
        name,
        between,
        defaultAction: value.default === 'allow' ? 'allow' : 'deny',
        rules: rules.map((rule, index) => this.rule(model, name, index, rule)),
        path,
      };
    });
  }

  private rule(model: TopologyModel, firewall: string, index: number, raw: unknown): RuleModel {
    const value = isPlainObject(raw) ? raw : {};
    const path: PathSegment[] = ['firewalls', firewall, 'rules', index];
    const from = this.endpoints(model, value.from, [...path, 'from']);
    const to = this.endpoints(model, value.to, [...path, 'to']);
    const { terms, complete: servicesComplete, text } = this.serviceTerms(value, path);
    let sourcePorts: PortRange[] | undefined;
    let sourcePortsComplete = true;
    if (value.sourcePort !== undefined) {
      const parsed = parsePorts(value.sourcePort);
      if (parsed.ok) sourcePorts = parsed.ports;
      else {
        this.report('invalid-port', [...path, 'sourcePort'], parsed.reason);
        sourcePortsComplete = false;
      }
    }
    const complete =
      servicesComplete && sourcePortsComplete && from.length > 0 && to.length > 0 && [...from, ...to].every((ref) => ref.kind !== 'unknown');
    return {
      firewall,
      index,
      name: asString(value.name),
      action: value.action === 'deny' ? 'deny' : 'allow',
      from,
      to,
      terms,
      src: complete ? union(...from.map((ref) => ref.addresses)) : EMPTY,
      dst: complete ? union(...to.map((ref) => ref.addresses)) : EMPTY,
      service: complete ? serviceOfTerms(terms) : NO_SERVICE,
      sourcePorts,
      serviceText: text,
      complete,
      path,
    };
  }

  private serviceTerms(rule: Record<string, unknown>, path: PathSegment[]): { terms: ServiceTermModel[]; complete: boolean; text: string } {
    const terms: ServiceTermModel[] = [];
    let complete = true;
    const texts: string[] = [];
    const addObject = (item: Record<string, unknown>, itemPath: PathSegment[], form: 'object' | 'rule'): void => {
      const transportText = asString(item.transport);
      const transports = transportText === undefined ? undefined : transportsOf(transportText);
      if (!transports) {
        complete = false; // the schema reports a missing or unknown transport
        return;
      }
      const ports = item.port === undefined ? parsePorts('any') : parsePorts(item.port);
      if (!ports.ok) {
        this.report('invalid-port', [...itemPath, 'port'], ports.reason);
        complete = false;
        return;
      }
      const protocol = asString(item.protocol);
      terms.push({ protocol, transportLabel: transportText!.toUpperCase(), transports, ports: ports.ports, portText: ports.text, path: itemPath, form });
      texts.push([protocol, transportText!.toUpperCase(), ports.text].filter(Boolean).join('/'));
    };
    if (rule.service !== undefined) {
      const items = Array.isArray(rule.service) ? rule.service : [rule.service];
      items.forEach((item, k) => {
        const itemPath = Array.isArray(rule.service) ? [...path, 'service', k] : [...path, 'service'];
        if (typeof item === 'string') {
          const parsed = parseServiceText(item);
          if (parsed.ok) {
            terms.push({ ...parsed.term, path: itemPath, form: 'text' });
            texts.push(item.trim());
          } else {
            this.report(parsed.code, itemPath, parsed.reason);
            complete = false;
          }
        } else if (isPlainObject(item)) {
          addObject(item, itemPath, 'object');
        } else {
          complete = false;
        }
      });
    } else if (rule.transport !== undefined) {
      addObject(rule, path, 'rule');
    } else {
      complete = false;
    }
    return { terms, complete: complete && terms.length > 0, text: texts.join(', ') };
  }

  private endpoints(model: TopologyModel, raw: unknown, path: PathSegment[]): EndpointRef[] {
    if (Array.isArray(raw)) return raw.map((item, k) => this.endpoint(model, item, [...path, k]));
    if (raw === undefined || raw === null) return [];
    return [this.endpoint(model, raw, path)];
  }

  private endpoint(model: TopologyModel, raw: unknown, path: PathSegment[]): EndpointRef {
    const text = asString(raw)?.trim() ?? '';
    const resolved = resolveEndpoint(model, text);
    if (resolved.kind === 'unknown') {
      if (looksLikeAddress(text)) {
        const parsed = parseAddressOrCidr(text);
        this.report('invalid-address', path, parsed.ok ? `'${text}' is not an address.` : parsed.reason);
      } else {
        this.report('unknown-reference', path, unknownEndpointMessage(model, text));
      }
    }
    return { ...resolved, text, path };
  }
}

export function endpointCandidates(model: TopologyModel): string[] {
  return [
    'any',
    ...model.servers.map((server) => server.name),
    ...model.servers.flatMap((server) => server.interfaces.map((item) => `${server.name}.${item.name}`)),
    ...model.pools.keys(),
    ...model.networks.map((network) => network.name),
    ...(model.settings?.edge.vips ?? []).map((vip) => `vip.${vip.name}`),
  ];
}

function unknownEndpointMessage(model: TopologyModel, text: string): string {
  if (text === '') return 'The endpoint is empty: write any, a server, server.interface, a pool FQDN, a network, an IP address or a CIDR.';
  const [serverName, interfaceName] = text.split('.', 2);
  const server = model.servers.find((candidate) => candidate.name === serverName);
  if (server && interfaceName !== undefined && !model.pools.has(text)) {
    const names = server.interfaces.map((item) => item.name);
    return `Server '${server.name}' has no interface '${interfaceName}'.${didYouMean(interfaceName, names)} Its interfaces: ${names.join(', ') || '(none)'}.`;
  }
  return `'${text}' names no server, interface, pool or network, and is not an IP address or CIDR.${didYouMean(text, endpointCandidates(model))}`;
}

/** What an endpoint text refers to. Server names win over network names, which win over pools. */
export function resolveEndpoint(model: TopologyModel, text: string): Omit<EndpointRef, 'path' | 'text'> {
  if (text.toLowerCase() === 'any') return { kind: 'any', addresses: ANY };
  const server = model.servers.find((candidate) => candidate.name === text);
  if (server) return { kind: 'server', target: server.name, addresses: union(...server.interfaces.map((item) => item.addresses)) };
  const dot = text.indexOf('.');
  if (dot > 0) {
    const owner = model.servers.find((candidate) => candidate.name === text.slice(0, dot));
    const found = owner?.interfaces.find((item) => item.name === text.slice(dot + 1));
    if (owner && found) return { kind: 'interface', target: owner.name, interfaceName: found.name, addresses: found.addresses };
  }
  const network = model.networks.find((candidate) => candidate.name === text);
  if (network) return { kind: 'network', target: network.name, addresses: network.addresses };
  const members = model.pools.get(text);
  if (members) {
    const servers = model.servers.filter((candidate) => members.includes(candidate.name));
    return { kind: 'pool', target: text, addresses: union(...servers.flatMap((item) => item.interfaces.map((i) => i.addresses))) };
  }
  // `vip.internal`, `vip.accessEdge`, ...: the Edge pool's hardware load balancer VIPs (edge.vips).
  const vip = text.startsWith('vip.') ? model.settings?.edge.vips.find((candidate) => candidate.name === text.slice(4)) : undefined;
  if (vip) return { kind: 'vip', target: vip.name, addresses: vip.addresses };
  const parsed = parseAddressOrCidr(text);
  if (parsed.ok) return { kind: text.includes('/') ? 'cidr' : 'address', addresses: parsed.set };
  return { kind: 'unknown', addresses: EMPTY };
}

/** One line saying what an endpoint resolves to, for hover and messages. */
export function describeEndpoint(model: TopologyModel, text: string): string {
  const resolved = resolveEndpoint(model, text);
  const where = formatAddressSet(resolved.addresses);
  switch (resolved.kind) {
    case 'any': return 'any address';
    case 'server': return `server ${resolved.target}: ${where}`;
    case 'interface': return `interface ${resolved.interfaceName} of ${resolved.target}: ${where}`;
    case 'pool': return `pool ${resolved.target} (${model.pools.get(resolved.target!)?.join(', ')}): ${where}`;
    case 'network': return `network ${resolved.target}: ${where}`;
    case 'vip': return `hardware load balancer VIP of the Edge pool's ${resolved.target} interface: ${where}`;
    case 'address':
    case 'cidr': return where;
    default: return 'nothing defined';
  }
}

export function networkOf(model: TopologyModel, name: string | undefined): NetworkModel | undefined {
  return name === undefined ? undefined : model.networks.find((network) => network.name === name);
}
