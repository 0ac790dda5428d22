import type { FirewallModel, RuleModel } from '../model/model';
import type { Diagnostic, Fix } from '../types';
import type { RequiredFlow } from './required';

// Which finding says why a required flow does not pass a firewall. A rule finding (wrong port,
// transport or direction; an internal VIP; a deny) explains the flows it stands for, so the later
// missing-flow check stays silent about them and the diagram draws them with that finding. A rule
// on a firewall the flow does not cross explains nothing there: the firewall the flow crosses
// still lacks it, and its missing-flow offers to move that rule. Checks write through explain()
// and misplace(); everyone after the analysis only reads.

type FlowRef = Pick<RequiredFlow, 'id'>;
type FirewallRef = Pick<FirewallModel, 'name'>;

/** A rule on a firewall the flow does not cross that is meant for it (wrong-firewall). */
export interface MisplacedRule {
  rule: RuleModel;
  /** The fix that moves the rule to the firewall the flow crosses, when it can be written. */
  move?: Fix;
}

/** What the flow model, the missing-rules completion and the exports may ask after the analysis. */
export interface ExplanationReader {
  explanationOf(flow: FlowRef, firewall: FirewallRef): Diagnostic | undefined;
  isExplained(flow: FlowRef, firewall: FirewallRef): boolean;
  /** The rule the explaining finding is about, when a rule finding explains the flow. */
  explainingRule(flow: FlowRef, firewall: FirewallRef): RuleModel | undefined;
  /** Every rule some finding names as the cause of a flow's failure. */
  explainingRules(): ReadonlySet<RuleModel>;
  /** The rule on another firewall meant for the flow on this one, the first one found. */
  misplacedRule(flow: FlowRef, firewall: FirewallRef): MisplacedRule | undefined;
}

function keyOf(flow: FlowRef, firewall: FirewallRef): string {
  return `${flow.id}@${firewall.name}`;
}

export class ExplanationLedger implements ExplanationReader {
  private readonly explanations = new Map<string, Diagnostic>();
  private readonly rules = new Map<string, RuleModel>();
  private readonly misplaced = new Map<string, MisplacedRule>();

  /**
   * The latest explanation wins, and with it the rule it is about: a finding that names no rule
   * must not leave the diagram naming the rule of the finding it replaced.
   */
  explain(flow: FlowRef, firewall: FirewallRef, diagnostic: Diagnostic, rule?: RuleModel): void {
    const key = keyOf(flow, firewall);
    this.explanations.set(key, diagnostic);
    if (rule) this.rules.set(key, rule);
    else this.rules.delete(key);
  }

  /** Records a rule meant for `flow` on `firewall` that sits on another firewall; the first one stays. */
  misplace(flow: FlowRef, firewall: FirewallRef, misplaced: MisplacedRule): void {
    const key = keyOf(flow, firewall);
    if (!this.misplaced.has(key)) this.misplaced.set(key, misplaced);
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

  misplacedRule(flow: FlowRef, firewall: FirewallRef): MisplacedRule | undefined {
    return this.misplaced.get(keyOf(flow, firewall));
  }
}
