import { type Box, boxesMeet, isCovered } from '../flows/box';
import { ruleBox } from '../flows/evaluate';
import { subtractRanges } from '../model/service';
import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import { previousVersion } from '../model/lineage';
import { rangeAtPath } from '../yaml/parse';
import type { Diagnostic, SourceRange } from '../types';
import { keptFindingsOn, type KeptFindings, onlyTheRule } from './keptFindings';
import { IntervalIndex } from './overlapIndex';
import type { RuleContext } from './rule';

// How each complete rule of a firewall relates to the rules above it: a repeat of one, shadowed
// by them, or neither. duplicate-rule, shadowed-rule and overly-permissive each report one kind
// (a rule gets at most one of the three), so the answer is worked out once per firewall.

export interface RuleStanding {
  firewall: FirewallModel;
  rule: RuleModel;
  /** The earlier rule with the same action, endpoints, service and source ports. */
  duplicateOf?: RuleModel;
  /** Earlier rules that together decide everything the rule matches (when it is no duplicate). */
  shadowedBy?: RuleModel[];
}

const standings = new WeakMap<FirewallModel, RuleStanding[]>();

/**
 * Every complete rule of every firewall, firewall by firewall, with its standing. `keep`: what
 * is worked out per rule is kept for the next version (a session's check; see RuleContext).
 */
export function ruleStandings(model: TopologyModel, keep = true): RuleStanding[] {
  return model.firewalls.flatMap((firewall) => standingsOf(firewall, keep));
}

/**
 * The findings `find` makes of the standings (undefined: none for that rule); `at` says where a
 * rule is written, for the finding's range and the earlier rules it relates to.
 */
export function standingFindings(
  { parsed, model, keepsFindings }: RuleContext,
  kept: KeptFindings,
  find: (standing: RuleStanding, at: (rule: RuleModel) => SourceRange) => Diagnostic | undefined,
): Diagnostic[] {
  const at = (rule: RuleModel) => rangeAtPath(parsed, rule.path);
  if (!keepsFindings) {
    const found: Diagnostic[] = [];
    for (const standing of ruleStandings(model, false)) {
      const finding = find(standing, at);
      if (finding) found.push(finding);
    }
    return found;
  }
  const keptFinding = keptFindingsOn(kept, parsed);
  return ruleStandings(model).flatMap((standing) => {
    // A standing names the earlier rules it relates to: the same ones, the same finding.
    const { duplicateOf, shadowedBy } = standing;
    const inputs = duplicateOf ? [duplicateOf] : (shadowedBy ?? onlyTheRule());
    return keptFinding(standing.rule, standing.rule, inputs, () => find(standing, at)) ?? [];
  });
}

function standingsOf(firewall: FirewallModel, keep: boolean): RuleStanding[] {
  let known = standings.get(firewall);
  if (!known) standings.set(firewall, (known = computeStandings(firewall, keep)));
  return known;
}

/** What the standings need of a rule, worked out once per rule model (a re-check keeps the unchanged ones). */
interface Facts {
  box: Box;
  bounds: Bounds;
  /** The rule's identity: equal keys, a duplicate. */
  key: string;
}

const factsOfRule = new WeakMap<RuleModel, Facts>();

function factsOf(rule: RuleModel): Facts {
  let known = factsOfRule.get(rule);
  if (!known) factsOfRule.set(rule, (known = freshFacts(rule)));
  return known;
}

function freshFacts(rule: RuleModel): Facts {
  const box = ruleBox(rule);
  return { box, bounds: boundsOf(box), key: identityKey(rule, box) };
}

/** Rule `i` shadowed by the earlier rules `candidates` (ascending) that meet it, or its plain standing. */
function shadowStanding(firewall: FirewallModel, rules: RuleModel[], facts: Facts[], i: number, candidates: number[]) {
  const rule = rules[i];
  const { box, bounds } = facts[i];
  // A rule limited to some source ports (sourcePort) only decides those: it shadows a rule that
  // is limited to them too.
  const decides = (k: number) =>
    !rules[k].sourcePorts ||
    (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, rules[k].sourcePorts!).length === 0);
  const overlapping = candidates.filter(
    (k) => boundsMeet(facts[k].bounds, bounds) && boxesMeet(facts[k].box, box) && decides(k),
  );
  const earlier = overlapping.map((k) => facts[k].box);
  if (earlier.length > 0 && isCovered(box, earlier))
    return { firewall, rule, shadowedBy: overlapping.map((k) => rules[k]) };
  return { firewall, rule };
}

