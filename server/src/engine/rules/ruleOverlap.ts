import { type Box, intersectBox, isCovered } from '../flows/box';
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
  const index = {
    src: new IntervalIndex(bounds.map((b) => b.src)),
    dst: new IntervalIndex(bounds.map((b) => b.dst)),
    tcp: new IntervalIndex(bounds.map((b) => b.tcp)),
    udp: new IntervalIndex(bounds.map((b) => b.udp)),
  };
  // A rule's identity, for duplicates in one pass instead of comparing every pair.
  const firstWithKey = new Map<string, RuleModel>();
  return rules.map((rule, i): RuleStanding => {
    const identity = [boxes[i].src.intervals, boxes[i].dst.intervals, boxes[i].svc, rule.sourcePorts ?? null];
    const key = `${rule.action}|${JSON.stringify(identity, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    const duplicateOf = firstWithKey.get(key);
    if (duplicateOf) return { firewall, rule, duplicateOf };
    firstWithKey.set(key, rule);
    // A rule limited to some source ports (sourcePort) only decides those: it shadows a rule that
    // is limited to them too.
    const decides = (k: number) =>
      !rules[k].sourcePorts ||
      (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, rules[k].sourcePorts!).length === 0);
    const overlapping = earlierMeeting(index, bounds[i], i).filter(
      (k) => boundsMeet(bounds[k], bounds[i]) && intersectBox(boxes[k], boxes[i]) !== undefined && decides(k),
    );
    const earlier = overlapping.map((k) => boxes[k]);
    if (earlier.length > 0 && isCovered(boxes[i], earlier))
      return { firewall, rule, shadowedBy: overlapping.map((k) => rules[k]) };
    return { firewall, rule };
  });
}

interface Indexes {
  src: IntervalIndex<bigint>;
  dst: IntervalIndex<bigint>;
  tcp: IntervalIndex<number>;
  udp: IntervalIndex<number>;
}

/**
 * The rules above rule `i` whose hull may meet its hull, in file order (the order the cover is
 * cut in): asked of the dimension that has the fewest, so a rule meets few others in one of them.
 */
function earlierMeeting(index: Indexes, bounds: Bounds, i: number): number[] {
  const bySrc = index.src.count(bounds.src);
  const byDst = index.dst.count(bounds.dst);
  const byPort = index.tcp.count(bounds.tcp) + index.udp.count(bounds.udp);
  const found: number[] = [];
  if (bySrc <= byDst && bySrc <= byPort) index.src.overlapping(bounds.src, found);
  else if (byDst <= byPort) index.dst.overlapping(bounds.dst, found);
  else {
    index.tcp.overlapping(bounds.tcp, found);
    index.udp.overlapping(bounds.udp, found);
  }
  const earlier = [...new Set(found.filter((k) => k < i))];
  return earlier.sort((a, b) => a - b);
}

interface Bounds {
  tcp: [number, number];
  udp: [number, number];
  src: [bigint, bigint];
  dst: [bigint, bigint];
}

/** The hull of a box, so most pairs of rules are told apart with a few comparisons. */
function boundsOf(box: Box): Bounds {
  const ports = (ranges: { from: number; to: number }[]): [number, number] =>
    ranges.length === 0 ? [1, 0] : [ranges[0].from, ranges[ranges.length - 1].to];
  const hull = (set: Box['src']): [bigint, bigint] =>
    set.intervals.length === 0 ? [1n, 0n] : [set.intervals[0][0], set.intervals[set.intervals.length - 1][1]];
  return { tcp: ports(box.svc.tcp), udp: ports(box.svc.udp), src: hull(box.src), dst: hull(box.dst) };
}

function boundsMeet(a: Bounds, b: Bounds): boolean {
  const meets = <T>(x: [T, T], y: [T, T]) => x[0] <= x[1] && y[0] <= y[1] && x[0] <= y[1] && y[0] <= x[1];
  return (meets(a.tcp, b.tcp) || meets(a.udp, b.udp)) && meets(a.src, b.src) && meets(a.dst, b.dst);
}
