import { maskPrefix, maskedNetwork, prefixNetwork } from './asaAddress';
import type { AsaLine } from './asaLines';

// What the running config says about where traffic goes: each `interface` with its `nameif`,
// `security-level` and addresses (its connected networks), the `route` and `ipv6 route` lines, and
// `same-security-traffic permit inter-interface|intra-interface`. The security levels decide what
// an interface passes when no access list applies to it (see asaSecurityLevels.ts).

export interface AsaRoute {
  /** The nameif the route leaves by. */
  interfaceName: string;
  addresses: string[];
  /** The prefix length in the engine's one 128-bit space (IPv4 sits in ::ffff:0:0/96), for longest match. */
  prefix: number;
  line: AsaLine;
}

export interface AsaInterface {
  name: string;
  level: number;
  /** The `nameif` line: where a reading of this interface starts. */
  nameLine: AsaLine;
  connected: AsaRoute[];
}

export interface AsaInterfaces {
  interfaces: AsaInterface[];
  /** Static routes, as written. */
  routes: AsaRoute[];
  /** `same-security-traffic permit inter-interface`: equal levels pass as a lower one would. */
  interInterface: boolean;
  /** `same-security-traffic permit intra-interface`: traffic may leave by the interface it came in. */
  intraInterface: boolean;
}

export function readAsaInterfaces(lines: readonly AsaLine[]): AsaInterfaces {
  const out: AsaInterfaces = { interfaces: [], routes: [], interInterface: false, intraInterface: false };
  let block: { name?: string; nameLine?: AsaLine; level?: number; shutdown: boolean; addresses: Address[] } | undefined;
  const close = () => {
    if (block?.name && block.nameLine && !block.shutdown) {
      const name = block.name;
      // Cisco: an interface named `inside` without a security-level is 100, any other 0.
      const level = block.level ?? (name.toLowerCase() === 'inside' ? 100 : 0);
      const connected = block.addresses.map((address) => ({ interfaceName: name, ...address }));
      out.interfaces.push({ name, level, nameLine: block.nameLine, connected });
    }
    block = undefined;
  };
  for (const line of lines) {
    const words = line.tokens.map((token) => token.text.toLowerCase());
    if (words.length === 0) continue;
    if (line.indented) {
      if (!block) continue;
      if (words[0] === 'nameif' && line.tokens[1]) {
        block.name = line.tokens[1].text;
        block.nameLine = line;
      } else if (words[0] === 'security-level' && /^\d+$/.test(words[1] ?? '')) block.level = Number(words[1]);
      else if (words[0] === 'shutdown') block.shutdown = true;
      else if (words[0] === 'ip' && words[1] === 'address') pushAddress(block.addresses, line, words[2], words[3]);
      else if (words[0] === 'ipv6' && words[1] === 'address') pushAddress(block.addresses, line, words[2]);
      continue;
    }
    close();
    if (words[0] === 'interface') block = { shutdown: false, addresses: [] };
    else if (words[0] === 'route' && line.tokens[1]) {
      const route = networkOf(line, line.tokens[2]?.text, line.tokens[3]?.text);
      if (route) out.routes.push({ interfaceName: line.tokens[1].text, ...route });
    } else if (words[0] === 'ipv6' && words[1] === 'route' && line.tokens[2]) {
      const route = networkOf(line, line.tokens[3]?.text);
      if (route) out.routes.push({ interfaceName: line.tokens[2].text, ...route });
    } else if (words[0] === 'same-security-traffic' && words[1] === 'permit') {
      if (words[2] === 'inter-interface') out.interInterface = true;
      if (words[2] === 'intra-interface') out.intraInterface = true;
    }
  }
  close();
  return out;
}

type Address = Omit<AsaRoute, 'interfaceName'>;

function pushAddress(into: Address[], line: AsaLine, address: string | undefined, mask?: string): void {
  // `ip address dhcp`, `pppoe`, a link-local IPv6 address: no network the config can place.
  const network = networkOf(line, address, mask);
  if (network) into.push(network);
}

/** `A MASK` or `PREFIX/LEN` as the network and its prefix length; undefined when it does not read. */
function networkOf(line: AsaLine, address: string | undefined, mask?: string): Address | undefined {
  if (address === undefined) return undefined;
  if (address.includes('/')) {
    const parsed = prefixNetwork(address);
    const length = Number(address.slice(address.indexOf('/') + 1));
    if (!parsed.ok || !Number.isInteger(length)) return undefined;
    return { addresses: parsed.addresses, prefix: address.includes(':') ? length : 96 + length, line };
  }
  if (mask === undefined) return undefined;
  const parsed = maskedNetwork(address, mask);
  const length = maskPrefix(mask);
  if (!parsed.ok || length === undefined) return undefined;
  return { addresses: parsed.addresses, prefix: 96 + length, line };
}
