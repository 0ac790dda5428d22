import ipaddr from 'ipaddr.js';
import { type AddressParse } from '../../../server/src/engine/index';

// parseAddressOrCidr as it was before its IPv4 fast path and cache: every text through ipaddr.js.
// Kept as the reference the fast path must agree with (address.test.ts), not used by the engine.

const V4_BASE = 0xffffn << 32n;

function toBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function referenceParse(text: string): AddressParse {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('/')) {
      if (!ipaddr.isValidCIDR(trimmed)) {
        return { ok: false, reason: { id: 'address/badCidr', data: { text: trimmed } } };
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
      return { ok: false, reason: { id: 'address/badAddress', data: { text: trimmed } } };
    }
    const address = ipaddr.parse(trimmed);
    const value =
      address.kind() === 'ipv4' ? V4_BASE + toBigInt(address.toByteArray()) : toBigInt(address.toByteArray());
    return { ok: true, set: { intervals: [[value, value]] } };
  } catch {
    return { ok: false, reason: { id: 'address/bad', data: { text: trimmed } } };
  }
}
