import {
  ANY,
  type AddressSet,
  EMPTY,
  equals,
  intersect,
  isAny,
  isEmpty,
  parseAddressOrCidr,
  subtract,
  union,
} from '../../model/address';
import { textRef } from '../../messageFormat';
import type { DumpRule } from '../dumpRule';
import { written } from './asaAddress';
import type { AsaInterface, AsaInterfaces, AsaRoute } from './asaInterfaces';

// The whole ASA as one first-match list. The ASA judges a connection by the interface it enters,
// and a connection enters by the interface its source is routed behind (longest prefix). So each
// interface's rules are kept to the sources behind it, and to destinations not behind it again (a
// connection back out of the interface it came in needs `same-security-traffic permit
// intra-interface`, which access lists do not grant): the interfaces' pieces never overlap, and
// the first match on the whole list is the first match on the list of the interface entered.
// What no interface places enters by the one the default route leaves by (the Internet side). A
// source behind no interface falls to the end: the implicit deny, where a flow no list allows is
// missing (an explicit deny per interface would read it as blocked, on a line that blocks nothing).

export interface Ingress {
  entry: AsaInterface;
  /** The sources that enter by this interface. */
  sources: AddressSet;
}

/** The interfaces in the order the list holds them: the default route's last. */
export function ingressOrder(topology: AsaInterfaces): Ingress[] {
  const known = new Map(topology.interfaces.map((entry) => [entry.name, entry]));
  const routes = [...topology.interfaces.flatMap((entry) => entry.connected), ...topology.routes]
    .map((route, index) => ({ route, index }))
    .filter(({ route }) => known.has(route.interfaceName))
    .sort((a, b) => b.route.prefix - a.route.prefix || a.index - b.index)
    .map(({ route }) => route);
  const fallback = routes.find(isDefault)?.interfaceName;
  const owned = new Map<string, AddressSet>();
  let claimed: AddressSet = EMPTY;
  const claim = (name: string, addresses: AddressSet) => {
    owned.set(name, union(owned.get(name) ?? EMPTY, addresses));
    claimed = union(claimed, addresses);
  };
  for (const route of routes) claim(route.interfaceName, subtract(addressSet(route.addresses), claimed));
  if (fallback !== undefined) claim(fallback, subtract(ANY, claimed));
  const order = topology.interfaces
    .map((entry) => ({ entry, sources: owned.get(entry.name) ?? EMPTY }))
    .filter((ingress) => !isEmpty(ingress.sources));
  // Stable: the others in the config's order, the Internet side after them.
  order.sort((a, b) => Number(a.entry.name === fallback) - Number(b.entry.name === fallback));
  return order;
}

/** Which access-list rules some interface's piece kept, and the interfaces each rule's sources enter by. */
export interface Seen {
  entered: Map<DumpRule, string[]>;
  kept: Set<DumpRule>;
}

/**
 * The rules of one interface kept to what enters by it; a rule left with no source (or, for an
 * access-list entry, no destination) cannot match there and is left out.
 */
export function enteringBy(
  ingress: Ingress,
  rules: readonly DumpRule[],
  topology: AsaInterfaces,
  levelRules: boolean,
  seen?: Seen,
): DumpRule[] {
  const out: DumpRule[] = [];
  // A deny of everything that closes an interface's list is its implicit deny written out: kept to
  // the interface's sources it would be a deny like any other, and a flow it stops would read as
  // blocked where the single-interface reading (and the ASA's own words) call it missing.
  let end = rules.length;
  while (end > 0 && deniesEverything(rules[end - 1])) end--;
  for (const rule of rules.slice(0, end)) {
    const source = addressSet(rule.from);
    const from = intersect(source, ingress.sources);
    if (isEmpty(from)) continue;
    seen?.entered.set(rule, [...(seen.entered.get(rule) ?? []), ingress.entry.name]);
    // The security-level rules already say what leaves by the interface entered (intra-interface).
    const target = addressSet(rule.to);
    const to = levelRules || topology.intraInterface ? target : subtract(target, ingress.sources);
    if (isEmpty(to)) continue;
    seen?.kept.add(rule);
    const fromWritten = equals(from, source) ? rule.from : written(from);
    const toWritten = equals(to, target) ? rule.to : written(to);
    // `any` kept to an interface's share is "any but the other interfaces' networks": on the
    // Internet side ~120 CIDRs, which findings name by the interface instead.
    const name = { interface: ingress.entry.name };
    const longAny = (before: readonly string[], after: readonly string[]) =>
      after.length > SHORT_LIST && isAny(addressSet(before));
    out.push({
      ...rule,
      from: fromWritten,
      to: toWritten,
      ...(longAny(rule.from, fromWritten) ? { fromText: textRef('dump/asa/anyBehind', name) } : {}),
      ...(longAny(rule.to, toWritten) ? { toText: textRef('dump/asa/anyNotBehind', name) } : {}),
    });
  }
  return out;
}

/** As many addresses as a finding may list before it names the interface instead. */
const SHORT_LIST = 3;

export function deniesEverything(rule: DumpRule): boolean {
  return (
    rule.action === 'deny' &&
    isAny(addressSet(rule.from)) &&
    isAny(addressSet(rule.to)) &&
    rule.sourcePort === undefined &&
    rule.services.every((service) => service.transport === 'ANY' && service.port === undefined)
  );
}

function isDefault(route: AsaRoute): boolean {
  return route.prefix === 0 || (route.prefix === 96 && !route.addresses.some((text) => text.includes(':')));
}

function addressSet(texts: readonly string[]): AddressSet {
  if (texts.length === 0) return ANY;
  return union(
    ...texts.map((text) => {
      if (text === 'any') return ANY;
      const parse = parseAddressOrCidr(text);
      return parse.ok ? parse.set : EMPTY;
    }),
  );
}
