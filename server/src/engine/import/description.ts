import type { Product } from '../types';

// What the import understood of a topology XML, before it is written as YAML: the servers with
// their roles and addresses, the features the Edge pool offers and the Edge settings.

export type ImportedRole = 'edge' | 'frontEnd' | 'director';
export type EdgeInterfaceName = 'accessEdge' | 'webConferencingEdge' | 'avEdge' | 'internal';
export type ImportedFeature =
  | 'xmppFederation'
  | 'sipFederation'
  | 'remoteUserAccess'
  | 'webConferencing'
  | 'audioVideo'
  | 'edgeInternal'
  | 'dnsAndCrl'
  | 'director';

export interface ImportedInterface {
  name: EdgeInterfaceName | 'primary';
  ip: string;
  /** The NAT address of an Edge external interface. */
  publicIp?: string;
}

export interface ImportedServer {
  /** The computer name: the first label of the machine's FQDN, made unique. */
  name: string;
  fqdn: string;
  role: ImportedRole;
  pool: string;
  services: Array<'xmppGateway' | 'centralManagementStore'>;
  interfaces: ImportedInterface[];
}

export interface ImportedEdge {
  pool: string;
  loadBalancing: 'none' | 'dns' | 'hardware';
  /** One external IP address for the three services (Topology Builder "Use a single FQDN and IP address"). */
  externalIps: 'one' | 'three';
  ports: Partial<Record<'accessEdge' | 'webConferencingEdge' | 'avEdge', number>>;
  /** The hardware load balancer's virtual IPs, by the interface they stand for. */
  vips: Partial<Record<EdgeInterfaceName, string>>;
  nextHop?: string;
}

export interface TopologyDescription {
  name: string;
  product: Product;
  sipDomains: string[];
  servers: ImportedServer[];
  features: ImportedFeature[];
  edge?: ImportedEdge;
  /** The Director pool's hardware load balancer VIP, when it has one. */
  directorVip?: string;
  /** What the user must know or complete, one sentence each (written as comments). */
  notes: string[];
}
