import { type LabGraph, pathBetween } from './routes';
import type { LabEnd, LabNat, LabRoute } from './types';

// The perimeter's NAT as the lab's external router does it, from the topology (the export has no
// NAT): DNAT of each public address to its interface's private one, SNAT of that private address
// on the way out, and the hairpin — an interface reaching a public address through the same
// router is translated both ways, so it is seen from its own public address (S-ENV: "Your Edge
// Servers need to be able to communicate with one another from their public A/V Edge IP
// addresses"). Inbound DNAT keeps the source (L-AV). Symmetric: one public address per private.

export interface Addressed {
  from: LabEnd;
  to: LabEnd;
  arrivesAt?: LabEnd;
  seenFrom?: string;
}

const privateEnd = (nat: LabNat): LabEnd => ({
  namespace: nat.inside,
  address: nat.private,
  label: nat.label,
  kind: 'interface',
});
const publicEnd = (nat: LabNat): LabEnd => ({
  namespace: nat.router,
  address: nat.public,
  label: nat.label,
  kind: 'public',
});

/** Whether the way from `namespace` to the NAT-ed host comes into its router from the outside. */
function fromOutside(graph: LabGraph, namespace: string, nat: LabNat): boolean {
  const path = pathBetween(graph, namespace, nat.inside) ?? [];
  const at = path.indexOf(nat.router);
  return at > 0 && path[at - 1] === nat.outside;
}

function toOutside(graph: LabGraph, from: string, to: string, nat: LabNat): boolean {
  const path = pathBetween(graph, from, to) ?? [];
  const at = path.indexOf(nat.router);
  return at >= 0 && path[at + 1] === nat.outside;
}

/**
 * A packet between two ends as it is really sent: a NAT-ed interface sends from its private address; a host
 * on the router's outside reaches it at its public one only (the Internet routes no private address); a
 * packet to a public address arrives at the private one. Undefined when no packet can do it (a host
 * sending to a public address that translates back into its own namespace, without the hairpin's SNAT).
 */
export function addressed(graph: LabGraph, nats: readonly LabNat[], from: LabEnd, to: LabEnd): Addressed | undefined {
  const byPublic = (address: string) => nats.find((nat) => nat.public === address);
  const byPrivate = (address: string) => nats.find((nat) => nat.private === address);
  const sender = byPublic(from.address);
  const source = sender ? privateEnd(sender) : from;
  const hidden = byPrivate(to.address);
  const target = hidden && fromOutside(graph, source.namespace, hidden) ? publicEnd(hidden) : to;
  const translated = byPublic(target.address);
  const arrivesAt = translated && privateEnd(translated);
  const own = byPrivate(source.address);
  const hairpin = own !== undefined && translated !== undefined && own.router === translated.router;
  if (arrivesAt && arrivesAt.namespace === source.namespace && !hairpin) return undefined;
  const seen =
    own && (hairpin || toOutside(graph, source.namespace, (arrivesAt ?? target).namespace, own))
      ? own.public
      : undefined;
  return { from: source, to: target, ...(arrivesAt && { arrivesAt }), ...(seen && { seenFrom: seen }) };
}

/** The host routes without those to a NAT-ed private address from the router's outside. */
export function natRoutes(graph: LabGraph, nats: readonly LabNat[], routes: readonly LabRoute[]): LabRoute[] {
  return routes.filter((route) => {
    const nat = nats.find((item) => `${item.private}/32` === route.destination);
    return !nat || !fromOutside(graph, route.namespace, nat);
  });
}

/** nft input of a router's NAT: a table of the lab's own beside the export's (addresses only, no names). */
export function natTable(nats: readonly LabNat[]): string {
  if (nats.length === 0) return '';
  return [
    "# lync-ports lab: the perimeter's NAT, from the topology (the export has none).",
    'table ip lync_ports_lab_nat {',
    '  chain prerouting {',
    '    type nat hook prerouting priority dstnat; policy accept;',
    ...nats.map((nat) => `    ip daddr ${nat.public} dnat to ${nat.private}`),
    '  }',
    '  chain postrouting {',
    '    type nat hook postrouting priority srcnat; policy accept;',
    ...nats.flatMap((nat) => [
      `    ip saddr ${nat.private} oifname "${nat.device}" snat to ${nat.public}`,
      // The hairpin: translated to a host inside, it comes back from the public address it would leave by.
      `    ip saddr ${nat.private} ct status dnat snat to ${nat.public}`,
    ]),
    '  }',
    '}',
    '',
  ].join('\n');
}
