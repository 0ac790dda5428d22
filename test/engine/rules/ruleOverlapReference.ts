import {
  type Box,
  type FirewallModel,
  intersectBox,
  isCovered,
  ruleBox,
  type RuleModel,
  type RuleStanding,
  subtractRanges,
} from '../../../server/src/engine/index';

// The standings as they were computed before the interval index: every rule against every rule
// above it. Kept as the reference the sweep must agree with (ruleOverlap.test.ts), not used by the engine.

export function referenceStandings(firewall: FirewallModel): RuleStanding[] {
  const rules = firewall.rules.filter((rule) => rule.complete);
  const boxes = rules.map(ruleBox);
  const bounds = boxes.map(boundsOf);
  const firstWithKey = new Map<string, RuleModel>();
  return rules.map((rule, i): RuleStanding => {
    const identity = [boxes[i].src.intervals, boxes[i].dst.intervals, boxes[i].svc, rule.sourcePorts ?? null];
    const key = `${rule.action}|${JSON.stringify(identity, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
    const duplicateOf = firstWithKey.get(key);
    if (duplicateOf) return { firewall, rule, duplicateOf };
    firstWithKey.set(key, rule);
    const decides = (k: number) =>
      !rules[k].sourcePorts ||
      (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, rules[k].sourcePorts!).length === 0);
    const overlapping: number[] = [];
    for (let k = 0; k < i; k++)
      if (boundsMeet(bounds[k], bounds[i]) && intersectBox(boxes[k], boxes[i]) !== undefined && decides(k))
        overlapping.push(k);
    const earlier = overlapping.map((k) => boxes[k]);
    if (earlier.length > 0 && isCovered(boxes[i], earlier))
      return { firewall, rule, shadowedBy: overlapping.map((k) => rules[k]) };
    return { firewall, rule };
  });
}

interface Bounds {
  tcp: [number, number];
  udp: [number, number];
  src: [bigint, bigint];
  dst: [bigint, bigint];
}

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
