import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { completionsAt } from '../../server/src/engine/completion';
import { hoverAt } from '../../server/src/engine/hover';
import { checkTopology } from '../../server/src/engine/index';

const CONTOSO = readFileSync(resolve(__dirname, '..', '..', '..', 'examples', 'contoso.topology.yaml'), 'utf8');

function complete(marked: string) {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  return completionsAt(checkTopology(text), offset);
}

test('top-level keys leave out the sections already written', () => {
  const labels = complete(`${CONTOSO}‸`).map((entry) => entry.label);
  for (const present of ['topology', 'features', 'networks', 'servers', 'firewalls']) assert.ok(!labels.includes(present), present);
  assert.ok(labels.length > 0);
});

test('an object-valued key opens an indented block, a list-valued key a first item', () => {
  const entries = complete('topology:\n  name: x\n‸');
  const servers = entries.find((entry) => entry.label === 'servers');
  assert.equal(servers?.insertText, 'servers:\n  $0');
  const subnets = complete('networks:\n  corp:\n    zone: internal\n    ‸').find((entry) => entry.label === 'subnets');
  assert.equal(subnets?.insertText, 'subnets:\n      - $0');
});

test('a value completed right after the colon gets its space', () => {
  const any = complete(CONTOSO.replace('to: edge01.internal', 'to:‸')).find((entry) => entry.label === 'any');
  assert.equal(any?.insertText, ' any');
});

test('inside a comment nothing is offered', () => {
  assert.deepEqual(complete(CONTOSO.replace('# lync2013 | sfb2015', '# lync2013 |‸ sfb2015')), []);
});

test('hover on a port no catalog row uses says so, and gives what the firewall matches', () => {
  const text = CONTOSO.replace('XMPP/MTLS/23456', 'CUSTOM/TCP/4711');
  const hover = hoverAt(checkTopology(text).parsed, checkTopology(text).model, text.indexOf('CUSTOM/TCP/4711') + 3);
  assert.match(hover?.markdown ?? '', /TCP port 4711.*No row of the port catalog/);
});
