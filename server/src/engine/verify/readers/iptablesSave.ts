import type { DumpFormat, DumpProblem, DumpReading, DumpService, HostDirection, ReaderOptions } from '../dumpRule';
import { textRef, type TextRef } from '../../messageFormat';
import {
  callersOf,
  type Chain,
  type ChainRule,
  chooseChain,
  error,
  lineLocation,
  type Match,
  readingOf,
  warning,
} from './chains';

// `iptables-save` output: tables from `*name` to `COMMIT`, chains as `:NAME POLICY [packets:bytes]`,
// rules as `-A CHAIN <matches> -j TARGET`, one a line, as iptables-save prints them (it writes
// every rule in one canonical order, `-s a,b` already split into one rule per address). Only the
// filter table decides what passes; nat, mangle and raw are skipped. A network firewall's rules
// are its FORWARD chain; a host's own firewall is INPUT (what is delivered to the host) and OUTPUT
// (what the host sends), each with its policy, and FORWARD does not see the host's own traffic:
// the netfilter hooks as iptables(8) describes its built-in chains.

const BASE_CHAINS = ['INPUT', 'FORWARD', 'OUTPUT'];

export const IPTABLES_SAVE: DumpFormat = {
  id: 'iptables-save',
  title: 'iptables-save',
  hostDirections: true,
  recognizes: (text) => /^\*(filter|nat|mangle|raw|security)\s*$/m.test(text) && /^COMMIT\s*$/m.test(text),
  read: readIptablesSave,
};

/** Splits a rule line as iptables-save quotes it: "..." with \" and \\ inside. */
export function tokens(line: string): string[] {
  const out: string[] = [];
  let at = 0;
  while (at < line.length) {
    while (at < line.length && /\s/.test(line[at])) at++;
    if (at >= line.length) break;
    let token = '';
    while (at < line.length && !/\s/.test(line[at])) {
      if (line[at] !== '"') {
        token += line[at++];
        continue;
      }
      at++;
      while (at < line.length && line[at] !== '"') {
        if (line[at] === '\\' && at + 1 < line.length) at++;
        token += line[at++];
      }
      at++;
    }
    out.push(token);
  }
  return out;
}

export function readIptablesSave(text: string, options: ReaderOptions): DumpReading {
  const lines = text.split(/\r?\n/);
  const chains = new Map<string, Chain>();
  const problems: DumpProblem[] = [];
  let table: string | undefined;
  let sawFilter = false;
  lines.forEach((raw, k) => {
    const line = raw.trim();
    const location = lineLocation(k + 1, raw);
    if (line === '' || line.startsWith('#')) return;
    if (line.startsWith('*')) {
      table = line.slice(1);
      sawFilter ||= table === 'filter';
      return;
    }
    if (line === 'COMMIT') {
      table = undefined;
      return;
    }
    if (table !== 'filter') return;
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      const known = chains.get(name);
      const chain: Chain = known ?? { name, location, rules: [] };
      chain.location = location;
      if (policy === 'ACCEPT') chain.policy = 'allow';
      else if (policy === 'DROP') chain.policy = 'deny';
      chains.set(name, chain);
      return;
    }
    const words = tokens(line);
    if (words[0] !== '-A' || words.length < 2) {
      problems.push(warning(location, 'dump/iptables/notLine', { text: line.slice(0, 40) }));
      return;
    }
    let chain = chains.get(words[1]);
    if (!chain) {
      chain = { name: words[1], location, rules: [] };
      chains.set(words[1], chain);
    }
    const rule = ruleOf(words.slice(2), location, chains);
    if (rule) chain.rules.push(rule);
  });
  const empty: DumpReading = {
    rules: [],
    listLocation: lineLocation(1, lines[0] ?? ''),
    defaultAction: 'deny',
    problems,
  };
  if (!sawFilter) {
    problems.push(error(empty.listLocation, 'dump/iptables/noFilter'));
    return empty;
  }
  if (options.ruleList === undefined && options.hostList !== undefined) {
    const name = HOST_CHAINS[options.hostList];
    // iptables-save writes every built-in chain of a table it saves; one edited out has the
    // built-in policy, ACCEPT.
    const chain = chains.get(name) ?? { name, location: empty.listLocation, rules: [] };
    return { ...readingOf(chains, chain, chain.policy ?? 'allow', problems), direction: options.hostList };
  }
  const start = chooseChain(
    chains,
    options.ruleList,
    (chain) => chain.name === 'FORWARD' && chain.rules.length > 0,
    textRef('dump/chain/ruleInForward'),
    chains.get('FORWARD'),
  );
  if (!('rules' in start)) {
    problems.push(error(empty.listLocation, start.why.id, start.why.data, start.choices));
    return empty;
  }
  // A user chain returns to the chain that jumped to it: what follows there is not in the dump's
  // view of this chain, so the caller's policy stands for it (FORWARD's when the dump does not say),
  // and a chain only INPUT or only OUTPUT reaches decides that one direction of a host.
  const callers = start.policy === undefined ? callersOf(chains, start.name) : [];
  const caller = callers.length === 1 ? callers[0] : undefined;
  const policy = start.policy ?? caller?.policy ?? chains.get('FORWARD')?.policy ?? 'deny';
  const reading = readingOf(chains, start, policy, problems);
  const direction = directionOf(caller?.name ?? start.name);
  return direction ? { ...reading, direction } : reading;
}

