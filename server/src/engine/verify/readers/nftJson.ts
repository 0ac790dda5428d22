import type {
  AddressFamily,
  DumpFormat,
  DumpLocation,
  DumpProblem,
  DumpReading,
  DumpService,
  HostDirection,
  ReaderOptions,
} from '../dumpRule';
import { addressRangeCidrs } from '../addressRange';
import { textRef, type TextRef } from '../../messageFormat';
import { callersOf, type Chain, type ChainRule, chooseChain, error, type Match, readingOf, warning } from './chains';
import type { ReaderTextId } from './texts';

// `nft -j list ruleset`: {"nftables": [ {metainfo}, {table}, {chain}, {rule}, ... ]}, each rule
// with its table, chain, handle and a list of expressions (matches on payload, meta and ct, then
// a verdict). nft prints it on one line, so a rule's place is the span of its object in the text.
// A network firewall's rules are the filter chain on the forward hook; a host's own firewall is
// the chain on the input hook (what is delivered to the host) and the one on the output hook (what
// the host sends), each with its policy (nft(8): a base chain's hook is where netfilter calls it).

export const NFT_JSON: DumpFormat = {
  id: 'nft-json',
  title: 'nft -j list ruleset',
  hostDirections: true,
  recognizes: (text) => /^\s*\{\s*"nftables"\s*:\s*\[/.test(text),
  read: readNftJson,
};

interface NftChain {
  family: string;
  table: string;
  name: string;
  hook?: string;
  type?: string;
  policy?: string;
}

interface NftRule {
  family: string;
  table: string;
  chain: string;
  comment?: string;
  expr?: unknown[];
}

type Item = { chain?: NftChain; rule?: NftRule; table?: unknown };

export function readNftJson(text: string, options: ReaderOptions): DumpReading {
  const lines = lineStarts(text);
  const whole = locate(lines, 0, Math.max(text.length, 1));
  const problems: DumpProblem[] = [];
  const empty = (): DumpReading => ({ rules: [], listLocation: whole, defaultAction: 'deny', problems });
  let items: Item[];
  try {
    const parsed = JSON.parse(text) as { nftables?: unknown };
    if (!Array.isArray(parsed.nftables)) {
      problems.push(error(whole, 'dump/nft/notJson', { reason: textRef('dump/nft/noList') }));
      return empty();
    }
    items = parsed.nftables as Item[];
  } catch (cause) {
    // JSON.parse's own words (V8's), as it writes them.
    problems.push(error(whole, 'dump/nft/notJson', { reason: cause instanceof Error ? cause.message : String(cause) }));
    return empty();
  }
  const spans = elementSpans(text);
  const chains = new Map<string, Chain>();
  const declared: NftChain[] = [];
  items.forEach((item, k) => {
    if (typeof item !== 'object' || item === null) return;
    const location = spans[k] ? locate(lines, spans[k][0], spans[k][1]) : whole;
    if (item.chain) {
      const chain = item.chain;
      declared.push(chain);
      const policy = chain.policy === 'drop' ? 'deny' : chain.policy === 'accept' ? 'allow' : undefined;
      chains.set(keyOf(chain.family, chain.table, chain.name), {
        name: `${chain.family}/${chain.table}/${chain.name}`,
        location,
        ...(policy ? { policy } : {}),
        rules: [],
      });
    } else if (item.rule) {
      const chain = chains.get(keyOf(item.rule.family, item.rule.table, item.rule.chain));
      if (chain) chain.rules.push(ruleOf(item.rule, location));
    }
  });
  const hookOf = (chain: Chain) => {
    const nft = declared.find((candidate) => chain.name === `${candidate.family}/${candidate.table}/${candidate.name}`);
    return nft && (nft.type ?? 'filter') === 'filter' ? nft.hook : undefined;
  };
  const forward = (chain: Chain) => hookOf(chain) === 'forward';
  if (options.ruleList === undefined && options.hostList !== undefined) {
    const hook = HOST_HOOKS[options.hostList];
    const families = options.hostFamilies ?? ['ipv4'];
    const hooked = [...chains.values()].filter(
      (chain) => hookOf(chain) === hook && families.some((family) => seesFamily(familyOf(chain), family)),
    );
    // No chain on the hook: nothing filters that direction.
    if (hooked.length === 0)
      return { rules: [], listLocation: whole, defaultAction: 'allow', problems, direction: options.hostList };
    // A packet passes every base chain on its hook that sees its family, and one first-match list
    // cannot say two verdicts in a row: which one decides is the user's to say.
    if (hooked.length > 1) {
      const names = hooked.map((chain) => chain.name);
      problems.push(error(whole, 'dump/chain/several', { chains: names.join(', ') }, names));
      return empty();
    }
    const [start] = hooked;
    return { ...readingOf(chains, start, start.policy ?? 'allow', problems), direction: options.hostList };
  }
  const wanted = options.ruleList === undefined ? undefined : resolve(declared, options.ruleList);
  const start = chooseChain(chains, wanted ?? options.ruleList, forward, textRef('dump/chain/forwardHook'));
  if (!('rules' in start)) {
    problems.push(error(whole, start.why.id, start.why.data, start.choices));
    return empty();
  }
  // nft's policy is accept unless the chain says drop; a chain off any hook returns to its caller,
  // so the one base chain that reaches it stands for its policy and its hook (the forward hook's
  // when the dump does not say).
  const hooked = [...chains.values()].filter(forward);
  const callers = hookOf(start) === undefined ? callersOf(chains, start.name) : [];
  const caller = callers.length === 1 ? callers[0] : undefined;
  const policy = start.policy ?? caller?.policy ?? (hooked.length === 1 ? hooked[0].policy : undefined) ?? 'allow';
  const reading = readingOf(chains, start, policy, problems);
  const hook = hookOf(caller ?? start);
  const direction = hook === 'input' ? 'inbound' : hook === 'output' ? 'outbound' : undefined;
  return direction ? { ...reading, direction } : reading;
}

const HOST_HOOKS: Record<HostDirection, string> = { inbound: 'input', outbound: 'output' };

/** The nft family of a chain as the reader names it (`family/table/chain`). */
function familyOf(chain: Chain): string {
  return chain.name.slice(0, chain.name.indexOf('/'));
}

/** Whether a table of nft `family` sees the host's packets of `address` family on the input and output hooks. */
function seesFamily(family: string, address: AddressFamily): boolean {
  return family === 'inet' || family === (address === 'ipv4' ? 'ip' : 'ip6');
}

function keyOf(family: string, table: string, chain: string): string {
  return `${family}/${table}/${chain}`;
}

/** `chain`, `table/chain` or `family/table/chain`, as the user names it. */
function resolve(chains: NftChain[], wanted: string): string | undefined {
  const parts = wanted.split('/');
  const found = chains.filter((chain) =>
    parts.length >= 3
      ? keyOf(chain.family, chain.table, chain.name) === wanted
      : parts.length === 2
        ? `${chain.table}/${chain.name}` === wanted
        : chain.name === wanted,
  );
  return found.length === 1 ? keyOf(found[0].family, found[0].table, found[0].name) : undefined;
}

const REPLY_STATES = new Set(['established', 'related', 'invalid', 'untracked']);

function ruleOf(rule: NftRule, location: DumpLocation): ChainRule {
  const match: Match = {};
  const problems: DumpProblem[] = [];
  let transports: ('TCP' | 'UDP')[] | undefined;
  let dport: { transport: DumpService['transport']; port: string } | undefined;
  let target: ChainRule['target'] | undefined;
  let skip: TextRef | undefined;
  let silent = false;
  const leaveOut = (id: ReaderTextId, data: Record<string, string> = {}) => (skip ??= textRef(id, data));
  // A dump edited by hand may hold anything where nft writes an object: it is read as nothing.
  for (const expr of Array.isArray(rule.expr) ? rule.expr : []) {
    const [key, body] = Object.entries((expr ?? {}) as Record<string, unknown>)[0] ?? [];
    if (key === 'match') {
      const written = (body ?? {}) as { op?: string; left?: Record<string, Record<string, unknown>>; right?: unknown };
      const { op, right } = written;
      const left = typeof written.left === 'object' && written.left !== null ? written.left : {};
      if (op !== '==' && op !== 'in') {
        leaveOut('dump/nft/operator', { op: String(op) });
        continue;
      }
      const payload = left.payload as { protocol?: string; field?: string } | undefined;
      const meta = left.meta as { key?: string } | undefined;
      const ct = left.ct as { key?: string } | undefined;
      if (
        payload &&
        (payload.protocol === 'ip' || payload.protocol === 'ip6') &&
        /^[sd]addr$/.test(payload.field ?? '')
      ) {
        const list = addressesOf(right);
        if (list === undefined) leaveOut('dump/nft/address', { value: JSON.stringify(right) });
        else if (payload.field === 'saddr') match.from = list;
        else match.to = list;
      } else if (
        payload &&
        ['tcp', 'udp', 'th'].includes(payload.protocol ?? '') &&
        /^[sd]port$/.test(payload.field ?? '')
      ) {
        const ports = portsOf(right);
        const transport = payload.protocol === 'th' ? 'ANY' : payload.protocol === 'tcp' ? 'TCP' : 'UDP';
        if (ports === undefined) leaveOut('dump/nft/port', { value: JSON.stringify(right) });
        else if (payload.field === 'sport') {
          match.sourcePort = ports;
          if (transport !== 'ANY') transports = narrow(transports, [transport]);
        } else dport = { transport, port: ports };
      } else if (meta?.key === 'l4proto' || payload?.field === 'protocol' || payload?.field === 'nexthdr') {
        const names = (
          Array.isArray(right)
            ? right
            : typeof right === 'object' && right && 'set' in right
              ? (right as { set: unknown[] }).set
              : [right]
        ).map(String);
        const known = names
          .filter((name) => name === 'tcp' || name === 'udp')
          .map((name) => name.toUpperCase() as 'TCP' | 'UDP');
        if (known.length === 0)
          silent = true; // ICMP and the other protocols carry no flow of the catalog.
        else transports = narrow(transports, known);
      } else if (meta?.key === 'nfproto') {
        continue;
      } else if (meta?.key === 'iifname' || meta?.key === 'oifname' || meta?.key === 'iif' || meta?.key === 'oif') {
        if (right === 'lo') silent = true;
        else problems.push(warning(location, 'dump/interfaceMatch', { match: `${meta.key} ${JSON.stringify(right)}` }));
      } else if (ct?.key === 'state') {
        const states = (Array.isArray(right) ? right : [right]).map(String);
        if (states.every((state) => REPLY_STATES.has(state))) silent = true;
      } else if (payload && (payload.protocol === 'icmp' || payload.protocol === 'icmpv6')) {
        silent = true;
      } else leaveOut('dump/nft/match', { value: JSON.stringify(left) });
    } else if (key === 'accept') target = { kind: 'verdict', action: 'allow' };
    else if (key === 'drop' || key === 'reject') target = { kind: 'verdict', action: 'deny' };
    else if (key === 'jump' || key === 'goto')
      target = {
        kind: 'jump',
        chain: keyOf(rule.family, rule.table, String((body as { target?: string } | null)?.target)),
      };
    else if (key === 'return') target = { kind: 'return' };
    else if (key === 'counter' || key === 'log' || key === 'continue') continue;
    else if (key === 'xt') leaveOut('dump/nft/xt');
    else leaveOut('dump/nft/statement', { statement: String(key) });
  }
  if (silent) return { location, match, target: { kind: 'none' } };
  if (skip !== undefined)
    return {
      location,
      match,
      target: { kind: 'none' },
      problems: [...problems, warning(location, 'dump/leftOut', { reason: skip })],
    };
  const services = servicesOf(transports, dport);
  if (services) match.services = services;
  const name = typeof rule.comment === 'string' && rule.comment !== '' ? rule.comment : undefined;
  return { location, ...(name ? { name } : {}), match, target: target ?? { kind: 'none' }, problems };
}

function narrow(current: ('TCP' | 'UDP')[] | undefined, next: ('TCP' | 'UDP')[]): ('TCP' | 'UDP')[] {
  return current === undefined ? next : current.filter((transport) => next.includes(transport));
}

function servicesOf(
  transports: ('TCP' | 'UDP')[] | undefined,
  dport: { transport: DumpService['transport']; port: string } | undefined,
): DumpService[] | undefined {
  if (!dport) return transports?.map((transport) => ({ transport }));
  if (dport.transport !== 'ANY') return [{ transport: dport.transport, port: dport.port }];
  return (transports ?? ['TCP', 'UDP']).map((transport) => ({ transport, port: dport.port }));
}

function addressesOf(right: unknown): string[] | undefined {
  const one = (value: unknown): string[] | undefined => {
    if (typeof value === 'string') return value.startsWith('@') || value.startsWith('$') ? undefined : [value];
    if (typeof value !== 'object' || value === null) return undefined;
    // A dump edited by hand may hold anything inside a prefix, a range or a set: unreadable, not a crash.
    if ('prefix' in value) {
      const { addr, len } = ((value as { prefix: unknown }).prefix ?? {}) as { addr?: unknown; len?: unknown };
      return typeof addr === 'string' && typeof len === 'number' ? [`${addr}/${len}`] : undefined;
    }
    if ('range' in value) {
      const range = (value as { range: unknown }).range;
      const [from, to] = Array.isArray(range) ? range : [];
      return typeof from === 'string' && typeof to === 'string' ? addressRangeCidrs(from, to) : undefined;
    }
    if ('set' in value) {
      const set = (value as { set: unknown }).set;
      if (!Array.isArray(set)) return undefined;
      const parts = set.map(one);
      return parts.every((part) => part !== undefined) ? (parts.flat() as string[]) : undefined;
    }
    return undefined;
  };
  return one(right);
}

function portsOf(right: unknown): string | undefined {
  const one = (value: unknown): string | undefined => {
    if (typeof value === 'number') return String(value);
    if (typeof value !== 'object' || value === null) return undefined;
    if ('range' in value) {
      const range = (value as { range: unknown }).range;
      const [from, to] = Array.isArray(range) ? range : [];
      return typeof from === 'number' && typeof to === 'number' ? `${Math.max(from, 1)}-${to}` : undefined;
    }
    if ('set' in value) {
      const set = (value as { set: unknown }).set;
      if (!Array.isArray(set)) return undefined;
      const parts = set.map(one);
      return parts.every((part) => part !== undefined) ? parts.join(',') : undefined;
    }
    return undefined;
  };
  return one(right);
}

/** The [start, end) offsets of each element of the top-level "nftables" list, in order. */
export function elementSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  let depth = 0;
  let start = -1;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (char === '"') {
      for (at++; at < text.length && text[at] !== '"'; at++) if (text[at] === '\\') at++;
      continue;
    }
    if (char === '{' || char === '[') {
      if (depth === 2) start = at;
      depth++;
    } else if (char === '}' || char === ']') {
      depth--;
      if (depth === 2 && start >= 0) {
        spans.push([start, at + 1]);
        start = -1;
      }
    }
  }
  return spans;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function locate(starts: number[], from: number, to: number): DumpLocation {
  const position = (offset: number) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low] + 1 };
  };
  const start = position(from);
  const end = position(to);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}
