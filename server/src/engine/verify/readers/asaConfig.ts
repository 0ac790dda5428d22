import { textRef, type MessageData } from '../../messageFormat';
import type { DumpProblem } from '../dumpRule';
import { hostAddress, maskedNetwork, prefixNetwork, rangeNetworks, type AddressText } from './asaAddress';
import { type AsaLine, type AsaToken, asaLines, tokenLocation } from './asaLines';
import { type AsaCursor, type AsaService, isPortOperator, readPortOperator, readServiceSpec } from './asaServices';
import { readerProblem, type ReaderTextId } from './texts';

// The first pass over a running config: the definitions an access list can name (`name`,
// `object network|service`, `object-group network|service|protocol`), the access-list lines and the
// access-group bindings. Everything else (hostname, interfaces, nat, routes, crypto ...) is not
// about which connections pass, and is passed over without a word.

export type AsaMember =
  | { kind: 'addresses'; addresses: string[] }
  | { kind: 'fqdn'; name: string }
  | { kind: 'services'; services: AsaService[] }
  | { kind: 'object' | 'group'; name: string; token: AsaToken };

export type AsaDefinitionKind =
  | 'network-object'
  | 'service-object'
  | 'network-group'
  | 'service-group'
  | 'port-group'
  | 'protocol-group'
  | 'other-group';

export interface AsaDefinition {
  kind: AsaDefinitionKind;
  name: string;
  line: AsaLine;
  members: { line: AsaLine; member: AsaMember }[];
}

export interface AsaAccessGroup {
  acl: string;
  binding: 'in' | 'out' | 'global';
  interfaceName?: string;
  line: AsaLine;
}

export interface AsaConfig {
  lines: AsaLine[];
  /** `name ADDRESS NAME`: the older aliases `host NAME` and `NAME MASK` may use. */
  names: Map<string, string>;
  /** Objects and object groups share one namespace on the ASA. */
  definitions: Map<string, AsaDefinition>;
  accessLists: AsaLine[];
  accessGroups: AsaAccessGroup[];
}

export function readAsaConfig(text: string, problems: DumpProblem[]): AsaConfig {
  const config: AsaConfig = {
    lines: asaLines(text),
    names: new Map(),
    definitions: new Map(),
    accessLists: [],
    accessGroups: [],
  };
  let open: AsaDefinition | undefined;
  for (const line of config.lines) {
    const words = line.tokens.map((token) => token.text.toLowerCase());
    if (words.length === 0) continue;
    if (line.indented && open) {
      const member = readMember(open, line, config, problems);
      if (member) open.members.push({ line, member });
      continue;
    }
    if (line.indented) continue;
    open = undefined;
    if (words[0] === 'name' && words.length >= 3) config.names.set(line.tokens[2].text, line.tokens[1].text);
    else if (words[0] === 'object' || words[0] === 'object-group') open = define(line, words, config, problems);
    else if (words[0] === 'access-list' && words.length >= 3) config.accessLists.push(line);
    else if (words[0] === 'access-group' && words.length >= 3) config.accessGroups.push(accessGroup(line, words));
  }
  return config;
}

function define(line: AsaLine, words: string[], config: AsaConfig, problems: DumpProblem[]): AsaDefinition | undefined {
  const name = line.tokens[2]?.text;
  if (!name) return undefined;
  let kind: AsaDefinitionKind;
  if (words[0] === 'object') {
    if (words[1] !== 'network' && words[1] !== 'service') return undefined;
    kind = words[1] === 'network' ? 'network-object' : 'service-object';
  } else if (words[1] === 'network') kind = 'network-group';
  else if (words[1] === 'protocol') kind = 'protocol-group';
  else if (words[1] === 'service') kind = words[3] ? 'port-group' : 'service-group';
  else kind = 'other-group';
  const definition: AsaDefinition = { kind, name, line, members: [] };
  if (config.definitions.has(name)) {
    problems.push(readerProblem(tokenLocation(line, line.tokens[2]), 'dump/asa/definedTwice', { name }, 'error'));
    return undefined;
  }
  config.definitions.set(name, definition);
  return definition;
}

function accessGroup(line: AsaLine, words: string[]): AsaAccessGroup {
  const acl = line.tokens[1].text;
  if (words[2] === 'global') return { acl, binding: 'global', line };
  const binding = words[2] === 'out' ? 'out' : 'in';
  return { acl, binding, interfaceName: words[3] === 'interface' ? line.tokens[4]?.text : undefined, line };
}

