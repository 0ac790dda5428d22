import { overlaps } from '../model/address';
import type { FlowEvaluation } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { FirewallModel, RuleModel } from '../model/model';
import { nodeAt, rangeAtPath, type ParsedTopology } from '../yaml/parse';
import type { Diagnostic, SourceRange } from '../types';
import type { Rule, RuleContext, RuleMeta } from './rule';

// What the checks of rules that explain a missing flow (wrong-transport, wrong-port,
// reversed-flow, wrong-firewall) share: the firewall they look at and what they may claim.

export interface ExplainScope {
  readonly context: RuleContext;
  readonly firewall: FirewallModel;
  /** The firewall's required flows that no rule allows. */
  readonly missing: readonly RequiredFlow[];
  /** Flows of this firewall some earlier rule already stands for. */
  readonly claimed: Set<RequiredFlow>;
}

export type RuleExplainer = (rule: RuleModel, scope: ExplainScope) => Diagnostic | undefined;

/** Record that `finding`, about `rule`, is why `flow` fails on `firewall`. */
export function explainFlow(
  scope: ExplainScope,
  flow: RequiredFlow,
  finding: Diagnostic,
  rule: RuleModel,
  firewall = scope.firewall,
): void {
  if (firewall === scope.firewall) scope.claimed.add(flow);
  scope.context.ledger.explain(flow, firewall, finding, rule);
}

export function flowsOn(context: RuleContext, firewall: FirewallModel): RequiredFlow[] {
  return context.flows.filter((flow) => flow.firewalls.includes(firewall));
}

export function evaluationOf(
  context: RuleContext,
  flow: RequiredFlow,
  firewall: FirewallModel,
): FlowEvaluation | undefined {
  return context.evaluations.find((item) => item.flow === flow && item.firewall === firewall);
}

export function endpointsMatch(rule: RuleModel, flow: RequiredFlow): boolean {
  return overlaps(rule.src, flow.src.all) && overlaps(rule.dst, flow.dst.all);
}

/** Where a service finding goes: the term it is about, else the whole rule. */
export function serviceRange(
  parsed: ParsedTopology,
  rule: RuleModel,
  term: RuleModel['terms'][number] | undefined,
): SourceRange {
  return term ? rangeAtPath(parsed, term.path) : rangeAtPath(parsed, rule.path);
}

export function scalarText(parsed: ParsedTopology, path: (string | number)[]): string {
  const node = nodeAt(parsed.doc, path) as { value?: unknown } | undefined;
  return String(node?.value ?? '');
}

/** A check of this family: the registry runs it through explainingRules.ts, one rule at a time. */
export type ExplainingRule<Meta extends RuleMeta> = Rule<Meta> & { explain: RuleExplainer };
