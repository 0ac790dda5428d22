import type { RuleModel } from './model';
import { type ParsedTopology, rangeAtPath } from '../yaml/parse';
import type { SourceRange } from '../types';

// Where each rule is written, once per parse. The standings relate a shadowed rule to every rule
// above it that decides part of it, so the same rules are named over and over (at 50k rules,
// some 55k related places), and unneeded-rule and the diagram ask for them again: each walk to
// the node and each SourceRange made was the same one every time. A range is never changed in
// place (a moved finding gets moved copies), so the findings share it.

/** Per parse, the ranges of the rules asked. */
const ranges = new WeakMap<ParsedTopology, Map<RuleModel, SourceRange>>();

/** rangeAtPath(parsed, rule.path), worked out once per parse and rule. */
export function ruleRange(parsed: ParsedTopology, rule: RuleModel): SourceRange {
  let known = ranges.get(parsed);
  if (!known) ranges.set(parsed, (known = new Map()));
  let range = known.get(rule);
  if (!range) known.set(rule, (range = rangeAtPath(parsed, rule.path)));
  return range;
}
