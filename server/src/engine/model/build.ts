import { ANY, AddressSet, EMPTY, looksLikeAddress, parseAddressOrCidr, union } from './address';
import { isPlainObject, ParsedTopology, PathSegment, rangeAtPath } from '../yaml/parse';
import { NO_SERVICE, parsePorts, serviceOfTerms } from './service';
import { RuleEndpoint, WHOLE } from './ruleParts';
import { RuleServices } from './ruleServices';
import { suggestionText } from '../yaml/texts';
import type { MessageData } from '../messageFormat';
import { reason, writeModel } from './texts';
import { parseSettings } from './settings';
import { previousVersion } from './lineage';
import { EndpointResolver, unknownEndpointMessage } from './endpoints';
import { asList, entries, scalarText, trimmedScalarText } from './values';
import type {
  EndpointRef,
  FirewallModel,
  InterfaceModel,
  NetworkModel,
  RuleModel,
  ServerModel,
  TopologyModel,
} from './model';
import { Diagnostic, DiagnosticCode, PortRange, Product, PRODUCTS, Zone } from '../types';

// From the parsed YAML to the model: names resolved, addresses and ports parsed, and a finding
// for each value that does not resolve (the schema has already said what is malformed).

export interface ModelOptions {
  defaultProduct?: Product;
}

/**
 * Rule models of a previous version, by the plain value of the rule they were built from: an
 * incremental re-check (session.ts) keeps the values of unchanged rules, so a rule whose value,
 * firewall and position are the same, in a model whose other parts are the same, is the same
 * model. Only rules without findings of their own are kept (findings carry ranges, which move).
 */
export interface RuleReuse {
  /** Rules of the previous version; undefined when nothing may be reused. */
  previous?: ReadonlyMap<unknown, RuleModel>;
  /** Filled with this version's rules that have no finding. */
  next: Map<unknown, RuleModel>;
  /** The previous version's firewalls, by name (with `previous`). */
  firewalls?: readonly FirewallModel[];
}

export function buildModel(
  parsed: ParsedTopology,
  options: ModelOptions = {},
  reuse?: RuleReuse,
): { model: TopologyModel; diagnostics: Diagnostic[] } {
  const builder = new ModelBuilder(parsed, options, reuse);
  return { model: builder.build(), diagnostics: builder.diagnostics };
}

class ModelBuilder {
  readonly diagnostics: Diagnostic[] = [];
  private readonly root: Record<string, unknown>;
  /** What an endpoint text resolves to: made once the rest of the model is there. */
  private resolver?: EndpointResolver;
  /** The rules' services, read with one table of the texts they write. */
  private readonly services = new RuleServices((code, path, id, data) => this.report(code, path, id, data));

  constructor(
    private readonly parsed: ParsedTopology,
    private readonly options: ModelOptions,
    private readonly reuse?: RuleReuse,
  ) {
    this.root = isPlainObject(parsed.value) ? parsed.value : {};
  }

  /** A finding of the text `<code>/<messageId>` (model/texts.ts). */
  private report(code: DiagnosticCode, path: PathSegment[], messageId: string, data: MessageData): void {
    const range = rangeAtPath(this.parsed, path);
    const message = writeModel(`${code}/${messageId}`, data);
    this.diagnostics.push({ code, severity: 'error', message, range, messageId, data });
  }

  build(): TopologyModel {
    const topology = isPlainObject(this.root.topology) ? this.root.topology : {};
    const product = PRODUCTS.includes(topology.product as Product)
      ? (topology.product as Product)
      : (this.options.defaultProduct ?? 'lync2013');
    const domains = isPlainObject(this.root.domains) ? this.root.domains : {};
    const features = entries(this.root.features).map(([name, enabled]) => {
      const path: PathSegment[] = ['features', name];
      return { name, enabled: enabled === true, path };
    });
    // The order of the parts is the order of their findings: networks, servers, settings, firewalls.
    const networks = this.networks();
    const servers = this.servers(networks);
    const pools = new Map<string, string[]>();
    for (const server of servers) {
      if (!server.pool) continue;
      const members = pools.get(server.pool) ?? [];
      members.push(server.name);
      pools.set(server.pool, members);
    }
    const edges = servers
      .filter((server) => server.role === 'edge')
      .map((server) => {
        const interfaces = new Map(server.interfaces.map((item) => [item.name, item.ip]));
        return { name: server.name, pool: server.pool, interfaces };
      });
    const settings = parseSettings(this.root, { edges }, (code, path, id, data) => this.report(code, path, id, data));
    const model: TopologyModel = {
      product,
      name: scalarText(topology.name),
      features,
      networks,
      servers,
      firewalls: [],
      pools,
      sipDomains: asList(domains.sip).map(String),
      xmppDomains: asList(domains.xmpp).map(String),
      settings,
    };
    // Rules name servers, networks, pools and VIPs: the rest of the model is there first.
    model.firewalls = this.firewalls(model);
    return model;
  }

