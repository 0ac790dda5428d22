import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { cursorContext } from '../../../server/src/engine/index';
import { FUZZ_EXAMPLES } from '../../support/fuzz';

/** `‸` marks the cursor (YAML itself uses `|`); returns the text without it and the offset. */
function at(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'the fixture needs a ‸ cursor marker');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

function context(marked: string) {
  const { text, offset } = at(marked);
  return cursorContext(text, offset);
}

const FIREWALLS = `firewalls:
  external:
    between: [internet, perimeter]
    rules:
      - name: first
        service: XMPP/TCP/5269
        from: any
        to: edge01.accessEdge
      - name: second
`;

test("a bare word inside a rule is a key of that rule, with the rule's other keys present", () => {
  const result = context(`${FIREWALLS}        ser‸\n        to: any\n`);
  assert.deepEqual(result.path, ['firewalls', 'external', 'rules', 1]);
  assert.equal(result.kind, 'key');
  assert.equal(result.prefix, 'ser');
  assert.deepEqual(result.presentKeys.sort(), ['name', 'to']);
});

test("an empty value after `to:` is a value at the rule's `to`", () => {
  const result = context(`${FIREWALLS}        to: ‸\n`);
  assert.deepEqual(result.path, ['firewalls', 'external', 'rules', 1, 'to']);
  assert.equal(result.kind, 'value');
  assert.equal(result.prefix, '');
});

test('a partly typed endpoint keeps its dots in the word', () => {
  const { text, offset } = at(`${FIREWALLS}        from: edge01.acc‸ess\n`);
  const result = cursorContext(text, offset);
  assert.deepEqual(result.path, ['firewalls', 'external', 'rules', 1, 'from']);
  assert.equal(result.word, 'edge01.access');
  assert.equal(result.prefix, 'edge01.acc');
  assert.equal(text.slice(result.wordStart, result.wordEnd), 'edge01.access');
});

test('the first rule and the third rule get their own indexes', () => {
  assert.deepEqual(context(FIREWALLS.replace('from: any', 'from: an‸y')).path, [
    'firewalls',
    'external',
    'rules',
    0,
    'from',
  ]);
  const third = context(`${FIREWALLS}        service: XMPP/TCP/5269\n      - service: X‸\n`);
  assert.deepEqual(third.path, ['firewalls', 'external', 'rules', 2, 'service']);
  assert.equal(third.kind, 'value');
});

test('a key typed on a new `- ` item line belongs to that item, with no keys present yet', () => {
  const result = context(`${FIREWALLS}      - na‸\n`);
  // Without a colon the word could be a scalar item or a key; callers decide from the schema.
  assert.deepEqual(result.path, ['firewalls', 'external', 'rules', 2]);
  assert.equal(result.kind, 'value');
  assert.equal(result.indent, 8);
  const keyed = context(`${FIREWALLS}      - na‸me: x\n`);
  assert.deepEqual(keyed.path, ['firewalls', 'external', 'rules', 2]);
  assert.equal(keyed.kind, 'key');
  assert.deepEqual(keyed.presentKeys, []);
});

test("compact sequences (dash at the key's column) count their items", () => {
  const result = context('rules:\n- name: a\n- name: b\n  to: ‸\n');
  assert.deepEqual(result.path, ['rules', 1, 'to']);
});

test('positions inside a flow sequence and a flow mapping', () => {
  assert.deepEqual(context(FIREWALLS.replace('[internet, perimeter]', '[internet, per‸imeter]')).path, [
    'firewalls',
    'external',
    'between',
    1,
  ]);
  const value = context(
    'servers:\n  edge01:\n    interfaces:\n      accessEdge: { ip: 131.107.155.10, network: per‸\n',
  );
  assert.deepEqual(value.path, ['servers', 'edge01', 'interfaces', 'accessEdge', 'network']);
  assert.equal(value.kind, 'value');
  const key = context(
    'servers:\n  edge01:\n    interfaces:\n      accessEdge: { ip: 131.107.155.10, ‸, publicIp: 1.2.3.4 }\n',
  );
  assert.deepEqual(key.path, ['servers', 'edge01', 'interfaces', 'accessEdge']);
  assert.equal(key.kind, 'key');
  assert.deepEqual(key.presentKeys.sort(), ['ip', 'publicIp']);
});

test('a blank line takes its mapping from the cursor column', () => {
  const text = 'topology:\n  name: x\n\nnetworks:\n  corp: { zone: internal }\n';
  const top = cursorContext(text, text.indexOf('\n\n') + 1);
  assert.deepEqual(top.path, []);
  assert.equal(top.kind, 'key');
  assert.deepEqual(top.presentKeys.sort(), ['networks', 'topology']);
  const nested = context('topology:\n  name: x\n  ‸\nnetworks: {}\n');
  assert.deepEqual(nested.path, ['topology']);
  assert.deepEqual(nested.presentKeys, ['name']);
});

test('comments, quotes and broken lines above do not confuse the path', () => {
  const result = context(
    '# lync-topology\ntopology:   # the header\n  name: "a: b"  # quoted colon\n  oops [\n  product: ‸\n',
  );
  assert.deepEqual(result.path, ['topology', 'product']);
  assert.equal(result.kind, 'value');
});

test('block scalars do not open mappings', () => {
  const result = context('topology:\n  name: |\n    foo: bar\n  pro‸\n');
  assert.deepEqual(result.path, ['topology']);
  assert.deepEqual(result.presentKeys, ['name']);
});

test('offsets past the end or before the start are clamped', () => {
  assert.deepEqual(cursorContext('topology:\n  name: x', 10_000).path, ['topology', 'name']);
  assert.deepEqual(cursorContext('topology:\n', -5).path, []);
  assert.equal(cursorContext('', 0).kind, 'key');
});

test('a cursor inside a comment has no word, so nothing is completed or explained there', () => {
  const result = context('topology:\n  product: lync2013   # lync2013 | sf‸b2015\n');
  assert.equal(result.inComment, true);
  assert.equal(result.word, '');
  assert.equal(context('topology:\n  product: lync‸2013   # note\n').inComment, false);
  const between = context('topology:\n  product: ‸           # one of lync2013, sfb2015\n');
  assert.equal(between.inComment, false, 'the spaces before a comment are still the value');
  assert.deepEqual(between.path, ['topology', 'product']);
});

test('the lines of a text are reused while it stays the same, and never for another text', () => {
  const texts = FUZZ_EXAMPLES.map(({ text }) => text);
  // A one-character edit that keeps the length: the reuse must compare the text, not its size.
  texts.push(texts[0].replace('firewalls:', 'firewallz:'));
  const cold = (text: string, offset: number) => {
    cursorContext('other: text\n', 0);
    return cursorContext(text, offset);
  };
  for (const text of texts) {
    for (let offset = 0; offset <= text.length; offset += 13) {
      const expected = cold(text, offset);
      assert.deepEqual(cursorContext(text, offset), expected, `offset ${offset}`);
      assert.deepEqual(cursorContext(text, offset), expected, `offset ${offset}, again`);
    }
  }
  const edited = texts[texts.length - 1];
  const at = edited.indexOf('firewallz:') + 3;
  assert.deepEqual(cursorContext(texts[0], at).word, 'firewalls');
  assert.deepEqual(cursorContext(edited, at).word, 'firewallz');
});
