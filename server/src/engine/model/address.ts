import ipaddr from 'ipaddr.js';
import type { TextRef } from '../messageFormat';
import { reason } from './texts';

// Addresses live in one 128-bit space: IPv4 is mapped into ::ffff:0:0/96, so a firewall rule
// written for IPv4 and one for IPv6 can be compared with the same interval arithmetic.

export type Interval = readonly [bigint, bigint];

/** A set of addresses as sorted, disjoint, non-adjacent inclusive intervals. */
export interface AddressSet {
  readonly intervals: readonly Interval[];
}

const MAX = (1n << 128n) - 1n;
const V4_BASE = 0xffffn << 32n;

export const EMPTY: AddressSet = { intervals: [] };
export const ANY: AddressSet = { intervals: [[0n, MAX]] };

function normalize(intervals: Interval[]): AddressSet {
  const sorted = intervals.filter(([lo, hi]) => lo <= hi).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [lo, hi] of sorted) {
    const last = merged[merged.length - 1];
    if (last && lo <= last[1] + 1n) {
      if (hi > last[1]) last[1] = hi;
    } else {
      merged.push([lo, hi]);
    }
  }
  return { intervals: merged };
}

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export type AddressParse = { ok: true; set: AddressSet } | { ok: false; reason: TextRef };

// A topology names the same addresses many times (a server's interface in every rule), and a
// large one names thousands: answers are kept per string, up to a bound (a long-running server
// sees every text the user ever typed).
const parses = new Map<string, AddressParse>();
const MAX_PARSES = 100_000;

/** Parses an IPv4/IPv6 address or CIDR. The reason, when it fails, is written for the user. */
export function parseAddressOrCidr(text: string): AddressParse {
  let known = parses.get(text);
  if (!known) {
    if (parses.size >= MAX_PARSES) parses.clear();
    known = freeze(parseDottedQuad(text) ?? parseWithLibrary(text));
    // A copy as the key: a slice of a document's text (V8 slices 13 characters or more) would keep
    // that whole version of the text alive as long as the answer is kept, after its document closed.
    parses.set(Buffer.from(text, 'utf8').toString('utf8'), known);
  }
  return known;
}

/** A parse is shared by every caller that names the same text: none may change it. */
function freeze(parse: AddressParse): AddressParse {
  if (parse.ok) parse.set.intervals.forEach((interval) => Object.freeze(interval));
  if (parse.ok) Object.freeze(parse.set.intervals);
  if (parse.ok) Object.freeze(parse.set);
  return Object.freeze(parse);
}

// Four decimal octets without leading zeros (ipaddr.js reads 010 as octal), optionally a prefix
// length 0-32 without leading zeros: the text the library would read the same way. Everything
// else goes to the library, whose IPv4 parse runs only after its IPv6 parse failed by exception.
// The pattern's \s is the white space trim() removes.
const OCTET = '(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])';
const DOTTED_QUAD = new RegExp(`^\\s*${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}(?:/(0|[1-9]|[12][0-9]|3[0-2]))?\\s*$`);

function parseDottedQuad(text: string): AddressParse | undefined {
  const match = DOTTED_QUAD.exec(text);
  if (!match) return undefined;
  const value = ((+match[1] << 24) | (+match[2] << 16) | (+match[3] << 8) | +match[4]) >>> 0;
  const base = V4_BASE + BigInt(value);
  if (match[5] === undefined) return { ok: true, set: { intervals: [[base, base]] } };
  const mask = (1n << BigInt(32 - Number(match[5]))) - 1n;
  const lo = base & ~mask;
  return { ok: true, set: { intervals: [[lo, lo + mask]] } };
}

function parseWithLibrary(text: string): AddressParse {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('/')) {
      if (!ipaddr.isValidCIDR(trimmed)) {
        return { ok: false, reason: reason('address/badCidr', { text: trimmed }) };
      }
      const [address, prefix] = ipaddr.parseCIDR(trimmed);
      const hostBits = address.kind() === 'ipv4' ? 32 - prefix : 128 - prefix;
      const base =
        address.kind() === 'ipv4' ? V4_BASE + toBigInt(address.toByteArray()) : toBigInt(address.toByteArray());
      const mask = (1n << BigInt(hostBits)) - 1n;
      const lo = base & ~mask;
      return { ok: true, set: { intervals: [[lo, lo + mask]] } };
    }
    if (
      !ipaddr.isValid(trimmed) ||
      (trimmed.includes('.') && !ipaddr.IPv4.isValidFourPartDecimal(trimmed) && !trimmed.includes(':'))
    ) {
      return { ok: false, reason: reason('address/badAddress', { text: trimmed }) };
    }
    const address = ipaddr.parse(trimmed);
    const value =
      address.kind() === 'ipv4' ? V4_BASE + toBigInt(address.toByteArray()) : toBigInt(address.toByteArray());
    return { ok: true, set: { intervals: [[value, value]] } };
  } catch {
    return { ok: false, reason: reason('address/bad', { text: trimmed }) };
  }
}