  private networks(): NetworkModel[] {
    return entries(this.root.networks).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['networks', name];
      const zone = ['external', 'perimeter', 'internal'].includes(value.zone as string)
        ? (value.zone as Zone)
        : undefined;
      const subnets = asList(value.subnets).map(String);
      const sets: AddressSet[] = [];
      subnets.forEach((subnet, index) => {
        const parsed = parseAddressOrCidr(subnet);
        if (parsed.ok) sets.push(parsed.set);
        else
          this.report('invalid-address', [...path, 'subnets', index], 'inNetwork', {
            reason: parsed.reason,
            network: name,
          });
      });
      // The contract: an external network without subnets stands for the Internet.
      const addresses = subnets.length === 0 && zone === 'external' ? ANY : union(...sets);
      return { name, zone, subnets, addresses, path };
    });
  }

  private servers(networks: NetworkModel[]): ServerModel[] {
    const networkNames = networks.map((network) => network.name);
    return entries(this.root.servers).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['servers', name];
      const interfaces = entries(value.interfaces).map(([interfaceName, rawInterface]): InterfaceModel => {
        const item = isPlainObject(rawInterface) ? rawInterface : {};
        const interfacePath: PathSegment[] = [...path, 'interfaces', interfaceName];
        const sets: AddressSet[] = [];
        for (const key of ['ip', 'publicIp'] as const) {
          const text = scalarText(item[key]);
          if (text === undefined) continue;
          const parsed = parseAddressOrCidr(text);
          if (!parsed.ok) this.report('invalid-address', [...interfacePath, key], 'reason', { reason: parsed.reason });
          else if (text.includes('/'))
            this.report('invalid-address', [...interfacePath, key], 'interfaceSubnet', { text });
          else sets.push(parsed.set);
        }
        const network = scalarText(item.network);
        if (network !== undefined && !networkNames.includes(network)) {
          this.report('unknown-reference', [...interfacePath, 'network'], 'interfaceNetwork', {
            network,
            suggestion: suggestionText(network, networkNames),
            networks: networkNames.join(', ') || '(none defined)',
          });
        }
        return {
          name: interfaceName,
          server: name,
          ip: scalarText(item.ip),
          publicIp: scalarText(item.publicIp),
          network,
          addresses: union(...sets),
          alternatives: sets,
          path: interfacePath,
        };
      });
      return {
        name,
        role: scalarText(value.role),
        pool: scalarText(value.pool),
        services: asList(value.services).map(String),
        interfaces,
        path,
      };
    });
  }

  private firewalls(model: TopologyModel): FirewallModel[] {
    const networkNames = model.networks.map((network) => network.name);
    return entries(this.root.firewalls).map(([name, raw]) => {
      const value = isPlainObject(raw) ? raw : {};
      const path: PathSegment[] = ['firewalls', name];
      const between = asList(value.between).map(String);
      between.forEach((network, index) => {
        if (!networkNames.includes(network)) {
          this.report('unknown-reference', [...path, 'between', index], 'between', {
            firewall: name,
            network,
            suggestion: suggestionText(network, networkNames),
            networks: networkNames.join(', ') || '(none defined)',
          });
        }
      });
      const rules = Array.isArray(value.rules) ? value.rules : [];
      const built: FirewallModel = {
        name,
        between,
        defaultAction: value.default === 'allow' ? 'allow' : 'deny',
        rules: this.rules(model, name, rules),
        path,
      };
      const previous = this.reuse?.previous && this.reuse.firewalls?.find((item) => item.name === name);
      if (previous) {
        previousVersion.set(built, previous);
        // One version back is all a re-check reads; a longer chain would keep every version alive.
        previousVersion.delete(previous);
      }
      return built;
    });
  }

  private rules(model: TopologyModel, firewall: string, rules: unknown[]): RuleModel[] {
    // Of the rules' number, as map() would make it (push leaves room for more).
    const built = new Array<RuleModel>(rules.length);
    for (let index = 0; index < rules.length; index++) built[index] = this.rule(model, firewall, index, rules[index]);
    return built;
  }

  private rule(model: TopologyModel, firewall: string, index: number, raw: unknown): RuleModel {
    if (!this.reuse || !isPlainObject(raw)) return this.buildRule(model, firewall, index, raw);
    const previous = this.reuse.previous?.get(raw);
    if (previous && previous.firewall === firewall && previous.index === index) {
      this.reuse.next.set(raw, previous);
      return previous;
    }
    const findings = this.diagnostics.length;
    const rule = this.buildRule(model, firewall, index, raw);
    if (this.diagnostics.length === findings) this.reuse.next.set(raw, rule);
    return rule;
  }

  private buildRule(model: TopologyModel, firewall: string, index: number, raw: unknown): RuleModel {
    const value = isPlainObject(raw) ? raw : {};
    const path: PathSegment[] = ['firewalls', firewall, 'rules', index];
    const from = this.endpoints(model, value.from, path, 'from');
    const to = this.endpoints(model, value.to, path, 'to');
    const services = this.services.read(value, path);
    let sourcePorts: PortRange[] | undefined;
    let sourcePortsComplete = true;
    if (value.sourcePort !== undefined) {
      const parsed = parsePorts(value.sourcePort);
      if (parsed.ok) sourcePorts = parsed.ports;
      else {
        this.report('invalid-port', [...path, 'sourcePort'], 'reason', { reason: parsed.reason });
        sourcePortsComplete = false;
      }
    }
    const complete =
      services.complete &&
      sourcePortsComplete &&
      from.length > 0 &&
      to.length > 0 &&
      from.every(isKnown) &&
      to.every(isKnown);
    return {
      firewall,
      index,
      name: scalarText(value.name),
      action: value.action === 'deny' ? 'deny' : 'allow',
      from,
      to,
      terms: services.terms,
      src: complete ? addressesOf(from) : EMPTY,
      dst: complete ? addressesOf(to) : EMPTY,
      service: complete ? (services.service ?? serviceOfTerms(services.terms)) : NO_SERVICE,
      sourcePorts,
      serviceText: services.text,
      reason: scalarText(value.reason)?.trim() || undefined,
      complete,
      path,
    };
  }

  private endpoints(model: TopologyModel, raw: unknown, rulePath: PathSegment[], side: 'from' | 'to'): EndpointRef[] {
    if (Array.isArray(raw)) return raw.map((item, k) => this.endpoint(model, item, rulePath, side, k));
    if (raw === undefined || raw === null) return [];
    return [this.endpoint(model, raw, rulePath, side, WHOLE)];
  }

  private endpoint(
    model: TopologyModel,
    raw: unknown,
    rulePath: PathSegment[],
    side: 'from' | 'to',
    item: number,
  ): RuleEndpoint {
    const text = trimmedScalarText(raw) ?? '';
    this.resolver ??= new EndpointResolver(model);
    const { kind, target, interfaceName, addresses } = this.resolver.resolve(text);
    const ref = new RuleEndpoint(kind, target, interfaceName, addresses, text, rulePath, side, item);
    if (kind === 'unknown') {
      if (looksLikeAddress(text)) {
        const parsed = parseAddressOrCidr(text);
        const why = parsed.ok ? reason('address/notAddress', { text }) : parsed.reason;
        this.report('invalid-address', ref.path, 'reason', { reason: why });
      } else {
        this.report('unknown-reference', ref.path, ...unknownEndpointMessage(model, text));
      }
    }
    return ref;
  }
}

const isKnown = (ref: EndpointRef): boolean => ref.kind !== 'unknown';

/** The union of what the endpoints name (the union of one set is that set). */
function addressesOf(refs: readonly EndpointRef[]): AddressSet {
  return refs.length === 1 ? refs[0].addresses : union(...refs.map((ref) => ref.addresses));
}
