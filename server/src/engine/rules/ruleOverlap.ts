import { type Box, boxesMeet, isCovered } from '../flows/box';
import { ruleBox } from '../flows/evaluate';
import { subtractRanges } from '../model/service';
import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import { previousVersion } from '../model/lineage';
import type { Diagnostic, SourceRange } from '../types';
import { keptFindingsOn, type KeptFindings, onlyTheRule } from './keptFindings';
import { earlierByScan, earlierMeeting } from './earlierRules';
import { type Geometry, geometryOf, hullsMeet, hullsOf, identityHash, sameIdentity } from './ruleHulls';
import type { RuleContext } from './rule';
import { ruleRange } from '../model/ruleRange';

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

/** Per model, its standings: three checks read them all. */
const modelStandings = new WeakMap<TopologyModel, RuleStanding[]>();

/** Every complete rule of every firewall, firewall by firewall, with its standing. */
export function ruleStandings(model: TopologyModel): RuleStanding[] {
  let all = modelStandings.get(model);
  if (!all)
    modelStandings.set(
      model,
      (all = model.firewalls.length === 1 ? standingsOf(model.firewalls[0]) : model.firewalls.flatMap(standingsOf)),
    );
  return all;
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
  const at = (rule: RuleModel) => ruleRange(parsed, rule);
  if (!keepsFindings) {
    const found: Diagnostic[] = [];
    for (const standing of ruleStandings(model)) {
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

function standingsOf(firewall: FirewallModel): RuleStanding[] {
  let known = standings.get(firewall);
  if (!known) standings.set(firewall, (known = computeStandings(firewall)));
  return known;
}

function computeStandings(firewall: FirewallModel): RuleStanding[] {
  const rules = firewall.rules.filter((rule) => rule.complete);
  const geometry = geometryOf(rules);
  const previous = previousVersion.get(firewall);
  const known = previous && standings.get(previous);
  return workedOut(firewall, rules, geometry, known && keptStandings(rules, geometry.hulls, known));
}

/**
 * The standings of `rules`, whose geometry is `geometry`; those of `kept` where it holds one (its
 * rule's standing from the previous version, unchanged).
 */
function workedOut(
  firewall: FirewallModel,
  rules: RuleModel[],
  geometry: Geometry,
  kept?: (RuleStanding | undefined)[],
): RuleStanding[] {
  const { hulls } = geometry;
  let asked = rules.length;
  if (kept) for (const standing of kept) if (standing) asked--;
  // Rules worked out again after an edit are few: each compares with every rule above it.
  const earlier = kept && asked <= RESCANNED ? earlierByScan(hulls) : earlierMeeting(geometry);
  // A rule's identity, for duplicates in one pass instead of comparing every pair: the first
  // rule of each identity, chained by hash.
  const firstWithHash = new Map<number, number>();
  const sameHash = new Int32Array(rules.length);
  const worked: RuleStanding[] = new Array<RuleStanding>(rules.length);
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    const hash = identityHash(hulls, i, rule);
    const standing = kept?.[i];
    let duplicateOf: RuleModel | undefined;
    if (!standing)
      for (let k = firstWithHash.get(hash) ?? -1; k >= 0 && !duplicateOf; k = sameHash[k])
        if (sameIdentity(rules[k], rule)) duplicateOf = rules[k];
    // The first rule of its identity heads the chain of its hash.
    if (!(standing ? standing.duplicateOf : duplicateOf)) {
      sameHash[i] = firstWithHash.get(hash) ?? -1;
      firstWithHash.set(hash, i);
    }
    worked[i] = standing
      ? { ...standing, firewall }
      : duplicateOf
        ? { firewall, rule, duplicateOf }
        : shadowStanding(firewall, rules, i, earlier(i));
  }
  return worked;
}

/** Up to this many rules worked out again, each is compared with every rule above it rather than indexed. */
const RESCANNED = 32;

/** Rule `i` shadowed by the earlier rules `candidates` (ascending) that may meet it, or its plain standing. */
function shadowStanding(
  firewall: FirewallModel,
  rules: RuleModel[],
  i: number,
  candidates: readonly number[],
): RuleStanding {
  const rule = rules[i];
  if (candidates.length === 0) return { firewall, rule };
  const box = ruleBox(rule);
  // A rule limited to some source ports (sourcePort) only decides those: it shadows a rule that
  // is limited to them too.
  const decides = (other: RuleModel) =>
    !other.sourcePorts || (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, other.sourcePorts).length === 0);
  const shadowing: RuleModel[] = [];
  const earlier: Box[] = [];
  for (let c = 0; c < candidates.length; c++) {
    const other = rules[candidates[c]];
    const otherBox = ruleBox(other);
    if (boxesMeet(otherBox, box) && decides(other)) {
      shadowing.push(other);
      earlier.push(otherBox);
    }
  }
  if (earlier.length > 0 && isCovered(box, earlier)) return { firewall, rule, shadowedBy: shadowing };
  return { firewall, rule };
}

/**
 * Of the standings of the previous version of the firewall, those that still hold, when a few
 * of its rules changed in place (same number of complete rules, the others the same models): a
 * rule's standing depends only on the earlier rules whose hulls meet its hulls or that share its
 * identity, so only the changed rules and the later rules that one of them (old or new) can meet
 * are worked out again. Undefined: work out every rule.
 */
function keptStandings(
  rules: RuleModel[],
  hulls: Float64Array,
  known: RuleStanding[],
): (RuleStanding | undefined)[] | undefined {
  if (known.length !== rules.length) return undefined;
  const changed: number[] = [];
  for (let k = 0; k < rules.length; k++) if (known[k].rule !== rules[k]) changed.push(k);
  if (changed.length > 16) return undefined;
  const before = changed.map((k) => known[k].rule);
  const beforeHulls = hullsOf(before);
  const affected = (i: number) => {
    for (let c = 0; c < changed.length; c++) {
      const k = changed[c];
      if (k > i) continue;
      if (k === i || hullsMeet(hulls, k, hulls, i) || hullsMeet(beforeHulls, c, hulls, i)) return true;
      if (sameIdentity(rules[k], rules[i]) || sameIdentity(before[c], rules[i])) return true;
    }
    return false;
  };
  return known.map((standing, i) => (affected(i) ? undefined : standing));
}
