import { textRef, type MessageData, type MessageValue } from '../../messageFormat';
import type { DumpFormat, DumpLocation, DumpProblem, DumpReading, DumpRule, ReaderOptions } from '../dumpRule';
import { accessListRules } from './asaAccessList';
import { type AsaConfig, readAsaConfig } from './asaConfig';
import { type AsaInterface, type AsaInterfaces, readAsaInterfaces } from './asaInterfaces';
import { deniesEverything, enteringBy, ingressOrder, type Seen } from './asaIngress';
import { lineLocation } from './asaLines';
import { AsaObjects } from './asaObjects';
import { securityLevelRules } from './asaSecurityLevels';
import { readerProblem, type ReaderTextId } from './texts';

// Cisco ASA `show running-config`: the rule list is what the ASA applies to traffic entering one
// interface — named by the user (`ruleList`: an interface's nameif, an access list, or `global`), or
// else the one interface an inbound access-group binds: its access list, then the global one, then
// the implicit deny. An interface no access list applies to passes by its security level. `all`, and
// the default when access-groups bind several interfaces, reads every interface at once.

const MARKERS =
  /^(?:ASA Version \S+|access-list \S+ (?:extended|remark) |access-group \S+ (?:in|out|global)\b|object-group (?:network|service|protocol) \S+|object (?:network|service) \S+)/m;

const FILE_START: DumpLocation = { line: 1, column: 1, endLine: 1, endColumn: 1 };

