import type { FlowEvaluation } from '../../flows/evaluate';
import type { RuleModel, TopologyModel } from '../../model/model';
import type { PortRange, Transport } from '../../types';
import { cidrs, type CidrSet } from './cidrs';

// What every export format prints: each firewall's rules as the file writes them, in order,
// with their addresses as CIDR blocks and the catalog rows each one serves. Addresses and ports
// come from the parsed model, never copied from the file's text.

/** What an export reads: the model, and the evaluations that say which rule serves which row. */
export interface ExportInput {
  model: TopologyModel;
  analysis: { evaluations: readonly FlowEvaluation[] };
}

export interface ExportedRule {
  /** 1-based position in the firewall. */
  position: number;
  name: string;
  action: 'allow' | 'deny';
  /** The service as written (a label: protocols are documentation). */
  service: string;
  ports: Record<Transport, PortRange[]>;
  sourcePorts?: PortRange[];
  from: string[];
  to: string[];
  src: CidrSet;
  dst: CidrSet;
  /** Catalog rows whose required flows this rule lets through, e.g. ['X1']. */
  catalogRows: string[];
  /**
   * False when the rule does not resolve (unknown name, bad port): it matches nothing and is not exported to firewalls.
   */
  complete: boolean;
}

export interface ExportedFirewall {
  name: string;
  between: string[];
  defaultAction: 'allow' | 'deny';
  rules: ExportedRule[];
}

export interface ExportedTopology {
  name?: string;
  product: string;
  firewalls: ExportedFirewall[];
}

export function exportedTopology(result: ExportInput): ExportedTopology {
  const { model, analysis } = result;
  return {
    name: model.name,
    product: model.product,
    firewalls: model.firewalls.map((firewall) => ({
      name: firewall.name,
      between: firewall.between,
      defaultAction: firewall.defaultAction,
      rules: firewall.rules.map((rule) => ({
        position: rule.index + 1,
        name: rule.name ?? `rule ${rule.index + 1}`,
        action: rule.action,
        service: rule.serviceText,
        ports: { tcp: rule.service.tcp, udp: rule.service.udp },
        sourcePorts: rule.sourcePorts,
        from: rule.from.map((ref) => ref.text),
        to: rule.to.map((ref) => ref.text),
        src: cidrs(rule.src),
        dst: cidrs(rule.dst),
        catalogRows: servedRows(rule, firewall.name, analysis),
        complete: rule.complete,
      })),
    })),
  };
}

function servedRows(rule: RuleModel, firewall: string, analysis: ExportInput['analysis']): string[] {
  const ids = new Set<string>();
  for (const evaluation of analysis.evaluations) {
    if (evaluation.firewall.name === firewall && evaluation.servingRules.includes(rule))
      ids.add(evaluation.flow.row.id);
  }
  return [...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}
