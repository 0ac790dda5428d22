import type { FirewallModel } from './model';

/**
 * A firewall's model in the previous version of the document, when an incremental re-check
 * (session.ts) built this one from it: its rules are the previous rule models wherever their text
 * did not change, so what was worked out for them (rules/ruleOverlap.ts) may be kept.
 */
export const previousVersion = new WeakMap<FirewallModel, FirewallModel>();
