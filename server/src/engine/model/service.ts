import type { PortRange, Transport } from '../types';
import { parsePortText } from './portText';
import type { TextRef } from '../messageFormat';
import { reason } from './texts';

// A service is what a firewall matches on: transports and destination ports. The protocol label
// (XMPP, SIP, ...) only documents the rule, as the contract says.

export interface ServiceSet {
  tcp: PortRange[];
  udp: PortRange[];
}

export const TRANSPORTS: readonly Transport[] = ['tcp', 'udp'];
const ALL_PORTS: PortRange[] = [{ from: 1, to: 65535 }];
export const ANY_SERVICE: ServiceSet = { tcp: ALL_PORTS, udp: ALL_PORTS };
export const NO_SERVICE: ServiceSet = { tcp: [], udp: [] };

/** One service term of a rule, as written: the source of its ranges for fixes and hover. */
export interface ServiceTerm {
  protocol?: string;
  /** The token as written (TCP, UDP, TLS, MTLS, ANY), upper-cased. */
  transportLabel: string;
  transports: Transport[];
  ports: PortRange[];
  /** The port text as written ('5269', '50000-59999'); 'any' when the term has no port. */
  portText: string;
}

export type TermParse =
  { ok: true; term: ServiceTerm } | { ok: false; code: 'invalid-port' | 'schema'; reason: TextRef };

const TRANSPORT_TOKENS: Record<string, Transport[]> = {
  TCP: ['tcp'],
  UDP: ['udp'],
  TLS: ['tcp'],
  MTLS: ['tcp'],
  ANY: ['tcp', 'udp'],
};

export function isTransportToken(token: string): boolean {
  return Object.prototype.hasOwnProperty.call(TRANSPORT_TOKENS, token.toUpperCase());
}

export function transportsOf(token: string): Transport[] | undefined {
  return TRANSPORT_TOKENS[token.toUpperCase()];
}

/** Parses '5269', '50000-59999', '80,443', '50,000-59,999' (portText.ts), or a number; 'any' means every port. */
export function parsePorts(
  spec: unknown,
): { ok: true; ports: PortRange[]; text: string } | { ok: false; reason: TextRef } {
  if (typeof spec === 'number') {
    if (!Number.isInteger(spec) || spec < 1 || spec > 65535) {
      return { ok: false, reason: reason('port/outside', { port: spec }) };
    }
    return { ok: true, ports: [{ from: spec, to: spec }], text: String(spec) };
  }
  if (Array.isArray(spec)) {
    const ports: PortRange[] = [];
    for (const item of spec) {
      const parsed = parsePorts(item);
      if (!parsed.ok) return parsed;
      ports.push(...parsed.ports);
    }
    if (ports.length === 0) return { ok: false, reason: reason('port/emptyList') };
    return { ok: true, ports: mergeRanges(ports), text: spec.map(String).join(',') };
  }
  if (typeof spec !== 'string') return { ok: false, reason: reason('port/notNumber') };
  const text = spec.trim();
  if (text.toLowerCase() === 'any') return { ok: true, ports: ALL_PORTS, text: 'any' };
  const parsed = parsePortText(text);
  return parsed.ok ? { ok: true, ports: mergeRanges(parsed.ports), text } : parsed;
}

/**
 * Parses Microsoft's table notation: PROTOCOL/TRANSPORT/PORT (`XMPP/TCP/5269`), with an optional
 * security token (`XMPP/MTLS/TCP/23456`, `STUN/MSTURN/UDP/3478`) — the last transport token counts,
 * and TLS/MTLS alone mean TCP (`XMPP/MTLS/23456`). `any` alone means every transport and port.
 */
export function parseServiceText(text: string): TermParse {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'any') {
    return { ok: true, term: { transportLabel: 'ANY', transports: ['tcp', 'udp'], ports: ALL_PORTS, portText: 'any' } };
  }
  const tokens = trimmed.split('/').map((token) => token.trim());
  if (tokens.length < 2 || tokens.some((token) => token === '')) {
    return {
      ok: false,
      code: 'schema',
      reason: reason('service/notService', { text: trimmed }),
    };
  }
  const portToken = tokens[tokens.length - 1];
  let transportIndex = tokens.length - 2;
  while (transportIndex >= 0 && !isTransportToken(tokens[transportIndex])) transportIndex--;
  if (transportIndex < 0) {
    return {
      ok: false,
      code: 'schema',
      reason: reason('service/noTransport', { text: trimmed }),
    };
  }
  if (transportIndex < tokens.length - 2) {
    const between = tokens.slice(transportIndex + 1, -1).join('/');
    return { ok: false, code: 'schema', reason: reason('service/between', { text: trimmed, between }) };
  }
  const ports = parsePorts(portToken);
  if (!ports.ok) return { ok: false, code: 'invalid-port', reason: ports.reason };
  const transportLabel = tokens[transportIndex].toUpperCase();
  return {
    ok: true,
    term: {
      protocol: transportIndex > 0 ? tokens.slice(0, transportIndex).join('/') : undefined,
      transportLabel,
      transports: transportsOf(transportLabel) ?? [],
      ports: ports.ports,
      portText: ports.text,
    },
  };
}

export type SharedTermParse = TermParse & { service?: ServiceSet };

/**
 * parseServiceText for model building: one answer per text in `table` (one model's), shared by
 * every rule that writes the text, with the term's service set when it parses. None may change it.
 */