/** One sub-command of an object or a group; undefined for those that do not change what it matches. */
function readMember(
  definition: AsaDefinition,
  line: AsaLine,
  config: AsaConfig,
  problems: DumpProblem[],
): AsaMember | undefined {
  const words = line.tokens.map((token) => token.text.toLowerCase());
  const cursor: AsaCursor = { line, index: 1 };
  const fail = (token: AsaToken | undefined, id: ReaderTextId, data: MessageData = {}): undefined => {
    problems.push(readerProblem(tokenLocation(line, token), id, data, 'error'));
    return undefined;
  };
  if (words[0] === 'description' || words[0] === 'nat') return undefined;
  if (words[0] === 'group-object') {
    return line.tokens[1]
      ? { kind: 'group', name: line.tokens[1].text, token: line.tokens[1] }
      : fail(undefined, 'dump/asa/groupObjectName');
  }
  switch (definition.kind) {
    case 'network-object':
      if (words[0] === 'fqdn') {
        // `fqdn [v4|v6] NAME`: the name resolves on the ASA, at run time, never in the config.
        const name = line.tokens[words[1] === 'v4' || words[1] === 'v6' ? 2 : 1]?.text ?? '';
        return { kind: 'fqdn', name };
      }
      if (words[0] === 'host' || words[0] === 'subnet' || words[0] === 'range') {
        return addresses(address(words[0], line.tokens.slice(1), config), line, fail);
      }
      return fail(line.tokens[0], 'dump/asa/notUnderstoodIn', {
        word: line.tokens[0].text,
        definition: 'object network',
      });
    case 'network-group':
      if (words[0] !== 'network-object') break;
      if (words[1] === 'object') {
        return line.tokens[2]
          ? { kind: 'object', name: line.tokens[2].text, token: line.tokens[2] }
          : fail(undefined, 'dump/asa/nameMissing');
      }
      return addresses(
        address(words[1] === 'host' ? 'host' : 'subnet', line.tokens.slice(words[1] === 'host' ? 2 : 1), config),
        line,
        fail,
      );
    case 'service-object':
      if (words[0] !== 'service') break;
      return services(readServiceSpec(cursor, problems));
    case 'service-group':
      if (words[0] !== 'service-object') break;
      if (words[1] === 'object') {
        return line.tokens[2]
          ? { kind: 'object', name: line.tokens[2].text, token: line.tokens[2] }
          : fail(undefined, 'dump/asa/nameMissing');
      }
      return services(readServiceSpec(cursor, problems));
    case 'port-group': {
      if (words[0] !== 'port-object') break;
      if (!isPortOperator(line.tokens[1])) return fail(line.tokens[1], 'dump/asa/portObjectOperator');
      const port = readPortOperator(cursor, problems);
      if (port === null) return undefined;
      const transports = portGroupTransports(definition);
      return { kind: 'services', services: transports.map((transport) => ({ transport, port })) };
    }
    case 'protocol-group': {
      if (words[0] !== 'protocol-object' || !line.tokens[1]) break;
      return services(readServiceSpec(cursor, problems));
    }
    default:
      return undefined;
  }
  return fail(line.tokens[0], 'dump/asa/notUnderstoodIn', {
    word: line.tokens[0].text,
    definition: `${definition.line.tokens[0].text} ${definition.line.tokens[1].text}`,
  });
}

export function portGroupTransports(definition: AsaDefinition): AsaService['transport'][] {
  const protocol = definition.line.tokens[3]?.text.toLowerCase();
  return protocol === 'tcp' ? ['TCP'] : protocol === 'udp' ? ['UDP'] : ['TCP', 'UDP'];
}

function services(list: AsaService[] | null): AsaMember | undefined {
  return list ? { kind: 'services', services: list } : undefined;
}

function addresses(
  parsed: AddressText,
  line: AsaLine,
  fail: (token: AsaToken | undefined, id: ReaderTextId, data: MessageData) => undefined,
): AsaMember | undefined {
  // The last word is the one at fault: the mask, the range's end, or the only address.
  if (!parsed.ok) return fail(line.tokens[line.tokens.length - 1], 'dump/asa/entryLeftOut', { reason: parsed.reason });
  return { kind: 'addresses', addresses: parsed.addresses };
}

/** `host A`, `subnet A MASK` / `subnet A/LEN`, `range A B`, with `name` aliases resolved. */
export function address(form: 'host' | 'subnet' | 'range', words: AsaToken[], config: AsaConfig): AddressText {
  const [first, second] = words.map((token) => config.names.get(token.text) ?? token.text);
  if (first === undefined) return { ok: false, reason: textRef('dump/address/missing') };
  if (form === 'host') return hostAddress(first);
  if (form === 'range')
    return second === undefined
      ? { ok: false, reason: textRef('dump/address/rangeEnd') }
      : rangeNetworks(first, second);
  if (first.includes('/')) return prefixNetwork(first);
  return second === undefined
    ? { ok: false, reason: textRef('dump/address/needsMask', { address: first }) }
    : maskedNetwork(first, second);
}