function computeStandings(firewall: FirewallModel, keep: boolean): RuleStanding[] {
  const rules = firewall.rules.filter((rule) => rule.complete);
  const facts = rules.map(keep ? factsOf : freshFacts);
  const previous = previousVersion.get(firewall);
  const known = previous && standings.get(previous);
  const kept = known && keptStandings(firewall, rules, facts, known);
  if (kept) return kept;
  const bounds = facts.map((item) => item.bounds);
  // A few rules are compared pair by pair: building the indexes would cost more than it saves.
  // Either way the candidates hold every earlier rule whose hulls meet the rule's, which is all
  // shadowStanding keeps of them.
  const index = rules.length > PAIRWISE ? homeIndexes(bounds) : undefined;
  const earlier = (i: number): number[] => {
    if (index) return earlierMeeting(index, bounds[i], i);
    const candidates: number[] = [];
    for (let k = 0; k < i; k++) if (boundsMeet(bounds[k], bounds[i])) candidates.push(k);
    return candidates;
  };
  // A rule's identity, for duplicates in one pass instead of comparing every pair.
  const firstWithKey = new Map<string, RuleModel>();
  return rules.map((rule, i): RuleStanding => {
    const duplicateOf = firstWithKey.get(facts[i].key);
    if (duplicateOf) return { firewall, rule, duplicateOf };
    firstWithKey.set(facts[i].key, rule);
    return shadowStanding(firewall, rules, facts, i, earlier(i));
  });
}

/** Up to this many complete rules, a firewall's standings compare every pair of hulls. */
const PAIRWISE = 128;

/**
 * The standings from those of the previous version of the firewall, when a few of its rules
 * changed in place (same number of complete rules, the others the same models): a rule's
 * standing depends only on the earlier rules that meet it or share its identity, so only the
 * changed rules and the later rules that one of them (old or new) can meet are worked out again.
 */
function keptStandings(
  firewall: FirewallModel,
  rules: RuleModel[],
  facts: Facts[],
  known: RuleStanding[],
): RuleStanding[] | undefined {
  if (known.length !== rules.length) return undefined;
  const changed: number[] = [];
  for (let k = 0; k < rules.length; k++) if (known[k].rule !== rules[k]) changed.push(k);
  if (changed.length > 16) return undefined;
  const touched = changed.flatMap((k) => [
    { k, facts: factsOf(known[k].rule) },
    { k, facts: facts[k] },
  ]);
  const affected = (i: number) =>
    touched.some(
      (item) =>
        item.k <= i &&
        (item.k === i || item.facts.key === facts[i].key || boundsMeet(item.facts.bounds, facts[i].bounds)),
    );
  return rules.map((rule, i): RuleStanding => {
    if (!affected(i)) return { ...known[i], firewall };
    for (let k = 0; k < i; k++) if (facts[k].key === facts[i].key) return { firewall, rule, duplicateOf: rules[k] };
    const candidates: number[] = [];
    for (let k = 0; k < i; k++) if (boundsMeet(facts[k].bounds, facts[i].bounds)) candidates.push(k);
    return shadowStanding(firewall, rules, facts, i, candidates);
  });
}

/** Equal for two rules with the same action, addresses, service and source ports. */
function identityKey(rule: RuleModel, box: Box): string {
  // In hex: a 128-bit BigInt is written in decimal by long division, in hex digit by digit.
  const addresses = (set: Box['src']) =>
    set.intervals.map(([lo, hi]) => `${lo.toString(16)}-${hi.toString(16)}`).join(',');
  const ports = (ranges: readonly { from: number; to: number }[]) =>
    ranges.map((range) => `${range.from}-${range.to}`).join(',');
  const sourcePorts = rule.sourcePorts ? ports(rule.sourcePorts) : '*';
  const service = `${ports(box.svc.tcp)}|${ports(box.svc.udp)}`;
  return `${rule.action}|${addresses(box.src)}|${addresses(box.dst)}|${service}|${sourcePorts}`;
}

interface Indexes {
  src: IntervalIndex<number>;
  dst: IntervalIndex<number>;
  tcp: IntervalIndex<number>;
  udp: IntervalIndex<number>;
}

type Dimension = 'src' | 'dst' | 'port';
const DIMENSIONS: readonly Dimension[] = ['src', 'dst', 'port'];
const NONE: [number, number] = [1, 0];

