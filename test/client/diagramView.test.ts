// The diagram page's filters and zoom steps (client/src/webview/view.ts); the page itself in
// Chromium: test/webview.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { FlowModel } from '../../server/src/engine/index';
import { filterModel, filterOptions, nextZoom, ZOOM_STEPS } from '../../client/src/webview/view';

const ROOT = join(__dirname, '../../..');
const model: FlowModel = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/flowmodel/mixed-status.json'), 'utf8'));

describe('diagram view', () => {
  test("a firewall filter keeps that firewall's flows and extra rules, and every node", () => {
    const shown = filterModel(model, { firewall: 'internal' });
    assert.ok(shown.flows.length > 0 && shown.flows.length < model.flows.length);
    assert.ok(shown.flows.every((flow) => flow.firewall === 'internal'));
    assert.deepEqual(
      shown.extraRules,
      model.extraRules.filter((rule) => rule.firewall === 'internal'),
    );
    assert.deepEqual(shown.nodes, model.nodes);
    assert.deepEqual(shown.summary, model.summary);
  });

  test("a feature filter keeps that feature's flows, and both filters combine", () => {
    const xmpp = filterModel(model, { feature: 'xmppFederation' });
    assert.ok(xmpp.flows.length > 0 && xmpp.flows.every((flow) => flow.feature === 'xmppFederation'));
    assert.deepEqual(xmpp.extraRules, []);
    const both = filterModel(model, { feature: 'xmppFederation', firewall: 'external' });
    assert.deepEqual(
      both.flows.map((flow) => flow.id),
      model.flows
        .filter((flow) => flow.feature === 'xmppFederation' && flow.firewall === 'external')
        .map((flow) => flow.id),
    );
    assert.equal(filterModel(model, { firewall: '', feature: '' }), model);
  });

  test("the filter lists name the file's firewalls and features, with titles where known", () => {
    const options = filterOptions(model, { xmppFederation: 'Федерация XMPP' });
    assert.deepEqual(options.firewalls, [
      { value: 'external', label: 'external' },
      { value: 'internal', label: 'internal' },
    ]);
    assert.deepEqual(
      options.features.sort((a, b) => a.value.localeCompare(b.value)),
      [
        { value: 'remoteAccess', label: 'remoteAccess' },
        { value: 'xmppFederation', label: 'Федерация XMPP' },
      ],
    );
    assert.deepEqual(filterOptions(undefined, {}), { firewalls: [], features: [] });
  });

  test('zoom goes to the next step from any scale, and stops at the ends', () => {
    assert.equal(nextZoom(1, 1), 1.25);
    assert.equal(nextZoom(1, -1), 0.8);
    // From Fit Width's scale (between steps).
    assert.equal(nextZoom(0.379, 1), 0.5);
    assert.equal(nextZoom(0.379, -1), 0.33);
    assert.equal(nextZoom(ZOOM_STEPS.at(-1)!, 1), ZOOM_STEPS.at(-1));
    assert.equal(nextZoom(ZOOM_STEPS[0], -1), ZOOM_STEPS[0]);
  });
});