/** True when the text looks like an attempt at an address (so a failure is `invalid-address`, not an unknown name). */
export function looksLikeAddress(text: string): boolean {
  return /^[0-9.]+(\/\d*)?$/.test(text) || (/^[0-9a-fA-F:.]+(\/\d*)?$/.test(text) && text.includes(':'));
}

export function union(...sets: AddressSet[]): AddressSet {
  // A set is already normalized: the union of one is itself (most rules name one endpoint).
  if (sets.length === 1) return sets[0];
  if (sets.length === 0) return EMPTY_UNION;
  return normalize(sets.flatMap((set) => [...set.intervals]));
}

/** union() of nothing, shared: nobody changes a set. */
const EMPTY_UNION: AddressSet = Object.freeze({ intervals: Object.freeze([]) as readonly Interval[] });

export function intersect(a: AddressSet, b: AddressSet): AddressSet {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.intervals.length && j < b.intervals.length) {
    const [alo, ahi] = a.intervals[i];
    const [blo, bhi] = b.intervals[j];
    const lo = alo > blo ? alo : blo;
    const hi = ahi < bhi ? ahi : bhi;
    if (lo <= hi) out.push([lo, hi]);
    if (ahi < bhi) i++;
    else j++;
  }
  return { intervals: out };
}

export function subtract(a: AddressSet, b: AddressSet): AddressSet {
  const out: Interval[] = [];
  for (const [lo, hi] of a.intervals) {
    let start = lo;
    for (const [blo, bhi] of b.intervals) {
      if (bhi < start || blo > hi) continue;
      if (blo > start) out.push([start, blo - 1n]);
      start = bhi + 1n;
      if (start > hi) break;
    }
    if (start <= hi) out.push([start, hi]);
  }
  return { intervals: out };
}

export function isEmpty(set: AddressSet): boolean {
  return set.intervals.length === 0;
}

export function isAny(set: AddressSet): boolean {
  return set.intervals.length === 1 && set.intervals[0][0] === 0n && set.intervals[0][1] === MAX;
}

/** isEmpty(subtract(a, b)), without building the difference. */
export function isSubset(a: AddressSet, b: AddressSet): boolean {
  for (const [lo, hi] of a.intervals) {
    let start = lo;
    for (const [blo, bhi] of b.intervals) {
      if (bhi < start || blo > hi) continue;
      if (blo > start) return false;
      start = bhi + 1n;
      if (start > hi) break;
    }
    if (start <= hi) return false;
  }
  return true;
}

/** !isEmpty(intersect(a, b)), without building the intersection: the analysis asks it of every rule. */
export function overlaps(a: AddressSet, b: AddressSet): boolean {
  const x = a.intervals;
  const y = b.intervals;
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const [alo, ahi] = x[i];
    const [blo, bhi] = y[j];
    if ((alo > blo ? alo : blo) <= (ahi < bhi ? ahi : bhi)) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

export function equals(a: AddressSet, b: AddressSet): boolean {
  return (
    a.intervals.length === b.intervals.length &&
    a.intervals.every(([lo, hi], k) => lo === b.intervals[k][0] && hi === b.intervals[k][1])
  );
}

function formatAddress(value: bigint): string {
  if (value >> 32n === 0xffffn) {
    const v4 = Number(value & 0xffffffffn);
    return [v4 >>> 24, (v4 >>> 16) & 255, (v4 >>> 8) & 255, v4 & 255].join('.');
  }
  const parts: number[] = [];
  for (let k = 7; k >= 0; k--) parts.push(Number((value >> BigInt(k * 16)) & 0xffffn));
  return ipaddr.fromByteArray(parts.flatMap((part) => [part >> 8, part & 255])).toString();
}

function formatInterval([lo, hi]: Interval): string {
  if (lo === hi) return formatAddress(lo);
  const size = hi - lo + 1n;
  if ((size & (size - 1n)) === 0n && (lo & (size - 1n)) === 0n) {
    const bits = size.toString(2).length - 1;
    const isV4 = lo >> 32n === 0xffffn && hi >> 32n === 0xffffn;
    return `${formatAddress(lo)}/${(isV4 ? 32 : 128) - bits}`;
  }
  return `${formatAddress(lo)}-${formatAddress(hi)}`;
}

/** Readable form for hovers and messages: 'any', or addresses and CIDRs separated by commas. */
export function formatAddressSet(set: AddressSet): string {
  if (isAny(set)) return 'any';
  if (isEmpty(set)) return 'no address';
  return set.intervals.map(formatInterval).join(', ');
}
