import { type AddressSet, isSubset, overlaps, parseAddressOrCidr } from '../model/address';

// The lab speaks IPv4: addresses as 32-bit numbers for picking free hosts, and as address sets
// (the model's own type) for asking which rule or flow holds them.

const V4_BASE = 0xffffn << 32n;

export function v4Number(text: string): number | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
}

export function v4Text(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The set holding one IPv4 address. */
export function pointSet(text: string): AddressSet {
  const parse = parseAddressOrCidr(text);
  if (!parse.ok) throw new Error(`not an address: ${text}`);
  return parse.set;
}

export function holds(set: AddressSet, address: string): boolean {
  return isSubset(pointSet(address), set);
}

/** The IPv4 addresses of a set, when it is small enough to list (an interface, a server, a pool). */
export function v4Members(set: AddressSet, limit: number): string[] | undefined {
  const out: string[] = [];
  for (const [lo, hi] of set.intervals) {
    if (lo < V4_BASE || hi > V4_BASE + 0xffffffffn) return undefined;
    if (hi - lo >= BigInt(limit - out.length)) return undefined;
    for (let value = lo; value <= hi; value++) out.push(v4Text(Number(value - V4_BASE)));
  }
  return out;
}

/** A CIDR's first and last address as numbers, for an IPv4 CIDR. */
export function v4Range(cidr: string): { first: number; last: number } | undefined {
  const match = /^([\d.]+)\/(\d+)$/.exec(cidr.trim());
  const base = match ? v4Number(match[1]) : undefined;
  if (!match || base === undefined || Number(match[2]) > 32) return undefined;
  const size = 2 ** (32 - Number(match[2]));
  const first = base - (base % size);
  return { first, last: first + size - 1 };
}

export function meets(set: AddressSet, cidr: string): boolean {
  const parse = parseAddressOrCidr(cidr);
  return parse.ok && overlaps(parse.set, set);
}
