import { textRef, type TextRef } from '../../messageFormat';
import { parseAddressOrCidr, union } from '../../model/address';
import { bare, cidrs } from '../../render/export/cidrs';

// Addresses as the ASA (and Windows Firewall) writes them, turned into what a topology rule takes:
// a bare address, a CIDR, or `any`. The engine's own parser decides what is an address, so a dump
// and a topology file can never disagree about one.

/** The reason is a text by id: the engine's own (address/...) or a reader's (dump/address/...). */
export type AddressText = { ok: true; addresses: string[] } | { ok: false; reason: TextRef };

/** One address, bare (`131.107.155.10`, `2001:db8::1`). */
export function hostAddress(text: string): AddressText {
  if (text.includes('/')) return { ok: false, reason: textRef('dump/address/notSingle', { text }) };
  const parse = parseAddressOrCidr(text);
  return parse.ok ? { ok: true, addresses: [text] } : { ok: false, reason: parse.reason };
}

/** A dotted mask as a prefix length, when its ones are contiguous. */
export function maskPrefix(mask: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(mask);
  if (!match || match.slice(1).some((octet) => Number(octet) > 255)) return undefined;
  const value = match.slice(1).reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const bits = value.toString(2).padStart(32, '0');
  if (/01/.test(bits)) return undefined;
  return bits.indexOf('0') < 0 ? 32 : bits.indexOf('0');
}

/** `ADDRESS MASK` (IPv4) as the network's CIDR, or a bare address for 255.255.255.255. */
export function maskedNetwork(address: string, mask: string): AddressText {
  const prefix = maskPrefix(mask);
  if (prefix === undefined) return { ok: false, reason: textRef('dump/address/mask', { mask }) };
  if (address.includes(':')) return { ok: false, reason: textRef('dump/address/notV4', { address }) };
  return prefixNetwork(`${address}/${prefix}`);
}

/** `ADDRESS/PREFIX` as the network's CIDR (host bits cleared, as the firewall matches it). */
export function prefixNetwork(text: string): AddressText {
  const parse = parseAddressOrCidr(text);
  if (!parse.ok) return { ok: false, reason: parse.reason };
  return { ok: true, addresses: written(parse.set) };
}

/** `FIRST-LAST` (an ASA `range`, a Windows address range) as the fewest CIDRs covering it. */
export function rangeNetworks(first: string, last: string): AddressText {
  const lo = parseAddressOrCidr(first);
  const hi = parseAddressOrCidr(last);
  if (!lo.ok) return { ok: false, reason: lo.reason };
  if (!hi.ok) return { ok: false, reason: hi.reason };
  const range = `${first}-${last}`;
  if (first.includes('/') || last.includes('/'))
    return { ok: false, reason: textRef('dump/address/notRange', { range }) };
  const [start] = lo.set.intervals[0];
  const [end] = hi.set.intervals[0];
  if (start > end) return { ok: false, reason: textRef('dump/address/reversed', { range }) };
  if (first.includes(':') !== last.includes(':'))
    return { ok: false, reason: textRef('dump/address/mixed', { range }) };
  return { ok: true, addresses: written(union({ intervals: [[start, end]] })) };
}

/** An address set as a rule writes it: `any`, or its fewest CIDRs (bare for one address). */
export function written(set: Parameters<typeof cidrs>[0]): string[] {
  const blocks = cidrs(set);
  if (blocks.any) return ['any'];
  return [...blocks.v4, ...blocks.v6].map(bare);
}
