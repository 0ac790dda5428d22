import { isAny, isSubset, overlaps, union, equals as addressesEqual } from './model/address';
import { Box, intersectBox, isCovered } from './flows/box';
import { findFeature } from './catalog';
import { dashColumnOf, deleteRuleEdit, insertRulesEdit, NewRule, reindentedRuleText, ruleItemSpan, swapEndpointsEdits } from './yaml/ruleEdits';
import { replaceValueEdit, yamlScalar } from './yaml/edits';
import { FlowEvaluation, ruleBox, ruleTouchesFlow } from './flows/evaluate';
import { runFeatureChecks } from './rules/featureChecks';
import { enabledFeatures, evaluateRequiredFlow, RequiredFlow, requiredFlows } from './flows/required';
import type { FirewallModel, RuleModel, TopologyModel } from './model/model';
import { keyNodeAt, keyRangeAtPath, nodeAt, ParsedTopology, rangeAtPath, rangeOfNode } from './yaml/parse';
import { formatPorts, formatService, intersectServices, isServiceEmpty, isTransportToken, portCount, serviceEquals, subtractRanges, subtractServices } from './model/service';
import { editDistance } from './yaml/suggest';
import type { Diagnostic, Fix, SourceRange, TextEdit } from './types';

// The checks of the contract over the model: roles and product support, then every required
// flow on every firewall it crosses, then the rules themselves.

export interface Analysis {
  diagnostics: Diagnostic[];
  flows: RequiredFlow[];
  evaluations: FlowEvaluation[];
  /** evaluationKey(flow id, firewall name) → the finding that says why the flow does not pass. */
  findings: Map<string, Diagnostic>;
  /** evaluationKey → the rule a wrong-port/transport/direction/firewall finding is about. */
  explainingRules: Map<string, RuleModel>;
}

export function analyze(parsed: ParsedTopology, model: TopologyModel): Analysis {
  return new Analyzer(parsed, model).run();
}

export function evaluationKey(flowId: string, firewall: string): string {
  return `${flowId}@${firewall}`;
}

function ruleLabel(rule: RuleModel): string {
  return rule.name ? `'${rule.name}'` : `#${rule.index + 1}`;
}

function rowSource(flow: RequiredFlow): string {
  const page = flow.row.sources[0];
  return `(catalog row ${flow.row.id}, from "${page.title}")`;
}

export function newRuleFor(flow: RequiredFlow): NewRule {
  return { name: flow.row.ruleName, service: flow.row.service, from: flow.src.endpoints, to: flow.dst.endpoints };
}

class Analyzer {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly explained = new Map<string, Diagnostic>();
  private readonly explainingRules = new Map<string, RuleModel>();
  private evaluations: FlowEvaluation[] = [];
  private flows: RequiredFlow[] = [];

  constructor(private readonly parsed: ParsedTopology, private readonly model: TopologyModel) {}

  run(): Analysis {
    this.checkFeatures();
    const { flows, problems } = requiredFlows(this.model);
    this.flows = flows;
    for (const problem of problems) {
      this.diagnostics.push({
        code: 'missing-flow',
        severity: 'error',
        message: problem.message,
        range: keyRangeAtPath(this.parsed, [problem.anchor]),
        catalogRowId: problem.row.id,
      });
    }
    for (const flow of flows) for (const firewall of flow.firewalls) this.evaluations.push(evaluateRequiredFlow(flow, firewall));
    for (const firewall of this.model.firewalls) this.checkRuleFindings(firewall);
    // Edge topology (HLB, NAT, one IP), internal VIPs, XMPP partners, DNS and certificates: checks/.
    this.diagnostics.push(...runFeatureChecks({ parsed: this.parsed, model: this.model, flows: this.flows, evaluations: this.evaluations, explained: this.explained }));
    this.reportFlows();
    for (const firewall of this.model.firewalls) this.checkRuleHygiene(firewall);
    return { diagnostics: this.diagnostics, flows: this.flows, evaluations: this.evaluations, findings: this.explained, explainingRules: this.explainingRules };
  }

  // ---- features and roles ----

