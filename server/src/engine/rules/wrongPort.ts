import { formatPorts } from '../model/service';
import type { RequiredFlow } from '../flows/required';
import type { RuleModel } from '../model/model';
import { editDistance } from '../yaml/suggest';
import { endpointsMatch, explainFlow, onServiceTerm, type ExplainingRule, type ExplainScope } from './explainScope';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule } from './rule';
import { fixTitle } from './fixTitles';

const meta = {
  code: 'wrong-port',
  severity: 'error',
  summary: "A rule between a required flow's endpoints, same transport, but another port.",
  docs:
    "A rule between a required flow's endpoints, same transport, a near-miss port (`5296` for `5269`). Quick fix: " +
    'correct the port.',
  fixKinds: ['fix-port'],
  messages: {
    wrongPort: 'Rule {{rule}} opens {{transport}} {{written}}, but {{ruleName}} needs port {{port}}.',
  },
  details: {
    wrongPort: `{{ruleName}} is {{service}}. ${ROW_SOURCE} Change the port to {{port}}.`,
  },
  diagramText: 'wrong port',
} as const satisfies Rule['meta'];

/**
 * How far a written port is from the wanted one, when it is a near miss: a typo or a
 * transposition (edit distance ≤ 2, 5296 for 5269) or a neighbour (within 10). Any other port is
 * another flow, not a wrong port, so the answer is undefined.
 */
export function portMissDistance(written: number, wanted: number): number | undefined {
  const typo = editDistance(String(written), String(wanted));
  const distance = Math.abs(written - wanted) <= 10 ? Math.min(typo, 1) : typo;
  return distance <= 2 ? distance : undefined;
}

const isSinglePort = (ranges: readonly { from: number; to: number }[]) =>
  ranges.length === 1 && ranges[0].from === ranges[0].to;

/** Of the missing flows between the rule's endpoints, the one whose single port the rule's single port nearly is. */
function nearestFlow(rule: RuleModel, scope: ExplainScope): RequiredFlow | undefined {
  let best: { flow: RequiredFlow; distance: number } | undefined;
  for (const flow of scope.missing) {
    if (scope.claimed.has(flow) || !endpointsMatch(rule, flow)) continue;
    const ports = rule.service[flow.row.transport];
    if (!isSinglePort(ports) || !isSinglePort(flow.row.ports)) continue;
    const distance = portMissDistance(ports[0].from, flow.row.ports[0].from);
    if (distance === undefined) continue;
    if (!best || distance < best.distance) best = { flow, distance };
  }
  return best?.flow;
}

function explain(rule: RuleModel, scope: ExplainScope) {
  const { parsed } = scope.context;
  const flow = nearestFlow(rule, scope);
  if (!flow) return undefined;
  const term = rule.terms.find(
    (candidate) => candidate.transports.includes(flow.row.transport) && candidate.ports.length === 1,
  );
  const data = {
    rule: ruleLabel(rule),
    transport: flow.row.transport.toUpperCase(),
    written: formatPorts(rule.service[flow.row.transport]),
    ruleName: flow.row.ruleName,
    service: flow.row.service,
    ...rowData(flow),
    port: formatPorts(flow.row.ports),
  };
  const finding = report(meta, 'wrongPort', data, onServiceTerm(parsed, rule, flow, term, portChange(flow)));
  explainFlow(scope, flow, finding, rule);
  return finding;
}

function portChange(flow: RequiredFlow) {
  const port = formatPorts(flow.row.ports);
  const title = fixTitle('fix/port', { port, service: flow.row.service });
  return {
    key: 'port',
    value: port,
    tokenIndex: (tokens: string[]) => tokens.length - 1,
    title,
    kind: 'fix-port',
  } as const;
}

export const wrongPort: ExplainingRule<typeof meta> = { meta, explain };
