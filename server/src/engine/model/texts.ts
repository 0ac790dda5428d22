import { formatter, textRef, type MessageData, type TextRef } from '../messageFormat';
import { YAML_TEXTS } from '../yaml/texts';

// The English texts of the findings building the model makes (invalid-address, invalid-port,
// unknown-reference, and schema for a service text), by id; the reasons an address, a port or a
// service text does not parse are texts of their own, which a finding names as {{reason}}.

export const MODEL_TEXTS = {
  'address/badCidr':
    "'{{text}}' is not a valid CIDR: write an address and a prefix length, such as 172.25.33.0/24 or 2001:db8::/32.",
  'address/badAddress':
    "'{{text}}' is not a valid IP address: write four numbers 0-255 separated by dots (131.107.155.10) " +
    'or an IPv6 address.',
  'address/bad': "'{{text}}' is not a valid IP address or CIDR.",
  'address/notAddress': "'{{text}}' is not an address.",
  'port/badGroup':
    "'{{text}}' is not a port: a thousands separator is followed by exactly three digits, as in 50,000-59,999; " +
    'or write the number without it.',
  'port/notPort': "'{{text}}' is not a port: write a number 1-65535 or a range such as 50000-59999.",
  'port/outside': 'Port {{port}} is outside 1..65535.',
  'port/reversed': 'The range {{from}}-{{to}} starts after it ends; write {{to}}-{{from}}.',
  'port/emptyList': 'The port list is empty; give at least one port.',
  'port/notNumber': 'A port is a number, a range a-b, or a list of those.',
  'service/notService':
    "'{{text}}' is not a service: write PROTOCOL/TRANSPORT/PORT, such as XMPP/TCP/5269 or XMPP/MTLS/23456.",
  'service/noTransport':
    "'{{text}}' names no transport: put TCP, UDP, TLS or MTLS before the port, such as XMPP/TCP/5269.",
  'service/between': "'{{text}}' has '{{between}}' between the transport and the port; write PROTOCOL/TRANSPORT/PORT.",
  'invalid-address/reason': '{{reason}}',
  'invalid-address/inNetwork': "{{reason}} (network '{{network}}')",
  'invalid-address/interfaceSubnet': "'{{text}}' is a subnet; an interface has one address, such as 131.107.155.10.",
  'invalid-address/vipSubnet': "'{{text}}' is a subnet; a virtual IP is one address, such as 131.107.155.100.",
  'invalid-port/reason': '{{reason}}',
  'invalid-port/edgePort': 'edge.ports.{{key}} must be a port number 1-65535, such as {{port}}.',
  'schema/reason': '{{reason}}',
  'unknown-reference/interfaceNetwork':
    "No network is named '{{network}}'.{{suggestion}} Define it under networks, or use one of: {{networks}}.",
  'unknown-reference/between':
    "Firewall '{{firewall}}' stands between '{{network}}', which is not a network.{{suggestion}} " +
    'Networks: {{networks}}.',
  'unknown-reference/emptyEndpoint':
    'The endpoint is empty: write any, a server, server.interface, a pool FQDN, a network, ' +
    'an IP address or a CIDR.',
  'unknown-reference/noInterface':
    "Server '{{server}}' has no interface '{{interface}}'.{{suggestion}} Its interfaces: {{interfaces}}.",
  'unknown-reference/noEndpoint':
    "'{{text}}' names no server, interface, pool or network, and is not an IP address or CIDR.{{suggestion}}",
} as const;

export type ModelTextId = keyof typeof MODEL_TEXTS;

/** Why a value does not parse, as a text by id. */
export function reason(id: ModelTextId, data: MessageData = {}): TextRef {
  return textRef(id, data);
}

/** A text of this layer in English, nested texts (a reason, a suggestion) included. */
export const writeModel = formatter({ ...YAML_TEXTS, ...MODEL_TEXTS });
