import { overlaps } from '../model/address';
import type { FlowEvaluation } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { FirewallModel, RuleModel } from '../model/model';
import { nodeAt, rangeAtPath, type ParsedTopology } from '../yaml/parse';
import { replaceValueEdit, yamlScalar } from '../yaml/edits';
import type { Diagnostic, Fix, FixKind, SourceRange, TextEdit } from '../types';
import type { Report, Rule, RuleContext, RuleMeta } from './rule';
import type { FixTitle } from './fixTitles';

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

/** A rewrite of one part of a service term, and the words of the fix that makes it. */
export interface TermChange {
  /** The part's key in the object form. */
  key: 'port' | 'transport';
  value: string;
  /** Which slash-separated token of the text form (XMPP/TCP/5296) holds the part; below 0: none. */
  tokenIndex: (tokens: string[]) => number;
  title: FixTitle;
  kind: FixKind;
}

/**
 * Where a finding about `flow` and the service `term` of `rule` goes (the whole rule when no term
 * is to blame), with the fix that makes `change` to the term.
 */
export function onServiceTerm(
  parsed: ParsedTopology,
  rule: RuleModel,
  flow: RequiredFlow,
  term: RuleModel['terms'][number] | undefined,
  change: TermChange,
): Report {
  const fix = term ? termFix(parsed, term, change) : undefined;
  return { range: serviceRange(parsed, rule, term), catalogRowId: flow.row.id, fixes: fix ? [fix] : undefined };
}

function termFix(parsed: ParsedTopology, term: RuleModel['terms'][number], change: TermChange): Fix | undefined {
  let edit: TextEdit | undefined;
  if (term.form === 'text') {
    const tokens = scalarText(parsed, term.path).split('/');
    const index = change.tokenIndex(tokens);
    if (index < 0) return undefined;
    tokens[index] = change.value;
    edit = replaceValueEdit(parsed, term.path, yamlScalar(tokens.join('/')));
  } else {
    edit = replaceValueEdit(parsed, [...term.path, change.key], change.value);
  }
  if (!edit) return undefined;
  return { ...change.title, kind: change.kind, preferred: true, safe: true, edits: [edit] };
}

/** A check of this family: the registry runs it through explainingRules.ts, one rule at a time. */
export type ExplainingRule<Meta extends RuleMeta> = Rule<Meta> & { explain: RuleExplainer };
