import { formatAddressSet } from '../model/address';
import { type FlowEvaluation, flowsTouchedBy, isCheckedOnce } from './evaluate';
import type { ExplanationReader } from './ledger';
import type { RequiredFlow } from './required';
import type { RuleModel, TopologyModel } from '../model/model';
import { networkOf } from '../model/model';
import { allVips } from '../model/settings';
import { keyNodeAt, keyRangeAtPath, ParsedTopology, rangeOfNode } from '../yaml/parse';
import { ruleRange } from '../model/ruleRange';
import { generationOf, spliceOf } from '../yaml/ruleSplice';
import { awayFromSplice, movedRange, sideOf } from '../yaml/spliceMoves';
import type { ExtraRule, FlowEdge, FlowModel, FlowNode, FlowStatus, Zone } from '../types';

// The diagram's input: who talks to whom through which firewall, and how each required flow fares.

const ZONE_ORDER: Zone[] = ['external', 'perimeter', 'internal'];

function ruleName(rule: RuleModel): string {
  return rule.name ?? `rule ${rule.index + 1}`;
}

/** What the analysis found that the diagram draws. */
export interface FlowFindings {
  readonly flows: readonly RequiredFlow[];
  readonly evaluations: readonly FlowEvaluation[];
  readonly ledger: ExplanationReader;
}

/** Each rule's entry of the last version it was drawn in: an edit of other rules moves it (ruleSplice.ts). */
const drawn = new WeakMap<RuleModel, { generation: number; extra: ExtraRule }>();

function extraRule(parsed: ParsedTopology, firewall: string, rule: RuleModel, keep: boolean): ExtraRule {
  if (!keep) return extraRuleOf(parsed, firewall, rule);
  const generation = generationOf(parsed);
  const splice = spliceOf(parsed);
  const known = drawn.get(rule);
  if (known && splice && known.generation === splice.from && awayFromSplice(splice, firewall, rule.index)) {
    const side = sideOf(splice, known.extra.range.startOffset, known.extra.range.endOffset);
    if (side !== 'on') {
      known.generation = generation;
      if (side === 'after') known.extra = { ...known.extra, range: movedRange(known.extra.range, splice) };
      return known.extra;
    }
  }
  const extra = extraRuleOf(parsed, firewall, rule);
  drawn.set(rule, { generation, extra });
  return extra;
}

/** The texts of a rule side, comma-separated; most sides are one endpoint, its text as it is. */
function endpointTexts(refs: RuleModel['from']): string {
  return refs.length === 1 ? refs[0].text : refs.map((ref) => ref.text).join(', ');
}

function extraRuleOf(parsed: ParsedTopology, firewall: string, rule: RuleModel): ExtraRule {
  return {
    firewall,
    name: ruleName(rule),
    service: rule.serviceText,
    from: endpointTexts(rule.from),
    to: endpointTexts(rule.to),
    action: rule.action,
    range: ruleRange(parsed, rule),
  };
}