  private checkFeatures(): void {
    for (const featureName of enabledFeatures(this.model)) {
      const feature = findFeature(featureName);
      if (!feature) continue; // the schema names unknown features
      const path = ['features', featureName];
      const reason = feature.unsupported?.[this.model.product];
      if (reason) {
        this.diagnostics.push({ code: 'feature-unsupported', severity: 'error', message: `${feature.title} is not supported by ${this.model.product}. ${reason}`, range: keyRangeAtPath(this.parsed, path) });
        continue;
      }
      for (const need of feature.requiredRoles) {
        const present = this.model.servers.some((server) => server.role === need.role && (!need.service || server.services.includes(need.service)));
        if (!present) this.diagnostics.push({ code: 'missing-role', severity: 'error', message: need.message, range: keyRangeAtPath(this.parsed, path) });
      }
    }
  }

  // ---- required flows ----

  private evaluation(flow: RequiredFlow, firewall: FirewallModel): FlowEvaluation | undefined {
    return this.evaluations.find((item) => item.flow === flow && item.firewall === firewall);
  }

  private flowsOn(firewall: FirewallModel): RequiredFlow[] {
    return this.flows.filter((flow) => flow.firewalls.includes(firewall));
  }

  /** Rules of a firewall that carry (part of) a required flow crossing it, in either role. */
  private servesRequiredFlow(rule: RuleModel, firewall: FirewallModel): boolean {
    return this.flowsOn(firewall).some((flow) => ruleTouchesFlow(rule, flow));
  }

  private reportFlows(): void {
    for (const item of this.evaluations) {
      const { flow, firewall } = item;
      if (item.verdict === 'allowed' || this.explained.has(evaluationKey(flow.id, firewall.name))) continue;
      if (item.verdict === 'blocked' && item.blockingRule) {
        const rule = item.blockingRule;
        const later = firewall.rules.find((candidate) => candidate.index > rule.index && candidate.action === 'allow' && ruleTouchesFlow(candidate, flow));
        const fix = later ? this.moveAboveFix(later, rule, firewall) : this.insertAboveFix(flow, rule, firewall);
        this.record(item, {
          code: 'blocked-flow',
          severity: 'error',
          message: `Deny rule ${ruleLabel(rule)} on firewall '${firewall.name}' stops ${flow.row.service} from ${flow.src.endpoints.join(', ')} to ${flow.dst.endpoints.join(', ')} (${flow.row.ruleName}) before any rule allows it ${rowSource(flow)}. ${later ? `Move rule ${ruleLabel(later)} above it` : 'Allow the flow above it'}, or narrow the deny.`,
          range: rangeAtPath(this.parsed, rule.path),
          catalogRowId: flow.row.id,
          related: later ? [{ range: rangeAtPath(this.parsed, later.path), message: `Rule ${ruleLabel(later)} would allow the flow, but comes after the deny.` }] : undefined,
          fixes: fix ? [fix] : undefined,
        });
        continue;
      }
      const rulesKey = keyNodeAt(this.parsed.doc, [...firewall.path, 'rules']);
      const range = rangeOfNode(this.parsed, rulesKey) ?? keyRangeAtPath(this.parsed, firewall.path);
      const denyIndex = this.firstDenyTouching(flow, firewall);
      const insert = insertRulesEdit(this.parsed, firewall, [newRuleFor(flow)], denyIndex);
      this.record(item, {
        code: 'missing-flow',
        severity: 'error',
        message: `Firewall '${firewall.name}' does not allow ${flow.row.service} from ${flow.src.endpoints.join(', ')} to ${flow.dst.endpoints.join(', ')} (${flow.row.ruleName}), required by ${flow.row.feature} ${rowSource(flow)}. ${flow.row.comment} Add an allow rule for it.`,
        range,
        catalogRowId: flow.row.id,
        fixes: insert ? [{ title: `Insert rule '${flow.row.ruleName}' (${flow.row.service}) in firewall '${firewall.name}'`, kind: 'insert-rule', preferred: true, safe: true, edits: [insert] }] : undefined,
      });
    }
  }

  private record(item: FlowEvaluation, diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
    this.explained.set(evaluationKey(item.flow.id, item.firewall.name), diagnostic);
  }

  /** A new rule must sit above the first deny that would otherwise stop it. */
  private firstDenyTouching(flow: RequiredFlow, firewall: FirewallModel): number | undefined {
    return firewall.rules.find((rule) => rule.action === 'deny' && ruleTouchesFlow(rule, flow))?.index;
  }

