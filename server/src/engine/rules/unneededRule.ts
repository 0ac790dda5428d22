import { findCatalogRow } from '../catalog';
import { flowsTouchedBy } from '../flows/evaluate';
import { requiredRows } from '../flows/rows';
import { ANY, type AddressSet, isAny, overlaps, subtract, union } from '../model/address';
import { serviceEquals, serviceOf, servicesMeet, type ServiceSet } from '../model/service';
import type { FirewallModel, RuleModel, TopologyModel } from '../model/model';
import { deleteRuleEdit } from '../yaml/ruleEdits';
import type { CatalogRow, Diagnostic, Fix, ServerRole, SourceRange } from '../types';
import { enabledCatalogFeatures } from './featureUnsupported';
import { keptFindingsOn, type KeptFindings, onlyTheRule } from './keptFindings';
import {
  endpointsOf,
  type MessageData,
  report,
  reportFixedWhenRead,
  ruleLabel,
  type Rule,
  type RuleContext,
} from './rule';
import { fixTitle } from './fixTitles';
import { ruleRange } from '../model/ruleRange';

// Microsoft, on every Edge port summary page: "open only the ports required to support the
// functionality for which you are providing external access." An allow rule that opens an Edge,
// reverse proxy or Director interface (or lets one out to the Internet) and serves no required
// flow of an enabled feature is reported, unless its `reason` says why it exists.
//
// "Serves" is ruleTouchesFlow on the flows that cross the rule's firewall, rule order aside: a
// rule below a deny still stands for its flow (blocked-flow's business), and a rule wider than
// its flows is overly-permissive's. One finding per rule is enough, so a rule that an earlier
// check already reports (a near miss, a shadow, a duplicate, a VIP, too wide) is left to it.
// Rows whose flows cannot be known (a feature the product lacks, a row bound to no server or no
// firewall) already have their finding: a rule that may be for one is not judged.

const OPEN_ONLY =
  'Microsoft: "open only the ports required to support the functionality for which you are providing external ' +
  'access." Remove the rule, or give it a `reason` saying why it exists.';

const meta = {
  code: 'unneeded-rule',
  severity: 'warning',
  summary: 'An allow rule to or from an Edge, reverse proxy or Director interface that no enabled feature needs.',
  docs:
    'An allow rule that reaches an Edge, reverse proxy or Director interface (or leaves one towards the Internet) ' +
    'and serves no required flow of an enabled feature — `RDP/TCP/3389` from the Internet to the Access Edge, ' +
    '`SQL/TCP/1433` to the Edge internal interface. Microsoft, on every Edge port summary page: "open only the ports ' +
    'required to support the functionality for which you are providing external access." A rule with `reason: ' +
    '<text>` (management access, monitoring) is not reported, nor is one another code already reports. Quick fix: ' +
    'remove the rule (never applied by fix-all: removing access is your call).',
  fixKinds: ['other'],
  messages: {
    reaches: "Rule {{rule}} of firewall '{{firewall}}' allows {{service}}, but no enabled feature needs it.",
    leaves: "Rule {{rule}} of firewall '{{firewall}}' allows {{service}}, but no enabled feature needs it.",
  },
  details: {
    reaches: `It allows {{from}} to reach {{reached}}. ${OPEN_ONLY}`,
    leaves: `It lets {{reached}} reach {{to}} (the Internet). ${OPEN_ONLY}`,
  },
} as const satisfies Rule['meta'];

const GUARDED_ROLES: readonly ServerRole[] = ['edge', 'reverseProxy', 'director'];

interface Guarded {
  /** The server the interface belongs to (none for a VIP). */
  server?: string;
  /** `server.interface`, or `vip.<name>`. */
  endpoint: string;
  addresses: AddressSet;
}

