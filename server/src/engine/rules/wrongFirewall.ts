import { isAny } from '../model/address';
import { serviceCovered, servicesMeet } from '../model/service';
import { isCheckedOnce, isSameFlowList } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { FirewallModel, RuleModel } from '../model/model';
import { keyRangeAtPath, type ParsedTopology } from '../yaml/parse';
import { blockRuleText, deleteRuleEdit, insertRulesEdit, type NewRule, reindentedRuleText } from '../yaml/ruleEdits';
import type { Fix, TextEdit } from '../types';
import { endpointsMatch, evaluationOf, type ExplainingRule, type ExplainScope } from './explainScope';
import { firstDenyTouching } from './missingFlow';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule, type RuleContext } from './rule';
import { fixTitle } from './fixTitles';
import { ruleRange } from '../model/ruleRange';

const meta = {
  code: 'wrong-firewall',
  severity: 'error',
  summary: 'A rule for a required flow on a firewall the flow does not cross.',
  docs:
    'A rule for a required flow on a firewall the flow does not cross — `XMPP/MTLS/23456` on the external firewall ' +
    "opens the Edge's internal XMPP port to the Internet. The firewall the flow crosses still lacks it and reports " +
    'a `missing-flow` too. Quick fix (on both findings): move the rule (with its comments) to the right firewall, ' +
    'or remove it when that firewall already allows the flow.',
  fixKinds: ['move-rule'],
  messages: {
    wrongFirewall: "Rule {{rule}} ({{ruleService}}) belongs on firewall '{{target}}', not '{{firewall}}'.",
  },
  details: {
    wrongFirewall:
      `It is for {{ruleName}}, which crosses firewall '{{target}}'. ${ROW_SOURCE} Here it opens {{to}} to traffic ` +
      "from {{between}}. Move it to '{{target}}'.",
  },
  diagramText: 'on the wrong firewall',
} as const satisfies Rule['meta'];

/** The rule opens all of the flow's service (and some of it) between the flow's endpoints. */
function carries(rule: RuleModel, flow: RequiredFlow): boolean {
  return (
    servicesMeet(rule.service, flow.service) && serviceCovered(flow.service, rule.service) && endpointsMatch(rule, flow)
  );
}

/** Which flow of the list each rule carries, by index (-1: none): a rule is asked again on every version. */
const carried = new WeakMap<RuleModel, { flows: readonly RequiredFlow[]; firewall: string; at: number }>();

/** The rule carries `candidate`, a flow that crosses firewalls, not the rule's, between endpoints the rule names. */
function carriedHere(rule: RuleModel, firewall: FirewallModel, candidate: RequiredFlow): boolean {
  if (candidate.firewalls.length === 0 || candidate.firewalls.includes(firewall) || !carries(rule, candidate))
    return false;
  return (!candidate.dst.existential && !isAny(rule.dst)) || (!candidate.src.existential && !isAny(rule.src));
}

/** The index of the first flow of `flows` the rule carries there (carriedHere), or -1. */
function firstCarried(rule: RuleModel, firewall: FirewallModel, flows: readonly RequiredFlow[]): number {
  for (let k = 0; k < flows.length; k++) if (carriedHere(rule, firewall, flows[k])) return k;
  return -1;
}

/** The first flow the rule carries that crosses firewalls, not the rule's, between endpoints the rule names. */
function flowCarried(
  rule: RuleModel,
  firewall: FirewallModel,
  flows: readonly RequiredFlow[],
): RequiredFlow | undefined {
  // A one-shot check asks each rule once: nothing to keep for a next version.
  if (isCheckedOnce(flows)) {
    const index = firstCarried(rule, firewall, flows);
    return index < 0 ? undefined : flows[index];
  }
  const known = carried.get(rule);
  if (known && known.firewall === firewall.name && isSameFlowList(flows, known.flows)) {
    known.flows = flows;
    return known.at < 0 ? undefined : flows[known.at];
  }
  const index = firstCarried(rule, firewall, flows);
  carried.set(rule, { flows, firewall: firewall.name, at: index });
  return index < 0 ? undefined : flows[index];
}

