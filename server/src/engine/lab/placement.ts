import { allVips } from '../model/settings';
import type { FirewallModel, TopologyModel } from '../model/model';
import { meets, v4Number, v4Range, v4Text } from './ipv4';
import { labRefusal } from './texts';
import type { LabAddress, LabBridge, LabLink, LabNamespace, LabNat, LabRefusal } from './types';

// Where everything sits: a namespace per network holding the addresses of the interfaces on it,
// a namespace per firewall joined to its two networks, and one sample host per network for the
// catalog's "Any" (an Internet host, an internal client). A NAT interface's public address
// belongs to the router between its network and an external one, which translates it (the
// perimeter's NAT); without such a router it sits with the interface, so that a rule naming
// either address is still reached. The routers' links use a transfer subnet per network that no
// address of the file touches.

export const MAX_NETWORKS = 64;
export const MAX_FIREWALLS = 64;
/** Transfer ranges tried in turn: 100.64.0.0/16 (shared address space), 198.18.0.0/16 (benchmarking). */
const TRANSFER_BASES = ['100.64.0.0', '198.18.0.0'];
/** Sample hosts for networks without subnets: the documentation ranges (RFC 5737). */
const SAMPLE_CANDIDATES = ['203.0.113.10', '198.51.100.10', '192.0.2.10', '203.0.113.200', '198.51.100.200'];

export interface Placement {
  namespaces: LabNamespace[];
  bridges: LabBridge[];
  links: LabLink[];
  addresses: LabAddress[];
  /** Network name → namespace id. */
  networkNamespace: Map<string, string>;
  /** Firewall (in the model's order) → router namespace id, for the firewalls the lab builds. */
  routerOf: Map<FirewallModel, string>;
  /** Namespace id → the sample host's address in it. */
  sampleOf: Map<string, string>;
  nat: LabNat[];
  skippedFirewalls: string[];
}

export type PlacementResult = { ok: true; placement: Placement } | LabRefusal;

export function placeTopology(model: TopologyModel): PlacementResult {
  if (model.networks.length > MAX_NETWORKS)
    return labRefusal('lab/tooManyNetworks', { count: model.networks.length, max: MAX_NETWORKS });
  const namespaces: LabNamespace[] = [];
  const networkNamespace = new Map<string, string>();
  model.networks.forEach((network, k) => {
    namespaces.push({ id: `n${k}`, kind: 'network', name: network.name, zone: network.zone });
    networkNamespace.set(network.name, `n${k}`);
  });
  const built = model.firewalls.filter(
    (firewall) =>
      firewall.between.length === 2 &&
      firewall.between[0] !== firewall.between[1] &&
      firewall.between.every((name) => networkNamespace.has(name)),
  );
  if (built.length > MAX_FIREWALLS)
    return labRefusal('lab/tooManyFirewalls', { count: built.length, max: MAX_FIREWALLS });
  const taken = fileAddresses(model);
  const base = TRANSFER_BASES.map((text) => v4Number(text)!).find((value) => !meets(taken.set, `${v4Text(value)}/16`));
  if (base === undefined)
    return labRefusal('lab/transferTaken', { first: `${TRANSFER_BASES[0]}/16`, second: `${TRANSFER_BASES[1]}/16` });

  const routerOf = new Map<FirewallModel, string>();
  const links: LabLink[] = [];
  built.forEach((firewall, k) => {
    const id = `r${k}`;
    namespaces.push({ id, kind: 'router', name: firewall.name });
    routerOf.set(firewall, id);
    for (const networkName of firewall.between) {
      const network = networkNamespace.get(networkName)!;
      const index = Number(network.slice(1));
      links.push({
        router: id,
        network,
        routerDevice: network,
        networkDevice: id,
        routerAddress: `${v4Text(base + index * 256 + 10 + k)}/24`,
      });
    }
  });
  const bridges: LabBridge[] = model.networks.map((_, k) => ({
    namespace: `n${k}`,
    address: `${v4Text(base + k * 256 + 1)}/24`,
  }));

  const addresses: LabAddress[] = [];
  const nat: LabNat[] = [];
  const seen = new Set<string>();
  const add = (namespace: string | undefined, address: string | undefined, label: string, kind: LabAddress['kind']) => {
    if (!namespace || address === undefined || v4Number(address) === undefined) return undefined;
    const text = v4Text(v4Number(address)!);
    // The same address twice (two interfaces, a VIP equal to a server's) lives where it came first.
    if (seen.has(text)) return undefined;
    seen.add(text);
    addresses.push({ namespace, address: text, label, kind });
    return text;
  };
  const translator = (network: string) => natRouter(model, routerOf, links, networkNamespace, network);
  for (const server of model.servers)
    for (const item of server.interfaces) {
      const label = `${server.name}.${item.name}`;
      const inside = item.network === undefined ? undefined : networkNamespace.get(item.network);
      const privateText = add(inside, item.ip, label, 'interface');
      const router = privateText && item.publicIp !== undefined ? translator(item.network!) : undefined;
      const publicText = add(router?.router ?? inside, item.publicIp, label, 'public');
      if (router && publicText)
        nat.push({ ...router, inside: inside!, private: privateText!, public: publicText, label });
    }
  for (const vip of allVips(model.settings))
    add(vip.network === undefined ? undefined : networkNamespace.get(vip.network), vip.ip, `vip.${vip.name}`, 'vip');

  const sampleOf = new Map<string, string>();
  model.networks.forEach((network, k) => {
    const sample = sampleHost(network.subnets, seen, taken.texts);
    if (!sample) return;
    seen.add(sample);
    sampleOf.set(`n${k}`, sample);
    addresses.push({ namespace: `n${k}`, address: sample, label: network.name, kind: 'sample' });
  });
  const skippedFirewalls = model.firewalls
    .filter((firewall) => !routerOf.has(firewall))
    .map((firewall) => firewall.name);
  return {
    ok: true,
    placement: { namespaces, bridges, links, addresses, networkNamespace, routerOf, sampleOf, nat, skippedFirewalls },
  };
}

