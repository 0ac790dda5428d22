import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { completionsAt, checkTopology } from '../../../server/src/engine/index';
import { atCursor } from '../../support/cursor';
import { readExample } from '../../support/examples';

const CONTOSO = readExample('contoso.topology.yaml');

function complete(marked: string) {
  const { text, offset } = atCursor(marked);
  return completionsAt(checkTopology(text), offset);
}

test('top-level keys leave out the sections already written', () => {
  const labels = complete(`${CONTOSO}‸`).map((entry) => entry.label);
  for (const present of ['topology', 'features', 'networks', 'servers', 'firewalls'])
    assert.ok(!labels.includes(present), present);
  assert.ok(labels.length > 0);
});

test('an object-valued key opens an indented block, a list-valued key a first item', () => {
  const entries = complete('topology:\n  name: x\n‸');
  const servers = entries.find((entry) => entry.label === 'servers');
  assert.equal(servers?.insertText, 'servers:\n  $0');
  const inNetwork = complete('networks:\n  corp:\n    zone: internal\n    ‸');
  const subnets = inNetwork.find((entry) => entry.label === 'subnets');
  assert.equal(subnets?.insertText, 'subnets:\n      - $0');
});

test('a value completed right after the colon gets its space', () => {
  const any = complete(CONTOSO.replace('to: edge01.internal', 'to:‸')).find((entry) => entry.label === 'any');
  assert.equal(any?.insertText, ' any');
});

test('inside a comment nothing is offered', () => {
  assert.deepEqual(complete(CONTOSO.replace('# lync2013 | sfb2015', '# lync2013 |‸ sfb2015')), []);
});

// ---- completion from the last good model ----

test('endpoints come from the fallback model when the text gives none', () => {
  const marked = CONTOSO.replace('name: Contoso edge', 'name: *contoso').replace('to: edge01.internal', 'to: ‸');
  const text = marked.replace('‸', '');
  const broken = checkTopology(text);
  assert.equal(broken.model.servers.length, 0, 'the unresolved alias leaves no model');
  const without = completionsAt(broken, marked.indexOf('‸')).map((entry) => entry.label);
  assert.deepEqual(without, ['any']);
  const withFallback = completionsAt({ ...broken, fallbackModel: checkTopology(CONTOSO).model }, marked.indexOf('‸'));
  const labels = withFallback.map((entry) => entry.label);
  for (const label of ['any', 'edge01.accessEdge', 'fe01.primary', 'pool01.contoso.com', 'corp'])
    assert.ok(labels.includes(label), `${label} in ${labels}`);
  assert.equal(labels.filter((label) => label === 'any').length, 1, 'each name once');
  assert.match(withFallback.find((entry) => entry.label === 'edge01.accessEdge')?.detail ?? '', /131\.107\.155\.10/);
});

// ---- a value written out in full ----

test('a value written out in full is not offered again, so Enter starts the next line', () => {
  const features = (value: string) =>
    CONTOSO.replace('  xmppFederation: true', `  xmppFederation: true\n  director: ${value}`);
  const labels = (marked: string) => complete(marked).map((entry) => entry.label);
  assert.deepEqual(labels(features('false‸')), ['true']);
  assert.deepEqual(labels(features('fa‸')), ['true', 'false']);
  assert.deepEqual(labels(CONTOSO.replace('product: lync2013 ', 'product: lync2013‸ ')), ['sfb2015', 'sfb2019']);
  assert.ok(!labels(CONTOSO.replace('to: edge01.internal', 'to: edge01.internal‸')).includes('edge01.internal'));
  assert.ok(labels(CONTOSO.replace('to: edge01.internal', 'to: edge01‸.internal')).includes('edge01.accessEdge'));
  const service = labels(CONTOSO.replace('service: XMPP/MTLS/23456', 'service: XMPP/MTLS/23456‸'));
  assert.ok(!service.includes('XMPP/MTLS/23456'), `${service}`);
  // The schema takes `tcp` as written; a case the schema does not take is still corrected.
  const rule = '      - { name: t, transport: tcp‸, port: 443, from: any, to: edge01.accessEdge }\n';
  const transport = CONTOSO.replace(
    '    rules:\n      - name: XMPP from',
    `    rules:\n${rule}      - name: XMPP from`,
  );
  assert.ok(!labels(transport).some((label) => label.toLowerCase() === 'tcp'), `${labels(transport)}`);
  const partner = CONTOSO.replace(
    '  xmppFederation: true',
    '  xmppFederation: true\nxmpp:\n  partners:\n    - domain: gmail.com\n      partnerType: federated‸',
  );
  assert.ok(labels(partner).includes('Federated'), `${labels(partner)}`);
});

test('with the cursor before or inside a value, every value stays on offer: the user is choosing another', () => {
  const labels = (marked: string) => complete(marked).map((entry) => entry.label);
  assert.deepEqual(labels(CONTOSO.replace('product: lync2013 ', 'product: ‸lync2013 ')), [
    'lync2013',
    'sfb2015',
    'sfb2019',
  ]);
  assert.ok(labels(CONTOSO.replace('to: edge01.internal', 'to: ‸edge01.internal')).includes('edge01.internal'));
});

test("the language's defaults let Enter start a new line after a suggestion that changes nothing", () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
  const defaults = manifest.contributes.configurationDefaults['[lync-topology]'];
  // Suggestions popping up inside every plain value kept the list open over a finished value.
  assert.equal(defaults['editor.quickSuggestions'], undefined);
  assert.equal(defaults['editor.acceptSuggestionOnEnter'], 'smart');
});