export function sharedServiceText(table: Map<string, SharedTermParse>, text: string): SharedTermParse {
  let known = table.get(text);
  if (!known) {
    known = parseServiceText(text) as SharedTermParse;
    if (known.ok) known.service = termService(known.term);
    table.set(text, known);
  }
  return known;
}

/** The ports of a transport a term does not name: shared, as NO_SERVICE's are. */
const NO_PORTS: PortRange[] = [];

/**
 * serviceOfTerms([term]) that shares the term's ports (every term's ports are merged, see
 * parsePorts) instead of copying them: neither the set nor the term may change. They are not
 * frozen: frozen arrays and ranges beside unfrozen ones make the analysis's loops over them slower.
 */
export function termService(term: ServiceTerm): ServiceSet {
  const { transports, ports } = term;
  if (transports.length === 1)
    return transports[0] === 'tcp' ? { tcp: ports, udp: NO_PORTS } : { tcp: NO_PORTS, udp: ports };
  if (transports.length === 2 && transports[0] !== transports[1]) return { tcp: ports, udp: ports };
  return serviceOfTerms([term]);
}

export function mergeRanges(ranges: PortRange[]): PortRange[] {
  // Nearly every service names one port or range.
  if (ranges.length === 1) return [{ ...ranges[0] }];
  const sorted = [...ranges].sort((a, b) => a.from - b.from);
  const merged: PortRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
    else merged.push({ ...range });
  }
  return merged;
}

export function subtractRanges(a: PortRange[], b: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const range of a) {
    let start = range.from;
    for (const cut of b) {
      if (cut.to < start || cut.from > range.to) continue;
      if (cut.from > start) out.push({ from: start, to: cut.from - 1 });
      start = cut.to + 1;
      if (start > range.to) break;
    }
    if (start <= range.to) out.push({ from: start, to: range.to });
  }
  return out;
}

export function intersectRanges(a: PortRange[], b: PortRange[]): PortRange[] {
  const out: PortRange[] = [];
  for (const x of a)
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (from <= to) out.push({ from, to });
    }
  return mergeRanges(out);
}

export function portCount(ranges: PortRange[]): number {
  return ranges.reduce((sum, range) => sum + range.to - range.from + 1, 0);
}

export function serviceOfTerms(terms: ServiceTerm[]): ServiceSet {
  // One term of one transport, as most rules have: the other transport's list is empty.
  if (terms.length === 1 && terms[0].transports.length === 1) {
    const ports = mergeRanges(terms[0].ports);
    return terms[0].transports[0] === 'tcp' ? { tcp: ports, udp: [] } : { tcp: [], udp: ports };
  }
  const set: ServiceSet = { tcp: [], udp: [] };
  for (const term of terms) for (const transport of term.transports) set[transport].push(...term.ports);
  return { tcp: mergeRanges(set.tcp), udp: mergeRanges(set.udp) };
}

export function serviceOf(transport: Transport, ports: PortRange[]): ServiceSet {
  const set: ServiceSet = { tcp: [], udp: [] };
  set[transport] = mergeRanges(ports);
  return set;
}

function rangesMeet(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  for (const x of a)
    for (const y of b) if ((x.from > y.from ? x.from : y.from) <= (x.to < y.to ? x.to : y.to)) return true;
  return false;
}

/** !isServiceEmpty(intersectServices(a, b)), without building the intersection. */
export function servicesMeet(a: ServiceSet, b: ServiceSet): boolean {
  return rangesMeet(a.tcp, b.tcp) || rangesMeet(a.udp, b.udp);
}

/** subtractRanges(a, b).length === 0, without building the difference. */
function rangesCovered(a: readonly PortRange[], b: readonly PortRange[]): boolean {
  for (const range of a) {
    let start = range.from;
    for (const cut of b) {
      if (cut.to < start || cut.from > range.to) continue;
      if (cut.from > start) return false;
      start = cut.to + 1;
      if (start > range.to) break;
    }
    if (start <= range.to) return false;
  }
  return true;
}

/** isServiceEmpty(subtractServices(a, b)): b holds all of a, without building the difference. */
export function serviceCovered(a: ServiceSet, b: ServiceSet): boolean {
  return rangesCovered(a.tcp, b.tcp) && rangesCovered(a.udp, b.udp);
}

export function intersectServices(a: ServiceSet, b: ServiceSet): ServiceSet {
  return { tcp: intersectRanges(a.tcp, b.tcp), udp: intersectRanges(a.udp, b.udp) };
}

export function subtractServices(a: ServiceSet, b: ServiceSet): ServiceSet {
  return { tcp: subtractRanges(a.tcp, b.tcp), udp: subtractRanges(a.udp, b.udp) };
}

export function isServiceEmpty(set: ServiceSet): boolean {
  return set.tcp.length === 0 && set.udp.length === 0;
}

export function serviceEquals(a: ServiceSet, b: ServiceSet): boolean {
  return TRANSPORTS.every(
    (t) => a[t].length === b[t].length && a[t].every((r, k) => r.from === b[t][k].from && r.to === b[t][k].to),
  );
}

export function formatPorts(ranges: PortRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)).join(',');
}

export function formatService(set: ServiceSet): string {
  const parts = TRANSPORTS.filter((t) => set[t].length > 0).map((t) => `${t.toUpperCase()}/${formatPorts(set[t])}`);
  return parts.length === 0 ? 'nothing' : parts.join(' + ');
}
