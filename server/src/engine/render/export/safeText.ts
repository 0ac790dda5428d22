// Text from the topology file, made safe where it lands in an export: control characters out
// everywhere, and a safe character set where a format has no escaping (iptables and nftables
// comments, chain names). Each format's own escaping is in its file.

/** Control characters (newlines, tabs, escapes, bidi overrides) become spaces in every format. */
export function flatten(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** Text for iptables and nftables comments, which have no escaping: a safe character set only. */
export function safeComment(value: string, max: number): string {
  const text = flatten(value)
    .replace(/[^A-Za-z0-9 ._:/,()+#=@-]/g, '_')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? text.slice(0, max) : text;
}

/** An identifier from a firewall name: letters, digits and _ only, never empty, unique among `taken`. */
function identifier(name: string, prefix: string, max: number, taken: Set<string>, upper: boolean): string {
  let base = `${prefix}${name.replace(/[^A-Za-z0-9_]/g, '_')}`;
  if (upper) base = base.toUpperCase();
  base = base.slice(0, max);
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base.slice(0, max - String(n).length - 1)}_${n}`;
  taken.add(candidate);
  return candidate;
}

/** One chain name per firewall, unique, in the format's character set and length. */
export function chainNames(
  firewalls: readonly { name: string }[],
  prefix: string,
  max: number,
  upper: boolean,
): string[] {
  const taken = new Set<string>();
  return firewalls.map((firewall) => identifier(firewall.name, prefix, max, taken, upper));
}