  private insertAboveFix(flow: RequiredFlow, deny: RuleModel, firewall: FirewallModel): Fix | undefined {
    const insert = insertRulesEdit(this.parsed, firewall, [newRuleFor(flow)], deny.index);
    return insert ? { title: `Insert '${flow.row.ruleName}' (${flow.row.service}) above ${ruleLabel(deny)}`, kind: 'insert-rule', preferred: true, safe: true, edits: [insert] } : undefined;
  }

  private moveAboveFix(rule: RuleModel, deny: RuleModel, firewall: FirewallModel): Fix | undefined {
    const removal = deleteRuleEdit(this.parsed, rule.path);
    const dashColumn = dashColumnOf(this.parsed, firewall);
    const text = dashColumn === undefined ? undefined : reindentedRuleText(this.parsed, rule.path, dashColumn);
    const denySpan = ruleItemSpan(this.parsed, deny.path);
    if (!removal || text === undefined || !denySpan) return undefined;
    return { title: `Move rule ${ruleLabel(rule)} above ${ruleLabel(deny)}`, kind: 'move-rule', preferred: true, safe: true, edits: [{ startOffset: denySpan.start, endOffset: denySpan.start, newText: text }, removal] };
  }

  // ---- rules that explain a missing flow: wrong port, transport, direction or firewall ----

  private checkRuleFindings(firewall: FirewallModel): void {
    const missing = this.flowsOn(firewall).filter((flow) => this.evaluation(flow, firewall)?.verdict === 'missing');
    const claimed = new Set<RequiredFlow>();
    for (const rule of firewall.rules) {
      if (!rule.complete || rule.action !== 'allow' || this.servesRequiredFlow(rule, firewall)) continue;
      const finding =
        this.wrongTransport(rule, firewall, missing, claimed) ??
        this.wrongPort(rule, firewall, missing, claimed) ??
        this.reversed(rule, firewall, missing, claimed) ??
        this.wrongFirewall(rule, firewall);
      if (!finding) continue;
      this.diagnostics.push(finding);
      for (const [key, diagnostic] of this.explained) if (diagnostic === finding) this.explainingRules.set(key, rule);
    }
  }

  private endpointsMatch(rule: RuleModel, flow: RequiredFlow): boolean {
    return overlaps(rule.src, flow.src.all) && overlaps(rule.dst, flow.dst.all);
  }

  private explain(flow: RequiredFlow, firewall: FirewallModel, diagnostic: Diagnostic, claimed: Set<RequiredFlow>): Diagnostic {
    claimed.add(flow);
    this.explained.set(evaluationKey(flow.id, firewall.name), diagnostic);
    return diagnostic;
  }

  private wrongTransport(rule: RuleModel, firewall: FirewallModel, missing: RequiredFlow[], claimed: Set<RequiredFlow>): Diagnostic | undefined {
    for (const flow of missing) {
      if (claimed.has(flow) || !this.endpointsMatch(rule, flow)) continue;
      const other = flow.row.transport === 'tcp' ? 'udp' : 'tcp';
      const hasPortOnOther = rule.service[other].some((range) => flow.row.ports.every((port) => range.from <= port.from && port.to <= range.to));
      if (!hasPortOnOther || rule.service[flow.row.transport].length > 0) continue;
      const term = rule.terms.find((candidate) => candidate.transports.includes(other));
      const fix = term ? this.transportFix(term, flow) : undefined;
      const finding = this.explain(flow, firewall, {
        code: 'wrong-transport',
        severity: 'error',
        message: `Rule ${ruleLabel(rule)} opens port ${formatPorts(flow.row.ports)} over ${other.toUpperCase()}, but ${flow.row.ruleName} needs ${flow.row.service} (${flow.row.transport.toUpperCase()}) ${rowSource(flow)}. Change the transport to ${flow.row.transportLabel}.`,
        range: this.serviceRange(rule, term),
        catalogRowId: flow.row.id,
        fixes: fix ? [fix] : undefined,
      }, claimed);
      // One rule can carry several flows (MTLS/TCP/50001-50003): the one finding explains them all.
      for (const sibling of missing) {
        if (claimed.has(sibling) || sibling.row.transport !== flow.row.transport || !this.endpointsMatch(rule, sibling)) continue;
        if (rule.service[other].some((range) => sibling.row.ports.every((port) => range.from <= port.from && port.to <= range.to))) this.explain(sibling, firewall, finding, claimed);
      }
      return finding;
    }
    return undefined;
  }

