import { AddressSet, EMPTY, parseAddressOrCidr } from './address';
import { isPlainObject, PathSegment } from '../yaml/parse';
import { asList, trimmedScalarText } from './values';
import type { DiagnosticCode, EdgePortSetting } from '../types';
import type { MessageData } from '../messageFormat';

// The topology's settings beyond networks, servers and firewalls: the Edge pool (load balancing,
// virtual IPs, one or three external IPs, ports, A/V firewall policy), a Director pool's load
// balancer VIP, the XMPP partners, the DNS records and the certificates. Defaults follow
// ../shared/PORT-CATALOG.md (§2.4, §2.5, §4, §5).

export type LoadBalancing = 'none' | 'dns' | 'hardware';
export type AvFirewallPolicy = 'destinationOnly' | 'sourceAndDestination';

export const EDGE_EXTERNAL_INTERFACES = ['accessEdge', 'webConferencingEdge', 'avEdge'] as const;
export const EDGE_INTERFACES = [...EDGE_EXTERNAL_INTERFACES, 'internal'] as const;
export type EdgeInterfaceName = (typeof EDGE_INTERFACES)[number];

export interface VipModel {
  /** What the VIP stands for: an Edge interface (accessEdge, webConferencingEdge, avEdge, internal) or `director`. */
  name: EdgeInterfaceName | 'director';
  ip?: string;
  network?: string;
  addresses: AddressSet;
  path: PathSegment[];
}

export interface EdgeSettings {
  loadBalancing: LoadBalancing;
  /** False when derived (one Edge server: none; several: dns). */
  loadBalancingExplicit: boolean;
  /** 'one': the three external services share one IP address and differ by port. */
  externalIps: 'one' | 'three';
  externalIpsExplicit: boolean;
  ports: Record<EdgePortSetting, number>;
  /** Ports written under edge.ports (the others are defaults). */
  explicitPorts: EdgePortSetting[];
  avFirewallPolicy: AvFirewallPolicy;
  ocs2007Federation: boolean;
  centralizedLogging: boolean;
  publishHttp: boolean;
  /**
   * Skype for Business Server: the internal VIP carries SIP 5061/5062 and STUN (S-ENV "Internal Interface Virtual
   * IPs": only needed with Exchange 2007/2010 UM or legacy clients). Lync Server 2013 always routes through it.
   */
  internalVipRouting: boolean;
  nextHop?: string;
  /** The Edge pool (FQDN, or a pool-less Edge server) carrying federation and XMPP when there are several. */
  federationRoute?: string;
  fqdns: Partial<Record<EdgeInterfaceName, string>>;
  vips: VipModel[];
  present: boolean;
}

/** Every load balancer VIP a rule may name as `vip.<name>`: the Edge pool's and the Director pool's. */
export function allVips(settings: Settings): VipModel[] {
  return settings.director.vip ? [...settings.edge.vips, settings.director.vip] : settings.edge.vips;
}

export type PartnerType = 'Federated' | 'PublicVerified' | 'PublicUnverified';
export type Negotiation = 'Required' | 'Optional' | 'NotSupported';

export interface XmppPartner {
  index: number;
  domain?: string;
  additionalDomains: string[];
  partnerType: PartnerType;
  tlsNegotiation: Negotiation;
  saslNegotiation: Negotiation;
  supportDialback: boolean;
  enableKeepAlive: boolean;
  proxyFqdn?: string;
  /** Keys written in the file (the others are Microsoft's defaults). */
  explicit: Set<string>;
  path: PathSegment[];
}

export interface DnsRecord {
  location: 'external' | 'internal';
  index: number;
  name: string;
  type: string;
  target?: string;
  port?: number;
  address?: string;
  path: PathSegment[];
}

export interface DnsSettings {
  present: boolean;
  external: DnsRecord[];
  internal: DnsRecord[];
}

export interface CertificateModel {
  subjectName?: string;
  san: string[];
  path: PathSegment[];
}

export interface CertificateSettings {
  present: boolean;
  external?: CertificateModel;
  internal?: CertificateModel;
}

/** A Director pool behind a hardware load balancer (L-DIRHLB): its virtual IP. */
export interface DirectorSettings {
  vip?: VipModel;
  present: boolean;
}

export interface Settings {
  edge: EdgeSettings;
  director: DirectorSettings;
  xmppPartners: XmppPartner[];
  dns: DnsSettings;
  certificates: CertificateSettings;
}

/** Microsoft's defaults for a partner (New-CsXmppAllowedPartner, PORT-CATALOG §5.3). */
export const PARTNER_DEFAULTS = {
  partnerType: 'PublicUnverified' as PartnerType,
  tlsNegotiation: 'Required' as Negotiation,
  saslNegotiation: 'Required' as Negotiation,
  supportDialback: true,
  enableKeepAlive: true,
};

