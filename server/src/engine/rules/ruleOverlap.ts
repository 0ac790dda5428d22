import { type Box, boxesMeet, isCovered } from '../flows/box';
import { ruleBox } from '../flows/evaluate';
import { subtractRanges } from '../model/service';
import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import { rangeAtPath } from '../yaml/parse';
import type { Diagnostic, SourceRange } from '../types';
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

/** Every complete rule of every firewall, firewall by firewall, with its standing. */
export function ruleStandings(model: TopologyModel): RuleStanding[] {
  return model.firewalls.flatMap(standingsOf);
}

/**
 * The findings `find` makes of the standings (undefined: none for that rule); `at` says where a
 * rule is written, for the finding's range and the earlier rules it relates to.
 */
export function standingFindings(
  { parsed, model }: RuleContext,
  find: (standing: RuleStanding, at: (rule: RuleModel) => SourceRange) => Diagnostic | undefined,
): Diagnostic[] {
  const at = (rule: RuleModel) => rangeAtPath(parsed, rule.path);
  return ruleStandings(model).flatMap((standing) => find(standing, at) ?? []);
}

function standingsOf(firewall: FirewallModel): RuleStanding[] {
  let known = standings.get(firewall);
  if (!known) standings.set(firewall, (known = computeStandings(firewall)));
  return known;
}

function computeStandings(firewall: FirewallModel): RuleStanding[] {
  const rules = firewall.rules.filter((rule) => rule.complete);
  const boxes = rules.map(ruleBox);
  const bounds = boxes.map(boundsOf);
  const index = homeIndexes(bounds);
  // A rule's identity, for duplicates in one pass instead of comparing every pair.
  const firstWithKey = new Map<string, RuleModel>();
  return rules.map((rule, i): RuleStanding => {
    const key = identityKey(rule, boxes[i]);
    const duplicateOf = firstWithKey.get(key);
    if (duplicateOf) return { firewall, rule, duplicateOf };
    firstWithKey.set(key, rule);
    // A rule limited to some source ports (sourcePort) only decides those: it shadows a rule that
    // is limited to them too.
    const decides = (k: number) =>
      !rules[k].sourcePorts ||
      (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, rules[k].sourcePorts!).length === 0);
    const overlapping = earlierMeeting(index, bounds[i], i).filter(
      (k) => boundsMeet(bounds[k], bounds[i]) && boxesMeet(boxes[k], boxes[i]) && decides(k),
    );
    const earlier = overlapping.map((k) => boxes[k]);
    if (earlier.length > 0 && isCovered(boxes[i], earlier))
      return { firewall, rule, shadowedBy: overlapping.map((k) => rules[k]) };
    return { firewall, rule };
  });
}

/** Equal for two rules with the same action, addresses, service and source ports. */
function identityKey(rule: RuleModel, box: Box): string {
  const addresses = (set: Box['src']) => set.intervals.map(([lo, hi]) => `${lo}-${hi}`).join(',');
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
      if (count < fewest) [best, fewest] = [dimension, count];
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
      if (count < fewest) [best, fewest] = [dimension, count];
    }
    if (fewest === 0) continue;
    if (best === 'port') {
      index.tcp.overlapping(bounds.tcp, found);
      index.udp.overlapping(bounds.udp, found);
      twice = true;
    } else index[best].overlapping(bounds[best], found);
  }
  const earlier = found.filter((k) => k < i);
  return (twice ? [...new Set(earlier)] : earlier).sort((a, b) => a - b);
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