function indexesOf(bounds: readonly Bounds[], member: (k: number) => boolean): Indexes {
  return {
    src: new IntervalIndex(bounds.map((b, k) => (member(k) ? b.src : NONE))),
    dst: new IntervalIndex(bounds.map((b, k) => (member(k) ? b.dst : NONE))),
    tcp: new IntervalIndex(bounds.map((b, k) => (member(k) ? b.tcp : NONE))),
    udp: new IntervalIndex(bounds.map((b, k) => (member(k) ? b.udp : NONE))),
  };
}

function countIn(index: Indexes, bounds: Bounds, dimension: Dimension): number {
  if (dimension === 'port') return index.tcp.count(bounds.tcp) + index.udp.count(bounds.udp);
  return index[dimension].count(bounds[dimension]);
}

/**
 * The rules split by their "home" dimension, the one in which they meet the fewest others, each
 * part indexed in every dimension. A rule from `any` meets every rule in sources but few in
 * ports: asked of one index per dimension, each rule from a partner network would meet every
 * `any` rule above it (quadratic). Asked part by part, the `any` rules are found by their ports.
 */
function homeIndexes(bounds: readonly Bounds[]): Indexes[] {
  const all = indexesOf(bounds, () => true);
  const home = bounds.map((b) => {
    let best: Dimension = 'src';
    let fewest = Infinity;
    for (const dimension of DIMENSIONS) {
      const count = countIn(all, b, dimension);
      if (count < fewest) {
        best = dimension;
        fewest = count;
      }
    }
    return best;
  });
  return DIMENSIONS.map((dimension) => indexesOf(bounds, (k) => home[k] === dimension));
}

/**
 * The rules above rule `i` whose hull may meet its hull, in file order (the order the cover is
 * cut in): of each part, asked of the dimension in which the fewest of that part meet it.
 */
function earlierMeeting(parts: readonly Indexes[], bounds: Bounds, i: number): number[] {
  const found: number[] = [];
  let twice = false;
  for (const index of parts) {
    let best: Dimension = 'src';
    let fewest = Infinity;
    for (const dimension of DIMENSIONS) {
      const count = countIn(index, bounds, dimension);
      if (count < fewest) {
        best = dimension;
        fewest = count;
      }
    }
    if (fewest === 0) continue;
    if (best === 'port') {
      index.tcp.overlapping(bounds.tcp, found, i);
      index.udp.overlapping(bounds.udp, found, i);
      twice = true;
    } else index[best].overlapping(bounds[best], found, i);
  }
  return (twice && found.length > 1 ? [...new Set(found)] : found).sort((a, b) => a - b);
}

interface Bounds {
  tcp: [number, number];
  udp: [number, number];
  /** Address hulls as numbers, widened where a double cannot hold a 128-bit bound: they may meet more, never less. */
  src: [number, number];
  dst: [number, number];
}

/** A double at most `value` (above 2^53 a double rounds, so it is moved down by more than the rounding). */
function below(value: bigint): number {
  const near = Number(value);
  return near <= Number.MAX_SAFE_INTEGER ? near : near * (1 - 1e-15);
}

function above(value: bigint): number {
  const near = Number(value);
  return near <= Number.MAX_SAFE_INTEGER ? near : near * (1 + 1e-15);
}

/** The hull of a box, so most pairs of rules are told apart with a few comparisons. */
function boundsOf(box: Box): Bounds {
  const ports = (ranges: { from: number; to: number }[]): [number, number] =>
    ranges.length === 0 ? [1, 0] : [ranges[0].from, ranges[ranges.length - 1].to];
  const hull = (set: Box['src']): [number, number] =>
    set.intervals.length === 0
      ? [1, 0]
      : [below(set.intervals[0][0]), above(set.intervals[set.intervals.length - 1][1])];
  return { tcp: ports(box.svc.tcp), udp: ports(box.svc.udp), src: hull(box.src), dst: hull(box.dst) };
}

function meets(x: [number, number], y: [number, number]): boolean {
  return x[0] <= x[1] && y[0] <= y[1] && x[0] <= y[1] && y[0] <= x[1];
}

function boundsMeet(a: Bounds, b: Bounds): boolean {
  return (meets(a.tcp, b.tcp) || meets(a.udp, b.udp)) && meets(a.src, b.src) && meets(a.dst, b.dst);
}
