import type { FlowEvaluation } from '../flows/evaluate';
import type { RequiredFlow } from '../flows/required';
import type { TopologyModel } from '../model/model';
import type { ParsedTopology } from '../yaml/parse';
import type { Diagnostic } from '../types';
import { checkCertificates } from './certificateSan';
import { checkDns } from './dnsRecord';
import { checkEdgeTopology } from './natTopology';
import { checkInternalVips } from './internalVip';
import { checkXmppPartners } from './xmppPartner';

// The checks beyond firewall rules: the Edge pool's topology (load balancing, NAT, one or three
// IPs), rules that send per-server traffic to an internal VIP, the XMPP partners, the DNS records
// and the Access Edge certificate. The Analyzer calls them after the rule findings and before it
// reports the flows still missing, so a check can say why a flow is missing (`explained`).

export interface CheckContext {
  parsed: ParsedTopology;
  model: TopologyModel;
  flows: RequiredFlow[];
  evaluations: FlowEvaluation[];
  /** evaluationKey(flow id, firewall) → the finding that explains the flow; a check may add to it. */
  explained: Map<string, Diagnostic>;
}

export function runFeatureChecks(context: CheckContext): Diagnostic[] {
  return [
    ...checkEdgeTopology(context),
    ...checkInternalVips(context),
    ...checkXmppPartners(context),
    ...checkDns(context),
    ...checkCertificates(context),
  ];
}
