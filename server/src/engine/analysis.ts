import { ExplanationLedger } from './flows/ledger';
import { requiredFlows } from './flows/required';
import { evaluateRequiredFlow } from './flows/sourcePorts';
import { checkedOnce, sameFlowsAs } from './flows/evaluate';
import { spliceOf } from './yaml/ruleSplice';
import type { TopologyModel } from './model/model';
import { CHECK_ORDER } from './rules/registry';
import type { Analysis, RuleContext } from './rules/rule';
import type { ParsedTopology } from './yaml/parse';
import type { Diagnostic } from './types';

// The checks of the contract over the model: the catalog's required flows, each evaluated on
// every firewall it crosses, then every check of rules/ in the registry's order over them.

/**
 * `previous`: the analysis of the version `parsed` was spliced from (only rules changed since), when
 * there is one; `keepsFindings`: a session's check (see RuleContext).
 */
export function analyze(
  parsed: ParsedTopology,
  model: TopologyModel,
  previous?: Analysis,
  keepsFindings = previous !== undefined,
): Analysis {
  const { flows, problems } = requiredFlows(model);
  if (previous && spliceOf(parsed)) sameFlowsAs(flows, previous.flows);
  if (!keepsFindings) checkedOnce(flows);
  const evaluations = flows.flatMap((flow) => flow.firewalls.map((firewall) => evaluateRequiredFlow(flow, firewall)));
  const ledger = new ExplanationLedger();
  const diagnostics: Diagnostic[] = [];
  const reported = diagnostics;
  const context: RuleContext = { parsed, model, flows, problems, evaluations, ledger, reported, keepsFindings };
  for (const step of CHECK_ORDER) diagnostics.push(...step.check(context));
  return { diagnostics, flows, evaluations, ledger };
}

export function emptyAnalysis(): Analysis {
  return { diagnostics: [], flows: [], evaluations: [], ledger: new ExplanationLedger() };
}

export type { Analysis };
