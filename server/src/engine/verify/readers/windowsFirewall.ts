import { textRef, type MessageData, type MessageValue } from '../../messageFormat';
import type {
  DumpFormat,
  DumpLocation,
  DumpProblem,
  DumpReading,
  DumpRule,
  DumpService,
  ReaderOptions,
} from '../dumpRule';
import { readerProblem, type ReaderTextId } from './texts';
import { readJsonItems } from './windowsJson';
import {
  ACTIONS,
  addressEntry,
  DIRECTIONS,
  ENABLED,
  entriesOf,
  enumValue,
  portEntry,
  valueList,
  windowsTransport,
} from './windowsValues';

// Windows Firewall rules as JSON: one object per rule with the properties of Get-NetFirewallRule
// (DisplayName, Name, Enabled, Direction, Action), Get-NetFirewallPortFilter (Protocol, LocalPort,
// RemotePort) and Get-NetFirewallAddressFilter (LocalAddress, RemoteAddress), for example
//   Get-NetFirewallRule | ForEach-Object { $p = $_ | Get-NetFirewallPortFilter;
//     $a = $_ | Get-NetFirewallAddressFilter; [pscustomobject]@{ Name = $_.Name; DisplayName = ...;
//     Protocol = $p.Protocol; LocalPort = $p.LocalPort; ...; RemoteAddress = $a.RemoteAddress } } |
//   ConvertTo-Json -Depth 4
// The rule list is one direction (`ruleList` Inbound, the default, or Outbound), as each has its
// own default: inbound connections are blocked, outbound ones allowed. Inbound rules run from the
// remote address to the local one on the local port; outbound ones the other way, on the remote
// port. Windows applies every block rule before any allow rule, whatever their order, so the
// reading lists the block rules first. Profiles are not evaluated: every rule counts.

type Direction = 'Inbound' | 'Outbound';

