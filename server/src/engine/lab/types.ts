import type { Transport } from '../types';

// The lab as data: what `lync-ports lab` builds (namespaces, links, addresses, routes, rule sets)
// and what it sends (probes). The plan is pure; server/src/lab/ carries it out on Linux.

/** One namespace: a network of the file (its hosts), or the router that stands for a firewall. */
export interface LabNamespace {
  /** Short id, the suffix of the namespace's name (n0, n1, ... and r0, r1, ...). */
  id: string;
  kind: 'network' | 'router';
  /** The network's or the firewall's name in the file (for people; never put into a command). */
  name: string;
  zone?: string;
}

/**
 * An address of the lab, with what it stands for: an interface, its NAT address, a VIP, a sample host. The label is
 * the file's name for it (server.interface, vip.name; a sample host's is its network's name), never words of ours,
 * so the output puts it in the reader's language. A NAT address translated by a router belongs to that router
 * (which has no route for it but its DNAT); an untranslated one sits with its interface.
 */
export interface LabAddress {
  namespace: string;
  address: string;
  label: string;
  kind: LabAddressKind;
}

export type LabAddressKind = 'interface' | 'public' | 'vip' | 'sample';

/** One interface the external router translates (symmetric NAT, one public address per private one). */
export interface LabNat {
  router: string;
  /** The network namespace of the private address, and the external network's on the router's other side. */
  inside: string;
  outside: string;
  /** The router's device toward the outside (its SNAT leaves there). */
  device: string;
  private: string;
  public: string;
  label: string;
}

/** A veth pair between a router and a network; the network's end joins the network's bridge. */
export interface LabLink {
  router: string;
  network: string;
  /** Device names on either end (interface names are short, so they are made of the ids). */
  routerDevice: string;
  networkDevice: string;
  /** Addresses with prefix length on the link's transfer subnet. */
  routerAddress: string;
}

/** The transfer subnet a network's bridge carries, with the network namespace's own address on it. */
export interface LabBridge {
  namespace: string;
  address: string;
}

export interface LabRoute {
  namespace: string;
  /** One host (a.b.c.d/32): only the addresses placed are routed, and nothing else (no default route). */
  destination: string;
  via: string;
}

export interface LabRouter {
  namespace: string;
  firewall: string;
  /** The export's chain for this firewall, which the router's forward hook jumps to. */
  chain: string;
  /** nft input: the whole `lync-ports export --format nftables`, the hook into its chain, and the lab's NAT. */
  nftables: string;
}

export interface LabEnd {
  namespace: string;
  address: string;
  label: string;
  kind: LabAddressKind;
}

export type LabOutcome = 'pass' | 'drop';

export interface LabProbe {
  /** p1, p2, ...: the order of the plan. */
  id: string;
  kind: 'required' | 'negative';
  /** The required flow's id (X1, E3#2) for a required probe; for a negative, the flow it was taken from, if any. */
  flow?: string;
  /** The catalog row and its service as Microsoft writes it. */
  row?: string;
  service?: string;
  /** Why a negative is expected to drop: reverse, wrongPort, wrongTransport, sensitive. */
  why?: 'reverse' | 'wrongPort' | 'wrongTransport' | 'sensitive';
  /** The firewalls the packet crosses, in order (names in the file). */
  firewalls: string[];
  from: LabEnd;
  /** Where the packet is sent: a NAT address (the router's) or the host itself. */
  to: LabEnd;
  /** Where a packet sent to a NAT address must arrive after the router's DNAT (the listener is there). */
  arrivesAt?: LabEnd;
  /** The source address the listener must see when the router translates it (SNAT, hairpin); else from's. */
  seenFrom?: string;
  transport: Transport;
  port: number;
  sourcePort: number;
  expected: LabOutcome;
}

/** A required flow (or part of one) that the lab cannot send, and why. */
export interface LabUnprobed {
  flow: string;
  row: string;
  reason: 'noFirewall' | 'sameNamespace' | 'otherPath' | 'noAddress' | 'bound';
  from?: LabEnd;
  to?: LabEnd;
}

export interface LabListener {
  namespace: string;
  address: string;
  transport: Transport;
  port: number;
}

export interface LabPlan {
  namespaces: LabNamespace[];
  bridges: LabBridge[];
  links: LabLink[];
  addresses: LabAddress[];
  routes: LabRoute[];
  routers: LabRouter[];
  /** The interfaces the lab's external routers translate (the export has no NAT: this is the lab's own). */
  nat: LabNat[];
  listeners: LabListener[];
  probes: LabProbe[];
  unprobed: LabUnprobed[];
  /** Firewalls left out (not between two networks of the file). */
  skippedFirewalls: string[];
}

/** Why the lab cannot be built: a text id of engine/lab/texts.ts with its data, and the English words. */
export interface LabRefusal {
  ok: false;
  id: string;
  data: Record<string, string | number>;
  reason: string;
}

export type LabPlanResult = { ok: true; plan: LabPlan } | LabRefusal;
