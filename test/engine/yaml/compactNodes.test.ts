import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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
  type ParsedTopology,
  rangeAtPath,
  ruleItemSpan,
  swapEndpointsEdits,
} from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES, pick, random } from '../../support/fuzz';

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

/** What the features and code actions read of the document, each part on its own. */
const READERS: Record<string, (result: CheckResult) => unknown> = {
  symbols: ({ parsed, model }) => documentSymbols(parsed, model),
  hints: (result) => inlayHints(result),
  // The lines an editor shows: hints of rules off them are left out.
  hintsOnScreen: (result) => [0.3, 0.7].map((share) => inlayHints(result, ...window(result, share))),
  lenses: (result) => codeLenses(result),
  occurrences: ({ parsed, model }) => occurrences(parsed, model),
  definitions: ({ parsed, model }) => offsets(parsed).map((offset) => definitionsAt(parsed, model, offset)),
  hovers: ({ parsed, model }) => offsets(parsed).map((offset) => hoverAt(parsed, model, offset)),
  rules: ({ parsed, model }) =>
    model.firewalls
      .flatMap((firewall) => firewall.rules)
      .map((rule) => [
        rangeAtPath(parsed, rule.path),
        rangeAtPath(parsed, [...rule.path, 'service']),
        ruleItemSpan(parsed, rule.path),
        deleteRuleEdit(parsed, rule.path),
        swapEndpointsEdits(parsed, rule.path),
      ]),
};

const offsets = (parsed: ParsedTopology): number[] =>
  [0, 0.2, 0.4, 0.6, 0.8].map((share) => Math.floor(parsed.text.length * share));

/** About 2,000 characters of the text from `share` of it. */
function window({ parsed }: CheckResult, share: number): [number, number] {
  const start = Math.floor(parsed.text.length * share);
  return [start, start + 2000];
}

/** Everything the features and code actions read of the document, on one result. */
function answers(result: CheckResult): unknown {
  return Object.fromEntries(Object.entries(READERS).map(([part, read]) => [part, read(result)]));
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

setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** A macrotask, then a full collection: the lazy rule items' entries nothing reads are gone. */
async function collected(): Promise<void> {
  await new Promise((done) => setImmediate(done));
  collect();
}

/**
 * An example with 300 more rules: block and flow maps, blank lines between some, endpoints that
 * name things, addresses and lists, quoted, empty and missing names.
 */
function generated(): string {
  const rng = random(4242);
  const base = FUZZ_EXAMPLES.find((example) => example.name === 'sfb2015-single-edge-public.topology.yaml')!.text;
  const marker = '  internal:\n    between';
  assert.ok(base.includes(marker));
  const endpoints = ['edge01.accessEdge', 'edge01', 'any', '203.0.113.7', '[edge01.internal, 10.1.2.0/24]', '"edge01"'];
  const names = (k: number): string[] => [`name: rule ${k}`, `name: "rule ${k}"`, 'name:', `name: 'edge01 ${k}'`];
  const rules = Array.from({ length: 300 }, (_, k) => {
    const fields = [
      ...(rng() < 0.8 ? [pick(rng, names(k))] : []),
      `service: TCP/${1000 + k}`,
      `from: ${pick(rng, endpoints)}`,
      `to: ${pick(rng, endpoints)}`,
    ];
    const blank = rng() < 0.2 ? '\n' : '';
    if (rng() < 0.4 && !fields[0].endsWith(':')) return `${blank}      - { ${fields.join(', ')} }\n`;
    return `${blank}      - ${fields.join('\n        ')}\n`;
  });
  return base.replace(marker, `${rules.join('')}${marker}`);
}

/** The session's rule items that are lazy and hold no entries (a lazy item has no `items` of its own). */
function bareItems(result: CheckResult): number {
  return result.model.firewalls.reduce((sum, firewall) => {
    const list = result.parsed.doc.getIn(['firewalls', firewall.name, 'rules'], true) as { items?: unknown[] };
    const items = (Array.isArray(list?.items) ? list.items : []) as { peek?: () => unknown }[];
    return sum + items.filter((item) => !Object.hasOwn(item, 'items') && item.peek?.() === undefined).length;
  }, 0);
}

test('lazy rule items: every reader answers as on a fresh parse, reading items that hold no nodes', async () => {
  let bare = 0;
  let incremental = 0;
  for (const { name, text } of [...WITH_RULES, { name: 'generated', text: generated() }]) {
    const session = createCheckSession();
    let result = session.update(text);
    let current = text;
    for (const step of ['full', 'after an edit'] as const) {
      const fresh = checkTopology(current);
      for (const [part, read] of Object.entries(READERS)) {
        await collected();
        bare += bareItems(result);
        assert.deepEqual(read(result), read(fresh), `${name}, ${step}: ${part}`);
      }
      // One rule's port changed, in the middle of the file: spliced among lazy items.
      const rule = result.model.firewalls.flatMap((firewall) => firewall.rules).at(-3);
      const span = rule && ruleItemSpan(result.parsed, rule.path);
      if (!span) break;
      const lines = current.slice(span.start, span.end).replace(/\d(?=\D*$)/, '8');
      current = `${current.slice(0, span.start)}${lines}${current.slice(span.end)}`;
      await collected();
      result = session.update(current);
      if (session.lastUpdate === 'incremental') incremental++;
    }
  }
  assert.ok(bare > 1000, `${bare} bare lazy items read`);
  assert.ok(incremental > WITH_RULES.length / 2, `${incremental} of ${WITH_RULES.length + 1} edits spliced`);
});

test('lazy rule items: an item holds its run and its place in it, its numbers kept by the run', async () => {
  const text = generated();
  const result = createCheckSession().update(text);
  await afterUpdate();
  const list = result.parsed.doc.getIn(['firewalls', 'external', 'rules'], true) as { items: object[] };
  const lazy = list.items.filter((item) => typeof (item as { peek?: unknown }).peek === 'function');
  assert.ok(lazy.length > 250, `${lazy.length} lazy items`);
  // The library's own two (its node type and schema) beside them: nothing else, however the item is written.
  const own = new Set(lazy.flatMap((item) => Reflect.ownKeys(item).map(String)));
  assert.deepEqual([...own].sort(), ['Symbol(yaml.node.type)', 'run', 'schema', 'slot']);
  // Read from the run, the same ranges as a fresh parse's.
  const fresh = checkTopology(text).parsed.doc.getIn(['firewalls', 'external', 'rules'], true) as { items: object[] };
  const read = (items: object[]) =>
    items.map((item) => {
      const { range, flow, spaceBefore } = item as { range?: number[]; flow?: boolean; spaceBefore?: boolean };
      return [range?.slice(), flow, spaceBefore];
    });
  assert.deepEqual(read(list.items), read(fresh.items));
  assert.ok(
    lazy.some((item) => (item as { flow?: boolean }).flow) &&
      lazy.some((item) => (item as { spaceBefore?: boolean }).spaceBefore),
  );
});