/** The interfaces (and Edge VIPs) a rule must not open for nothing. */
function guardedEndpoints(model: TopologyModel): Guarded[] {
  const interfaces = model.servers
    .filter((server) => GUARDED_ROLES.includes(server.role as ServerRole))
    .flatMap((server) =>
      server.interfaces.map((item) => ({
        server: server.name,
        endpoint: `${server.name}.${item.name}`,
        addresses: item.addresses,
      })),
    );
  const vips = model.settings.edge.vips.map((vip) => ({ endpoint: `vip.${vip.name}`, addresses: vip.addresses }));
  return [...interfaces, ...vips].filter((item) => item.addresses.intervals.length > 0);
}

/** How messages name what `set` reaches of `guarded`: a server all of whose interfaces it reaches by its name. */
function namesWithin(guarded: Guarded[], set: AddressSet): string[] {
  const names: string[] = [];
  for (const item of guarded) {
    if (!overlaps(set, item.addresses)) continue;
    const all = guarded.filter((other) => other.server !== undefined && other.server === item.server);
    const name = all.every((other) => overlaps(set, other.addresses)) ? item.server! : item.endpoint;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** The Internet: the external networks' subnets, or what no network, interface or VIP of the topology holds. */
function internetOf(model: TopologyModel): AddressSet {
  const external = new Set(model.networks.filter((network) => network.zone === 'external').map((item) => item.name));
  const listed = model.networks.filter((network) => external.has(network.name) && network.subnets.length > 0);
  if (external.size > 0 && listed.length === external.size) return union(...listed.map((network) => network.addresses));
  const own = [
    ...model.networks.filter((network) => !external.has(network.name)).map((network) => network.addresses),
    ...model.servers.flatMap((server) =>
      server.interfaces.filter((item) => !external.has(item.network ?? '')).map((item) => item.addresses),
    ),
    ...model.settings.edge.vips.filter((vip) => !external.has(vip.network ?? '')).map((vip) => vip.addresses),
  ];
  return subtract(ANY, union(...own));
}

/**
 * The services of rows whose flows the analysis cannot know, each with a finding of its own: a
 * feature the product lacks, a row no firewall can carry, a required row that bound to no server
 * (its role is missing, or its server's address or network is in error).
 */
function unsettledServices(context: RuleContext): ServiceSet[] {
  const { model, flows } = context;
  const rows: CatalogRow[] = context.problems.map((problem) => problem.row);
  for (const { feature, unsupported } of enabledCatalogFeatures(model)) {
    if (!unsupported) continue;
    rows.push(...feature.rows);
    for (const id of feature.alsoRequires ?? []) {
      const row = findCatalogRow(id);
      if (row) rows.push(row);
    }
  }
  const services = rows.map((row) => serviceOf(row.transport, row.ports));
  for (const row of requiredRows(model)) {
    const service = serviceOf(row.transport, row.ports);
    // A row may be bound as another row's flow (the same connection twice is one flow).
    if (!flows.some((flow) => flow.row.id === row.id || serviceEquals(flow.service, service))) services.push(service);
  }
  return services;
}

/**
 * Whether some finding lies within a range: the findings sorted by where they start, so each
 * question reads only those that start inside the range (not every finding for every rule).
 */
function findingsWithin(findings: readonly Diagnostic[]): (outer: SourceRange) => boolean {
  const ranges = findings.map((finding) => finding.range).sort((a, b) => a.startOffset - b.startOffset);
  return (outer) => {
    let lo = 0;
    let hi = ranges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ranges[mid].startOffset < outer.startOffset) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < ranges.length && ranges[k].startOffset <= outer.endOffset; k++)
      if (ranges[k].endOffset <= outer.endOffset) return true;
    return false;
  };
}

/** Up to three endpoint texts, then how many more. */
function listed(endpoints: string[]): string {
  if (endpoints.length <= 3) return endpoints.join(', ');
  return `${endpoints.slice(0, 3).join(', ')} and ${endpoints.length - 3} more`;
}

function isOutward(model: TopologyModel, firewall: FirewallModel): boolean {
  return firewall.between.some((name) => model.networks.find((network) => network.name === name)?.zone === 'external');
}

