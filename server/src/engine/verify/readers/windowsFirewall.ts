import type { DumpFormat, DumpLocation, DumpProblem, DumpReading, DumpRule, DumpService } from '../dumpRule';
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
  recognizes: (text) => /^\uFEFF?\s*[[{]/.test(text) && /"Direction"\s*:/.test(text) && /"Action"\s*:/.test(text),
  read: readWindowsFirewall,
};

const FILE_START: DumpLocation = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function readWindowsFirewall(text: string, options: { ruleList?: string }): DumpReading {
  const problems: DumpProblem[] = [];
  const direction = enumValue(options.ruleList ?? 'Inbound', DIRECTIONS) as Direction | undefined;
  if (!direction) {
    const message = `the rule list of a Windows Firewall dump is Inbound or Outbound, not '${options.ruleList}'`;
    problems.push({ location: FILE_START, message, severity: 'error' });
    return { rules: [], listLocation: FILE_START, defaultAction: 'deny', problems };
  }
  const defaultAction = direction === 'Inbound' ? 'deny' : 'allow';
  // A byte order mark is not a character of the first line: columns count from after it.
  const json = readJsonItems(text.replace(/^\uFEFF/, ''));
  if (!json.ok) {
    problems.push({ location: json.location, message: `the JSON does not parse: ${json.reason}`, severity: 'error' });
    return { rules: [], listLocation: FILE_START, defaultAction, problems };
  }
  const blocks: DumpRule[] = [];
  const allows: DumpRule[] = [];
  const context = { direction, problems, missingAddresses: false };
  json.values.forEach((value, k) => {
    const rule = readRule(value, json.spans[k], context);
    if (rule) (rule.action === 'deny' ? blocks : allows).push(rule);
  });
  return { rules: [...blocks, ...allows], listLocation: json.top, defaultAction, problems };
}

interface Context {
  direction: Direction;
  problems: DumpProblem[];
  /** Said once: a dump made without Get-NetFirewallAddressFilter. */
  missingAddresses: boolean;
}

function readRule(value: unknown, location: DumpLocation, context: Context): DumpRule | undefined {
  const problem = (message: string, severity: DumpProblem['severity'] = 'error'): undefined => {
    context.problems.push({ location, message, severity });
    return undefined;
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return problem('this is not a rule object: the dump holds one object per rule');
  }
  const rule = value as Record<string, unknown>;
  const label = String(rule.DisplayName ?? rule.Name ?? 'this rule');
  const truncated = Object.entries(rule).find(([, field]) =>
    valueList(field).some((text) => /^System\.\w+\[\]$/.test(text)),
  );
  if (truncated) {
    return problem(
      `${label}: ${truncated[0]} reads '${valueList(truncated[1])[0]}': ConvertTo-Json cut the ` +
        `dump short; write it again with -Depth 4`,
    );
  }
  if (rule.Enabled !== undefined) {
    const enabled = enumValue(rule.Enabled, ENABLED);
    if (!enabled) return problem(`${label}: Enabled is '${valueList(rule.Enabled)[0]}', neither True nor False`);
    if (enabled === 'False') return undefined;
  }
  const direction = enumValue(rule.Direction, DIRECTIONS);
  if (!direction)
    return problem(`${label}: Direction is '${valueList(rule.Direction)[0]}', neither Inbound nor Outbound`);
  if (direction !== context.direction) return undefined;
  const action = enumValue(rule.Action, ACTIONS);
  if (!action) return problem(`${label}: Action is '${valueList(rule.Action)[0]}', neither Allow nor Block`);
  if (action === 'NotConfigured') return problem(`${label}: its Action is not configured: left out`, 'warning');
  if (!('Protocol' in rule)) {
    return problem(`${label} has no Protocol: the dump needs the properties of Get-NetFirewallPortFilter`);
  }
  const transport = windowsTransport(rule.Protocol);
  // ICMP and the other protocols can neither allow nor block a TCP/UDP flow.
  if (transport === 'OTHER' || transport === undefined) return undefined;
  if (!('LocalAddress' in rule) || !('RemoteAddress' in rule)) {
    if (!context.missingAddresses) {
      problem(
        `${label} has no LocalAddress/RemoteAddress: the dump needs the properties of ` +
          `Get-NetFirewallAddressFilter; rules without them are read as Any`,
        'warning',
      );
    }
    context.missingAddresses = true;
  }
  const inbound = direction === 'Inbound';
  const [fromField, toField] = inbound ? ['RemoteAddress', 'LocalAddress'] : ['LocalAddress', 'RemoteAddress'];
  const [portField, sourceField] = inbound ? ['LocalPort', 'RemotePort'] : ['RemotePort', 'LocalPort'];
  const from = addresses(rule[fromField], fromField, label, problem);
  const to = addresses(rule[toField], toField, label, problem);
  const ports = portList(rule[portField], portField, label, problem);
  const sourcePorts = portList(rule[sourceField], sourceField, label, problem);
  if (!from || !to || ports === null || sourcePorts === null) return undefined;
  if (transport === 'ANY' && (ports || sourcePorts)) {
    return problem(`${label}: ports need the protocol TCP or UDP, and this rule's protocol is Any`);
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

type Problem = (message: string, severity?: DumpProblem['severity']) => undefined;

/** A port property: undefined for Any, null when nothing in it can be matched. */
function portList(value: unknown, field: string, label: string, problem: Problem): string[] | undefined | null {
  const entries = entriesOf(value);
  if (entries.length === 0 || entries.some((entry) => /^any$/i.test(entry.trim()))) return undefined;
  const ports: string[] = [];
  const keywords: string[] = [];
  for (const entry of entries) {
    const parsed = portEntry(entry);
    if (parsed.ok) ports.push(...parsed.values);
    else if ('keyword' in parsed) keywords.push(parsed.keyword);
    else problem(`${label}: ${field} ${parsed.reason}`);
  }
  if (keywords.length > 0) {
    const rest = ports.length > 0 ? 'verify matches only its other ports' : 'verify leaves the rule out';
    problem(`${label}: ${field} ${keywords.join(', ')} is chosen by Windows at run time: ${rest}`, 'warning');
  }
  return ports.length > 0 ? ports : null;
}

/** An address property as addresses and CIDRs; undefined when nothing in it can be matched. */
function addresses(value: unknown, field: string, label: string, problem: Problem): string[] | undefined {
  const entries = entriesOf(value);
  if (entries.length === 0) return ['any'];
  const out: string[] = [];
  const keywords: string[] = [];
  for (const entry of entries) {
    const parsed = addressEntry(entry);
    if (parsed.ok) out.push(...parsed.values);
    else if ('keyword' in parsed) keywords.push(parsed.keyword);
    else problem(`${label}: ${field} ${entry}: ${parsed.reason}`);
  }
  if (keywords.length > 0) {
    const rest = out.length > 0 ? 'verify matches only its other addresses' : 'verify leaves the rule out';
    problem(`${label}: ${field} ${keywords.join(', ')} is resolved by Windows at run time: ${rest}`, 'warning');
  }
  if (out.includes('any')) return ['any'];
  return out.length > 0 ? [...new Set(out)] : undefined;
}
