import type { AddressSet } from './address';
import type { PathSegment } from '../yaml/parse';
import type { ServiceSet, ServiceTerm } from './service';
import type { Settings } from './settings';
import type { PortRange, Product, Zone } from '../types';

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
  /** Spelled out from the rule's path when read (ruleParts.ts): a new array each time. */
  path: PathSegment[];
  kind: EndpointKind;
  /** Server, network or pool the text names (for a VIP: the Edge interface it stands for). */
  target?: string;
  interfaceName?: string;
  addresses: AddressSet;
}

export interface ServiceTermModel extends ServiceTerm {
  /**
   * Path of the value holding this term: a service string, or a mapping with transport/port (the
   * rule's own path for the rule's transport/port keys). Spelled out when read, as an endpoint's.
   */
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
  /** Why the rule exists when no feature needs it (`reason`); blank text gives none. */
  reason?: string;
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
  /** Edge pool, XMPP partners, DNS and certificates (settings.ts); NO_SETTINGS in a fallback model. */
  settings: Settings;
}

export function networkOf(model: TopologyModel, name: string | undefined): NetworkModel | undefined {
  return name === undefined ? undefined : model.networks.find((network) => network.name === name);
}