function removalFix(context: RuleContext, rule: RuleModel): Fix[] | undefined {
  const removal = deleteRuleEdit(context.parsed, rule.path);
  // Never applied unasked: only the user knows whether something outside the file needs the access.
  return removal
    ? [
        {
          ...fixTitle('fix/removeRule', { rule: ruleLabel(rule) }),
          kind: 'other',
          preferred: false,
          safe: false,
          edits: [removal],
        },
      ]
    : undefined;
}

/** Each rule's finding before the findings of earlier checks are asked (those change with other rules). */
const kept: KeptFindings = new WeakMap();

function check(context: RuleContext): Diagnostic[] {
  const { parsed, model } = context;
  const guarded = guardedEndpoints(model);
  if (guarded.length === 0) return [];
  const internet = internetOf(model);
  const unsettled = unsettledServices(context);
  const reportedWithin = findingsWithin(context.reported);
  const outward = new Map(model.firewalls.map((firewall) => [firewall, isOutward(model, firewall)]));
  // Rules that name one server, interface or network share its address set: each set is asked once.
  const names = new Map<AddressSet, string[]>();
  const namesOf = (set: AddressSet): string[] => {
    let found = names.get(set);
    if (!found) names.set(set, (found = namesWithin(guarded, set)));
    return found;
  };
  const toInternet = new Map<AddressSet, boolean>();
  const reachesInternet = (set: AddressSet): boolean => {
    let found = toInternet.get(set);
    if (found === undefined) toInternet.set(set, (found = overlaps(set, internet)));
    return found;
  };
  // Of the model, it reads only the rule and what is not a rule: an edit of other rules keeps it.
  // A one-shot check keeps nothing, so it may skip a rule reported already before writing its finding.
  const judge = (firewall: FirewallModel, rule: RuleModel, skipReported: boolean): Diagnostic | undefined => {
    if (!rule.complete || rule.action !== 'allow' || rule.reason) return undefined;
    // From an interface out to the Internet is worded as such, though `to: any` reaches the interfaces too.
    const outbound = !isAny(rule.src) && outward.get(firewall)! && reachesInternet(rule.dst);
    const leaving = outbound ? namesOf(rule.src) : [];
    const reached = leaving.length > 0 ? [] : namesOf(rule.dst);
    if (reached.length === 0 && leaving.length === 0) return undefined;
    if (flowsTouchedBy(rule, firewall, context.flows).length > 0) return undefined;
    if (unsettled.some((service) => servicesMeet(rule.service, service))) return undefined;
    const range = ruleRange(parsed, rule);
    if (skipReported && reportedWithin(range)) return undefined;
    const [label, service, name] = [ruleLabel(rule), rule.serviceText, firewall.name];
    const data: MessageData =
      leaving.length > 0
        ? { rule: label, service, firewall: name, reached: listed(leaving), to: endpointsOf(rule.to) }
        : { rule: label, service, firewall: name, from: endpointsOf(rule.from), reached: listed(reached) };
    const messageId = leaving.length > 0 ? 'leaves' : 'reaches';
    if (context.keepsFindings) return report(meta, messageId, data, { range, fixes: removalFix(context, rule) });
    return reportFixedWhenRead(meta, messageId, data, range, () => removalFix(context, rule));
  };
  if (!context.keepsFindings) {
    const found: Diagnostic[] = [];
    for (const firewall of model.firewalls)
      for (const rule of firewall.rules) {
        const finding = judge(firewall, rule, true);
        if (finding) found.push(finding);
      }
    return found;
  }
  const keptFinding = keptFindingsOn(kept, parsed);
  return model.firewalls.flatMap((firewall) =>
    firewall.rules.flatMap((rule) => {
      const finding = keptFinding(rule, rule, onlyTheRule(), () => judge(firewall, rule, false));
      return finding && !reportedWithin(finding.range) ? finding : [];
    }),
  );
}

export const unneededRule: Rule<typeof meta> = { meta, check };