  private wrongPort(rule: RuleModel, firewall: FirewallModel, missing: RequiredFlow[], claimed: Set<RequiredFlow>): Diagnostic | undefined {
    let best: { flow: RequiredFlow; distance: number } | undefined;
    for (const flow of missing) {
      if (claimed.has(flow) || !this.endpointsMatch(rule, flow)) continue;
      const ports = rule.service[flow.row.transport];
      if (ports.length !== 1 || ports[0].from !== ports[0].to || flow.row.ports.length !== 1 || flow.row.ports[0].from !== flow.row.ports[0].to) continue;
      const written = ports[0].from;
      const wanted = flow.row.ports[0].from;
      const distance = portMissDistance(written, wanted);
      if (distance === undefined) continue;
      if (!best || distance < best.distance) best = { flow, distance };
    }
    if (!best) return undefined;
    const { flow } = best;
    const term = rule.terms.find((candidate) => candidate.transports.includes(flow.row.transport) && candidate.ports.length === 1);
    const fix = term ? this.portFix(term, flow) : undefined;
    return this.explain(flow, firewall, {
      code: 'wrong-port',
      severity: 'error',
      message: `Rule ${ruleLabel(rule)} opens ${flow.row.transport.toUpperCase()} ${formatPorts(rule.service[flow.row.transport])}, but ${flow.row.ruleName} needs ${flow.row.service} ${rowSource(flow)}. Change the port to ${formatPorts(flow.row.ports)}.`,
      range: this.serviceRange(rule, term),
      catalogRowId: flow.row.id,
      fixes: fix ? [fix] : undefined,
    }, claimed);
  }

  private reversed(rule: RuleModel, firewall: FirewallModel, missing: RequiredFlow[], claimed: Set<RequiredFlow>): Diagnostic | undefined {
    for (const flow of missing) {
      if (claimed.has(flow)) continue;
      const backwards: Box = { src: flow.dst.all, dst: flow.src.all, svc: flow.service };
      if (!intersectBox(ruleBox(rule), backwards)) continue;
      // The concrete side must be named by the rule, not merely included in an `any`.
      const concreteNamed = (!flow.src.existential && !isAny(rule.dst)) || (!flow.dst.existential && !isAny(rule.src));
      if (!concreteNamed) continue;
      const edits = swapEndpointsEdits(this.parsed, rule.path);
      const finding = this.explain(flow, firewall, {
        code: 'reversed-flow',
        severity: 'error',
        message: `Rule ${ruleLabel(rule)} allows ${flow.row.service} from ${rule.from.map((ref) => ref.text).join(', ')} to ${rule.to.map((ref) => ref.text).join(', ')}, the reverse of ${flow.row.ruleName} (${flow.src.endpoints.join(', ')} → ${flow.dst.endpoints.join(', ')}) ${rowSource(flow)}. Firewalls are stateful: the connection must be allowed from where it starts. Swap from and to.`,
        range: rangeAtPath(this.parsed, rule.path),
        catalogRowId: flow.row.id,
        fixes: edits ? [{ title: `Swap from and to of rule ${ruleLabel(rule)}`, kind: 'swap-endpoints', preferred: true, safe: true, edits }] : undefined,
      }, claimed);
      // The same rule reversed may stand for several flows (a port range): the finding explains them all.
      for (const sibling of missing) {
        if (claimed.has(sibling)) continue;
        if (!intersectBox(ruleBox(rule), { src: sibling.dst.all, dst: sibling.src.all, svc: sibling.service })) continue;
        if ((!sibling.src.existential && !isAny(rule.dst)) || (!sibling.dst.existential && !isAny(rule.src))) this.explain(sibling, firewall, finding, claimed);
      }
      return finding;
    }
    return undefined;
  }

