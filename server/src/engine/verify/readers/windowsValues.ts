import { textRef, type TextRef } from '../../messageFormat';
import { hostAddress, maskedNetwork, prefixNetwork, rangeNetworks } from './asaAddress';

// The property values of a Windows Firewall rule as ConvertTo-Json writes them. Windows
// PowerShell 5.1 writes enums as numbers (Direction 1/2, Action 2/4, Enabled 1/2), PowerShell 7
// with -EnumsAsStrings as names; a one-element list comes out as the bare value, and a list taken
// from a CIM property sometimes as { "value": [...], "Count": n }.

/** A scalar, a list, or a wrapped list, as the strings it holds. */
export function valueList(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(valueList);
  if (typeof value === 'object' && 'value' in value) return valueList((value as { value: unknown }).value);
  return [String(value)];
}

/** An enum written as its name or its number. */
export function enumValue(value: unknown, names: Readonly<Record<string, string>>): string | undefined {
  const text = valueList(value)[0];
  if (text === undefined) return undefined;
  return names[text.toLowerCase()];
}

export const DIRECTIONS = { inbound: 'Inbound', '1': 'Inbound', outbound: 'Outbound', '2': 'Outbound' } as const;
export const ACTIONS = {
  allow: 'Allow',
  '2': 'Allow',
  block: 'Block',
  '4': 'Block',
  notconfigured: 'NotConfigured',
  '0': 'NotConfigured',
} as const;
export const ENABLED = { true: 'True', '1': 'True', false: 'False', '2': 'False' } as const;

export type WindowsTransport = 'TCP' | 'UDP' | 'ANY' | 'OTHER';

/** `TCP`, `UDP`, `Any` or a protocol number; ICMPv4, ICMPv6 and the rest are OTHER. */
export function windowsTransport(value: unknown): WindowsTransport | undefined {
  const text = valueList(value)[0]?.toLowerCase();
  if (text === undefined) return undefined;
  if (text === 'tcp' || text === '6') return 'TCP';
  if (text === 'udp' || text === '17') return 'UDP';
  if (text === 'any' || text === '256') return 'ANY';
  return 'OTHER';
}

export type Entry = { ok: true; values: string[] } | { ok: false; keyword: string };

/** A port entry: a number or a range (`50000-59999`); a keyword (RPC, IPHTTPSIn ...) Windows resolves itself. */
export function portEntry(text: string): Entry | { ok: false; reason: TextRef } {
  const trimmed = text.trim();
  const match = /^(\d+)(?:-(\d+))?$/.exec(trimmed);
  if (!match) return { ok: false, keyword: trimmed };
  const [lo, hi] = [Number(match[1]), Number(match[2] ?? match[1])];
  if (lo < 1 || hi > 65535 || lo > hi)
    return { ok: false, reason: textRef('dump/windows/portRange', { text: trimmed }) };
  return { ok: true, values: [lo === hi ? `${lo}` : `${lo}-${hi}`] };
}

/** A property's entries, also when a script joined a list with commas. */
export function entriesOf(value: unknown): string[] {
  return valueList(value)
    .flatMap((text) => text.split(','))
    .map((text) => text.trim())
    .filter((text) => text !== '');
}

/**
 * An address entry: an address, `A/LEN`, `A/MASK` (how Windows shows a subnet), or a range
 * `A-B`. A keyword (LocalSubnet, DNS, Internet ...) is resolved by Windows at run time.
 */
export function addressEntry(text: string): Entry | { ok: false; reason: TextRef } {
  const trimmed = text.trim();
  if (/^(any|\*)$/i.test(trimmed)) return { ok: true, values: ['any'] };
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(trimmed)) return { ok: false, keyword: trimmed };
  const dash = trimmed.indexOf('-');
  const parsed =
    dash > 0
      ? rangeNetworks(trimmed.slice(0, dash), trimmed.slice(dash + 1))
      : /^[\d.]+\/[\d.]+\.[\d.]+$/.test(trimmed)
        ? maskedNetwork(trimmed.slice(0, trimmed.indexOf('/')), trimmed.slice(trimmed.indexOf('/') + 1))
        : trimmed.includes('/')
          ? prefixNetwork(trimmed)
          : hostAddress(trimmed);
  return parsed.ok ? { ok: true, values: parsed.addresses } : { ok: false, reason: parsed.reason };
}
