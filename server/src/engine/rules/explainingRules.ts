import { flowsTouchedBy } from '../flows/evaluate';
import type { Diagnostic } from '../types';
import { evaluationOf, flowsOn, type ExplainScope, type RuleExplainer } from './explainScope';
import type { RuleContext } from './rule';
import { reversedFlow } from './reversedFlow';
import { wrongFirewall } from './wrongFirewall';
import { wrongPort } from './wrongPort';
import { wrongTransport } from './wrongTransport';

// Allow rules that serve no required flow of their firewall, read as a near miss of one: the
// wrong transport, port, direction or firewall, asked in that order, the first answer kept. Each
// answer explains the flow(s) it stands for in the ledger and claims them, so a second rule of
// the same firewall does not explain a flow again (a rule on the wrong firewall explains nothing
// where the flow crosses: it is recorded as misplaced there). Runs before the other checks that explain.

const EXPLAINERS: readonly RuleExplainer[] = [
  wrongTransport.explain,
  wrongPort.explain,
  reversedFlow.explain,
  wrongFirewall.explain,
];

export function checkExplainingRules(context: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const firewall of context.model.firewalls) {
    const crossing = flowsOn(context, firewall);
    const missing = crossing.filter((flow) => evaluationOf(context, flow, firewall)?.verdict === 'missing');
    const scope: ExplainScope = { context, firewall, missing, claimed: new Set() };
    for (const rule of firewall.rules) {
      if (!rule.complete || rule.action !== 'allow' || flowsTouchedBy(rule, firewall, context.flows).length > 0)
        continue;
      for (const explainer of EXPLAINERS) {
        const finding = explainer(rule, scope);
        if (!finding) continue;
        out.push(finding);
        break;
      }
    }
  }
  return out;
}
