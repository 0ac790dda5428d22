import type { FlowMember, FlowSide, RequiredFlow } from '../flows/requiredFlow';
import { evaluateRequiredFlow } from '../flows/sourcePorts';
import { parseAddressOrCidr, union } from '../model/address';
import type { FirewallModel, ServerModel, TopologyModel } from '../model/model';
import { metaOf } from '../rules/registry';
import { report, rowData, ruleLabel } from '../rules/rule';
import type { Diagnostic, SourceRange } from '../types';
import type { DumpLocation, DumpReading } from './dumpRule';

// A host firewall (Windows Firewall on an Edge server) sees the required flows from one end: the
// flows that start or end at the server's own interfaces, at their private addresses (a NAT
// address never reaches the host), whichever perimeter firewall they cross. Each is evaluated
// first-match on the host's rules as on a perimeter firewall; what no rule lets through is a
// missing-flow at the rule list, what a block rule stops a blocked-flow at that rule.

export interface HostSplice {
  /** The reading's rules as rule models (spliced into some firewall to build them). */
  firewall: FirewallModel;
  flows: readonly RequiredFlow[];
}

export function edgeServerNamed(model: TopologyModel, name: string): ServerModel | undefined {
  return model.servers.find((server) => server.name === name && server.role === 'edge');
}

/** The flow as the host sees it, or undefined when it neither starts nor ends at the host. */
function hostView(flow: RequiredFlow, server: ServerModel, side: 'src' | 'dst'): RequiredFlow | undefined {
  const own = (member: FlowMember) => member.nodeId === server.name || member.nodeId.startsWith(`${server.name}.`);
  const original = flow[side];
  const members = original.members.filter(own).flatMap((member): FlowMember[] => {
    const name = member.nodeId.slice(server.name.length + 1);
    const interfaces = name === '' ? server.interfaces : server.interfaces.filter((item) => item.name === name);
    const addresses = interfaces.flatMap((item) => {
      const parsed = item.ip === undefined ? undefined : parseAddressOrCidr(item.ip);
      return parsed?.ok ? [parsed.set] : [];
    });
    return addresses.length === 0 ? [] : [{ ...member, alternatives: [union(...addresses)] }];
  });
  if (members.length === 0) return undefined;
  const narrowed: FlowSide = {
    ...original,
    existential: false,
    members,
    all: union(...members.flatMap((member) => member.alternatives)),
  };
  return { ...flow, [side]: narrowed };
}

/** The host's findings: missing and blocked flows, on the dump's lines. */
export function hostFindings(
  splice: HostSplice,
  server: ServerModel,
  reading: DumpReading,
  range: (location: DumpLocation) => SourceRange,
  sides: readonly ('dst' | 'src')[] = ['dst', 'src'],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const flow of splice.flows) {
    for (const side of sides) {
      const view = hostView(flow, server, side);
      if (!view) continue;
      const key = `${flow.row.id}:${side}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const evaluation = evaluateRequiredFlow(view, splice.firewall);
      if (evaluation.verdict === 'allowed') continue;
      const data = {
        firewall: server.name,
        service: flow.row.service,
        from: view.src.endpoints.join(', '),
        to: view.dst.endpoints.join(', '),
        ruleName: flow.row.ruleName,
        feature: flow.row.feature,
        ...rowData(flow),
        comment: flow.row.comment,
      };
      const blocking = evaluation.blockingRule;
      if (evaluation.verdict === 'blocked' && blocking) {
        const location = reading.rules[blocking.index]?.location ?? reading.listLocation;
        out.push(
          report(
            metaOf('blocked-flow'),
            'allowAbove',
            { ...data, rule: ruleLabel(blocking) },
            {
              range: range(location),
              catalogRowId: flow.row.id,
            },
          ),
        );
      } else {
        out.push(
          report(metaOf('missing-flow'), 'missing', data, {
            range: range(reading.listLocation),
            catalogRowId: flow.row.id,
          }),
        );
      }
    }
  }
  return out;
}
