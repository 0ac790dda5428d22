import { isSubset } from '../model/address';
import { deleteRuleEdit } from '../yaml/ruleEdits';
import { replaceValueEdit, yamlEndpoint } from '../yaml/edits';
import { nodeAt, rangeAtPath } from '../yaml/parse';
import { formatService, intersectServices, isServiceEmpty, serviceOfTerms, subtractServices } from '../model/service';
import type { RuleModel } from '../model/model';
import type { Diagnostic, Fix } from '../types';
import { report, rowData, ruleLabel, type Rule, type RuleContext } from './rule';
import { fixTitle } from './fixTitles';

// Per-server traffic to the Edge internal interface (XMPP 23456, PSOM 8057, CMS replication
// 4443, CLS 50001-50003) must reach each Edge server's own address: "the load balancer deployed
// for connections with the internal network ... cannot load balance the traffic to the internal
// Web Conferencing Edge service or the internal XMPP Proxy service" (S-LB). A rule that sends it
// to the internal VIP is an error (internal-vip); the fix points the rule at the servers.

const VIP_TRAFFIC = 'Rule {{rule}} sends {{service}} ({{ruleName}}) to the internal VIP {{vip}}.';
const ROW_SOURCE_INLINE = 'catalog row {{rowId}}, from "{{page}}"';
const VIP_WHY =
  "This traffic must reach each Edge server's own internal address, never the internal load balancer " +
  `(${ROW_SOURCE_INLINE}; "Load balancing requirements for Skype for Business": the internal load balancer "cannot ` +
  'load balance the traffic to the internal Web Conferencing Edge service or the internal XMPP Proxy service").';

const meta = {
  code: 'internal-vip',
  severity: 'error',
  summary:
    'A per-server flow (such as XMPP/MTLS/23456) aimed at an internal load-balancer VIP instead of each Edge ' +
    "server's internal IP.",
  docs:
    'A flow Microsoft requires per Edge server (`XMPP/MTLS/23456`, `PSOM/MTLS/8057`, CMS replication 4443, logging) ' +
    'aimed at the internal hardware load-balancer VIP: "It cannot load balance the traffic to the internal Web ' +
    'Conferencing Edge service or the internal XMPP Proxy service." Quick fix: point the rule at each Edge server\'s ' +
    'internal interface.',
  fixKinds: ['other'],
  messages: {
    pointAtServers: VIP_TRAFFIC,
    splitRule: VIP_TRAFFIC,
  },
  details: {
    pointAtServers: `${VIP_WHY} Point the rule at {{nodes}}.`,
    splitRule:
      `${VIP_WHY} Split the rule: keep the load-balanced ports on the VIP and write a rule for {{flowService}} ` +
      `to {{nodes}}.`,
  },
} as const satisfies Rule['meta'];

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model, flows, evaluations, ledger } = context;
  const vip = model.settings.edge.vips.find((candidate) => candidate.name === 'internal');
  if (!vip || vip.addresses.intervals.length === 0) return [];
  const perNode = flows.filter(
    (flow) => flow.row.perNode && flow.dst.members.some((member) => member.endpoint.endsWith('.internal')),
  );
  const out: Diagnostic[] = [];
  // One finding a rule: the other per-server flows it sends to the VIP (a CLS port range) are explained by it too.
  const reported = new Map<RuleModel, Diagnostic>();
  for (const flow of perNode) {
    for (const firewall of flow.firewalls) {
      for (const rule of firewall.rules) {
        // Only a rule that names the VIP (vip.internal, or its address) targets it; `any` or a whole network does not.
        const vipRef = rule.to.find(
          (ref) => ref.addresses.intervals.length > 0 && isSubset(ref.addresses, vip.addresses),
        );
        if (!rule.complete || rule.action !== 'allow' || !vipRef) continue;
        if (isServiceEmpty(intersectServices(rule.service, flow.service))) continue;
        const evaluation = evaluations.find((item) => item.flow === flow && item.firewall === firewall);
        const earlier = reported.get(rule);
        if (earlier) {
          if (evaluation?.verdict !== 'allowed') ledger.explain(flow, firewall, earlier, rule);
          continue;
        }
        const nodes = flow.dst.members
          .filter((member) => member.nodeId !== `vip.${vip.name}`)
          .map((member) => member.endpoint);
        // Only a rule that carries nothing but per-server ports can be repointed as a whole.
        const perNodeService = serviceOfTerms(
          perNode
            .filter((other) => other.firewalls.includes(firewall))
            .map((other) => ({
              transportLabel: other.row.transportLabel,
              transports: [other.row.transport],
              ports: other.row.ports,
              portText: '',
            })),
        );
        const onlyPerNode = isServiceEmpty(subtractServices(rule.service, perNodeService));
        // Every per-server port the rule sends to the VIP, not only this flow's (a CLS range is three flows).
        const carried = formatService(intersectServices(rule.service, perNodeService));
        const fixes: Fix[] = [];
        const others = rule.to.filter((ref) => ref !== vipRef).map((ref) => ref.text);
        const serving = evaluation?.servingRules.includes(rule) ?? false;
        if (onlyPerNode && evaluation?.verdict === 'allowed' && !serving && others.length === 0) {
          const removal = deleteRuleEdit(parsed, rule.path);
          if (removal)
            fixes.push({
              ...fixTitle('fix/removeVipRule', { rule: ruleLabel(rule) }),
              kind: 'other',
              preferred: true,
              safe: true,
              edits: [removal],
            });
        } else if (onlyPerNode && nodes.length > 0) {
          const targets = [...new Set([...others, ...nodes])];
          const toNode = nodeAt(parsed.doc, [...rule.path, 'to']);
          const text = yamlEndpoint(targets);
          const edit = toNode?.range ? replaceValueEdit(parsed, [...rule.path, 'to'], text) : undefined;
          if (edit)
            fixes.push({
              ...fixTitle('fix/sendToNodes', { rule: ruleLabel(rule), nodes: nodes.join(', ') }),
              kind: 'other',
              preferred: true,
              safe: true,
              edits: [edit],
            });
        }
        const data = {
          rule: ruleLabel(rule),
          service: carried,
          ruleName: flow.row.ruleName,
          vip: String(vip.ip),
          ...rowData(flow),
          nodes: nodes.join(', '),
          ...(onlyPerNode ? {} : { flowService: carried }),
        };
        const diagnostic = report(meta, onlyPerNode ? 'pointAtServers' : 'splitRule', data, {
          range: rangeAtPath(parsed, vipRef.path),
          catalogRowId: flow.row.id,
          fixes: fixes.length > 0 ? fixes : undefined,
        });
        out.push(diagnostic);
        reported.set(rule, diagnostic);
        if (evaluation?.verdict !== 'allowed') ledger.explain(flow, firewall, diagnostic, rule);
      }
    }
  }
  return out;
}

export const internalVip: Rule<typeof meta> = { meta, check };
