import type { RequiredFlow } from '../flows/requiredFlow';
import type { FirewallModel } from '../model/model';
import type { Transport } from '../types';
import { holds } from './ipv4';
import { type Addressed, addressed } from './nat';
import { firewallsBetween, type LabContext, type RequiredProbe } from './required';
import type { LabEnd, LabProbe } from './types';
import { inPorts, packetVerdict, type Packet } from './verdict';

// The sample of what must NOT pass: for each required probe its reverse, the next port and the
// other transport, and a few administration ports from each network's sample host to the hosts
// across each firewall. A candidate is kept only when no required flow holds it and the file's
// own rules, first match, drop it on the way: the lab then proves the export drops it too. Each is
// addressed as a real packet would be (nat.ts): the reverse of a probe to a NAT address starts at
// the private address it arrived at, and an Internet host tries a NAT-ed host at its public one.

export const MAX_NEGATIVES_PER_FIREWALL = 8;
export const MAX_NEGATIVES = 64;
const SENSITIVE: { transport: Transport; port: number }[] = [
  { transport: 'tcp', port: 22 },
  { transport: 'tcp', port: 3389 },
  { transport: 'tcp', port: 445 },
  { transport: 'udp', port: 161 },
];

export interface NegativeProbe extends Addressed {
  why: NonNullable<LabProbe['why']>;
  flow?: RequiredFlow;
  firewalls: FirewallModel[];
  /** The firewall whose rules drop it. */
  droppedBy: FirewallModel;
  transport: Transport;
  port: number;
  sourcePort: number;
}

interface Candidate extends Addressed {
  why: NegativeProbe['why'];
  flow?: RequiredFlow;
  transport: Transport;
  port: number;
}

export function negativeProbes(
  context: LabContext,
  flows: readonly RequiredFlow[],
  required: readonly RequiredProbe[],
  sourcePortOf: (address: string, transport: Transport) => number,
): NegativeProbe[] {
  const byFirewall = new Map<FirewallModel, Map<Candidate['why'], NegativeProbe[]>>();
  const seen = new Set<string>();
  for (const candidate of candidates(context, required)) {
    const key = `${candidate.from.address}>${candidate.to.address}|${candidate.transport}/${candidate.port}`;
    if (seen.has(key) || candidate.from.namespace === candidate.to.namespace) continue;
    seen.add(key);
    if (insideRequired(flows, candidate)) continue;
    const firewalls = firewallsBetween(context, candidate.from.namespace, candidate.to.namespace);
    if (!firewalls || firewalls.length === 0) continue;
    // The source port is the one the probe will use: a rule limited to source ports sees it.
    const sourcePort = sourcePortOf(candidate.from.address, candidate.transport);
    const packet: Packet = { src: candidate.from.address, dst: candidate.to.address, ...candidate, sourcePort };
    const droppedBy = firewalls.find((firewall) => packetVerdict(firewall, packet).action === 'deny');
    if (!droppedBy) continue;
    const groups = byFirewall.get(droppedBy) ?? new Map<Candidate['why'], NegativeProbe[]>();
    byFirewall.set(droppedBy, groups);
    const group = groups.get(candidate.why) ?? [];
    groups.set(candidate.why, group);
    group.push({ ...candidate, firewalls, droppedBy, sourcePort });
  }
  // Per firewall, the kinds in turn, so a bounded sample still holds every kind.
  const out: NegativeProbe[] = [];
  for (const groups of byFirewall.values()) {
    const lists = [...groups.values()];
    let taken = 0;
    for (let k = 0; taken < MAX_NEGATIVES_PER_FIREWALL && lists.some((list) => k < list.length); k++) {
      for (const list of lists) {
        if (k < list.length && taken < MAX_NEGATIVES_PER_FIREWALL) {
          out.push(list[k]);
          taken++;
        }
      }
    }
  }
  return out.slice(0, MAX_NEGATIVES);
}

function* candidates(context: LabContext, required: readonly RequiredProbe[]): Generator<Candidate> {
  const { placement, graph } = context;
  const send = (from: LabEnd, to: LabEnd) => addressed(graph, placement.nat, from, to);
  for (const probe of required) {
    const base = { flow: probe.flow, transport: probe.transport, port: probe.port };
    const back = send(probe.arrivesAt ?? probe.to, probe.from);
    if (back) yield { ...base, why: 'reverse', ...back };
    const sent = { from: probe.from, to: probe.to, arrivesAt: probe.arrivesAt, seenFrom: probe.seenFrom };
    if (probe.port < 65535) yield { ...base, why: 'wrongPort', ...sent, port: probe.port + 1 };
    const other = probe.transport === 'tcp' ? 'udp' : 'tcp';
    yield { ...base, why: 'wrongTransport', ...sent, transport: other };
  }
  for (const firewall of placement.routerOf.keys()) {
    for (const [near, far] of [firewall.between, [...firewall.between].reverse()]) {
      const sampleNamespace = placement.networkNamespace.get(near)!;
      const sample = placement.addresses.find((item) => item.namespace === sampleNamespace && item.kind === 'sample');
      if (!sample) continue;
      const farNamespace = placement.networkNamespace.get(far)!;
      const targets = placement.addresses.filter((item) => item.namespace === farNamespace && item.kind !== 'sample');
      // Each round gives every host another port, so the first few already reach different hosts.
      for (let round = 0; round < SENSITIVE.length; round++)
        for (const [k, target] of targets.entries()) {
          const sent = send(endOf(sample), endOf(target));
          if (sent) yield { why: 'sensitive', ...SENSITIVE[(k + round) % SENSITIVE.length], ...sent };
        }
    }
  }
}

const endOf = ({ namespace, address, label, kind }: LabEnd): LabEnd => ({ namespace, address, label, kind });

function insideRequired(flows: readonly RequiredFlow[], candidate: Candidate): boolean {
  return flows.some(
    (flow) =>
      inPorts(flow.service[candidate.transport], candidate.port) &&
      holds(flow.src.all, candidate.from.address) &&
      holds(flow.dst.all, candidate.to.address),
  );
}