/** Edge ports with three IP addresses (every service on 443) and with one (L-EDGE-TB: 5061/444/443). */
export const PORTS_THREE_IPS: Record<EdgePortSetting, number> = {
  accessEdge: 443,
  webConferencingEdge: 443,
  avEdge: 443,
};
export const PORTS_ONE_IP: Record<EdgePortSetting, number> = {
  accessEdge: 5061,
  webConferencingEdge: 444,
  avEdge: 443,
};

export const NO_SETTINGS: Settings = {
  edge: {
    loadBalancing: 'none',
    loadBalancingExplicit: false,
    externalIps: 'three',
    externalIpsExplicit: false,
    ports: { ...PORTS_THREE_IPS },
    explicitPorts: [],
    avFirewallPolicy: 'destinationOnly',
    ocs2007Federation: false,
    centralizedLogging: true,
    publishHttp: false,
    internalVipRouting: false,
    fqdns: {},
    vips: [],
    present: false,
  },
  director: { present: false },
  xmppPartners: [],
  dns: { present: false, external: [], internal: [] },
  certificates: { present: false },
};

/** What the parser needs to know about the servers to derive defaults. */
export interface EdgeServerFacts {
  /** Per Edge server: its pool and interface name → ip. */
  edges: { name: string; pool?: string; interfaces: Map<string, string | undefined> }[];
}

/**
 * The largest group of Edge servers that form one pool: load balancing is a property of a pool, so
 * two single-server Edge pools are not a DNS-load-balanced pool. Servers without a `pool` count as
 * one pool together, as a file that names no pool means one.
 */
export function largestEdgePool<T extends { pool?: string }>(edges: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const edge of edges) {
    const key = edge.pool === undefined ? '' : `pool:${edge.pool}`;
    groups.set(key, [...(groups.get(key) ?? []), edge]);
  }
  let largest: T[] = [];
  for (const group of groups.values()) if (group.length > largest.length) largest = group;
  return largest;
}

/** A finding of the text `<code>/<messageId>` of model/texts.ts. */
export type Report = (code: DiagnosticCode, path: PathSegment[], messageId: string, data: MessageData) => void;

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  if (typeof value !== 'string') return undefined;
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.trim().toLowerCase());
  return match;
}

export function parseSettings(root: Record<string, unknown>, facts: EdgeServerFacts, report: Report): Settings {
  return {
    edge: parseEdge(root.edge, facts, report),
    director: parseDirector(root.director, report),
    xmppPartners: parsePartners(root.xmpp),
    dns: parseDns(root.dns),
    certificates: parseCertificates(root.certificates),
  };
}

function parseEdge(raw: unknown, facts: EdgeServerFacts, report: Report): EdgeSettings {
  const value = isPlainObject(raw) ? raw : {};
  const explicitLb = oneOf(value.loadBalancing, ['none', 'dns', 'hardware'] as const);
  const loadBalancing: LoadBalancing = explicitLb ?? (largestEdgePool(facts.edges).length > 1 ? 'dns' : 'none');
  const explicitIps = oneOf(value.externalIps, ['one', 'three'] as const);
  const externalIps = explicitIps ?? (facts.edges.length > 0 && facts.edges.every(sharesOneIp) ? 'one' : 'three');
  const portsValue = isPlainObject(value.ports) ? value.ports : {};
  const ports = { ...(externalIps === 'one' ? PORTS_ONE_IP : PORTS_THREE_IPS) };
  const explicitPorts: EdgePortSetting[] = [];
  for (const key of ['accessEdge', 'webConferencingEdge', 'avEdge'] as const) {
    const port = portsValue[key];
    if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535) {
      ports[key] = port;
      explicitPorts.push(key);
    } else if (port !== undefined) {
      report('invalid-port', ['edge', 'ports', key], 'edgePort', { key, port: ports[key] });
    }
  }
  const fqdnsValue = isPlainObject(value.fqdns) ? value.fqdns : {};
  const fqdns: Partial<Record<EdgeInterfaceName, string>> = {};
  for (const key of EDGE_INTERFACES) {
    const fqdn = trimmedScalarText(fqdnsValue[key]);
    if (fqdn) fqdns[key] = fqdn.replace(/\.$/, '').toLowerCase();
  }
  const vipsValue = isPlainObject(value.vips) ? value.vips : {};
  const vips: VipModel[] = [];
  for (const key of EDGE_INTERFACES) {
    const item = vipsValue[key];
    if (isPlainObject(item)) vips.push(parseVip(key, item, ['edge', 'vips', key], report));
  }
  return {
    loadBalancing,
    loadBalancingExplicit: explicitLb !== undefined,
    externalIps,
    externalIpsExplicit: explicitIps !== undefined,
    ports,
    explicitPorts,
    avFirewallPolicy:
      oneOf(value.avFirewallPolicy, ['destinationOnly', 'sourceAndDestination'] as const) ?? 'destinationOnly',
    ocs2007Federation: value.ocs2007Federation === true,
    centralizedLogging: value.centralizedLogging !== false,
    // L-RP: HTTP 80 is "Optional", 8080 "not needed" with the right certificate SANs.
    publishHttp: value.publishHttp === true,
    internalVipRouting: value.internalVipRouting === true,
    nextHop: trimmedScalarText(value.nextHop),
    federationRoute: trimmedScalarText(value.federationRoute),
    fqdns,
    vips,
    present: isPlainObject(raw),
  };
}

