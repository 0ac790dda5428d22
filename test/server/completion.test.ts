import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { MISSING_EXTERNAL } from './fixtures';
import { CONTOSO, positionOf, serverForSuite } from './lspClient';

describe('completion over stdio', () => {
  const client = serverForSuite();
  let counter = 0;

  /** Opens `text` (with `‸` as the cursor) and asks for completion there. */
  async function complete(marked: string): Promise<{ items: CompletionItem[]; uri: string; text: string }> {
    const text = marked.replace('‸', '');
    const uri = `file:///ws/completion-${++counter}.topology.yaml`;
    await client().open(uri, text);
    const list = await client().request<CompletionList | null>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(marked, '‸'),
    });
    assert.ok(list, 'a completion list');
    return { items: list.items, uri, text };
  }

  /** Replaces the text of the open `uri` with `marked` (`‸` the cursor) and asks for completion there. */
  async function completeAfterChange(uri: string, version: number, marked: string): Promise<CompletionList> {
    await client().change(uri, version, [{ text: marked.replace('‸', '') }]);
    return client().request<CompletionList>('textDocument/completion', {
      textDocument: { uri },
      position: positionOf(marked, '‸'),
    });
  }

  const labels = (items: CompletionItem[]) => items.map((item) => item.label);
  const detailOf = (items: CompletionItem[], label: string) => items.find((item) => item.label === label)?.detail ?? '';

  /** The Contoso example's endpoints are all offered, the Edge interface and the network with their addresses. */
  function assertOffersContosoEndpoints(items: CompletionItem[]): void {
    for (const label of [
      'any',
      'edge01',
      'edge01.accessEdge',
      'fe01.primary',
      'pool01.contoso.com',
      'corp',
      'perimeter',
    ])
      assert.ok(labels(items).includes(label), `${label} in ${labels(items)}`);
    assert.match(detailOf(items, 'edge01.accessEdge'), /131\.107\.155\.10/);
    assert.match(detailOf(items, 'corp'), /192\.168\.10\.0\/24/);
  }
  const editOf = (item: CompletionItem) => item.textEdit as TextEdit;
  /** The snippet of a missing flow (the schema's snippets are snippets too). */
  const isMissingRule = (item: CompletionItem) => item.kind === 15 && /^missing rule/.test(item.detail ?? '');

  test('keys valid in a new rule, minus those already written, on a line that does not parse yet', async () => {
    const marked = CONTOSO.replace(
      '  internal:\n    between: [corp, perimeter]',
      '      - name: New rule\n        ‸\n  internal:\n    between: [corp, perimeter]',
    );
    const { items } = await complete(marked);
    for (const key of ['service', 'from', 'to', 'action', 'transport', 'port'])
      assert.ok(labels(items).includes(key), `${key} in ${labels(items)}`);
    assert.ok(!labels(items).includes('name'), 'name is already there');
    const action = items.find((item) => item.label === 'action')!;
    assert.match(editOf(action).newText, /^action: \$\{1\|(allow,deny|deny,allow)\|\}$/);
  });

  test('a partly typed key keeps completing: `    ser` inside a rule', async () => {
    const marked = CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n        ac‸\n');
    const { items } = await complete(marked);
    const action = items.find((item) => item.label === 'action');
    assert.ok(action, `${labels(items)}`);
    const range = editOf(action).range;
    assert.deepEqual([range.start.character, range.end.character], [8, 10], 'replaces the typed prefix');
  });

  test('enum values: product, zone, role', async () => {
    assert.deepEqual(labels((await complete(CONTOSO.replace('product: lync2013 ', 'product: ‸'))).items).sort(), [
      'lync2013',
      'sfb2015',
      'sfb2019',
    ]);
    assert.ok(
      labels((await complete(CONTOSO.replace('corp:      { zone: internal', 'corp:      { zone: ‸'))).items).includes(
        'perimeter',
      ),
    );
    assert.ok(labels((await complete(CONTOSO.replace('role: frontEnd', 'role: ‸'))).items).includes('director'));
  });

  test('endpoints in `to:` with their addresses in the detail', async () => {
    const { items } = await complete(CONTOSO.replace('to: edge01.internal', 'to: ‸'));
    assertOffersContosoEndpoints(items);
    assert.match(detailOf(items, 'pool01.contoso.com'), /192\.168\.10\.90/);
  });

  test("network names in an interface's `network` and in `between`", async () => {
    const { items } = await complete(CONTOSO.replace('between: [corp, perimeter]', 'between: [corp, ‸]'));
    assert.deepEqual(labels(items).sort(), ['corp', 'internet', 'perimeter']);
  });

  test('services from the catalog, documented with the Microsoft page', async () => {
    const { items } = await complete(CONTOSO.replace('service: XMPP/MTLS/23456', 'service: ‸'));
    const xmpp = items.find((item) => item.label === 'XMPP/TCP/5269');
    assert.ok(xmpp, `${labels(items)}`);
    const documentation = (xmpp.documentation as { kind: string; value: string }).value;
    assert.match(documentation, /https:\/\/learn\.microsoft\.com\/\S+xmpp/i);
    assert.match(documentation, /X1/);
    assert.ok(items.some((item) => item.label === 'XMPP/MTLS/23456'));
  });

  test("in a firewall's rules, one snippet per missing flow; applying them clears the findings", async () => {
    const marked = MISSING_EXTERNAL.replace(
      '        to: edge01.webConferencingEdge\n',
      '        to: edge01.webConferencingEdge\n      ‸\n',
    );
    const { items, uri, text } = await complete(marked);
    const snippets = items.filter(isMissingRule);
    assert.deepEqual(labels(snippets).sort(), ['XMPP from federated partners', 'XMPP to federated partners']);

    // Apply the first, re-check: one flow is still missing; apply the second: the file is clean.
    let document = TextDocument.create(uri, 'lync-topology', 1, text);
    document = TextDocument.update(
      document,
      [{ range: editOf(snippets[0]).range, text: editOf(snippets[0]).newText }],
      2,
    );
    await client().change(uri, 2, [{ text: document.getText() }]);
    const once = await client().diagnosticsFor(uri, 2);
    assert.deepEqual(
      once.diagnostics.map((diagnostic) => diagnostic.code),
      ['missing-flow'],
    );

    const lastRuleEnd = '        to: edge01.webConferencingEdge\n';
    const next = document.getText().replace(lastRuleEnd, `${lastRuleEnd}      - ‸\n`);
    const list = await completeAfterChange(uri, 3, next);
    const left = list.items.filter(isMissingRule);
    assert.equal(left.length, 1, `${labels(left)}`);
    const edit = editOf(left[0]);
    assert.ok(edit.newText.startsWith('      - name: '), 'the dash stays in the column of the other rules');
    const sent = TextDocument.create(uri, 'lync-topology', 3, next.replace('‸', ''));
    const fixed = TextDocument.applyEdits(sent, [edit]);
    await client().change(uri, 4, [{ text: fixed }]);
    assert.deepEqual((await client().diagnosticsFor(uri, 4)).diagnostics, []);
  });

  test('a firewall that misses nothing offers no rule snippets', async () => {
    const { items } = await complete(
      CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      ‸\n'),
    );
    assert.equal(items.filter(isMissingRule).length, 0);
  });

  test("the schema's snippets where a server or a rule can start, alongside the missing flows", async () => {
    const marked = CONTOSO.replace('servers:\n', 'servers:\n  ‸\n');
    const { items } = await complete(marked);
    const line = positionOf(marked, '‸').line;
    const edge = items.find((item) => item.label === 'Edge Server');
    assert.ok(edge, `${labels(items)}`);
    assert.equal(edge.kind, 15);
    assert.equal(edge.insertTextFormat, 2, 'snippet syntax');
    const edit = editOf(edge);
    assert.deepEqual(
      [edit.range.start, edit.range.end],
      [
        { line, character: 0 },
        { line, character: 2 },
      ],
      'the whole line, indentation included',
    );
    assert.ok(
      edit.newText.startsWith('  ${1:edge01}:\n    role: edge\n    pool: ${2:edgepool.contoso.com}\n    interfaces:\n'),
      edit.newText,
    );

    const rules = await complete(
      MISSING_EXTERNAL.replace(
        '        to: edge01.webConferencingEdge\n',
        '        to: edge01.webConferencingEdge\n      ‸\n',
      ),
    );
    assert.deepEqual(labels(rules.items.filter(isMissingRule)).sort(), [
      'XMPP from federated partners',
      'XMPP to federated partners',
    ]);
    const rule = rules.items.find((item) => item.label === 'deny rule');
    assert.ok(rule, `${labels(rules.items)}`);
    assert.equal(editOf(rule).newText.split('\n')[0], '      - name: ${1:Block}');
  });

  test('while the text is broken, `to:` still lists the endpoints of the last good version', async () => {
    const uri = `file:///ws/completion-${++counter}.topology.yaml`;
    await client().open(uri, CONTOSO);
    await client().diagnosticsFor(uri, 1);
    // An alias to no anchor: the whole document can no longer be read.
    const marked = CONTOSO.replace('name: Contoso edge', 'name: *contoso').replace('to: edge01.internal', 'to: ‸');
    const list = await completeAfterChange(uri, 2, marked);
    assertOffersContosoEndpoints(list.items);
    const published = await client().diagnosticsFor(uri, 2);
    assert.ok(
      published.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax'),
      'the file really is broken',
    );

    // A file that was never good has only `any` to offer.
    const fresh = await complete(marked);
    assert.deepEqual(labels(fresh.items), ['any']);
  });
});
