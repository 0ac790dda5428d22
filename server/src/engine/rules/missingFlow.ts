import { keyNodeAt, keyRangeAtPath, rangeOfNode } from '../yaml/parse';
import { insertRulesEdit, type NewRule } from '../yaml/ruleEdits';
import { ruleTouchesFlow } from '../flows/evaluate';
import type { PlacementProblem, RequiredFlow } from '../flows/required';
import type { FirewallModel } from '../model/model';
import type { MisplacedRule } from '../flows/ledger';
import type { Diagnostic, Fix } from '../types';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule, type RuleContext } from './rule';

// Runs after every check that can explain a flow (the ledger): what is left unexplained and not
// allowed is missing, also when a rule for it sits on a firewall it does not cross. Rows no
// firewall can carry (no network of a zone, no firewall between two networks) are reported here
// too, on the networks or firewalls key.

const meta = {
  code: 'missing-flow',
  severity: 'error',
  summary: 'A required flow of an enabled feature is allowed by no rule of a firewall it crosses.',
  docs:
    'A required flow of an enabled feature is allowed by no rule of a firewall it crosses. Reported on that ' +
    "firewall's " +
    '`rules` key (or its name), also when a rule for the flow sits on another firewall (that rule is a ' +
    '`wrong-firewall`). Quick fix: insert the rule — above any deny rule that would stop it, with the ' +
    'indentation of its neighbours — or move the rule from the wrong firewall here.',
  fixKinds: ['insert-rule', 'move-rule'],
  messages: {
    missing: "Firewall '{{firewall}}' does not allow {{service}} ({{ruleName}}).",
    misplaced:
      "Firewall '{{firewall}}' does not allow {{service}} ({{ruleName}}); rule {{rule}} is on '{{elsewhere}}'.",
    noZone: "No network has zone '{{zone}}': {{service}} ({{ruleName}}) cannot be placed on a firewall.",
    noFirewall: 'No firewall connects {{from}} to {{to}}: {{service}} ({{ruleName}}) cannot be checked.',
  },
  details: {
    missing: `From {{from}} to {{to}}, required by {{feature}}. ${ROW_SOURCE} {{comment}} Add an allow rule for it.`,
    misplaced:
      `From {{from}} to {{to}}, required by {{feature}}. ${ROW_SOURCE} {{comment}} Rule {{rule}} of firewall ` +
      "'{{elsewhere}}' is meant for it: move it here.",
    noZone: 'Add a network of that zone, e.g. `internet: { zone: external }`.',
    noFirewall: 'Add a firewall with `between: [{{firstFrom}}, {{firstTo}}]`.',
  },
} as const satisfies Rule['meta'];

/** The rule a fix writes for a flow: the catalog's name and service between the flow's endpoints. */
export function newRuleFor(flow: RequiredFlow): NewRule {
  return { name: flow.row.ruleName, service: flow.row.service, from: flow.src.endpoints, to: flow.dst.endpoints };
}

/** A new rule must sit above the first deny that would otherwise stop it. */
export function firstDenyTouching(flow: RequiredFlow, firewall: FirewallModel): number | undefined {
  return firewall.rules.find((rule) => rule.action === 'deny' && ruleTouchesFlow(rule, flow))?.index;
}

function problemFinding(context: RuleContext, problem: PlacementProblem): Diagnostic {
  const row = { service: problem.row.service, ruleName: problem.row.ruleName };
  const place = { range: keyRangeAtPath(context.parsed, [problem.anchor]), catalogRowId: problem.row.id };
  if (problem.reason === 'noZone') return report(meta, 'noZone', { zone: String(problem.zone), ...row }, place);
  const ends = {
    from: problem.from.join('/'),
    to: problem.to.join('/'),
    firstFrom: problem.from[0],
    firstTo: problem.to[0],
  };
  return report(meta, 'noFirewall', { ...ends, ...row }, place);
}

function missingFinding(
  context: RuleContext,
  flow: RequiredFlow,
  firewall: FirewallModel,
  misplaced: MisplacedRule | undefined,
): Diagnostic {
  const { parsed } = context;
  const rulesKey = keyNodeAt(parsed.doc, [...firewall.path, 'rules']);
  const insert = insertRulesEdit(parsed, firewall, [newRuleFor(flow)], firstDenyTouching(flow, firewall));
  const title = `Insert rule '${flow.row.ruleName}' (${flow.row.service}) in firewall '${firewall.name}'`;
  // The wrong-firewall finding offers the very same move: whichever fix-all takes, the rule moves
  // once and no copy is inserted beside it.
  const fixes: Fix[] = [];
  if (misplaced?.move) fixes.push(misplaced.move);
  if (insert) fixes.push({ title, kind: 'insert-rule', preferred: !misplaced?.move, safe: true, edits: [insert] });
  const elsewhere = misplaced && context.model.firewalls.find((candidate) => candidate.rules.includes(misplaced.rule));
  const data = {
    firewall: firewall.name,
    service: flow.row.service,
    from: flow.src.endpoints.join(', '),
    to: flow.dst.endpoints.join(', '),
    ruleName: flow.row.ruleName,
    feature: flow.row.feature,
    ...rowData(flow),
    comment: flow.row.comment,
    ...(misplaced && elsewhere ? { rule: ruleLabel(misplaced.rule), elsewhere: elsewhere.name } : {}),
  };
  return report(meta, misplaced && elsewhere ? 'misplaced' : 'missing', data, {
    range: rangeOfNode(parsed, rulesKey) ?? keyRangeAtPath(parsed, firewall.path),
    catalogRowId: flow.row.id,
    fixes: fixes.length > 0 ? fixes : undefined,
  });
}

function check(context: RuleContext): Diagnostic[] {
  const out = context.problems.map((problem) => problemFinding(context, problem));
  for (const { flow, firewall, verdict } of context.evaluations) {
    if (verdict === 'allowed' || context.ledger.isExplained(flow, firewall)) continue;
    const misplaced = context.ledger.misplacedRule(flow, firewall);
    const finding = missingFinding(context, flow, firewall, misplaced);
    context.ledger.explain(flow, firewall, finding, misplaced?.rule);
    out.push(finding);
  }
  return out;
}

export const missingFlow: Rule<typeof meta> = { meta, check };
