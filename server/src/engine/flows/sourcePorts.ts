import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import { intersectRanges, subtractRanges } from '../model/service';
import type { CatalogRow, PortRange } from '../types';
import { evaluateFlow, type FlowEvaluation } from './evaluate';
import type { RequiredFlow } from './requiredFlow';

// Source ports: the A/V "source and destination" firewall policy (L-AV) limits the source ports
// of some rows; a rule limited by `sourcePort` then takes part only where its ports fit.

/** Source ports the row's flow uses under the file's A/V policy; undefined means any. */
export function flowSourcePorts(row: CatalogRow, model: TopologyModel): PortRange[] | undefined {
  const bothEnds = model.settings.edge.avFirewallPolicy === 'sourceAndDestination';
  return row.sourcePortsByPolicy && bothEnds ? row.sourcePortsByPolicy : undefined;
}

/**
 * Whether a rule takes part in a flow's evaluation, by source port. A rule without `sourcePort`
 * matches every source port. An allow rule limited to some source ports carries a flow only when
 * it covers all the flow's source ports (a flow from any source port: never). A deny rule limited
 * to source ports counts when it stops some of the flow's.
 */
export function sourcePortsApply(rule: RuleModel, flow: RequiredFlow): boolean {
  if (!rule.sourcePorts) return true;
  const wanted = flow.sourcePorts ?? [{ from: 1, to: 65535 }];
  if (rule.action === 'deny') return intersectRanges(rule.sourcePorts, wanted).length > 0;
  return flow.sourcePorts !== undefined && subtractRanges(wanted, rule.sourcePorts).length === 0;
}

/** First-match evaluation of a flow on a firewall, with rules restricted by source port taken into account. */
export function evaluateRequiredFlow(flow: RequiredFlow, firewall: FirewallModel): FlowEvaluation {
  if (!firewall.rules.some((rule) => rule.sourcePorts)) return evaluateFlow(flow, firewall);
  const evaluation = evaluateFlow(flow, {
    ...firewall,
    rules: firewall.rules.filter((rule) => sourcePortsApply(rule, flow)),
  });
  return { ...evaluation, firewall };
}