  private wrongFirewall(rule: RuleModel, firewall: FirewallModel): Diagnostic | undefined {
    for (const flow of this.flows) {
      if (flow.firewalls.length === 0 || flow.firewalls.includes(firewall)) continue;
      const needsService = !isServiceEmpty(intersectServices(rule.service, flow.service)) && isServiceEmpty(subtractServices(flow.service, rule.service));
      if (!needsService || !this.endpointsMatch(rule, flow)) continue;
      const concrete = (!flow.dst.existential && !isAny(rule.dst)) || (!flow.src.existential && !isAny(rule.src));
      if (!concrete) continue;
      const target = flow.firewalls[0];
      const targetVerdict = this.evaluation(flow, target)?.verdict;
      const fixes: Fix[] = [];
      const removal = deleteRuleEdit(this.parsed, rule.path);
      if (targetVerdict === 'allowed') {
        if (removal) fixes.push({ title: `Remove rule ${ruleLabel(rule)} from firewall '${firewall.name}' ('${target.name}' already allows the flow)`, kind: 'move-rule', preferred: true, safe: true, edits: [removal] });
      } else {
        const move = this.moveEdits(rule, target, flow);
        if (move) fixes.push({ title: `Move rule ${ruleLabel(rule)} to firewall '${target.name}'`, kind: 'move-rule', preferred: true, safe: true, edits: move });
      }
      const diagnostic: Diagnostic = {
        code: 'wrong-firewall',
        severity: 'error',
        message: `Rule ${ruleLabel(rule)} (${rule.serviceText}) is for ${flow.row.ruleName}, which crosses firewall '${target.name}', not '${firewall.name}' ${rowSource(flow)}. Here it opens ${flow.dst.endpoints.join(', ')} to traffic from ${firewall.between.join('/')}. Move it to '${target.name}'.`,
        range: rangeAtPath(this.parsed, rule.path),
        catalogRowId: flow.row.id,
        related: [{ range: keyRangeAtPath(this.parsed, target.path), message: `The firewall ${flow.row.service} crosses.` }],
        fixes: fixes.length > 0 ? fixes : undefined,
      };
      if (targetVerdict !== 'allowed') this.explained.set(evaluationKey(flow.id, target.name), diagnostic);
      // The misplaced rule may carry further flows of the same target firewall (a port range).
      for (const sibling of this.flows) {
        if (sibling === flow || sibling.firewalls[0] !== target || sibling.firewalls.includes(firewall)) continue;
        if (isServiceEmpty(intersectServices(rule.service, sibling.service)) || !isServiceEmpty(subtractServices(sibling.service, rule.service)) || !this.endpointsMatch(rule, sibling)) continue;
        if (this.evaluation(sibling, target)?.verdict !== 'allowed') this.explained.set(evaluationKey(sibling.id, target.name), diagnostic);
      }
      return diagnostic;
    }
    return undefined;
  }

  private moveEdits(rule: RuleModel, target: FirewallModel, flow: RequiredFlow): TextEdit[] | undefined {
    const removal = deleteRuleEdit(this.parsed, rule.path);
    if (!removal) return undefined;
    const dashColumn = dashColumnOf(this.parsed, target);
    const moved = dashColumn === undefined ? undefined : reindentedRuleText(this.parsed, rule.path, dashColumn);
    const denyIndex = this.firstDenyTouching(flow, target);
    let insert: TextEdit | undefined;
    if (moved !== undefined) {
      const anchor = insertRulesEdit(this.parsed, target, [newRuleFor(flow)], denyIndex);
      if (anchor) insert = { startOffset: anchor.startOffset, endOffset: anchor.endOffset, newText: anchor.newText.startsWith('\n') ? `\n${moved}` : moved };
    } else {
      // The target has no block rules to match: write the rule fresh (its endpoints as written).
      const fresh: NewRule = { name: rule.name ?? flow.row.ruleName, service: rule.serviceText, from: rule.from.map((ref) => ref.text), to: rule.to.map((ref) => ref.text) };
      insert = insertRulesEdit(this.parsed, target, [fresh], denyIndex);
    }
    if (!insert) return undefined;
    return [removal, insert];
  }

  private serviceRange(rule: RuleModel, term: RuleModel['terms'][number] | undefined): SourceRange {
    return term ? rangeAtPath(this.parsed, term.path) : rangeAtPath(this.parsed, rule.path);
  }

  private portFix(term: RuleModel['terms'][number], flow: RequiredFlow): Fix | undefined {
    const port = formatPorts(flow.row.ports);
    let edit: TextEdit | undefined;
    if (term.form === 'text') {
      const original = String(nodeValue(this.parsed, term.path) ?? '');
      const tokens = original.split('/');
      tokens[tokens.length - 1] = port;
      edit = replaceValueEdit(this.parsed, term.path, yamlScalar(tokens.join('/')));
    } else {
      edit = replaceValueEdit(this.parsed, [...term.path, 'port'], port);
    }
    return edit ? { title: `Change the port to ${port} (${flow.row.service})`, kind: 'fix-port', preferred: true, safe: true, edits: [edit] } : undefined;
  }