function parseVip(
  name: VipModel['name'],
  item: Record<string, unknown>,
  path: PathSegment[],
  report: Report,
): VipModel {
  const ip = trimmedScalarText(item.ip);
  let addresses = EMPTY;
  if (ip !== undefined) {
    const parsed = parseAddressOrCidr(ip);
    if (!parsed.ok) report('invalid-address', [...path, 'ip'], 'reason', { reason: parsed.reason });
    else if (ip.includes('/')) report('invalid-address', [...path, 'ip'], 'vipSubnet', { text: ip });
    else addresses = parsed.set;
  }
  return { name, ip, network: trimmedScalarText(item.network), addresses, path };
}

function parseDirector(raw: unknown, report: Report): DirectorSettings {
  const value = isPlainObject(raw) ? raw : {};
  const vip = isPlainObject(value.vip) ? parseVip('director', value.vip, ['director', 'vip'], report) : undefined;
  return { vip, present: isPlainObject(raw) };
}

/** An Edge server whose external services share one address: only accessEdge, or three equal IPs. */
function sharesOneIp(edge: EdgeServerFacts['edges'][number]): boolean {
  const access = edge.interfaces.get('accessEdge');
  if (access === undefined) return false;
  const others = ['webConferencingEdge', 'avEdge'].map((name) =>
    edge.interfaces.has(name) ? edge.interfaces.get(name) : access,
  );
  return others.every((ip) => ip === access);
}

function parsePartners(raw: unknown): XmppPartner[] {
  const value = isPlainObject(raw) ? raw : {};
  const list = Array.isArray(value.partners) ? value.partners : [];
  return list.map((item, index): XmppPartner => {
    const partner = isPlainObject(item) ? item : {};
    const explicit = new Set(Object.keys(partner));
    return {
      index,
      domain: trimmedScalarText(partner.domain)?.toLowerCase(),
      additionalDomains: asList(partner.additionalDomains).map((domain) => String(domain).trim().toLowerCase()),
      partnerType:
        oneOf(partner.partnerType, ['Federated', 'PublicVerified', 'PublicUnverified'] as const) ??
        PARTNER_DEFAULTS.partnerType,
      tlsNegotiation:
        oneOf(partner.tlsNegotiation, ['Required', 'Optional', 'NotSupported'] as const) ??
        PARTNER_DEFAULTS.tlsNegotiation,
      saslNegotiation:
        oneOf(partner.saslNegotiation, ['Required', 'Optional', 'NotSupported'] as const) ??
        PARTNER_DEFAULTS.saslNegotiation,
      supportDialback:
        typeof partner.supportDialback === 'boolean' ? partner.supportDialback : PARTNER_DEFAULTS.supportDialback,
      enableKeepAlive:
        typeof partner.enableKeepAlive === 'boolean' ? partner.enableKeepAlive : PARTNER_DEFAULTS.enableKeepAlive,
      proxyFqdn: trimmedScalarText(partner.proxyFqdn),
      explicit,
      path: ['xmpp', 'partners', index],
    };
  });
}

function parseDns(raw: unknown): DnsSettings {
  const value = isPlainObject(raw) ? raw : {};
  const records = (location: 'external' | 'internal'): DnsRecord[] =>
    (Array.isArray(value[location]) ? (value[location] as unknown[]) : []).map((item, index): DnsRecord => {
      const record = isPlainObject(item) ? item : {};
      const port = record.port;
      return {
        location,
        index,
        name: (trimmedScalarText(record.name) ?? '').replace(/\.$/, '').toLowerCase(),
        type: (trimmedScalarText(record.type) ?? '').toUpperCase(),
        target: trimmedScalarText(record.target)?.replace(/\.$/, '').toLowerCase(),
        port:
          typeof port === 'number'
            ? port
            : typeof port === 'string' && /^\d+$/.test(port.trim())
              ? Number(port)
              : undefined,
        address: trimmedScalarText(record.address),
        path: ['dns', location, index],
      };
    });
  return { present: isPlainObject(raw), external: records('external'), internal: records('internal') };
}

function parseCertificates(raw: unknown): CertificateSettings {
  const value = isPlainObject(raw) ? raw : {};
  const certificate = (key: 'external' | 'internal'): CertificateModel | undefined => {
    const item = value[key];
    if (!isPlainObject(item)) return undefined;
    return {
      subjectName: trimmedScalarText(item.subjectName)?.toLowerCase(),
      san: asList(item.san).map((name) => String(name).trim().replace(/\.$/, '').toLowerCase()),
      path: ['certificates', key],
    };
  };
  return { present: isPlainObject(raw), external: certificate('external'), internal: certificate('internal') };
}
