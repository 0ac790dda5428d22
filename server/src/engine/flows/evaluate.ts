import { ANY, AddressSet, isAny, isSubset, overlaps } from '../model/address';
import { servicesMeet } from '../model/service';
import { Box, intersectBox, isCovered, subtractAll } from './box';
import type { FlowSide, RequiredFlow } from './requiredFlow';
import type { FirewallModel, RuleModel } from '../model/model';

// First-match evaluation of one required flow on one firewall. The catalog's "Any" side is
// existential (a rule narrowed to known partners still serves the flow); every concrete member
// (each Edge interface, each gateway Front End) must be allowed in full.

export type Verdict = 'allowed' | 'missing' | 'blocked';

export interface FlowEvaluation {
  flow: RequiredFlow;
  firewall: FirewallModel;
  verdict: Verdict;
  /** Allow rules that let some of the flow through. */
  servingRules: RuleModel[];
  /** The first deny rule that stops a part of the flow no earlier rule allowed. */
  blockingRule?: RuleModel;
}

export function ruleBox(rule: RuleModel): Box {
  return { src: rule.src, dst: rule.dst, svc: rule.service };
}

export function flowBox(flow: RequiredFlow): Box {
  return { src: flow.src.all, dst: flow.dst.all, svc: flow.service };
}

/** Drops the existential dimensions, so "some source" compares as "any source". */
function project(box: Box, flow: RequiredFlow): Box {
  return { src: flow.src.existential ? ANY : box.src, dst: flow.dst.existential ? ANY : box.dst, svc: box.svc };
}

/**
 * A deny of everything that closes the rule list is the firewall's default written out: what it
 * stops is "missing", not "blocked". Above other rules it is a deny like any other: an allow
 * below it is a rule in the wrong place, not a rule that is not there.
 */
export function isDefaultWrittenOut(rule: RuleModel, firewall: FirewallModel): boolean {
  return (
    rule.action === 'deny' && isAny(rule.src) && isAny(rule.dst) && rule === firewall.rules[firewall.rules.length - 1]
  );
}

/** A deny only counts as stopping an existential side when it stops every address of it. */
function denyProjection(rule: RuleModel, hit: Box, flow: RequiredFlow): Box | undefined {
  if (flow.src.existential && !isSubset(flow.src.all, rule.src)) return undefined;
  if (flow.dst.existential && !isSubset(flow.dst.all, rule.dst)) return undefined;
  return project(hit, flow);
}

/** Every member combination the flow must serve, as boxes to be covered. */
function targets(flow: RequiredFlow): Box[][] {
  const sideChoices = (side: FlowSide): AddressSet[][] =>
    side.existential ? [[ANY]] : side.members.map((member) => member.alternatives);
  const out: Box[][] = [];
  for (const srcAlternatives of sideChoices(flow.src)) {
    for (const dstAlternatives of sideChoices(flow.dst)) {
      const options: Box[] = [];
      for (const src of srcAlternatives)
        for (const dst of dstAlternatives) options.push({ src, dst, svc: flow.service });
      out.push(options);
    }
  }
  return out;
}

export function evaluateFlow(flow: RequiredFlow, firewall: FirewallModel): FlowEvaluation {
  let remaining: Box[] | undefined = [flowBox(flow)];
  const allowed: Box[] = [];
  const denied: { rule: RuleModel; box: Box }[] = [];
  const servingRules: RuleModel[] = [];
  const { service, src, dst } = flow;
  const rules = firewall.rules;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    if (!rule.complete || !remaining || remaining.length === 0) continue;
    // What is left of the flow lies within its box: a rule that misses the box (most rules of a
    // large file) meets no piece of it, and is told apart before anything is built.
    if (!servicesMeet(rule.service, service) || !overlaps(rule.src, src.all) || !overlaps(rule.dst, dst.all)) continue;
    const box = ruleBox(rule);
    const hits: Box[] = [];
    for (let p = 0; p < remaining.length; p++) {
      const hit = intersectBox(remaining[p], box);
      if (hit) hits.push(hit);
    }
    if (hits.length === 0) continue;
    if (rule.action === 'allow') {
      allowed.push(...hits.map((hit) => project(hit, flow)));
      servingRules.push(rule);
    } else {
      for (const hit of hits) denied.push({ rule, box: hit });
    }
    remaining = subtractAll(remaining, [box]);
  }
  if (firewall.defaultAction === 'allow' && remaining) allowed.push(...remaining.map((piece) => project(piece, flow)));

  const uncovered = targets(flow).filter((options) => !options.some((target) => isCovered(target, allowed)));
  if (uncovered.length === 0) return { flow, firewall, verdict: 'allowed', servingRules };
  for (const { rule, box } of denied) {
    if (isDefaultWrittenOut(rule, firewall)) continue;
    const stopped = denyProjection(rule, box, flow);
    if (!stopped) continue;
    const hitsUncovered = uncovered.some((options) =>
      options.some((target) => {
        const left = subtractAll([target], allowed);
        return left === undefined || left.some((piece) => intersectBox(piece, stopped) !== undefined);
      }),
    );
    if (hitsUncovered) return { flow, firewall, verdict: 'blocked', servingRules, blockingRule: rule };
  }
  return { flow, firewall, verdict: 'missing', servingRules };
}

