import type { ErrorObject } from 'ajv';
import { isPlainObject, type ParsedTopology } from '../yaml/parse';
import { generationOf, spliceOf } from '../yaml/ruleSplice';
import { movedRange, sideOf } from '../yaml/spliceMoves';
import type { Diagnostic } from '../types';

// The schema findings of a spliced parse (yaml/ruleSplice.ts) from those of the version it was
// spliced from: a rule item's findings depend on that item alone (the schema's `rules` are the
// `items` of one `rule` schema, and nothing above them reads their content), so those of the
// items the edit did not touch are kept, or moved when they lie after it, and only the new items
// are validated.

export interface KeptSchemaFindings {
  /** The previous findings off the spliced lines, where they are now. */
  kept: Diagnostic[];
  /** The new items' plain values, the rules first..first + items.length - 1 of the firewall. */
  items: unknown[];
  firewall: string;
  first: number;
  /** The new items' lines, [start, end): every finding of theirs lies there. */
  start: number;
  end: number;
}

/**
 * What validating `parsed` can take from `before`, the findings of `previous`; undefined when
 * `parsed` was not spliced from it or a finding reaches across the spliced lines (it may be about
 * more than one rule).
 */
export function keptSchemaFindings(
  parsed: ParsedTopology,
  previous: ParsedTopology,
  before: readonly Diagnostic[] | undefined,
): KeptSchemaFindings | undefined {
  const splice = spliceOf(parsed);
  if (!splice || !before || splice.from !== generationOf(previous)) return undefined;
  const kept: Diagnostic[] = [];
  const moves = splice.delta !== 0 || splice.lines !== 0;
  for (const diagnostic of before) {
    const { startOffset, endOffset } = diagnostic.range;
    const side = sideOf(splice, startOffset, endOffset);
    if (side === 'on') {
      if (startOffset < splice.start || endOffset > splice.oldEnd) return undefined;
    } else if (side === 'after' && moves) kept.push({ ...diagnostic, range: movedRange(diagnostic.range, splice) });
    else kept.push(diagnostic);
  }
  const items = rulesOf(parsed, splice.firewall)?.slice(splice.first, splice.first + splice.added);
  if (!items || items.length !== splice.added) return undefined;
  const { firewall, first, start } = splice;
  return { kept, items, firewall, first, start, end: splice.oldEnd + splice.delta };
}

function rulesOf(parsed: ParsedTopology, firewall: string): unknown[] | undefined {
  const root = parsed.value;
  const firewalls = isPlainObject(root) ? root.firewalls : undefined;
  const owner = isPlainObject(firewalls) ? firewalls[firewall] : undefined;
  const rules = isPlainObject(owner) ? owner.rules : undefined;
  return Array.isArray(rules) ? rules : undefined;
}

/**
 * Of the errors of a document holding only the firewall's new items, those under its rules (not
 * those of the document around them), their item numbers moved by `first`.
 */
export function itemErrors(errors: ErrorObject[], firewall: string, first: number): ErrorObject[] {
  const prefix = `/firewalls/${firewall.replace(/~/g, '~0').replace(/\//g, '~1')}/rules/`;
  const out: ErrorObject[] = [];
  for (const error of errors) {
    const match =
      error.instancePath.startsWith(prefix) && /^(\d+)(\/.*)?$/.exec(error.instancePath.slice(prefix.length));
    if (match) out.push({ ...error, instancePath: `${prefix}${first + Number(match[1])}${match[2] ?? ''}` });
  }
  return out;
}
