import { textRef, type MessageData, type TextRef } from '../../messageFormat';
import type { DumpLocation, DumpProblem, DumpReading, DumpRule, DumpService } from '../dumpRule';
import { readerProblem, type ReaderTextId } from './texts';

// iptables and nftables share a shape: named chains of rules, each rule some matches and a target
// (a verdict, a jump to another chain, a return). Both readers parse into this shape; the walk
// below turns the chain that stands for the firewall into the one first-match list a topology
// firewall is, following jumps in place as the kernel does.

/** What a rule matches; an absent field matches everything. */
export interface Match {
  from?: string[];
  to?: string[];
  services?: DumpService[];
  sourcePort?: string;
}

export type Target =
  | { kind: 'verdict'; action: 'allow' | 'deny' }
  | { kind: 'jump'; chain: string }
  | { kind: 'return' }
  /** A rule the topology model has no counterpart for and that changes no verdict (a counter, a log). */
  | { kind: 'none' };

export interface ChainRule {
  location: DumpLocation;
  name?: string;
  match: Match;
  target: Target;
  /** What the reader could not read in this rule: reported when the walk reaches it, not for every chain. */
  problems?: DumpProblem[];
}

export interface Chain {
  name: string;
  location: DumpLocation;
  /** The policy of a base chain; a user chain has none (the caller's rules go on). */
  policy?: 'allow' | 'deny';
  rules: ChainRule[];
}

/** Nested jumps deeper than this are a loop (the kernel refuses loops; a dump edited by hand may have one). */
const MAX_DEPTH = 32;

export function readingOf(
  chains: ReadonlyMap<string, Chain>,
  start: Chain,
  defaultAction: 'allow' | 'deny',
  problems: DumpProblem[],
): DumpReading {
  const rules: DumpRule[] = [];
  walk(chains, start, {}, [start.name], rules, problems);
  return { rules, listLocation: start.location, defaultAction, problems };
}

/** Appends the chain's rules, each narrowed by `outer` (the matches of the jumps that led here). */
function walk(
  chains: ReadonlyMap<string, Chain>,
  chain: Chain,
  outer: Match,
  stack: string[],
  out: DumpRule[],
  problems: DumpProblem[],
): void {
  for (const rule of chain.rules) {
    problems.push(...(rule.problems ?? []));
    const match = combine(outer, rule.match);
    if (match === undefined) {
      problems.push(warning(rule.location, 'dump/chain/narrowed', { chain: chain.name }));
      continue;
    }
    const target = rule.target;
    if (target.kind === 'none') continue;
    if (target.kind === 'verdict') {
      out.push({
        location: rule.location,
        ...(rule.name ? { name: rule.name } : {}),
        action: target.action,
        ...dumpMatch(match),
      });
      continue;
    }
    if (target.kind === 'return') {
      if (isEverything(rule.match)) return;
      problems.push(warning(rule.location, 'dump/chain/conditionalReturn', { chain: chain.name }));
      continue;
    }
    const next = chains.get(target.chain);
    if (!next) {
      problems.push(warning(rule.location, 'dump/chain/noTarget', { chain: target.chain }));
      continue;
    }
    if (stack.includes(next.name) || stack.length >= MAX_DEPTH) {
      const path = [...stack, next.name].join(' → ');
      problems.push(error(rule.location, 'dump/chain/loop', { chain: target.chain, path }));
      continue;
    }
    walk(chains, next, match, [...stack, next.name], out, problems);
  }
}

function dumpMatch(match: Match): Pick<DumpRule, 'from' | 'to' | 'services' | 'sourcePort'> {
  return {
    from: match.from ?? ['any'],
    to: match.to ?? ['any'],
    services: match.services ?? [{ transport: 'ANY' }],
    ...(match.sourcePort === undefined ? {} : { sourcePort: match.sourcePort }),
  };
}

function isEverything(match: Match): boolean {
  return !match.from && !match.to && !match.services && match.sourcePort === undefined;
}

