import { isAny, isSubset, union } from '../model/address';
import { flowsTouchedBy } from '../flows/evaluate';
import { formatPorts, formatService, portCount, subtractServices } from '../model/service';
import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import type { Diagnostic } from '../types';
import { endpointsOf, report, ruleLabel, type Rule, type RuleContext } from './rule';
import { keptFindingsOn, type KeptFindings, onlyTheRule } from './keptFindings';
import { ruleStandings } from './ruleOverlap';
import { ruleRange } from '../model/ruleRange';

// Only allow rules that are neither a duplicate nor shadowed: those are reported as such.

const meta = {
  code: 'overly-permissive',
  severity: 'warning',
  summary: 'An allow rule that opens much more than the catalog requires.',
  docs:
    'An allow rule that opens far more than the catalog requires: any to any, a destination `any` for traffic from ' +
    'outside the perimeter, or a port range more than 100 ports wider than the flows it serves.',
  fixKinds: [],
  messages: {
    anyToAny: "Rule {{rule}} allows {{service}} from any address to any address through firewall '{{firewall}}'.",
    inboundToAny: "Rule {{rule}} lets traffic from {{from}} reach any destination through firewall '{{firewall}}'.",
    widePorts: 'Rule {{rule}} opens {{transport}} {{ports}} ({{count}} ports), wider than needed.',
  },
  details: {
    anyToAny: "Name the Edge interface or server it is for, as Microsoft's port tables do.",
    inboundToAny: '{{from}} is outside the perimeter. Inbound rules name their destination, such as edge01.accessEdge.',
    widePorts: '{{services}} {{need}} only {{needed}}. Narrow the port range.',
  },
} as const satisfies Rule['meta'];

/** The inner network's subnets, and the public (NAT) addresses of its interfaces and VIPs. */
function insideOf(model: TopologyModel, firewall: FirewallModel) {
  const networks = firewall.between.map((name) => model.networks.find((network) => network.name === name));
  const external = networks.find((network) => network?.zone === 'external');
  const inner = networks.find((network) => network && network.zone !== 'external');
  if (!inner) return { external, inside: undefined };
  const interfaces = model.servers.flatMap((server) =>
    server.interfaces.filter((item) => item.network === inner.name).map((item) => item.addresses),
  );
  const vips = model.settings.edge.vips.filter((vip) => vip.network === inner.name).map((vip) => vip.addresses);
  return { external, inside: union(inner.addresses, ...interfaces, ...vips) };
}

type Inside = ReturnType<typeof insideOf>;

function permissiveFinding(
  context: RuleContext,
  rule: RuleModel,
  firewall: FirewallModel,
  insides: Map<FirewallModel, Inside>,
): Diagnostic | undefined {
  const { parsed, model } = context;
  // Most rules have no finding: where it goes and what names it are worked out for those that do.
  const place = () => ({ range: ruleRange(parsed, rule) });
  const named = () => ({ rule: ruleLabel(rule), firewall: firewall.name });
  if (isAny(rule.src) && isAny(rule.dst))
    return report(meta, 'anyToAny', { ...named(), service: formatService(rule.service) }, place());
  let known = insides.get(firewall);
  if (!known) insides.set(firewall, (known = insideOf(model, firewall)));
  const { external, inside } = known;
  if (external && isAny(rule.dst) && !(inside && isSubset(rule.src, inside))) {
    return report(meta, 'inboundToAny', { ...named(), from: endpointsOf(rule.from) }, place());
  }
  const served = flowsTouchedBy(rule, firewall, context.flows);
  if (served.length === 0) return undefined;
  for (const transport of ['tcp', 'udp'] as const) {
    const needed = served.filter((flow) => flow.row.transport === transport).flatMap((flow) => flow.row.ports);
    const extra = subtractServices(rule.service, {
      tcp: transport === 'tcp' ? needed : [],
      udp: transport === 'udp' ? needed : [],
    })[transport];
    if (portCount(extra) <= 100) continue;
    const data = {
      rule: ruleLabel(rule),
      transport: transport.toUpperCase(),
      ports: formatPorts(rule.service[transport]),
      count: portCount(rule.service[transport]),
      services: served.map((flow) => flow.row.service).join(', '),
      need: served.length === 1 ? 'needs' : 'need',
      needed: formatPorts(needed) || 'other transports',
    };
    return report(meta, 'widePorts', data, place());
  }
  return undefined;
}

const kept: KeptFindings = new WeakMap();

function check(context: RuleContext): Diagnostic[] {
  // What lies inside a firewall is the same for all its rules.
  const insides = new Map<FirewallModel, Inside>();
  const keptFinding = keptFindingsOn(kept, context.parsed, context.keepsFindings);
  return ruleStandings(context.model).flatMap(({ firewall, rule, duplicateOf, shadowedBy }) => {
    if (duplicateOf || shadowedBy || rule.action !== 'allow') return [];
    // Of the model, it reads only the rule and what is not a rule: an edit of other rules keeps it.
    const find = () => permissiveFinding(context, rule, firewall, insides);
    return keptFinding(rule, rule, onlyTheRule(), find) ?? [];
  });
}

export const overlyPermissive: Rule<typeof meta> = { meta, check };
