import type { RuleModel } from '../model/model';
import { generationOf, type Splice, spliceOf } from '../yaml/ruleSplice';
import type { ParsedTopology } from '../yaml/parse';
import { awayFromSplice, movedRange, sideOf } from '../yaml/spliceMoves';
import type { Diagnostic } from '../types';
import { movedCopy, packedFinding, sideOfFixes, sideOfRelated } from './packedFixes';

// A check's per-rule finding, kept from the previous version of the document when an edit of
// other rules cannot have changed it: the incremental re-check (session.ts) splices the parse,
// keeps the models of the rules whose text did not change, and each check here moves their
// findings to where the edit put them instead of working them out again. What decides a finding
// besides its rule (other rules it names, the earlier findings it defers to) is the check's to
// compare (`inputs`) or to apply afresh.

interface Kept {
  generation: number;
  inputs: readonly unknown[];
  finding: Diagnostic | undefined;
}

/**
 * One check's findings of the last version, by rule (or by what the check keys them on). Most
 * rules have none and depend on nothing else: for them the entry is the generation alone, a
 * number, not an object (at 20k rules and three checks, 60k of them).
 */
export type KeptFindings = WeakMap<object, Kept | number>;

/** Asks for one rule's finding: see keptFindingsOn. */
export type KeptFinding = (
  key: object,
  rule: RuleModel,
  inputs: readonly unknown[],
  find: () => Diagnostic | undefined,
) => Diagnostic | undefined;

const findAfresh: KeptFinding = (_key, _rule, _inputs, find) => find();

/**
 * For one check of `parsed`: the finding `find` gives a rule, or the one it gave on the version
 * `parsed` was spliced from, moved, when `key` and `inputs` are the same objects as then and the
 * edit lies away from the rule's lines and those of its neighbours (whose text can decide a
 * removal edit, say). Without `keeps` (a one-shot check: no version follows) nothing is recorded.
 */
export function keptFindingsOn(kept: KeptFindings, parsed: ParsedTopology, keeps = true): KeptFinding {
  if (!keeps) return findAfresh;
  const generation = generationOf(parsed);
  const splice = spliceOf(parsed);
  return (key, rule, inputs, find) => {
    const entry = kept.get(key);
    const bare = typeof entry === 'number';
    let finding: Diagnostic | undefined;
    let moved = false;
    if (
      entry !== undefined &&
      splice &&
      (bare ? entry : entry.generation) === splice.from &&
      sameInputs(bare ? NO_INPUTS : entry.inputs, inputs) &&
      awayFromSplice(splice, rule.firewall, rule.index)
    ) {
      const known = bare ? undefined : entry.finding;
      finding = known && movedFinding(known, splice);
      moved = !known || finding !== undefined;
    }
    if (!moved) {
      // Its fixes are read again only by a code action, its related locations by a publication:
      // until then they are strings and numbers.
      const found = find();
      finding = found && packedFinding(found);
    }
    if (!finding && inputs.length === 0) kept.set(key, generation);
    else if (entry !== undefined && !bare) {
      entry.generation = generation;
      entry.inputs = inputs;
      entry.finding = finding;
    } else kept.set(key, { generation, inputs, finding });
    return finding;
  };
}

const NO_INPUTS: readonly unknown[] = [];

/** The inputs of a finding that depends on nothing but its rule and what is not a rule. */
export function onlyTheRule(): readonly unknown[] {
  return NO_INPUTS;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/** Where the finding's places lie: all before the spliced lines, some after them, or one on them. */
function placesOf(finding: Diagnostic, splice: Splice): 'before' | 'after' | 'on' {
  let where = sideOf(splice, finding.range.startOffset, finding.range.endOffset);
  if (where === 'on') return where;
  const related = sideOfRelated(finding, splice);
  if (related !== 'before') where = related;
  if (where === 'on') return where;
  const fixes = sideOfFixes(finding, splice);
  return fixes === 'before' ? where : fixes;
}

/**
 * The finding with every position moved by the splice, or undefined when one lies on the
 * spliced lines (it may mean something else now). A finding wholly before them is itself, and so
 * is one after them when the splice kept the length of the text and its lines (a digit changed).
 */
export function movedFinding(finding: Diagnostic, splice: Splice): Diagnostic | undefined {
  const where = placesOf(finding, splice);
  if (where === 'on') return undefined;
  if (where === 'before' || (splice.delta === 0 && splice.lines === 0)) return finding;
  const moved = movedCopy(finding, movedRange(finding.range, splice), splice);
  origins.set(moved, findingOrigin(finding));
  return moved;
}

const origins = new WeakMap<Diagnostic, object>();

/**
 * One object for a finding and every copy of it moved since (the same texts and fixes elsewhere):
 * what the language server converts a finding's texts once by. It holds nothing, so no version
 * keeps another alive.
 */
export function findingOrigin(finding: Diagnostic): object {
  let origin = origins.get(finding);
  if (!origin) origins.set(finding, (origin = {}));
  return origin;
}
