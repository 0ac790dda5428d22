import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Node, visit } from 'yaml';
import {
  checkTopology,
  codeLenses,
  createCheckSession,
  type CheckResult,
  definitionsAt,
  deleteRuleEdit,
  documentSymbols,
  hoverAt,
  inlayHints,
  occurrences,
  rangeAtPath,
  ruleItemSpan,
  swapEndpointsEdits,
} from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES } from '../../support/fuzz';

// The document a check session keeps is compacted (yaml/compactNodes.ts), just after a full check
// and at once for the rule items a splice adds: its scalars keep their value and range and nothing
// else. What reads the kept document (the editor features, the fixes a code action asks for, the
// paths of findings) answers as on a fresh check's document.

/** After the update's macrotask: when the session has compacted a fully parsed document. */
const afterUpdate = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

const WITH_RULES = FUZZ_EXAMPLES.filter((example) => checkTopology(example.text).model.firewalls.length > 0);

/** The scalars of the document, with what they hold as own properties. */
function scalars(result: CheckResult): { own: string[]; value: unknown; range: number[] | undefined }[] {
  const out: { own: string[]; value: unknown; range: number[] | undefined }[] = [];
  visit(result.parsed.doc, {
    Scalar(_, node) {
      out.push({ own: Object.keys(node), value: node.value, range: (node as Node).range?.slice() });
    },
  });
  return out;
}

/** Everything the features and code actions read of the document, on one result. */
function answers(result: CheckResult): unknown {
  const { parsed, model } = result;
  const rules = model.firewalls.flatMap((firewall) => firewall.rules);
  const offsets = [0, 0.2, 0.4, 0.6, 0.8].map((share) => Math.floor(parsed.text.length * share));
  return {
    symbols: documentSymbols(parsed, model),
    hints: inlayHints(result),
    lenses: codeLenses(result),
    occurrences: occurrences(parsed, model),
    definitions: offsets.map((offset) => definitionsAt(parsed, model, offset)),
    hovers: offsets.map((offset) => hoverAt(parsed, model, offset)),
    rules: rules.map((rule) => [
      rangeAtPath(parsed, rule.path),
      rangeAtPath(parsed, [...rule.path, 'service']),
      ruleItemSpan(parsed, rule.path),
      deleteRuleEdit(parsed, rule.path),
      swapEndpointsEdits(parsed, rule.path),
    ]),
  };
}

test('compact document: a session keeps scalars of a value and a range only, as the fresh parse has them', async () => {
  for (const { name, text } of WITH_RULES) {
    const kept = createCheckSession().update(text);
    await afterUpdate();
    const fresh = checkTopology(text);
    const compact = scalars(kept);
    const parsed = scalars(fresh);
    assert.deepEqual(
      compact.map(({ value, range }) => [value, range]),
      parsed.map(({ value, range }) => [value, range]),
      name,
    );
    // A scalar with a comment, an anchor or a tag keeps all it was parsed with.
    const plain = compact.filter(
      ({ own }) => !own.some((key) => ['comment', 'commentBefore', 'anchor', 'tag'].includes(key)),
    );
    assert.ok(plain.length > compact.length / 2, `${name}: ${plain.length} of ${compact.length} scalars compact`);
    for (const { own } of plain) assert.deepEqual(own, ['value', 'rangeStart', 'rangeValueEnd', 'rangeEnd'], name);
  }
});

test('compact document: what reads it answers as on a fresh parse, after full and spliced checks', async () => {
  let incremental = 0;
  for (const { name, text } of WITH_RULES) {
    const session = createCheckSession();
    const result = session.update(text);
    await afterUpdate();
    assert.deepEqual(answers(result), answers(checkTopology(text)), `${name}: full`);
    const rule = result.model.firewalls
      .flatMap((firewall) => firewall.rules)
      .find((item) => ruleItemSpan(result.parsed, item.path));
    if (!rule) continue;
    const span = ruleItemSpan(result.parsed, rule.path)!;
    const changed = `${text.slice(0, span.end)}${text.slice(span.start, span.end).replace(/\d(?=\D*$)/, '7')}${text.slice(span.end)}`;
    const after = session.update(changed);
    // A splice's new items are compacted at once; a document parsed whole, just after.
    if (session.lastUpdate === 'incremental') incremental++;
    else await afterUpdate();
    const loose = scalars(after).filter(({ own }) => own.includes('source'));
    assert.ok(
      loose.every(({ own }) => ['comment', 'commentBefore', 'anchor', 'tag'].some((key) => own.includes(key))),
      `${name}: compact after the edit (${session.lastUpdate})`,
    );
    assert.deepEqual(answers(after), answers(checkTopology(changed)), `${name}: after a rule is added`);
  }
  assert.ok(incremental > 3, `${incremental} of ${WITH_RULES.length} edits incremental`);
});
