import { formatter, textRef, type MessageData } from '../../messageFormat';
import { MODEL_TEXTS } from '../../model/texts';
import type { DumpLocation, DumpProblem } from '../dumpRule';

// The English texts of what the dump readers say (iptables-save, nft JSON, Cisco ASA, Windows
// Firewall), by id: a problem keeps its id and data beside the English line, and the Russian catalog
// (i18n/ru.json) has the same ids. What the dump itself says (names, addresses, words of its syntax)
// is data; a reason the engine gives for an address is a model text (address/...), nested.

export const READER_TEXTS = {
  // Shared by iptables-save and nft JSON (chains.ts).
  'dump/leftOut': '{{reason}}; the rule is left out',
  'dump/interfaceMatch':
    'the interface match {{match}} is not modelled: the rule is read as if it matched every interface',
  'dump/chain/narrowed':
    'this rule in chain {{chain}} narrows the jump to it in a way a topology rule cannot say; it is left out',
  'dump/chain/conditionalReturn':
    'a conditional return in chain {{chain}} is not followed: the rules after it are read as if it were not there',
  'dump/chain/noTarget': 'the jump to {{chain}} names no chain of the dump; it is left out',
  'dump/chain/loop': 'the jump to {{chain}} loops back ({{path}})',
  'dump/chain/unknown': 'the dump has no chain {{chain}}; its chains: {{chains}}',
  'dump/chain/none': 'none',
  'dump/chain/noBase': 'the dump has no {{what}} and no chain with rules',
  'dump/chain/ruleInForward': 'rule in FORWARD',
  'dump/chain/forwardHook': 'chain on the forward hook',
  'dump/chain/several': 'say which chain stands for the firewall: the dump has {{chains}}',
  // iptables-save
  'dump/iptables/notLine': "not an iptables-save line ('{{text}}'); it is left out",
  'dump/iptables/noFilter': 'the dump has no *filter table',
  'dump/iptables/negation': "the negation '! {{value}}' cannot be written as a topology rule",
  'dump/iptables/match': 'the match -m {{match}} cannot be written as a topology rule',
  'dump/iptables/option': 'the option {{option}} cannot be written as a topology rule',
  'dump/iptables/target': 'the target {{target}} is not a verdict a topology rule has',
  // nft -j list ruleset
  'dump/nft/notJson': 'not nft JSON: {{reason}}',
  'dump/nft/noList': 'no "nftables" list',
  'dump/nft/operator': "the match with '{{op}}' cannot be written as a topology rule",
  'dump/nft/address': 'the address match {{value}} cannot be read',
  'dump/nft/port': 'the port match {{value}} cannot be read',
  'dump/nft/match': 'the match on {{value}} cannot be written as a topology rule',
  'dump/nft/xt': 'an iptables-nft rule (xt) is not readable in nft JSON: dump it with iptables-save',
  'dump/nft/statement': "the statement '{{statement}}' cannot be written as a topology rule",
  // Addresses and ports as the ASA and Windows Firewall write them.
  'dump/address/notSingle': "'{{text}}' is not a single address",
  'dump/address/mask': "'{{mask}}' is not a contiguous subnet mask",
  'dump/address/notV4': "'{{address}}' is not an IPv4 address",
  'dump/address/notRange': "'{{range}}' is not a range",
  'dump/address/reversed': 'the range {{range}} ends before it starts',
  'dump/address/mixed': 'the range {{range}} mixes IPv4 and IPv6',
  'dump/address/missing': 'an address is missing',
  'dump/address/rangeEnd': 'the range needs a last address',
  'dump/address/needsMask': "'{{address}}' needs a mask",
  // Cisco ASA
  'dump/asa/listing': ': {{lists}}',
  'dump/asa/noSuchList': "the config has no access list or interface named '{{name}}'{{listing}}",
  'dump/asa/noList': 'the config has no extended access list',
  'dump/asa/noListName':
    'the config has no extended access list: name the interface whose incoming traffic to verify ({{interfaces}})',
  'dump/asa/severalLists': 'the config has several access lists: name the one to verify{{listing}}',
  'dump/asa/levelNoAddress':
    'interface {{name}} (security-level {{level}}) has no address in the config: traffic from {{entry}} ' +
    'toward it is read as denied',
  'dump/asa/definedTwice':
    "'{{name}}' is defined a second time: the ASA does not allow that; the first definition is used",
  'dump/asa/groupObjectName': 'group-object needs a name',
  'dump/asa/notUnderstoodIn': "'{{word}}' is not understood in {{definition}}",
  'dump/asa/nameMissing': 'a name is missing',
  'dump/asa/entryLeftOut': '{{reason}}: the entry is left out',
  'dump/asa/ruleLeftOut': '{{reason}}: the rule is left out',
  'dump/asa/portObjectOperator': "port-object needs 'eq' or 'range' here",
  'dump/asa/notExtended': 'only extended access lists are read: the line is left out',
  'dump/asa/action': "'permit' or 'deny' is expected here: the rule is left out",
  'dump/asa/inactive': 'this rule is inactive: the ASA skips it, and so does verify',
  'dump/asa/runtimeOnly': 'the rule matches only {{names}}, which the ASA resolves at run time: the rule is left out',
  'dump/asa/protocolMissingRule': 'a protocol is missing here: the rule is left out',
  'dump/asa/nameMissingRule': 'a name is missing here: the rule is left out',
  'dump/asa/addressMissing': 'an address is missing here: the rule is left out',
  'dump/asa/interfaceSide': "'interface {{name}}' is the ASA itself, not a host behind it: the rule is left out",
  'dump/asa/identity': "'{{word}}' (identity or TrustSec matching) is not read: the rule is left out",
  'dump/asa/timeRange': 'time-range {{name}}: verify treats the rule as always active',
  'dump/asa/notUnderstood': "'{{word}}' is not understood here: the rule is left out",
  'dump/asa/operatorPort': "'{{operator}}' needs a port here",
  'dump/asa/protocolMissing': 'a protocol is missing here',
  'dump/asa/sideOperator': "'{{word}}' needs eq, neq, lt, gt or range here",
  'dump/asa/fqdn':
    'object {{name}} is the FQDN {{fqdn}}, which the ASA resolves at run time: rules that use it match only ' +
    'their other addresses',
  'dump/asa/undefined': "{{what}} '{{name}}' is not defined{{found}}: the rule is left out",
  'dump/asa/itIs': ' (it is a {{kind}})',
  'dump/asa/or': '{{first}} or {{second}}',
  'dump/asa/kind/network-object': 'network object',
  'dump/asa/kind/service-object': 'service object',
  'dump/asa/kind/network-group': 'network group',
  'dump/asa/kind/service-group': 'service group',
  'dump/asa/kind/port-group': 'port group',
  'dump/asa/kind/protocol-group': 'protocol group',
  'dump/asa/kind/other-group': 'group of another kind',
  'dump/asa/cycle': '{{name}} closes a cycle ({{path}}): rules that use these groups are left out',
  'dump/asa/portOutside': 'port {{port}} is outside 0-65535',
  'dump/asa/portName': "'{{name}}' is not a port name the ASA knows (write the number)",
  'dump/asa/anyBehind': 'any address behind {{interface}}',
  'dump/asa/anyNotBehind': 'any address not behind {{interface}}',
  'dump/asa/notEntering':
    'no source of this entry enters by {{interfaces}}, where its access list {{acl}} applies: ' +
    'the ASA never matches it, and verify leaves it out',
  'dump/asa/backOut':
    'every destination of this entry is behind {{interfaces}}, where its sources enter: ' +
    'without same-security-traffic permit intra-interface the ASA never matches it, and verify leaves it out',
  // Windows Firewall
  'dump/windows/ruleList': "the rule list of a Windows Firewall dump is Inbound or Outbound, not '{{name}}'",
  'dump/windows/json': 'the JSON does not parse: {{reason}}',
  'dump/json/unexpected': '{{found}} is unexpected here',
  'dump/json/end': 'the end of the text',
  'dump/json/control': 'a control character',
  'dump/json/character': "'{{character}}'",
  'dump/windows/thisRule': 'this rule',
  'dump/windows/notObject': 'this is not a rule object: the dump holds one object per rule',
  'dump/windows/truncated':
    "{{rule}}: {{field}} reads '{{value}}': ConvertTo-Json cut the dump short; write it again with -Depth 4",
  'dump/windows/enabled': "{{rule}}: Enabled is '{{value}}', neither True nor False",
  'dump/windows/direction': "{{rule}}: Direction is '{{value}}', neither Inbound nor Outbound",
  'dump/windows/action': "{{rule}}: Action is '{{value}}', neither Allow nor Block",
  'dump/windows/notConfigured': '{{rule}}: its Action is not configured: left out',
  'dump/windows/noProtocol': '{{rule}} has no Protocol: the dump needs the properties of Get-NetFirewallPortFilter',
  'dump/windows/noAddresses':
    '{{rule}} has no LocalAddress/RemoteAddress: the dump needs the properties of Get-NetFirewallAddressFilter; ' +
    'rules without them are read as Any',
  'dump/windows/anyPorts': "{{rule}}: ports need the protocol TCP or UDP, and this rule's protocol is Any",
  'dump/windows/badPort': '{{rule}}: {{field}} {{reason}}',
  'dump/windows/portRange': "'{{text}}' is not a port or range within 1-65535",
  'dump/windows/portKeyword': '{{rule}}: {{field}} {{keywords}} is chosen by Windows at run time: {{rest}}',
  'dump/windows/otherPorts': 'verify matches only its other ports',
  'dump/windows/ruleOut': 'verify leaves the rule out',
  'dump/windows/badAddress': '{{rule}}: {{field}} {{entry}}: {{reason}}',
  'dump/windows/addressKeyword': '{{rule}}: {{field}} {{keywords}} is resolved by Windows at run time: {{rest}}',
  'dump/windows/otherAddresses': 'verify matches only its other addresses',
  // What the language server says when it cannot verify a dump.
} as const;

export type ReaderTextId = keyof typeof READER_TEXTS;

const write = formatter({ ...MODEL_TEXTS, ...READER_TEXTS });

/** A reader's problem, its English line written from the id. */
export function readerProblem(
  location: DumpLocation,
  id: ReaderTextId,
  data: MessageData,
  severity: DumpProblem['severity'],
  choices?: string[],
): DumpProblem {
  return { location, message: write(id, data), text: textRef(id, data), severity, ...(choices ? { choices } : {}) };
}

/** A reader text in English, for the parts a problem composes (a reason, a listing). */
export function readerText(id: ReaderTextId, data: MessageData = {}): string {
  return write(id, data);
}