/** Both matches at once, or undefined when that is not one rule's match (two different address lists, say). */
export function combine(outer: Match, inner: Match): Match | undefined {
  const from = both(outer.from, inner.from);
  const to = both(outer.to, inner.to);
  const sourcePort = both(outer.sourcePort, inner.sourcePort);
  const services = bothServices(outer.services, inner.services);
  if (from === null || to === null || sourcePort === null || services === null) return undefined;
  return {
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(services ? { services } : {}),
    ...(sourcePort !== undefined ? { sourcePort } : {}),
  };
}

function both<T>(a: T | undefined, b: T | undefined): T | undefined | null {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return JSON.stringify(a) === JSON.stringify(b) ? a : null;
}

/** A jump's `-p tcp` narrows the services of the rules it leads to; other pairs must agree. */
function bothServices(a: DumpService[] | undefined, b: DumpService[] | undefined): DumpService[] | undefined | null {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a.every((service) => service.port === undefined)) {
    const transports = new Set(a.map((service) => service.transport));
    const kept = b.flatMap((service): DumpService[] => {
      if (transports.has('ANY') || transports.has(service.transport)) return [service];
      if (service.transport !== 'ANY') return [];
      return [...transports].map((transport) => ({ ...service, transport }));
    });
    return kept.length > 0 ? kept : null;
  }
  return JSON.stringify(a) === JSON.stringify(b) ? a : null;
}

export function warning(location: DumpLocation, id: ReaderTextId, data: MessageData = {}): DumpProblem {
  return readerProblem(location, id, data, 'warning');
}

export function error(
  location: DumpLocation,
  id: ReaderTextId,
  data: MessageData = {},
  choices?: string[],
): DumpProblem {
  return readerProblem(location, id, data, 'error', choices);
}

/** Why no chain could be chosen, and the chains the user may name instead. */
export interface NoChain {
  why: { id: ReaderTextId; data: MessageData };
  choices: string[];
}

/** The base chain that stands for a firewall, or the error that lists the candidates. */
export function chooseChain(
  chains: ReadonlyMap<string, Chain>,
  wanted: string | undefined,
  preferred: (chain: Chain) => boolean,
  what: TextRef,
  fallback?: Chain,
): Chain | NoChain {
  const names = [...chains.values()].map((chain) => chain.name);
  if (wanted !== undefined) {
    const found = chains.get(wanted);
    const chainsText = names.length > 0 ? names.join(', ') : textRef('dump/chain/none');
    return found ?? { why: { id: 'dump/chain/unknown', data: { chain: wanted, chains: chainsText } }, choices: names };
  }
  const base = [...chains.values()].filter(preferred);
  if (base.length === 1) return base[0];
  const withRules = [...chains.values()].filter((chain) => chain.rules.length > 0);
  if (base.length === 0 && withRules.length === 1) return withRules[0];
  // No rule anywhere: the base chain's policy is the whole rule set.
  if (base.length === 0 && withRules.length === 0 && fallback) return fallback;
  const listed = (base.length > 1 ? base : withRules).map((chain) => chain.name);
  return listed.length === 0
    ? { why: { id: 'dump/chain/noBase', data: { what } }, choices: names }
    : { why: { id: 'dump/chain/several', data: { chains: listed.join(', ') } }, choices: listed };
}

/**
 * The base chains (those with a policy) whose rules jump to `target`, directly or through other
 * user chains: where the kernel calls it from, and so the direction and the policy it stands in.
 */
export function callersOf(chains: ReadonlyMap<string, Chain>, target: string): Chain[] {
  const jumpsTo = (chain: Chain, name: string) =>
    chain.rules.some((rule) => rule.target.kind === 'jump' && rule.target.chain === name);
  const seen = new Set([target]);
  const callers: Chain[] = [];
  for (let wave = [target]; wave.length > 0;) {
    const next: string[] = [];
    for (const [key, chain] of chains)
      if (!seen.has(key) && wave.some((name) => jumpsTo(chain, name))) {
        seen.add(key);
        if (chain.policy === undefined) next.push(key);
        else callers.push(chain);
      }
    wave = next;
  }
  return callers;
}

/** The location of a whole line, 1-based; `text` is the line without its break. */
export function lineLocation(line: number, text: string): DumpLocation {
  return { line, column: 1, endLine: line, endColumn: text.length + 1 };
}
