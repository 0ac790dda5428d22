import ipaddr from 'ipaddr.js';
import { AddressSet, isAny } from '../../model/address';

// Address sets as the fewest CIDR blocks, IPv4 and IPv6 apart, as firewalls take them.

/** Addresses as CIDR blocks, per family; `any` when the set is every address. */
export interface CidrSet {
  any: boolean;
  v4: string[];
  v6: string[];
}

const V4_BASE = 0xffffn << 32n;
const V4_END = V4_BASE + 0xffffffffn;
const MAX = (1n << 128n) - 1n;

/** Splits an address set into the fewest CIDR blocks, IPv4 (the ::ffff:0:0/96 part) and IPv6. */
export function cidrs(set: AddressSet): CidrSet {
  if (isAny(set)) return { any: true, v4: [], v6: [] };
  const out: CidrSet = { any: false, v4: [], v6: [] };
  for (const [lo, hi] of set.intervals) {
    // The IPv4-mapped part, then what lies below and above it.
    const pieces: [bigint, bigint, 'v4' | 'v6'][] = [];
    if (lo < V4_BASE) pieces.push([lo, hi < V4_BASE ? hi : V4_BASE - 1n, 'v6']);
    if (hi >= V4_BASE && lo <= V4_END) pieces.push([lo > V4_BASE ? lo : V4_BASE, hi < V4_END ? hi : V4_END, 'v4']);
    if (hi > V4_END) pieces.push([lo > V4_END ? lo : V4_END + 1n, hi, 'v6']);
    for (const [from, to, family] of pieces) {
      for (const [start, bits] of blocks(from, to)) {
        if (family === 'v4') out.v4.push(`${formatV4(start - V4_BASE)}/${32 - bits}`);
        else out.v6.push(`${formatV6(start)}/${128 - bits}`);
      }
    }
  }
  return out;
}

/** The largest aligned power-of-two blocks covering [from, to]: [start, host bits]. */
function blocks(from: bigint, to: bigint): [bigint, number][] {
  const out: [bigint, number][] = [];
  let start = from;
  while (start <= to) {
    let bits = 0;
    while (bits < 128) {
      const size = 1n << BigInt(bits + 1);
      if ((start & (size - 1n)) !== 0n || start + size - 1n > to) break;
      bits++;
    }
    out.push([start, bits]);
    const next = start + (1n << BigInt(bits));
    if (next > MAX) break;
    start = next;
  }
  return out;
}

function formatV4(value: bigint): string {
  const n = Number(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function formatV6(value: bigint): string {
  const bytes: number[] = [];
  for (let k = 15; k >= 0; k--) bytes.push(Number((value >> BigInt(k * 8)) & 0xffn));
  return ipaddr.fromByteArray(bytes).toString();
}

/** "1.2.3.4/32" → "1.2.3.4" (and /128 for IPv6), for formats where a bare address reads better. */
export function bare(cidr: string): string {
  return cidr.includes(':') ? cidr.replace(/\/128$/, '') : cidr.replace(/\/32$/, '');
}