export function buildFlowModel(parsed: ParsedTopology, model: TopologyModel, analysis: FlowFindings): FlowModel {
  const nodes: FlowNode[] = [];
  const hasExternal = model.networks.some((network) => network.zone === 'external');
  if (hasExternal || analysis.flows.some((flow) => flow.src.existential || flow.dst.existential)) {
    nodes.push({
      id: 'internet',
      label: 'Internet',
      detail: 'federated partners, remote users',
      zone: 'external',
      kind: 'internet',
    });
  }
  for (const server of model.servers) {
    if (server.role === 'edge') {
      for (const item of server.interfaces) {
        nodes.push({
          id: `${server.name}.${item.name}`,
          label: `${server.name}.${item.name}`,
          detail: [item.ip, item.publicIp ? `NAT ${item.publicIp}` : undefined].filter(Boolean).join(', '),
          zone: networkOf(model, item.network)?.zone ?? 'perimeter',
          kind: 'interface',
          range: keyRangeAtPath(parsed, item.path),
          ...(server.pool ? { pool: server.pool, part: item.name } : {}),
        });
      }
    } else {
      const zone =
        server.interfaces
          .map((item) => networkOf(model, item.network)?.zone)
          .find((candidate) => candidate !== undefined) ?? 'internal';
      nodes.push({
        id: server.name,
        label: server.pool ? `${server.name} (${server.pool})` : server.name,
        detail: [
          server.role,
          ...server.services,
          formatAddressSet({ intervals: server.interfaces.flatMap((item) => [...item.addresses.intervals]) }),
        ]
          .filter(Boolean)
          .join(' · '),
        zone,
        kind: 'server',
        range: keyRangeAtPath(parsed, server.path),
        ...(server.pool ? { pool: server.pool, part: server.role } : {}),
      });
    }
  }

  // A hardware load balancer's virtual IPs (edge.vips, director.vip) are nodes of their own: flows land on them.
  for (const vip of allVips(model.settings)) {
    const network = networkOf(model, vip.network);
    if (!network || vip.addresses.intervals.length === 0) continue;
    nodes.push({
      id: `vip.${vip.name}`,
      label: `vip.${vip.name}`,
      detail: `VIP ${vip.ip ?? ''}`.trim(),
      zone: network.zone ?? 'perimeter',
      kind: 'interface',
      range: keyRangeAtPath(parsed, vip.path),
    });
  }

  const flows: FlowEdge[] = [];
  for (const item of analysis.evaluations) {
    const finding = analysis.ledger.explanationOf(item.flow, item.firewall);
    const status: FlowStatus =
      item.verdict === 'allowed'
        ? 'allowed'
        : !finding || finding.code === 'missing-flow'
          ? 'missing'
          : finding.code === 'blocked-flow'
            ? 'blocked'
            : 'misconfigured';
    const rulesKey =
      rangeOfNode(parsed, keyNodeAt(parsed.doc, [...item.firewall.path, 'rules'])) ??
      keyRangeAtPath(parsed, item.firewall.path);
    const ranges =
      status === 'allowed'
        ? item.servingRules.map((rule) => ruleRange(parsed, rule))
        : finding && finding.code !== 'missing-flow'
          ? [finding.range]
          : [rulesKey];
    // The rule of the finding drawn, never another one: a deny that stops the flow is not the rule
    // an internal-vip or wrong-port finding is about.
    const explaining = status === 'allowed' ? undefined : analysis.ledger.explainingRule(item.flow, item.firewall);
    const involved = status === 'allowed' ? item.servingRules : explaining ? [explaining] : [];
    const ruleNames = involved.map(ruleName);
    for (const src of item.flow.src.members) {
      for (const dst of item.flow.dst.members) {
        flows.push({
          id: `${item.flow.id}@${item.firewall.name}:${src.nodeId}>${dst.nodeId}`,
          catalogRowId: item.flow.row.id,
          label: item.flow.row.service,
          feature: item.flow.row.feature,
          from: src.nodeId,
          to: dst.nodeId,
          firewall: item.firewall.name,
          status,
          ruleNames,
          ranges,
          code: status === 'allowed' ? undefined : (finding?.code ?? 'missing-flow'),
          message: status === 'allowed' ? undefined : finding?.message,
        });
      }
    }
  }

  const extraRules: ExtraRule[] = [];
  const named = analysis.ledger.explainingRules();
  // A one-shot check's drawing is not moved into a next version's.
  const keep = !isCheckedOnce(analysis.flows);
  for (const firewall of model.firewalls) {
    for (const rule of firewall.rules) {
      const serves = flowsTouchedBy(rule, firewall, analysis.flows).length > 0;
      // A rule that a finding names (wrong port, wrong firewall...) is drawn on its flow, not here.
      if (serves || named.has(rule)) continue;
      extraRules.push(extraRule(parsed, firewall.name, rule, keep));
    }
  }

  const zones = ZONE_ORDER.filter(
    (zone) => nodes.some((node) => node.zone === zone) || model.networks.some((network) => network.zone === zone),
  );
  return {
    product: model.product,
    zones,
    nodes,
    firewalls: model.firewalls.map((firewall) => ({
      id: firewall.name,
      name: firewall.name,
      between: [firewall.between[0] ?? '', firewall.between[1] ?? ''],
      range: keyRangeAtPath(parsed, firewall.path),
      rulesRange: rangeOfNode(parsed, keyNodeAt(parsed.doc, [...firewall.path, 'rules'])),
    })),
    flows,
    extraRules,
    summary: {
      required: analysis.evaluations.length,
      allowed: analysis.evaluations.filter((item) => item.verdict === 'allowed').length,
    },
  };
}
