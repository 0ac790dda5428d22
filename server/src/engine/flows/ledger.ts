import type { FirewallModel, RuleModel } from '../model/model';
import type { Diagnostic } from '../types';
import type { RequiredFlow } from './required';

// Which finding says why a required flow does not pass a firewall. A rule finding (wrong port,
// transport, direction or firewall; an internal VIP; a deny) explains the flows it stands for, so
// the later missing-flow check stays silent about them and the diagram draws them with that
// finding. Checks write through explain(); everyone after the analysis only reads.

type FlowRef = Pick<RequiredFlow, 'id'>;
type FirewallRef = Pick<FirewallModel, 'name'>;

/** What the flow model, the missing-rules completion and the exports may ask after the analysis. */
export interface ExplanationReader {
  explanationOf(flow: FlowRef, firewall: FirewallRef): Diagnostic | undefined;
  isExplained(flow: FlowRef, firewall: FirewallRef): boolean;
  /** The rule the explaining finding is about, when a rule finding explains the flow. */
  explainingRule(flow: FlowRef, firewall: FirewallRef): RuleModel | undefined;
  /** Every rule some finding names as the cause of a flow's failure. */
  explainingRules(): ReadonlySet<RuleModel>;
}

function keyOf(flow: FlowRef, firewall: FirewallRef): string {
  return `${flow.id}@${firewall.name}`;
}

export class ExplanationLedger implements ExplanationReader {
  private readonly explanations = new Map<string, Diagnostic>();
  private readonly rules = new Map<string, RuleModel>();

  /**
   * The latest explanation wins. A finding without a rule of its own (an internal VIP, a deny)
   * leaves the rule an earlier finding named, as the diagram has always drawn it.
   */
  explain(flow: FlowRef, firewall: FirewallRef, diagnostic: Diagnostic, rule?: RuleModel): void {
    const key = keyOf(flow, firewall);
    this.explanations.set(key, diagnostic);
    if (rule) this.rules.set(key, rule);
  }

  explanationOf(flow: FlowRef, firewall: FirewallRef): Diagnostic | undefined {
    return this.explanations.get(keyOf(flow, firewall));
  }

  isExplained(flow: FlowRef, firewall: FirewallRef): boolean {
    return this.explanations.has(keyOf(flow, firewall));
  }

  explainingRule(flow: FlowRef, firewall: FirewallRef): RuleModel | undefined {
    return this.rules.get(keyOf(flow, firewall));
  }

  explainingRules(): ReadonlySet<RuleModel> {
    return new Set(this.rules.values());
  }
}
