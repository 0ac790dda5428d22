import type { DumpProblem, DumpRule, DumpService } from '../dumpRule';
import { address, type AsaConfig } from './asaConfig';
import { lineLocation, restOfLine } from './asaLines';
import type { AsaObjects } from './asaObjects';
import { readerProblem } from './texts';
import {
  type AsaCursor,
  type AsaService,
  isPortOperator,
  next,
  peek,
  problemAt,
  protocolTransports,
  readPortOperator,
} from './asaServices';

// One access list's entries as dump rules, in the order the ASA evaluates them:
//   access-list NAME extended permit|deny PROTOCOL SOURCE [PORTS] DESTINATION [PORTS]
//     [log ...] [time-range NAME] [inactive]
// A `remark` names the entry after it. An entry names objects and groups; each becomes one rule on
// the entry's line, with every address and service the groups hold.

interface Side {
  addresses: string[];
  unresolved: string[];
}

export function accessListRules(
  acl: string,
  config: AsaConfig,
  objects: AsaObjects,
  problems: DumpProblem[],
): DumpRule[] {
  const rules: DumpRule[] = [];
  let remarks: string[] = [];
  for (const line of config.accessLists) {
    if (line.tokens[1]?.text !== acl) continue;
    const cursor: AsaCursor = { line, index: 2 };
    if (peek(cursor)?.text.toLowerCase() === 'line') cursor.index += 2;
    const kind = next(cursor)?.text.toLowerCase();
    if (kind === 'remark') {
      remarks.push(restOfLine(line, cursor.index));
      continue;
    }
    if (kind !== 'extended') {
      problemAt(problems, cursor, line.tokens[cursor.index - 1], 'dump/asa/notExtended');
      continue;
    }
    const name = remarks.length > 0 ? remarks.join(' ') : undefined;
    remarks = [];
    rules.push(...entryRules(cursor, name, config, objects, problems));
  }
  return rules;
}

function entryRules(
  cursor: AsaCursor,
  name: string | undefined,
  config: AsaConfig,
  objects: AsaObjects,
  problems: DumpProblem[],
): DumpRule[] {
  const line = cursor.line;
  const actionToken = next(cursor);
  const action = actionToken?.text.toLowerCase();
  if (action !== 'permit' && action !== 'deny') {
    problemAt(problems, cursor, actionToken, 'dump/asa/action');
    return [];
  }
  const protocol = readProtocol(cursor, objects, problems);
  if (!protocol) return [];
  // ICMP, ESP, GRE ...: the rest of the entry (ICMP types) cannot touch a TCP/UDP flow.
  if (protocol.services.every((service) => service.transport === 'OTHER')) return [];
  const source = readSide(cursor, config, objects, problems);
  if (!source) return [];
  const sourcePorts = protocol.ports ? readPorts(cursor, objects, problems) : undefined;
  if (sourcePorts === null) return [];
  const destination = readSide(cursor, config, objects, problems);
  if (!destination) return [];
  const destinationPorts = protocol.ports ? readPorts(cursor, objects, problems) : undefined;
  if (destinationPorts === null) return [];
  const options = readOptions(cursor, problems);
  if (!options) return [];
  if (options.inactive) {
    problemAt(problems, cursor, options.inactive, 'dump/asa/inactive', {}, 'warning');
    return [];
  }
  for (const side of [source, destination]) {
    if (side.addresses.length > 0) continue;
    // An object whose only entry failed was reported where it is defined.
    if (side.unresolved.length === 0) return [];
    const names = side.unresolved.join(', ');
    problems.push(readerProblem(lineLocation(line), 'dump/asa/runtimeOnly', { names }, 'warning'));
    return [];
  }
  const services = combine(protocol.services, sourcePorts, destinationPorts);
  return bySourcePort(services).map(([sourcePort, list]) => ({
    location: lineLocation(line),
    ...(name !== undefined ? { name } : {}),
    action: action === 'permit' ? 'allow' : 'deny',
    from: unique(source.addresses),
    to: unique(destination.addresses),
    services: list,
    ...(sourcePort !== undefined ? { sourcePort } : {}),
  }));
}

interface Protocol {
  services: AsaService[];
  /** True when ports may follow the addresses (tcp, udp, or a protocol group of those). */
  ports: boolean;
}

function readProtocol(cursor: AsaCursor, objects: AsaObjects, problems: DumpProblem[]): Protocol | null {
  const token = next(cursor);
  if (!token) {
    problemAt(problems, cursor, token, 'dump/asa/protocolMissingRule');
    return null;
  }
  const word = token.text.toLowerCase();
  if (word === 'object' || word === 'object-group') {
    const nameToken = next(cursor);
    if (!nameToken) {
      problemAt(problems, cursor, nameToken, 'dump/asa/nameMissingRule');
      return null;
    }
    const kinds = word === 'object' ? (['service-object'] as const) : (['service-group', 'protocol-group'] as const);
    const resolved = objects.services(nameToken.text, [...kinds], cursor.line, nameToken);
    if (!resolved) return null;
    const ports = objects.kindOf(nameToken.text) === 'protocol-group';
    return { services: resolved.values, ports };
  }
  const transports = protocolTransports(word);
  return {
    services: transports.map((transport) => ({ transport })),
    ports: word === 'tcp' || word === 'udp' || word === '6' || word === '17',
  };
}