/** The first router the lab builds between the network and an external one: the perimeter's NAT. */
function natRouter(
  model: TopologyModel,
  routerOf: ReadonlyMap<FirewallModel, string>,
  links: readonly LabLink[],
  networkNamespace: ReadonlyMap<string, string>,
  network: string,
): Pick<LabNat, 'router' | 'outside' | 'device'> | undefined {
  for (const [firewall, router] of routerOf) {
    if (!firewall.between.includes(network)) continue;
    const other = firewall.between.find((name) => name !== network)!;
    if (model.networks.find((item) => item.name === other)?.zone !== 'external') continue;
    const outside = networkNamespace.get(other)!;
    const link = links.find((item) => item.router === router && item.network === outside)!;
    return { router, outside, device: link.routerDevice };
  }
  return undefined;
}

/** Every address and subnet the file names, as one set and as texts. */
function fileAddresses(model: TopologyModel) {
  const texts: string[] = [
    ...model.networks.flatMap((network) => network.subnets),
    ...model.servers.flatMap((server) => server.interfaces.flatMap((item) => [item.ip, item.publicIp])),
    ...allVips(model.settings).map((vip) => vip.ip),
  ].filter((text): text is string => text !== undefined);
  const intervals = [
    // A network without subnets (the Internet) stands for everything else: it takes no address.
    ...model.networks.filter((network) => network.subnets.length > 0).map((network) => network.addresses),
    ...model.servers.flatMap((server) => server.interfaces.map((item) => item.addresses)),
    ...allVips(model.settings).map((vip) => vip.addresses),
  ].flatMap((set) => set.intervals);
  return { texts, set: { intervals: normalized(intervals) } };
}

function normalized(intervals: (readonly [bigint, bigint])[]): (readonly [bigint, bigint])[] {
  const sorted = [...intervals].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1n) last[1] = hi > last[1] ? hi : last[1];
    else out.push([lo, hi]);
  }
  return out;
}

/**
 * A host of the network no interface uses: near the top of its first IPv4 subnet (a client of
 * that subnet), or, without subnets (the Internet), a documentation address outside the file's.
 */
function sampleHost(subnets: readonly string[], used: Set<string>, named: readonly string[]): string | undefined {
  const ranges = subnets.map(v4Range).filter((range) => range !== undefined);
  if (subnets.length > 0) {
    for (const range of ranges) {
      const top = range.last - (range.last - range.first >= 3 ? 1 : 0);
      for (let value = top, tries = 0; value >= range.first && tries < 256; value--, tries++) {
        const text = v4Text(value);
        if (!used.has(text) && !named.includes(text)) return text;
      }
    }
    return undefined;
  }
  return SAMPLE_CANDIDATES.find((candidate) => !used.has(candidate) && !named.some((text) => covers(text, candidate)));
}

function covers(text: string, address: string): boolean {
  const range = v4Range(text.includes('/') ? text : `${text}/32`);
  const value = v4Number(address)!;
  return range !== undefined && range.first <= value && value <= range.last;
}