export const ciscoAsaFormat: DumpFormat = {
  id: 'cisco-asa',
  title: 'Cisco ASA running config',
  recognizes: (text) => !/^\uFEFF?\s*[[{]/.test(text) && MARKERS.test(text),
  read: readCiscoAsa,
};

function readCiscoAsa(text: string, options: ReaderOptions): DumpReading {
  const problems: DumpProblem[] = [];
  const config = readAsaConfig(text, problems);
  const topology = readAsaInterfaces(config.lines);
  const chosen = chooseList(config, topology, options.ruleList);
  if ('error' in chosen) {
    problems.push(chosen.error);
    return { rules: [], listLocation: FILE_START, defaultAction: 'deny', problems };
  }
  if ('whole' in chosen) return readWhole(config, topology, chosen.location, problems);
  if ('levels' in chosen) {
    const rules = securityLevelRules(chosen.levels, topology, problems);
    return { rules, listLocation: lineLocation(chosen.levels.nameLine), defaultAction: 'deny', problems };
  }
  // Interface rules first, then the global ones, then the implicit deny (Cisco ASA Series Firewall
  // Configuration Guide, "Access Rules", Implicit Deny: "1. Interface access rule. 2. Global access
  // rule. 3. Implicit deny.").
  const objects = new AsaObjects(config, problems);
  const rules = chosen.acls.flatMap((acl) => accessListRules(acl, config, objects, problems));
  return { rules, listLocation: chosen.location, defaultAction: 'deny', problems };
}

/**
 * `all`: every interface at once, each connection judged by the list of the interface it enters
 * (asaIngress.ts): the reading of a firewall that carries flows both ways, in by `outside` and out
 * by the perimeter side.
 */
function readWhole(
  config: AsaConfig,
  topology: AsaInterfaces,
  location: DumpLocation,
  problems: DumpProblem[],
): DumpReading {
  const objects = new AsaObjects(config, problems);
  const { listsEntering } = bindings(config);
  const read = new Map<string, DumpRule[]>();
  const listRules = (acl: string): DumpRule[] => {
    if (!read.has(acl)) read.set(acl, accessListRules(acl, config, objects, problems));
    return read.get(acl)!;
  };
  const seen: Seen = { entered: new Map(), kept: new Set() };
  const applying = new Map<string, string[]>();
  const ingresses = ingressOrder(topology);
  const rules = ingresses.flatMap((ingress) => {
    const acls = listsEntering(ingress.entry.name);
    for (const acl of acls) applying.set(acl, [...(applying.get(acl) ?? []), ingress.entry.name]);
    if (acls.length > 0) return enteringBy(ingress, acls.flatMap(listRules), topology, false, seen);
    return enteringBy(ingress, securityLevelRules(ingress.entry, topology, problems), topology, true);
  });
  for (const [acl, interfaces] of applying) problems.push(...droppedEntries(acl, read.get(acl)!, interfaces, seen));
  // Each interface read by its levels says the same of an interface without an address: once.
  const unique = problems.filter(
    (problem, index) =>
      problems.findIndex(
        (other) => other.message === problem.message && other.location.line === problem.location.line,
      ) === index,
  );
  return { rules, listLocation: location, defaultAction: 'deny', problems: unique };
}

/**
 * An entry no interface's piece keeps can never match on the ASA: its sources enter by none of
 * the interfaces its list applies to (a list bound to the wrong interface, a source written for
 * the other side), or its destinations lie behind the very interface they enter by. Verify leaves
 * it out, and says so at its line, once for the rules an entry's object groups make.
 */
function droppedEntries(acl: string, rules: DumpRule[], interfaces: string[], seen: Seen): DumpProblem[] {
  const lines = new Map<number, DumpRule[]>();
  // A closing deny of everything is each interface's implicit deny written out: never a rule to keep.
  for (const rule of rules.filter((candidate) => !deniesEverything(candidate)))
    lines.set(rule.location.line, [...(lines.get(rule.location.line) ?? []), rule]);
  return [...lines.values()].flatMap((entry) => {
    if (entry.some((rule) => seen.kept.has(rule))) return [];
    const entered = [...new Set(entry.flatMap((rule) => seen.entered.get(rule) ?? []))];
    const problem =
      entered.length > 0
        ? readerProblem(entry[0].location, 'dump/asa/backOut', { interfaces: entered.join(', ') }, 'warning')
        : readerProblem(
            entry[0].location,
            'dump/asa/notEntering',
            { acl, interfaces: interfaces.join(', ') },
            'warning',
          );
    return [problem];
  });
}

type Choice =
  | { acls: string[]; location: DumpLocation }
  | { levels: AsaInterface }
  | { whole: true; location: DumpLocation }
  | { error: DumpProblem };

/** The extended access lists and the inbound access-groups that bind them. */
function bindings(config: AsaConfig) {
  const lists = [...new Set(config.accessLists.filter(isExtended).map((line) => line.tokens[1].text))];
  const inbound = config.accessGroups.filter((group) => group.binding !== 'out' && lists.includes(group.acl));
  const global = inbound.find((group) => group.binding === 'global');
  const own = (name: string) => inbound.find((group) => group.binding === 'in' && group.interfaceName === name);
  /** What the ASA applies to traffic entering an interface: its inbound list, then the global one. */
  const listsEntering = (name: string): string[] => {
    const bound = own(name);
    return [...(bound ? [bound.acl] : []), ...(global ? [global.acl] : [])];
  };
  return { lists, inbound, global, own, listsEntering };
}

function chooseList(config: AsaConfig, topology: AsaInterfaces, ruleList: string | undefined): Choice {
  const { lists, inbound, global, own, listsEntering } = bindings(config);
  const bound = [
    ...new Set(
      inbound.flatMap((group) => (group.binding === 'in' && group.interfaceName ? [group.interfaceName] : [])),
    ),
  ];
  const named = [...new Set([...topology.interfaces.map((known) => known.name), ...bound])];
  const fail = (id: ReaderTextId, data: MessageData = {}, choices?: string[]): Choice => ({
    error: readerProblem(FILE_START, id, data, 'error', choices),
  });
  const choose = (acl: string): Choice => {
    const group = inbound.find((binding) => binding.acl === acl);
    const first = config.accessLists.find((line) => line.tokens[1].text === acl)!;
    return { acls: [acl], location: lineLocation(group?.line ?? first) };
  };
  const enter = (name: string): Choice => {
    const acls = listsEntering(name);
    if (acls.length > 0) return { acls, location: lineLocation((own(name) ?? global)!.line) };
    const levels = topology.interfaces.find((known) => known.name === name);
    return levels ? { levels } : fail('dump/asa/noSuchList', { name, listing: listing(config, lists) });
  };
  const severalLists = () => fail('dump/asa/severalLists', { listing: listing(config, lists) }, [...bound, ...lists]);
  const whole = (): Choice => {
    // An interface's list applies to the sources behind it: without its addresses (a config cut
    // short, `ip address dhcp`) there is no telling which, and one list must be named.
    const placed = new Set(ingressOrder(topology).map((ingress) => ingress.entry.name));
    if (bound.some((name) => !placed.has(name))) return severalLists();
    // A missing flow lies on the first binding: where the reading of the lists starts.
    const first = inbound[0]?.line ?? topology.interfaces[0]?.nameLine;
    return { whole: true, location: first ? lineLocation(first) : FILE_START };
  };
  // `all` is a choice to offer when it reads: every bound interface placed, an interface with an
  // address, and a list bound (with none, `all` reads the security levels alone, passing over the
  // lists) or no list at all.
  const offerAll = () =>
    (bound.length > 0 || lists.length === 0) && ingressOrder(topology).length > 0 && 'whole' in whole() ? ['all'] : [];
  if (ruleList !== undefined) {
    if (named.includes(ruleList)) return enter(ruleList);
    if (lists.includes(ruleList)) return choose(ruleList);
    if (ruleList === 'global' && global) return choose(global.acl);
    if (ruleList === 'all') return whole();
    const choices = [...named, ...lists, ...offerAll()];
    return fail('dump/asa/noSuchList', { name: ruleList, listing: listing(config, lists) }, choices);
  }
  if (bound.length === 1) return enter(bound[0]);
  if (bound.length > 1) return whole();
  if (bound.length === 0 && global) return choose(global.acl);
  if (bound.length === 0 && lists.length === 1) return choose(lists[0]);
  if (lists.length === 0) {
    const interfaces = topology.interfaces.map((known) => known.name);
    return interfaces.length === 0
      ? fail('dump/asa/noList')
      : fail('dump/asa/noListName', { interfaces: interfaces.join(', ') }, [...interfaces, ...offerAll()]);
  }
  return severalLists();
}

function isExtended(line: AsaConfig['accessLists'][number]): boolean {
  const kind = line.tokens[line.tokens[2]?.text.toLowerCase() === 'line' ? 4 : 2]?.text.toLowerCase();
  return kind === 'extended' || kind === 'remark';
}

/** `: A (in interface outside), B (global), C` — what the user can name. */
function listing(config: AsaConfig, lists: string[]): MessageValue {
  if (lists.length === 0) return '';
  const described = lists.map((acl) => {
    const bindings = config.accessGroups
      .filter((group) => group.acl === acl)
      .map((group) => (group.binding === 'global' ? 'global' : `${group.binding} interface ${group.interfaceName}`));
    return bindings.length > 0 ? `${acl} (${bindings.join(', ')})` : acl;
  });
  return textRef('dump/asa/listing', { lists: described.join(', ') });
}
