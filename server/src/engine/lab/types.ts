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

/** An address a namespace holds, with what it stands for: an interface, its NAT address, a VIP, a sample host. */
export interface LabAddress {
  namespace: string;
  address: string;
  label: string;
  kind: 'interface' | 'public' | 'vip' | 'sample';
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
  /** nft input: the whole `lync-ports export --format nftables`, then the forward hook. */
  nftables: string;
}

export interface LabEnd {
  namespace: string;
  address: string;
  label: string;
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
  to: LabEnd;
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
  from?: string;
  to?: string;
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
  listeners: LabListener[];
  probes: LabProbe[];
  unprobed: LabUnprobed[];
  /** Firewalls left out (not between two networks of the file). */
  skippedFirewalls: string[];
}

export type LabPlanResult = { ok: true; plan: LabPlan } | { ok: false; reason: string };