/** True when a rule lets through some part of a flow's box (ignoring rule order). */
export function ruleTouchesFlow(rule: RuleModel, flow: RequiredFlow): boolean {
  return (
    rule.complete &&
    servicesMeet(rule.service, flow.service) &&
    overlaps(rule.src, flow.src.all) &&
    overlaps(rule.dst, flow.dst.all)
  );
}

// Several checks and the flow model ask which flows of its firewall each rule touches: the
// answer is worked out once per rule and list of flows, and kept for the next version's list when
// that is the same list worked out again (sameFlowsAs).
const touched = new WeakMap<
  RuleModel,
  { flows: readonly RequiredFlow[]; firewall: FirewallModel; at: number[]; served: readonly RequiredFlow[] }
>();

const earlierFlows = new WeakMap<readonly RequiredFlow[], readonly RequiredFlow[]>();

/**
 * `flows` are `previous` worked out again on the next version of a model whose parts besides the
 * rules did not change (an incremental re-check): the same flows, in the same order, across
 * firewalls of the same names.
 */
export function sameFlowsAs(flows: readonly RequiredFlow[], previous: readonly RequiredFlow[]): void {
  if (flows.length !== previous.length) return;
  earlierFlows.set(flows, previous);
  // One version back is all isSameFlowList reads; a longer chain would keep every version's
  // flows, and through them its whole model, alive.
  earlierFlows.delete(previous);
}

/**
 * `flows` is `known`, or `known` worked out again on this version (sameFlowsAs): a flow's index
 * names the same flow in both.
 */
export function isSameFlowList(flows: readonly RequiredFlow[], known: readonly RequiredFlow[]): boolean {
  return flows === known || earlierFlows.get(flows) === known;
}

/**
 * The flow lists of one-shot checks (checkedOnce), each with the flows each rule touches: no
 * version follows such a check, so this check's answers are all it keeps (a map the list holds,
 * not an entry per rule in the weak maps above, which cost the collector most of the check's time).
 */
const once = new WeakMap<readonly RequiredFlow[], Map<FirewallModel, readonly (readonly RequiredFlow[])[]>>();

/** What most rules of a large file touch, shared: nobody changes an answer. */
const NONE: readonly RequiredFlow[] = Object.freeze([]);

/** Marks `flows` as those of a one-shot check: see `once`. */
export function checkedOnce(flows: readonly RequiredFlow[]): void {
  once.set(flows, new Map());
}

/** True for the flows of a one-shot check: what is worked out per rule need not outlive it. */
export function isCheckedOnce(flows: readonly RequiredFlow[]): boolean {
  return once.has(flows);
}

/** The flows of `flows` that cross `firewall` (the rule's) and that the rule touches, in their order. */
export function flowsTouchedBy(
  rule: RuleModel,
  firewall: FirewallModel,
  flows: readonly RequiredFlow[],
): readonly RequiredFlow[] {
  const onlyThisCheck = once.get(flows);
  if (onlyThisCheck) {
    // Every rule of the firewall is asked: the answers are worked out for all of them at once.
    if (firewall.rules[rule.index] !== rule) return touchedAmong(rule, firewall, flows);
    let ofFirewall = onlyThisCheck.get(firewall);
    if (!ofFirewall) onlyThisCheck.set(firewall, (ofFirewall = touchedByEach(firewall, flows)));
    return ofFirewall[rule.index];
  }
  const known = touched.get(rule);
  if (known && known.flows === flows && known.firewall === firewall) return known.served;
  if (known && earlierFlows.get(flows) === known.flows && known.firewall.name === firewall.name) {
    known.flows = flows;
    known.firewall = firewall;
    known.served = known.at.length === 0 ? known.served : known.at.map((k) => flows[k]);
    return known.served;
  }
  const at: number[] = [];
  const served = touchedAmong(rule, firewall, flows, at);
  touched.set(rule, { flows, firewall, at, served });
  return served;
}

