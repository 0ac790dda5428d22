import { keyNodeAt, keyRangeAtPath, rangeOfNode } from '../yaml/parse';
import { addFirewallEdits } from '../yaml/firewallEdits';
import { lineBreakOf, withLineBreak } from '../yaml/edits';
import { crossingsOf, firewallName, type Crossing, type NoZone } from './missingCrossing';
import { insertRulesEdit, type NewRule } from '../yaml/ruleEdits';
import { ruleTouchesFlow } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { FirewallModel } from '../model/model';
import type { MisplacedRule } from '../flows/ledger';
import type { Diagnostic, Fix } from '../types';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule, type RuleContext } from './rule';
import { fixTitle } from './fixTitles';

// Runs after every check that can explain a flow (the ledger): what is left unexplained and not
// allowed is missing, also when a rule for it sits on a firewall it does not cross. Rows no
// firewall can carry (no network of a zone, no firewall between two networks) are reported here
// too: a missing zone once on the networks key, a missing firewall once per crossing of two
// networks (missingCrossing.ts), on the firewalls key or else on the networks, with a fix that adds it.

const meta = {
  code: 'missing-flow',
  severity: 'error',
  summary: 'A required flow of an enabled feature is allowed by no rule of a firewall it crosses.',
  docs:
    'A required flow of an enabled feature is allowed by no rule of a firewall it crosses. Reported on that ' +
    "firewall's " +
    '`rules` key (or its name), also when a rule for the flow sits on another firewall (that rule is a ' +
    '`wrong-firewall`). Quick fix: insert the rule — above any deny rule that would stop it, with the ' +
    'indentation of its neighbours — or move the rule from the wrong firewall here. Where no firewall joins ' +
    'two networks that required flows cross (before any firewall is written), one finding per crossing, on ' +
    'the `firewalls` key or else on the key of the outer network; quick fix: add the firewall ' +
    '(`between: [internet, perimeter]`, `rules: []`), which Insert All Missing Rules then fills in.',
  fixKinds: ['insert-rule', 'move-rule', 'add-firewall'],
  messages: {
    missing: "Firewall '{{firewall}}' does not allow {{service}} ({{ruleName}}).",
    misplaced:
      "Firewall '{{firewall}}' does not allow {{service}} ({{ruleName}}); rule {{rule}} is on '{{elsewhere}}'.",
    noZone: "No network has zone '{{zone}}': {{service}} ({{ruleName}}) cannot be placed on a firewall.",
    noFirewall: 'No firewall connects {{from}} to {{to}}: {{service}} ({{ruleName}}) cannot be checked.',
    noCrossing: 'No firewall stands between {{first}} and {{second}}: {{count}} required flows cannot be checked.',
  },
  details: {
    missing: `From {{from}} to {{to}}, required by {{feature}}. ${ROW_SOURCE} {{comment}} Add an allow rule for it.`,
    misplaced:
      `From {{from}} to {{to}}, required by {{feature}}. ${ROW_SOURCE} {{comment}} Rule {{rule}} of firewall ` +
      "'{{elsewhere}}' is meant for it: move it here.",
    noZone: 'Add a network of that zone, e.g. `internet: { zone: external }`.',
    noFirewall: 'Add a firewall with `between: [{{firstFrom}}, {{firstTo}}]`.',
    noCrossing:
      '{{first}} is {{firstZone}}, {{second}} is {{secondZone}}; the flows are required by {{features}}. ' +
      'Add a firewall with `between: [{{first}}, {{second}}]`, then insert its missing rules.',
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

function noZoneFinding(context: RuleContext, problem: NoZone): Diagnostic {
  const row = { service: problem.row.service, ruleName: problem.row.ruleName };
  const place = { range: keyRangeAtPath(context.parsed, [problem.anchor]), catalogRowId: problem.row.id };
  return report(meta, 'noZone', { zone: String(problem.zone), ...row }, place);
}

/** A crossing's finding: its one flow's words when there is one flow, else the count and features. */
function crossingFinding(context: RuleContext, crossing: Crossing, add: Fix | undefined): Diagnostic {
  const { parsed } = context;
  const [first, second] = crossing.between;
  const firewallsKey = rangeOfNode(parsed, keyNodeAt(parsed.doc, ['firewalls']));
  const firstKey = rangeOfNode(parsed, keyNodeAt(parsed.doc, ['networks', first]));
  const secondKey = rangeOfNode(parsed, keyNodeAt(parsed.doc, ['networks', second]));
  const place = {
    range: firewallsKey ?? firstKey ?? keyRangeAtPath(parsed, ['networks']),
    related:
      !firewallsKey && secondKey
        ? [{ range: secondKey, message: `Network '${second}' (${crossing.zones[1]}), the other side.` }]
        : undefined,
    fixes: add ? [add] : undefined,
  };
  if (crossing.problems.length === 1) {
    const [problem] = crossing.problems;
    const data = {
      from: problem.from.join('/'),
      to: problem.to.join('/'),
      firstFrom: problem.from[0],
      firstTo: problem.to[0],
      service: problem.row.service,
      ruleName: problem.row.ruleName,
    };
    return report(meta, 'noFirewall', data, { ...place, catalogRowId: problem.row.id });
  }
  const data = {
    first,
    firstZone: crossing.zones[0],
    second,
    secondZone: crossing.zones[1],
    count: crossing.problems.length,
    features: [...new Set(crossing.problems.map((problem) => problem.feature))].join(', '),
  };
  return report(meta, 'noCrossing', data, place);
}

function crossingFindings(context: RuleContext): Diagnostic[] {
  const crossings = crossingsOf(context.model, context.problems);
  // A firewall whose `between` names something else than two networks may be the one meant (a
  // typo): then the new firewall is offered, not applied unasked.
  const sure = context.model.firewalls.every(
    (firewall) =>
      firewall.between.length === 2 &&
      firewall.between.every((name) => context.model.networks.some((network) => network.name === name)),
  );
  const taken = new Set([...context.model.firewalls.map((firewall) => firewall.name), ...writtenFirewalls(context)]);
  const lineBreak = lineBreakOf(context.parsed.text);
  return crossings.map((crossing) => {
    const name = firewallName(crossing, taken);
    taken.add(name);
    const edits = addFirewallEdits(context.parsed, { name, between: crossing.between });
    const title = fixTitle('fix/addFirewall', { name, from: crossing.between[0], to: crossing.between[1] });
    // Not preferred: Insert All Missing Rules (the client's, which takes the preferred fixes) adds
    // rules to the firewalls there are; which firewalls there are is the user's to say.
    const add: Fix | undefined = edits && {
      ...title,
      kind: 'add-firewall',
      preferred: false,
      safe: sure,
      edits: withLineBreak(edits, lineBreak),
    };
    return crossingFinding(context, crossing, add);
  });
}

/** The names under `firewalls` as written, also of entries the model could not read. */
function writtenFirewalls(context: RuleContext): string[] {
  const value = (context.parsed.value as Record<string, unknown> | undefined)?.firewalls;
  return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
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
  const title = fixTitle('fix/insertRule', {
    ruleName: flow.row.ruleName,
    service: flow.row.service,
    firewall: firewall.name,
  });
  // The wrong-firewall finding offers the very same move: whichever fix-all takes, the rule moves
  // once and no copy is inserted beside it.
  const fixes: Fix[] = [];
  if (misplaced?.move) fixes.push(misplaced.move);
  if (insert) fixes.push({ ...title, kind: 'insert-rule', preferred: !misplaced?.move, safe: true, edits: [insert] });
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
  const noZone = context.problems.filter((problem): problem is NoZone => problem.reason === 'noZone');
  const out = [...noZone.map((problem) => noZoneFinding(context, problem)), ...crossingFindings(context)];
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
