import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology, createCheckSession } from '../../../server/src/engine/index';
import { pick, random, type Rng } from '../../support/fuzz';
import { CONTOSO } from '../rules/fixtures';

// Which required flows each rule touches is worked out two ways: a one-shot check fills a table
// for every rule of a firewall from their port ranges; a session's check asks each rule on its
// own and keeps the answer for the next version. Several checks and the diagram read it, so the
// two checks of a document must give the same findings and the same drawing.

const ENDPOINTS = ['any', 'edge01.accessEdge', 'edge01.internal', 'edge01', 'fe01', '131.107.0.0/16', '10.0.0.0/8'];
const SERVICES = ['TCP/443', 'TCP/5061', 'UDP/3478', 'TCP/50000-59999', 'UDP/1-65535', 'TCP/1-1024', 'TCP/5269'];

function randomRule(rng: Rng, k: number): string {
  const fields = [`name: t${k}`, `from: ${pick(rng, ENDPOINTS)}`, `to: ${pick(rng, ENDPOINTS)}`];
  // Some incomplete: no service, or one that does not parse.
  const service = rng() < 0.05 ? undefined : rng() < 0.05 ? 'TCP/nope' : pick(rng, SERVICES);
  if (service) fields.push(`service: '${rng() < 0.2 ? `${service}, ${pick(rng, SERVICES)}` : service}'`);
  if (rng() < 0.1) fields.push('action: deny');
  return `      - { ${fields.join(', ')} }\n`;
}

test('flows touched by each rule: a one-shot check finds what a session check finds, rule by rule', () => {
  const rng = random(31);
  for (let n = 0; n < 12; n++) {
    const rules = Array.from({ length: 20 + Math.floor(rng() * 200) }, (_, k) => randomRule(rng, k)).join('');
    const text = CONTOSO.replace('  internal:\n    between', `${rules}  internal:\n    between`);
    assert.notEqual(text, CONTOSO);
    const once = checkTopology(text);
    const session = createCheckSession().update(text);
    assert.deepEqual(once.diagnostics, session.diagnostics, `document ${n}:\n${text}`);
    assert.deepEqual(once.flowModel, session.flowModel, `document ${n}:\n${text}`);
    assert.ok(once.flowModel.flows.length > 0 && once.flowModel.extraRules.length > 0);
  }
});