const ANY_WORDS: Readonly<Record<string, string>> = { any: 'any', any4: '0.0.0.0/0', any6: '::/0' };

function readSide(cursor: AsaCursor, config: AsaConfig, objects: AsaObjects, problems: DumpProblem[]): Side | null {
  const token = next(cursor);
  const word = token?.text.toLowerCase();
  if (!token || !word) {
    problemAt(problems, cursor, token, 'dump/asa/addressMissing');
    return null;
  }
  if (ANY_WORDS[word]) return { addresses: [ANY_WORDS[word]], unresolved: [] };
  if (word === 'object' || word === 'object-group') {
    const nameToken = next(cursor);
    if (!nameToken) {
      problemAt(problems, cursor, nameToken, 'dump/asa/nameMissingRule');
      return null;
    }
    const resolved = objects.network(nameToken.text, word === 'object' ? 'object' : 'group', cursor.line, nameToken);
    return resolved ? { addresses: resolved.values, unresolved: resolved.unresolved } : null;
  }
  if (word === 'interface') {
    const name = next(cursor);
    problemAt(problems, cursor, token, 'dump/asa/interfaceSide', { name: name?.text ?? '' }, 'warning');
    return { addresses: [], unresolved: [] };
  }
  if (['user', 'user-group', 'object-group-user', 'security-group', 'object-group-security'].includes(word)) {
    problemAt(problems, cursor, token, 'dump/asa/identity', { word: token.text });
    return null;
  }
  const words = word === 'host' ? [next(cursor)] : token.text.includes('/') ? [token] : [token, next(cursor)];
  const parsed = address(
    word === 'host' ? 'host' : 'subnet',
    words.filter((t) => t !== undefined),
    config,
  );
  if (!parsed.ok) {
    problemAt(problems, cursor, words[words.length - 1] ?? token, 'dump/asa/ruleLeftOut', { reason: parsed.reason });
    return null;
  }
  return { addresses: parsed.addresses, unresolved: [] };
}

/** Ports after an address: an operator, or a port group (a service group with a protocol). */
function readPorts(cursor: AsaCursor, objects: AsaObjects, problems: DumpProblem[]): string[] | undefined | null {
  const token = peek(cursor);
  if (isPortOperator(token)) {
    const port = readPortOperator(cursor, problems);
    return port === null ? null : [port];
  }
  const name = peek(cursor, 1);
  if (token?.text.toLowerCase() === 'object-group' && name && objects.kindOf(name.text) === 'port-group') {
    cursor.index += 2;
    const resolved = objects.services(name.text, ['port-group'], cursor.line, name);
    return resolved ? unique(resolved.values.map((service) => service.port ?? '')) : null;
  }
  return undefined;
}

interface Options {
  inactive?: NonNullable<ReturnType<typeof peek>>;
}

function readOptions(cursor: AsaCursor, problems: DumpProblem[]): Options | null {
  const options: Options = {};
  while (peek(cursor)) {
    const token = next(cursor)!;
    const word = token.text.toLowerCase();
    if (word === 'inactive') options.inactive = token;
    else if (word === 'log') {
      // log [LEVEL] [interval SECONDS] | log disable | log default
      while (peek(cursor) && !['time-range', 'inactive'].includes(peek(cursor)!.text.toLowerCase())) next(cursor);
    } else if (word === 'time-range') {
      const range = next(cursor);
      problemAt(problems, cursor, token, 'dump/asa/timeRange', { name: range?.text ?? '' }, 'warning');
    } else {
      problemAt(problems, cursor, token, 'dump/asa/notUnderstood', { word: token.text });
      return null;
    }
  }
  return options;
}

/** The protocol's services with the ports the entry adds; TCP/UDP only, and only ports that exist. */
function combine(
  base: AsaService[],
  sourcePorts: string[] | undefined,
  destinationPorts: string[] | undefined,
): AsaService[] {
  const out: AsaService[] = [];
  for (const service of base) {
    if (service.transport === 'OTHER') continue;
    const sources = sourcePorts ?? [service.sourcePort];
    for (const port of destinationPorts ?? [service.port]) {
      for (const sourcePort of sources) {
        if (port === '' || sourcePort === '') continue;
        out.push({
          transport: service.transport,
          ...(port !== undefined ? { port } : {}),
          ...(sourcePort !== undefined ? { sourcePort } : {}),
        });
      }
    }
  }
  return out;
}

/** Services that share a source port make one rule (the common case: one rule for the whole entry). */
function bySourcePort(services: AsaService[]): [string | undefined, DumpService[]][] {
  const groups = new Map<string | undefined, DumpService[]>();
  for (const service of services) {
    const list = groups.get(service.sourcePort) ?? [];
    const written: DumpService = {
      transport: service.transport as DumpService['transport'],
      ...(service.port !== undefined ? { port: service.port } : {}),
    };
    if (!list.some((known) => known.transport === written.transport && known.port === written.port)) list.push(written);
    groups.set(service.sourcePort, list);
  }
  return [...groups];
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
