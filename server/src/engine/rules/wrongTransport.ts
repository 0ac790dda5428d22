import { formatPorts, isTransportToken } from '../model/service';
import type { RequiredFlow } from '../flows/required';
import type { RuleModel } from '../model/model';
import { endpointsMatch, explainFlow, onServiceTerm, type ExplainingRule, type ExplainScope } from './explainScope';
import { report, ROW_SOURCE, rowData, ruleLabel, type Rule } from './rule';
import { fixTitle } from './fixTitles';

const meta = {
  code: 'wrong-transport',
  severity: 'error',
  summary: "A rule between a required flow's endpoints and port, with the wrong transport.",
  docs: 'A rule with the required port but the wrong transport (`XMPP/UDP/23456`). Quick fix: correct the transport.',
  fixKinds: ['fix-transport'],
  messages: {
    wrongTransport: 'Rule {{rule}} opens port {{port}} over {{written}}, but {{ruleName}} needs {{transport}}.',
  },
  details: {
    wrongTransport: `{{ruleName}} is {{service}}. ${ROW_SOURCE} Change the transport to {{transportLabel}}.`,
  },
  diagramText: 'wrong transport',
} as const satisfies Rule['meta'];

/** The rule opens every port of the flow on the other transport, and nothing on the flow's own. */
function carriesOnOtherTransport(rule: RuleModel, flow: RequiredFlow): boolean {
  const other = flow.row.transport === 'tcp' ? 'udp' : 'tcp';
  return rule.service[other].some((range) =>
    flow.row.ports.every((port) => range.from <= port.from && port.to <= range.to),
  );
}

function explain(rule: RuleModel, scope: ExplainScope) {
  const { context, missing, claimed } = scope;
  for (const flow of missing) {
    if (claimed.has(flow) || !endpointsMatch(rule, flow)) continue;
    if (!carriesOnOtherTransport(rule, flow) || rule.service[flow.row.transport].length > 0) continue;
    const other = flow.row.transport === 'tcp' ? 'udp' : 'tcp';
    const term = rule.terms.find((candidate) => candidate.transports.includes(other));
    const data = {
      rule: ruleLabel(rule),
      port: formatPorts(flow.row.ports),
      written: other.toUpperCase(),
      ruleName: flow.row.ruleName,
      service: flow.row.service,
      transport: flow.row.transport.toUpperCase(),
      ...rowData(flow),
      transportLabel: flow.row.transportLabel,
    };
    const place = onServiceTerm(context.parsed, rule, flow, term, transportChange(flow));
    const finding = report(meta, 'wrongTransport', data, place);
    explainFlow(scope, flow, finding, rule);
    // One rule can carry several flows (MTLS/TCP/50001-50003): the one finding explains them all.
    for (const sibling of missing) {
      if (claimed.has(sibling) || sibling.row.transport !== flow.row.transport || !endpointsMatch(rule, sibling))
        continue;
      if (carriesOnOtherTransport(rule, sibling)) explainFlow(scope, sibling, finding, rule);
    }
    return finding;
  }
  return undefined;
}

function transportChange(flow: RequiredFlow) {
  const label = flow.row.transportLabel;
  const title = fixTitle('fix/transport', { transport: label, service: flow.row.service });
  return { key: 'transport', value: label, tokenIndex: transportTokenIndex, title, kind: 'fix-transport' } as const;
}

/** The last transport token before the port of PROTOCOL/[SECURITY/]TRANSPORT/PORT. */
function transportTokenIndex(tokens: string[]): number {
  for (let k = tokens.length - 2; k >= 0; k--) if (isTransportToken(tokens[k].trim())) return k;
  return -1;
}

export const wrongTransport: ExplainingRule<typeof meta> = { meta, explain };
