import type { DiagnosticCode, Severity } from '../types';

/** What each diagnostic code means: for SARIF rule metadata, the README, and LSP code links. */
export const CODE_INFO: Record<DiagnosticCode, { severity: Severity; summary: string }> = {
  'yaml-syntax': { severity: 'error', summary: 'The YAML does not parse.' },
  schema: { severity: 'error', summary: 'A key, type or value does not fit the topology schema.' },
  'unknown-reference': { severity: 'error', summary: 'from/to/network/between names nothing defined.' },
  'invalid-address': { severity: 'error', summary: 'An IP address or CIDR does not parse.' },
  'invalid-port': { severity: 'error', summary: 'A port outside 1..65535, or a range whose start exceeds its end.' },
  'missing-flow': { severity: 'error', summary: 'A required flow of an enabled feature is allowed by no rule of a firewall it crosses.' },
  'wrong-port': { severity: 'error', summary: "A rule between a required flow's endpoints, same transport, but another port." },
  'wrong-transport': { severity: 'error', summary: "A rule between a required flow's endpoints and port, with the wrong transport." },
  'reversed-flow': { severity: 'error', summary: 'A rule that matches a required flow with from and to swapped, while the flow itself is missing.' },
  'wrong-firewall': { severity: 'error', summary: 'A rule for a required flow on a firewall the flow does not cross.' },
  'blocked-flow': { severity: 'error', summary: 'A required flow that a deny rule stops before any rule allows it.' },
  'shadowed-rule': { severity: 'warning', summary: 'A rule that can never match because earlier rules decide all it matches.' },
  'overly-permissive': { severity: 'warning', summary: 'An allow rule that opens much more than the catalog requires.' },
  'duplicate-rule': { severity: 'warning', summary: 'The same rule twice in one firewall.' },
  'feature-unsupported': { severity: 'error', summary: 'A feature enabled for a product that does not support it.' },
  'missing-role': { severity: 'error', summary: 'An enabled feature needs a role that no server has.' },
  'internal-vip': { severity: 'error', summary: "A per-server flow (such as XMPP/MTLS/23456) aimed at an internal load-balancer VIP instead of each Edge server's internal IP." },
  'xmpp-partner': { severity: 'error', summary: 'An XMPP federated partner with an invalid or risky TLS/SASL/dialback combination.' },
  'dns-record': { severity: 'error', summary: 'A DNS record the enabled features need is missing or points elsewhere.' },
  'certificate-san': { severity: 'error', summary: 'The Access Edge external certificate lacks a subject alternative name the features need.' },
  'nat-topology': { severity: 'error', summary: "The Edge pool's shape does not fit Microsoft's Edge topologies (NAT with load balancers or on the internal side, missing VIPs, one-IP port clashes, several Edge servers without load balancing)." },
  'internal-error': { severity: 'error', summary: 'The checker itself failed on this file; please report it.' },
};

export const ALL_CODES = Object.keys(CODE_INFO) as DiagnosticCode[];

/** Anchor of the code's section in the README (GitHub heading slugs). */
export function codeDocumentationUrl(code: DiagnosticCode): string {
  return `https://github.com/lync-port-planner/lync-port-planner#${code}`;
}
