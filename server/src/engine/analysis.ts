import type { FlowEvaluation } from './flows/evaluate';
import { ExplanationLedger, type ExplanationReader } from './flows/ledger';
import { evaluateRequiredFlow, type RequiredFlow, requiredFlows } from './flows/required';
import type { TopologyModel } from './model/model';
import { CHECK_ORDER } from './rules/registry';
import type { RuleContext } from './rules/rule';
import type { ParsedTopology } from './yaml/parse';
import type { Diagnostic } from './types';

// The checks of the contract over the model: the catalog's required flows, each evaluated on
// every firewall it crosses, then every check of rules/ in the registry's order over them.

export interface Analysis {
  diagnostics: Diagnostic[];
  flows: RequiredFlow[];
  evaluations: FlowEvaluation[];
  /** Which finding says why a flow fails on a firewall, and the rule it is about. */
  ledger: ExplanationReader;
}

export function analyze(parsed: ParsedTopology, model: TopologyModel): Analysis {
  const { flows, problems } = requiredFlows(model);
  const evaluations = flows.flatMap((flow) => flow.firewalls.map((firewall) => evaluateRequiredFlow(flow, firewall)));
  const ledger = new ExplanationLedger();
  const context: RuleContext = { parsed, model, flows, problems, evaluations, ledger };
  const diagnostics = CHECK_ORDER.flatMap((step) => step.check(context));
  return { diagnostics, flows, evaluations, ledger };
}

export function emptyAnalysis(): Analysis {
  return { diagnostics: [], flows: [], evaluations: [], ledger: new ExplanationLedger() };
}