/**
 * touchedAmong() of every rule of `firewall`, by its place. The rules whose ports meet a flow's
 * are found from one table of every rule's port ranges, as numbers side by side, rather than by
 * asking each rule of each flow: a flow's few ports meet few of a large file's rules.
 */
function touchedByEach(firewall: FirewallModel, flows: readonly RequiredFlow[]): (readonly RequiredFlow[])[] {
  const rules = firewall.rules;
  const served: (readonly RequiredFlow[])[] = new Array(rules.length).fill(NONE);
  const crossing = crossingAt(flows, firewall);
  if (crossing.length === 0) return served;
  const table = { tcp: portTable(rules, 'tcp'), udp: portTable(rules, 'udp') };
  // The flow that last found each rule: a rule met on both transports, or by two ranges, is asked once.
  const askedFor = new Int32Array(rules.length).fill(-1);
  for (let c = 0; c < crossing.length; c++) {
    const k = crossing[c];
    const flow = flows[k];
    for (const transport of ['tcp', 'udp'] as const) {
      const { bounds, owner } = table[transport];
      for (const range of flow.service[transport])
        for (let p = 0; p < owner.length; p++) {
          const r = owner[p];
          if (askedFor[r] === k || bounds[2 * p] > range.to || bounds[2 * p + 1] < range.from) continue;
          askedFor[r] = k;
          if (!ruleTouchesFlow(rules[r], flow)) continue;
          if (served[r] === NONE) served[r] = [];
          (served[r] as RequiredFlow[]).push(flow);
        }
    }
  }
  return served;
}

/** One transport's port ranges of every complete rule: range p, [bounds[2p], bounds[2p + 1]], is rule owner[p]'s. */
function portTable(rules: readonly RuleModel[], transport: 'tcp' | 'udp') {
  let count = 0;
  for (let r = 0; r < rules.length; r++) if (rules[r].complete) count += rules[r].service[transport].length;
  const bounds = new Float64Array(2 * count);
  const owner = new Int32Array(count);
  for (let r = 0, p = 0; r < rules.length; r++) {
    if (!rules[r].complete) continue;
    const ranges = rules[r].service[transport];
    for (let m = 0; m < ranges.length; m++, p++) {
      bounds[2 * p] = ranges[m].from;
      bounds[2 * p + 1] = ranges[m].to;
      owner[p] = r;
    }
  }
  return { bounds, owner };
}

/** The flows of `flows` across `firewall` that the rule touches; their indexes pushed onto `at`, if given. */
function touchedAmong(
  rule: RuleModel,
  firewall: FirewallModel,
  flows: readonly RequiredFlow[],
  at?: number[],
): readonly RequiredFlow[] {
  if (!rule.complete) return NONE;
  let served: RequiredFlow[] | undefined;
  const crossing = crossingAt(flows, firewall);
  for (let c = 0; c < crossing.length; c++) {
    const k = crossing[c];
    if (!ruleTouchesFlow(rule, flows[k])) continue;
    (served ??= []).push(flows[k]);
    at?.push(k);
  }
  return served ?? NONE;
}

/** The indexes of the flows that cross each firewall, in order: asked for every rule of the firewall. */
const crossings = new WeakMap<readonly RequiredFlow[], Map<FirewallModel, number[]>>();

function crossingAt(flows: readonly RequiredFlow[], firewall: FirewallModel): number[] {
  let byFirewall = crossings.get(flows);
  if (!byFirewall) crossings.set(flows, (byFirewall = new Map()));
  let at = byFirewall.get(firewall);
  if (!at) {
    at = [];
    for (let k = 0; k < flows.length; k++) if (flows[k].firewalls.includes(firewall)) at.push(k);
    byFirewall.set(firewall, at);
  }
  return at;
}
