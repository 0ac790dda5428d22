import assert from 'node:assert/strict';
import { isMap, isScalar, isSeq, type Node, visit } from 'yaml';
import { checkTopology, type CheckResult, type ParsedTopology } from '../../server/src/engine/index';

// The reference an incremental re-check is held to: a full check of the same text.

/** Every node of the parsed document in order: its kind, its range, its value. */
export function documentNodes(parsed: ParsedTopology): unknown[] {
  const out: unknown[] = [];
  visit(parsed.doc, {
    Node(_, node) {
      const kind = isScalar(node) ? 'scalar' : isMap(node) ? 'map' : isSeq(node) ? 'seq' : 'other';
      const range = (node as Node).range;
      out.push([kind, range?.[0], range?.[1], range?.[2], isScalar(node) ? node.value : undefined]);
    },
  });
  return out;
}

/**
 * `actual` is what a full check of `text` gives: the same findings (ranges, messages, fixes),
 * model, flow model, plain value and line starts, and a parsed document whose nodes sit where the
 * fresh parse puts them.
 */
export function assertSameAsFullCheck(actual: CheckResult, text: string, label: string): void {
  const expected = checkTopology(text);
  assert.deepEqual(actual.diagnostics, expected.diagnostics, `${label}: diagnostics`);
  assert.deepEqual(actual.model, expected.model, `${label}: model`);
  assert.deepEqual(actual.flowModel, expected.flowModel, `${label}: flow model`);
  assert.deepEqual(actual.parsed.value, expected.parsed.value, `${label}: value`);
  assert.deepEqual(actual.parsed.lineStarts, expected.parsed.lineStarts, `${label}: line starts`);
  assert.equal(actual.parsed.text, text, `${label}: text`);
  assert.deepEqual(documentNodes(actual.parsed), documentNodes(expected.parsed), `${label}: document nodes`);
}
