import { isAny } from '../model/address';
import { intersectBox } from '../flows/box';
import { ruleBox } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { RuleModel } from '../model/model';
import { swapEndpointsEdits } from '../yaml/ruleEdits';
import { explainFlow, type ExplainingRule, type ExplainScope } from './explainScope';
import { endpointsOf, report, ROW_SOURCE, rowData, ruleLabel, type Rule } from './rule';
import { fixTitle } from './fixTitles';
import { ruleRange } from '../model/ruleRange';

const meta = {
  code: 'reversed-flow',
  severity: 'error',
  summary: 'A rule that matches a required flow with from and to swapped, while the flow itself is missing.',
  docs:
    'A rule matching a required flow with `from` and `to` swapped, while the flow itself is missing. Firewalls are ' +
    "stateful, so the direction is that of the connection's first packet. Quick fix: swap `from` and `to`.",
  fixKinds: ['swap-endpoints'],
  messages: {
    reversed: 'Rule {{rule}} allows {{service}} in the reverse direction of {{ruleName}}.',
  },
  details: {
    reversed:
      'It allows {{from}} → {{to}}; {{ruleName}} is {{flowFrom}} → {{flowTo}}. ' +
      `${ROW_SOURCE} Firewalls are stateful: the connection must be allowed from where it starts. Swap from and to.`,
  },
  diagramText: 'from and to swapped',
} as const satisfies Rule['meta'];

/** The rule matches the flow backwards and names its concrete side, not merely includes it in an `any`. */
function matchesBackwards(rule: RuleModel, flow: RequiredFlow): boolean {
  if (!intersectBox(ruleBox(rule), { src: flow.dst.all, dst: flow.src.all, svc: flow.service })) return false;
  return (!flow.src.existential && !isAny(rule.dst)) || (!flow.dst.existential && !isAny(rule.src));
}

function explain(rule: RuleModel, scope: ExplainScope) {
  const { parsed } = scope.context;
  const { missing, claimed } = scope;
  const flow = missing.find((candidate) => !claimed.has(candidate) && matchesBackwards(rule, candidate));
  if (!flow) return undefined;
  const edits = swapEndpointsEdits(parsed, rule.path);
  const data = {
    rule: ruleLabel(rule),
    service: flow.row.service,
    from: endpointsOf(rule.from),
    to: endpointsOf(rule.to),
    ruleName: flow.row.ruleName,
    flowFrom: flow.src.endpoints.join(', '),
    flowTo: flow.dst.endpoints.join(', '),
    ...rowData(flow),
  };
  const title = fixTitle('fix/swap', { rule: ruleLabel(rule) });
  const finding = report(meta, 'reversed', data, {
    range: ruleRange(parsed, rule),
    catalogRowId: flow.row.id,
    fixes: edits ? [{ ...title, kind: 'swap-endpoints', preferred: true, safe: true, edits }] : undefined,
  });
  explainFlow(scope, flow, finding, rule);
  // The same rule reversed may stand for several flows (a port range): the finding explains them all.
  for (const sibling of missing)
    if (!claimed.has(sibling) && matchesBackwards(rule, sibling)) explainFlow(scope, sibling, finding, rule);
  return finding;
}

export const reversedFlow: ExplainingRule<typeof meta> = { meta, explain };
