import type { RuleModel } from '../model/model';
import type { Diagnostic, RelatedLocation, SourceRange } from '../types';
import { report, ruleLabel, type Rule, type RuleContext } from './rule';
import type { KeptFindings } from './keptFindings';
import { standingFindings } from './ruleOverlap';

/** The one text of both messages, but for the number of the earlier rules (and so the verb's). */
function neverMatches(earlier: string): string {
  return `Rule {{rule}} of firewall '{{firewall}}' can never match: ${earlier} first.`;
}

const meta = {
  code: 'shadowed-rule',
  severity: 'warning',
  summary: 'A rule that can never match because earlier rules decide all it matches.',
  docs: 'A rule that can never match because earlier rules decide all it matches.',
  fixKinds: [],
  messages: {
    shadowedByOne: neverMatches('rule {{covering}} comes'),
    shadowedBySeveral: neverMatches('rules {{covering}} come'),
  },
  details: {
    shadowedByOne: 'It already decides everything the rule matches. Remove the rule, or move it above.',
    shadowedBySeveral: 'Together they already decide everything the rule matches. Remove the rule, or move it above.',
  },
} as const satisfies Rule['meta'];

const kept: KeptFindings = new WeakMap();

function check(context: RuleContext): Diagnostic[] {
  // The rules that shadow others are few and each shadows many (an `any` rule above a large
  // file's partner rules): one related place per such rule, shared by its findings, as its range
  // is. Neither is changed in place: a moved finding gets moved copies.
  const relatedPlaces = new Map<RuleModel, RelatedLocation>();
  const relatedPlace = (other: RuleModel, at: (rule: RuleModel) => SourceRange): RelatedLocation => {
    let place = relatedPlaces.get(other);
    if (!place)
      relatedPlaces.set(other, (place = { range: at(other), message: `Rule ${ruleLabel(other)} matches first.` }));
    return place;
  };
  return standingFindings(context, kept, ({ firewall, rule, shadowedBy }, at) => {
    if (!shadowedBy) return undefined;
    const data = { rule: ruleLabel(rule), covering: shadowedBy.map(ruleLabel).join(', '), firewall: firewall.name };
    const related = shadowedBy.map((other) => relatedPlace(other, at));
    return report(meta, shadowedBy.length > 1 ? 'shadowedBySeveral' : 'shadowedByOne', data, {
      range: at(rule),
      related,
    });
  });
}

export const shadowedRule: Rule<typeof meta> = { meta, check };
