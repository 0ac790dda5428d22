import { ruleTouchesFlow } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { FirewallModel, RuleModel } from '../model/model';
import { dashColumnOf, deleteRuleEdit, insertRulesEdit, reindentedRuleText, ruleItemSpan } from '../yaml/ruleEdits';
import type { Diagnostic, Fix } from '../types';
import { newRuleFor } from './missingFlow';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule, type RuleContext } from './rule';
import { fixTitle } from './fixTitles';
import { ruleRange } from '../model/ruleRange';

// A flow a deny rule stops, unless an earlier check explained it. Runs just before missing-flow:
// the flows it reports are explained, so they are not missing too. A deny-all that closes the
// list is the default written out (evaluate.ts): what it stops is missing, not blocked.

const BLOCKED = "Deny rule {{rule}} on firewall '{{firewall}}' stops {{service}} ({{ruleName}}).";
const STOPS = `It stops {{service}} from {{from}} to {{to}} before any rule allows it. ${ROW_SOURCE}`;

const meta = {
  code: 'blocked-flow',
  severity: 'error',
  summary: 'A required flow that a deny rule stops before any rule allows it.',
  docs:
    'A deny rule stops a required flow before any rule allows it — also a deny of everything, when rules follow ' +
    'it. Quick fix: move the allow rule above the deny, or insert one there. Only a deny-all with no rule after ' +
    'it is the default written out: what it stops is a `missing-flow`.',
  fixKinds: ['move-rule', 'insert-rule'],
  messages: {
    moveAllowAbove: BLOCKED,
    allowAbove: BLOCKED,
  },
  details: {
    moveAllowAbove: `${STOPS} Move rule {{allowRule}} above it, or narrow the deny.`,
    allowAbove: `${STOPS} Allow the flow above it, or narrow the deny.`,
  },
} as const satisfies Rule['meta'];

function insertAboveFix(
  context: RuleContext,
  flow: RequiredFlow,
  deny: RuleModel,
  firewall: FirewallModel,
): Fix | undefined {
  const insert = insertRulesEdit(context.parsed, firewall, [newRuleFor(flow)], deny.index);
  if (!insert) return undefined;
  const title = fixTitle('fix/insertAbove', {
    ruleName: flow.row.ruleName,
    service: flow.row.service,
    deny: ruleLabel(deny),
  });
  return { ...title, kind: 'insert-rule', preferred: true, safe: true, edits: [insert] };
}

function moveAboveFix(
  context: RuleContext,
  rule: RuleModel,
  deny: RuleModel,
  firewall: FirewallModel,
): Fix | undefined {
  const { parsed } = context;
  const removal = deleteRuleEdit(parsed, rule.path);
  const dashColumn = dashColumnOf(parsed, firewall);
  const text = dashColumn === undefined ? undefined : reindentedRuleText(parsed, rule.path, dashColumn);
  const denySpan = ruleItemSpan(parsed, deny.path);
  if (!removal || text === undefined || !denySpan) return undefined;
  const insert = { startOffset: denySpan.start, endOffset: denySpan.start, newText: text };
  return {
    ...fixTitle('fix/moveAbove', { rule: ruleLabel(rule), deny: ruleLabel(deny) }),
    kind: 'move-rule',
    preferred: true,
    safe: true,
    edits: [insert, removal],
  };
}

function check(context: RuleContext): Diagnostic[] {
  const { parsed, ledger } = context;
  const found: { finding: Diagnostic; order: number }[] = [];
  for (const { flow, firewall, verdict, blockingRule: deny } of context.evaluations) {
    if (verdict !== 'blocked' || !deny || ledger.isExplained(flow, firewall)) continue;
    const later = firewall.rules.find(
      (candidate) => candidate.index > deny.index && candidate.action === 'allow' && ruleTouchesFlow(candidate, flow),
    );
    // A rule for the flow on a firewall it does not cross moves here (above the deny), as its
    // wrong-firewall fix does: one move, not a move and an inserted copy.
    const fix =
      (later && moveAboveFix(context, later, deny, firewall)) ??
      (later ? undefined : ledger.misplacedRule(flow, firewall)?.move) ??
      insertAboveFix(context, flow, deny, firewall);
    const data = {
      rule: ruleLabel(deny),
      firewall: firewall.name,
      service: flow.row.service,
      from: flow.src.endpoints.join(', '),
      to: flow.dst.endpoints.join(', '),
      ruleName: flow.row.ruleName,
      ...rowData(flow),
      ...(later ? { allowRule: ruleLabel(later) } : {}),
    };
    const finding = report(meta, later ? 'moveAllowAbove' : 'allowAbove', data, {
      range: ruleRange(parsed, deny),
      catalogRowId: flow.row.id,
      related: later
        ? [
            {
              range: ruleRange(parsed, later),
              message: `Rule ${ruleLabel(later)} would allow the flow, but comes after the deny.`,
            },
          ]
        : undefined,
      fixes: fix ? [fix] : undefined,
    });
    ledger.explain(flow, firewall, finding, deny);
    found.push({ finding, order: later?.index ?? -1 });
  }
  // The allows moved above one deny all land where it starts: in the order they were written.
  return found.sort((a, b) => a.order - b.order).map((item) => item.finding);
}

export const blockedFlow: Rule<typeof meta> = { meta, check };