  private transportFix(term: RuleModel['terms'][number], flow: RequiredFlow): Fix | undefined {
    const label = flow.row.transportLabel;
    let edit: TextEdit | undefined;
    if (term.form === 'text') {
      const original = String(nodeValue(this.parsed, term.path) ?? '');
      const tokens = original.split('/');
      const index = findTransportIndex(tokens);
      if (index < 0) return undefined;
      tokens[index] = label;
      edit = replaceValueEdit(this.parsed, term.path, yamlScalar(tokens.join('/')));
    } else {
      edit = replaceValueEdit(this.parsed, [...term.path, 'transport'], label);
    }
    return edit ? { title: `Change the transport to ${label} (${flow.row.service})`, kind: 'fix-transport', preferred: true, safe: true, edits: [edit] } : undefined;
  }

  // ---- rule hygiene: duplicates, shadowing, over-permissive rules ----

  private checkRuleHygiene(firewall: FirewallModel): void {
    const rules = firewall.rules.filter((rule) => rule.complete);
    const boxes = rules.map(ruleBox);
    const bounds = boxes.map(boundsOf);
    // A rule's identity, for duplicates in one pass instead of comparing every pair.
    const firstWithKey = new Map<string, RuleModel>();
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const key = `${rule.action}|${JSON.stringify([boxes[i].src.intervals, boxes[i].dst.intervals, boxes[i].svc, rule.sourcePorts ?? null], (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
      const duplicateOf = firstWithKey.get(key);
      if (!duplicateOf) firstWithKey.set(key, rule);
      if (duplicateOf) {
        const removal = deleteRuleEdit(this.parsed, rule.path);
        this.diagnostics.push({
          code: 'duplicate-rule',
          severity: 'warning',
          message: `Rule ${ruleLabel(rule)} repeats rule ${ruleLabel(duplicateOf)} of firewall '${firewall.name}' (same action, endpoints and service). Remove one of them.`,
          range: rangeAtPath(this.parsed, rule.path),
          related: [{ range: rangeAtPath(this.parsed, duplicateOf.path), message: 'The first occurrence.' }],
          fixes: removal ? [{ title: `Remove duplicate rule ${ruleLabel(rule)}`, kind: 'other', preferred: true, safe: true, edits: [removal] }] : undefined,
        });
        continue;
      }
      const overlapping: number[] = [];
      // A rule limited to some source ports (sourcePort) only decides those: it shadows a rule that is limited to them too.
      const decides = (k: number) => !rules[k].sourcePorts || (!!rule.sourcePorts && subtractRanges(rule.sourcePorts, rules[k].sourcePorts!).length === 0);
      for (let k = 0; k < i; k++) if (boundsMeet(bounds[k], bounds[i]) && intersectBox(boxes[k], boxes[i]) !== undefined && decides(k)) overlapping.push(k);
      const earlier = overlapping.map((k) => boxes[k]);
      if (earlier.length > 0 && isCovered(boxes[i], earlier)) {
        const covering = overlapping.map((k) => rules[k]);
        this.diagnostics.push({
          code: 'shadowed-rule',
          severity: 'warning',
          message: `Rule ${ruleLabel(rule)} can never match: earlier rule${covering.length > 1 ? 's' : ''} ${covering.map(ruleLabel).join(', ')} of firewall '${firewall.name}' already decide${covering.length > 1 ? '' : 's'} everything it matches. Remove it, or move it above them.`,
          range: rangeAtPath(this.parsed, rule.path),
          related: covering.map((other) => ({ range: rangeAtPath(this.parsed, other.path), message: `Rule ${ruleLabel(other)} matches first.` })),
        });
        continue;
      }
      if (rule.action === 'allow') this.checkPermissive(rule, firewall);
    }
  }

  private checkPermissive(rule: RuleModel, firewall: FirewallModel): void {
    const range = rangeAtPath(this.parsed, rule.path);
    const push = (message: string) => this.diagnostics.push({ code: 'overly-permissive', severity: 'warning', message, range });
    if (isAny(rule.src) && isAny(rule.dst)) {
      push(`Rule ${ruleLabel(rule)} allows ${formatService(rule.service)} from any address to any address through firewall '${firewall.name}'. Name the Edge interface or server it is for, as Microsoft's port tables do.`);
      return;
    }
    const networks = firewall.between.map((name) => this.model.networks.find((network) => network.name === name));
    const external = networks.find((network) => network?.zone === 'external');
    const inner = networks.find((network) => network && network.zone !== 'external');
    // Inside: the inner network's subnets, and the public (NAT) addresses of its interfaces and VIPs.
    const inside = inner ? union(inner.addresses, ...this.model.servers.flatMap((server) => server.interfaces.filter((item) => item.network === inner.name).map((item) => item.addresses)), ...(this.model.settings.edge.vips ?? []).filter((vip) => vip.network === inner.name).map((vip) => vip.addresses)) : undefined;
    if (external && isAny(rule.dst) && !(inside && isSubset(rule.src, inside))) {
      push(`Rule ${ruleLabel(rule)} lets traffic from ${rule.from.map((ref) => ref.text).join(', ')} (outside the perimeter) reach any destination through firewall '${firewall.name}'. Inbound rules name their destination, such as edge01.accessEdge.`);
      return;
    }
    const served = this.flowsOn(firewall).filter((flow) => ruleTouchesFlow(rule, flow));
    if (served.length === 0) return;
    for (const transport of ['tcp', 'udp'] as const) {
      const needed = served.filter((flow) => flow.row.transport === transport).flatMap((flow) => flow.row.ports);
      const extra = subtractServices(rule.service, { tcp: transport === 'tcp' ? needed : [], udp: transport === 'udp' ? needed : [] })[transport];
      if (portCount(extra) > 100) {
        push(`Rule ${ruleLabel(rule)} opens ${transport.toUpperCase()} ${formatPorts(rule.service[transport])} (${portCount(rule.service[transport])} ports) for ${served.map((flow) => flow.row.service).join(', ')}, which need${served.length === 1 ? 's' : ''} only ${formatPorts(needed) || 'other transports'}. Narrow the port range.`);
        return;
      }
    }
  }
}