const HOST_CHAINS: Record<HostDirection, string> = { inbound: 'INPUT', outbound: 'OUTPUT' };

/** The host direction a named chain decides: INPUT's and OUTPUT's, none for FORWARD or a user chain. */
function directionOf(chain: string): HostDirection | undefined {
  return chain === 'INPUT' ? 'inbound' : chain === 'OUTPUT' ? 'outbound' : undefined;
}

/** The states a stateful topology rule already covers: a rule for only these adds nothing. */
const REPLY_STATES = new Set(['ESTABLISHED', 'RELATED', 'INVALID', 'UNTRACKED']);

function ruleOf(
  words: string[],
  location: ChainRule['location'],
  chains: ReadonlyMap<string, Chain>,
): ChainRule | undefined {
  const problems: DumpProblem[] = [];
  const match: Match = {};
  let protocol: 'TCP' | 'UDP' | 'ANY' = 'ANY';
  let dports: string | undefined;
  let name: string | undefined;
  let target: string | undefined;
  let skip: TextRef | undefined;
  let silent = false;
  for (let k = 0; k < words.length; k++) {
    const word = words[k];
    const value = words[k + 1];
    switch (word) {
      case '!':
        skip ??= textRef('dump/iptables/negation', { value: value ?? '' });
        k++;
        break;
      case '-s':
      case '--source':
        match.from = addresses(value);
        k++;
        break;
      case '-d':
      case '--destination':
        match.to = addresses(value);
        k++;
        break;
      case '-p':
      case '--protocol': {
        const p = (value ?? '').toLowerCase();
        if (p === 'tcp' || p === '6') protocol = 'TCP';
        else if (p === 'udp' || p === '17') protocol = 'UDP';
        else if (p === 'all' || p === '0') protocol = 'ANY';
        else silent = true; // ICMP and the other protocols carry no flow of the catalog.
        k++;
        break;
      }
      case '-i':
      case '--in-interface':
      case '-o':
      case '--out-interface':
        if (value === 'lo') silent = true;
        else problems.push(warning(location, 'dump/interfaceMatch', { match: `${word} ${value}` }));
        k++;
        break;
      case '-m':
      case '--match':
        if (!['tcp', 'udp', 'multiport', 'comment', 'conntrack', 'state'].includes(value ?? ''))
          skip ??= textRef('dump/iptables/match', { match: String(value) });
        k++;
        break;
      case '--dport':
      case '--destination-port':
      case '--dports':
      case '--destination-ports':
        dports = ports(value);
        k++;
        break;
      case '--sport':
      case '--source-port':
      case '--sports':
      case '--source-ports':
        match.sourcePort = ports(value);
        k++;
        break;
      case '--comment':
        name = value;
        k++;
        break;
      case '--ctstate':
      case '--state':
        if ((value ?? '').split(',').every((state) => REPLY_STATES.has(state.toUpperCase()))) silent = true;
        k++;
        break;
      case '-j':
      case '--jump':
      case '-g':
      case '--goto':
        target = value;
        k++;
        break;
      default:
        // A target's own options (--reject-with, --log-prefix) come after -j and do not change the verdict.
        if (target !== undefined && word.startsWith('--')) {
          if (value !== undefined && !value.startsWith('-')) k++;
          break;
        }
        skip ??= textRef('dump/iptables/option', { option: word });
    }
  }
  if (silent) return undefined;
  if (dports !== undefined || protocol !== 'ANY') {
    const service: DumpService = dports === undefined ? { transport: protocol } : { transport: protocol, port: dports };
    match.services = [service];
  }
  const verdict = targetOf(target, chains);
  // A log or counter rule decides nothing, whatever it matches.
  if (verdict?.kind === 'none') return undefined;
  if (verdict === undefined) skip ??= textRef('dump/iptables/target', { target: String(target) });
  if (skip !== undefined)
    return {
      location,
      match,
      target: { kind: 'none' },
      problems: [warning(location, 'dump/leftOut', { reason: skip })],
    };
  return { location, ...(name ? { name } : {}), match, target: verdict!, problems };
}

function targetOf(target: string | undefined, chains: ReadonlyMap<string, Chain>): ChainRule['target'] | undefined {
  if (target === undefined || target === 'LOG' || target === 'NFLOG') return { kind: 'none' };
  if (target === 'ACCEPT') return { kind: 'verdict', action: 'allow' };
  if (target === 'DROP' || target === 'REJECT') return { kind: 'verdict', action: 'deny' };
  if (target === 'RETURN') return { kind: 'return' };
  if (chains.has(target) && !BASE_CHAINS.includes(target)) return { kind: 'jump', chain: target };
  return undefined;
}

function addresses(value: string | undefined): string[] | undefined {
  const list = (value ?? '').split(',').filter(Boolean);
  return list.length === 0 || list.every((item) => item === '0.0.0.0/0' || item === '::/0') ? undefined : list;
}

/** `5060:5061` and `80,443` as the topology writes ports: `5060-5061`, `80,443`. */
function ports(value: string | undefined): string {
  return (value ?? '')
    .split(',')
    .map((item) => {
      if (!item.includes(':')) return item;
      const [from, to] = item.split(':');
      // `:1024` and `1024:` are open ranges; port 0 is no port a connection can use.
      return `${from === '' || from === '0' ? '1' : from}-${to === '' ? '65535' : to}`;
    })
    .join(',');
}