function explain(rule: RuleModel, scope: ExplainScope) {
  const { context, firewall } = scope;
  const { parsed } = context;
  const flow = flowCarried(rule, firewall, context.flows);
  if (!flow) return undefined;
  const target = flow.firewalls[0];
  const targetAllows = evaluationOf(context, flow, target)?.verdict === 'allowed';
  const fixes: Fix[] = [];
  const removal = deleteRuleEdit(parsed, rule.path);
  let move: Fix | undefined;
  if (targetAllows) {
    const title = fixTitle('fix/removeFromFirewall', {
      rule: ruleLabel(rule),
      firewall: firewall.name,
      target: target.name,
    });
    if (removal) fixes.push({ ...title, kind: 'move-rule', preferred: true, safe: true, edits: [removal] });
  } else {
    const edits = moveEdits(context, rule, target, flow);
    if (edits) {
      const title = fixTitle('fix/moveToFirewall', { rule: ruleLabel(rule), target: target.name });
      move = { ...title, kind: 'move-rule', preferred: true, safe: true, edits };
      fixes.push(move);
    }
  }
  const data = {
    rule: ruleLabel(rule),
    ruleService: rule.serviceText,
    ruleName: flow.row.ruleName,
    target: target.name,
    firewall: firewall.name,
    ...rowData(flow),
    to: flow.dst.endpoints.join(', '),
    between: firewall.between.join('/'),
  };
  const finding = report(meta, 'wrongFirewall', data, {
    range: ruleRange(parsed, rule),
    catalogRowId: flow.row.id,
    related: [{ range: keyRangeAtPath(parsed, target.path), message: `The firewall ${flow.row.service} crosses.` }],
    fixes: fixes.length > 0 ? fixes : undefined,
  });
  // The target still lacks the flow (missing-flow or blocked-flow says so there); what the rule
  // offers it is this move, so that fixing either finding moves the rule once. The misplaced rule
  // may carry further flows of the same target firewall (a port range).
  if (!targetAllows) context.ledger.misplace(flow, target, { rule, move });
  for (const sibling of context.flows) {
    if (
      sibling === flow ||
      sibling.firewalls[0] !== target ||
      sibling.firewalls.includes(firewall) ||
      !carries(rule, sibling)
    )
      continue;
    if (evaluationOf(context, sibling, target)?.verdict !== 'allowed')
      context.ledger.misplace(sibling, target, { rule, move });
  }
  return finding;
}

/**
 * The rule as it goes into another firewall: its own lines, comments included, re-indented to
 * wherever the target's rules go; a rule written in flow style has no lines of its own and is
 * written fresh (its endpoints as written). Insert All Missing Rules writes it the same way.
 */
export function movedRuleText(
  parsed: ParsedTopology,
  rule: RuleModel,
  flow: RequiredFlow,
): { fresh: NewRule; blockText: (indent: string) => string } {
  const fresh: NewRule = {
    name: rule.name ?? flow.row.ruleName,
    service: rule.serviceText,
    from: rule.from.map((ref) => ref.text),
    to: rule.to.map((ref) => ref.text),
  };
  const blockText = (indent: string) =>
    reindentedRuleText(parsed, rule.path, indent.length) ?? blockRuleText(fresh, indent);
  return { fresh, blockText };
}

function moveEdits(
  context: RuleContext,
  rule: RuleModel,
  target: FirewallModel,
  flow: RequiredFlow,
): TextEdit[] | undefined {
  const { parsed } = context;
  const removal = deleteRuleEdit(parsed, rule.path);
  if (!removal) return undefined;
  const { fresh, blockText } = movedRuleText(parsed, rule, flow);
  const insert = insertRulesEdit(parsed, target, [fresh], firstDenyTouching(flow, target), blockText);
  if (!insert) return undefined;
  return [removal, insert];
}

export const wrongFirewall: ExplainingRule<typeof meta> = { meta, explain };