interface Bounds {
  tcp: [number, number];
  udp: [number, number];
  src: [bigint, bigint];
  dst: [bigint, bigint];
}

/** The hull of a box, so most pairs of rules are told apart with a few comparisons. */
function boundsOf(box: Box): Bounds {
  const ports = (ranges: { from: number; to: number }[]): [number, number] => (ranges.length === 0 ? [1, 0] : [ranges[0].from, ranges[ranges.length - 1].to]);
  const hull = (set: Box['src']): [bigint, bigint] => (set.intervals.length === 0 ? [1n, 0n] : [set.intervals[0][0], set.intervals[set.intervals.length - 1][1]]);
  return { tcp: ports(box.svc.tcp), udp: ports(box.svc.udp), src: hull(box.src), dst: hull(box.dst) };
}

function boundsMeet(a: Bounds, b: Bounds): boolean {
  const meets = <T>(x: [T, T], y: [T, T]) => x[0] <= x[1] && y[0] <= y[1] && x[0] <= y[1] && y[0] <= x[1];
  return (meets(a.tcp, b.tcp) || meets(a.udp, b.udp)) && meets(a.src, b.src) && meets(a.dst, b.dst);
}

function nodeValue(parsed: ParsedTopology, path: (string | number)[]): unknown {
  const node = nodeAt(parsed.doc, path) as { value?: unknown } | undefined;
  return node?.value;
}

function findTransportIndex(tokens: string[]): number {
  for (let k = tokens.length - 2; k >= 0; k--) if (isTransportToken(tokens[k].trim())) return k;
  return -1;
}

/**
 * How far a written port is from the wanted one, when it is a near miss: a typo or a
 * transposition (edit distance ≤ 2, 5296 for 5269) or a neighbour (within 10). Any other port is
 * another flow, not a wrong port, so the answer is undefined.
 */
function portMissDistance(written: number, wanted: number): number | undefined {
  const typo = editDistance(String(written), String(wanted));
  const distance = Math.abs(written - wanted) <= 10 ? Math.min(typo, 1) : typo;
  return distance <= 2 ? distance : undefined;
}