export const windowsFirewallFormat: DumpFormat = {
  id: 'windows-firewall',
  title: 'Windows Firewall rules (ConvertTo-Json)',
  hostDirections: true,
  recognizes: (text) => /^\uFEFF?\s*[[{]/.test(text) && /"Direction"\s*:/.test(text) && /"Action"\s*:/.test(text),
  read: readWindowsFirewall,
};

const FILE_START: DumpLocation = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function readWindowsFirewall(text: string, options: ReaderOptions): DumpReading {
  const problems: DumpProblem[] = [];
  const wanted = options.ruleList ?? (options.hostList === 'outbound' ? 'Outbound' : 'Inbound');
  const direction = enumValue(wanted, DIRECTIONS) as Direction | undefined;
  if (!direction) {
    problems.push(readerProblem(FILE_START, 'dump/windows/ruleList', { name: String(options.ruleList) }, 'error'));
    return { rules: [], listLocation: FILE_START, defaultAction: 'deny', problems };
  }
  const defaultAction = direction === 'Inbound' ? 'deny' : 'allow';
  const decides = direction === 'Inbound' ? 'inbound' : 'outbound';
  // A byte order mark is not a character of the first line: columns count from after it.
  const json = readJsonItems(text.replace(/^\uFEFF/, ''));
  if (!json.ok) {
    problems.push(readerProblem(json.location, 'dump/windows/json', { reason: json.reason }, 'error'));
    return { rules: [], listLocation: FILE_START, defaultAction, problems, direction: decides };
  }
  const blocks: DumpRule[] = [];
  const allows: DumpRule[] = [];
  const context = { direction, problems, missingAddresses: false };
  json.values.forEach((value, k) => {
    const rule = readRule(value, json.spans[k], context);
    if (rule) (rule.action === 'deny' ? blocks : allows).push(rule);
  });
  return { rules: [...blocks, ...allows], listLocation: json.top, defaultAction, problems, direction: decides };
}

interface Context {
  direction: Direction;
  problems: DumpProblem[];
  /** Said once: a dump made without Get-NetFirewallAddressFilter. */
  missingAddresses: boolean;
}

function readRule(value: unknown, location: DumpLocation, context: Context): DumpRule | undefined {
  const problem: Problem = (id, data = {}, severity = 'error') => {
    context.problems.push(readerProblem(location, id, data, severity));
    return undefined;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return problem('dump/windows/notObject');
  const rule = value as Record<string, unknown>;
  const named = rule.DisplayName ?? rule.Name;
  const label = String(named ?? 'this rule');
  // How problems name the rule: its name as the dump has it, else words of the language.
  const said: MessageValue = named === undefined ? textRef('dump/windows/thisRule') : String(named);
  const truncated = Object.entries(rule).find(([, field]) =>
    valueList(field).some((text) => /^System\.\w+\[\]$/.test(text)),
  );
  if (truncated) {
    return problem('dump/windows/truncated', { rule: said, field: truncated[0], value: valueList(truncated[1])[0] });
  }
  if (rule.Enabled !== undefined) {
    const enabled = enumValue(rule.Enabled, ENABLED);
    if (!enabled) return problem('dump/windows/enabled', { rule: said, value: String(valueList(rule.Enabled)[0]) });
    if (enabled === 'False') return undefined;
  }
  const direction = enumValue(rule.Direction, DIRECTIONS);
  if (!direction) return problem('dump/windows/direction', { rule: said, value: String(valueList(rule.Direction)[0]) });
  if (direction !== context.direction) return undefined;
  const action = enumValue(rule.Action, ACTIONS);
  if (!action) return problem('dump/windows/action', { rule: said, value: String(valueList(rule.Action)[0]) });
  if (action === 'NotConfigured') return problem('dump/windows/notConfigured', { rule: said }, 'warning');
  if (!('Protocol' in rule)) return problem('dump/windows/noProtocol', { rule: said });
  const transport = windowsTransport(rule.Protocol);
  // ICMP and the other protocols can neither allow nor block a TCP/UDP flow.
  if (transport === 'OTHER' || transport === undefined) return undefined;
  if (!('LocalAddress' in rule) || !('RemoteAddress' in rule)) {
    if (!context.missingAddresses) {
      problem('dump/windows/noAddresses', { rule: said }, 'warning');
    }
    context.missingAddresses = true;
  }
  const inbound = direction === 'Inbound';
  const [fromField, toField] = inbound ? ['RemoteAddress', 'LocalAddress'] : ['LocalAddress', 'RemoteAddress'];
  const [portField, sourceField] = inbound ? ['LocalPort', 'RemotePort'] : ['RemotePort', 'LocalPort'];
  const from = addresses(rule[fromField], fromField, said, problem);
  const to = addresses(rule[toField], toField, said, problem);
  const ports = portList(rule[portField], portField, said, problem);
  const sourcePorts = portList(rule[sourceField], sourceField, said, problem);
  if (!from || !to || ports === null || sourcePorts === null) return undefined;
  if (transport === 'ANY' && (ports || sourcePorts)) {
    return problem('dump/windows/anyPorts', { rule: said });
  }
  const services: DumpService[] = ports ? ports.map((port) => ({ transport, port })) : [{ transport }];
  return {
    location,
    name: label,
    action: action === 'Allow' ? 'allow' : 'deny',
    from,
    to,
    services,
    ...(sourcePorts ? { sourcePort: sourcePorts.join(',') } : {}),
  };
}

type Problem = (id: ReaderTextId, data?: MessageData, severity?: DumpProblem['severity']) => undefined;

/** A port property: undefined for Any, null when nothing in it can be matched. */
function portList(value: unknown, field: string, rule: MessageValue, problem: Problem): string[] | undefined | null {
  const entries = entriesOf(value);
  if (entries.length === 0 || entries.some((entry) => /^any$/i.test(entry.trim()))) return undefined;
  const ports: string[] = [];
  const keywords: string[] = [];
  for (const entry of entries) {
    const parsed = portEntry(entry);
    if (parsed.ok) ports.push(...parsed.values);
    else if ('keyword' in parsed) keywords.push(parsed.keyword);
    else problem('dump/windows/badPort', { rule, field, reason: parsed.reason });
  }
  if (keywords.length > 0) {
    const rest = textRef(ports.length > 0 ? 'dump/windows/otherPorts' : 'dump/windows/ruleOut');
    problem('dump/windows/portKeyword', { rule, field, keywords: keywords.join(', '), rest }, 'warning');
  }
  return ports.length > 0 ? ports : null;
}

/** An address property as addresses and CIDRs; undefined when nothing in it can be matched. */
function addresses(value: unknown, field: string, rule: MessageValue, problem: Problem): string[] | undefined {
  const entries = entriesOf(value);
  if (entries.length === 0) return ['any'];
  const out: string[] = [];
  const keywords: string[] = [];
  for (const entry of entries) {
    const parsed = addressEntry(entry);
    if (parsed.ok) out.push(...parsed.values);
    else if ('keyword' in parsed) keywords.push(parsed.keyword);
    else problem('dump/windows/badAddress', { rule, field, entry, reason: parsed.reason });
  }
  if (keywords.length > 0) {
    const rest = textRef(out.length > 0 ? 'dump/windows/otherAddresses' : 'dump/windows/ruleOut');
    problem('dump/windows/addressKeyword', { rule, field, keywords: keywords.join(', '), rest }, 'warning');
  }
  if (out.includes('any')) return ['any'];
  return out.length > 0 ? [...new Set(out)] : undefined;
}
