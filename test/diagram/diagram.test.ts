import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { layoutDiagram, renderDiagramSvg } from '../../server/src/engine/diagram';
import type { PaintRole } from '../../server/src/engine/diagramPalette';
import { STANDALONE_PALETTE } from '../../server/src/engine/diagramPalette';
import { checkTopology } from '../../server/src/engine/index';
import type { FlowModel, FlowStatus } from '../../server/src/engine/types';
import { classes, findAll, parseSvg, textOf } from './svgCheck';

const ROOT = join(__dirname, '../../..');
const fixture = (name: string): FlowModel => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/flowmodel', `${name}.json`), 'utf8'));
const example = (path: string) => readFileSync(join(ROOT, 'examples', path), 'utf8');
const STATUSES: FlowStatus[] = ['allowed', 'missing', 'misconfigured', 'blocked'];

describe('diagram layout', () => {
  const model = fixture('mixed-status');
  const layout = layoutDiagram(model);
  const node = (id: string) => layout.nodes.find((candidate) => candidate.id === id)!;
  const bar = (id: string) => layout.firewalls.find((candidate) => candidate.id === id)!;
  const barCenter = (id: string) => bar(id).x + bar(id).width / 2;

  test('zones run external, perimeter, internal from left to right, firewalls between them', () => {
    assert.deepEqual(layout.zones.map((zone) => zone.zone), ['external', 'perimeter', 'internal']);
    const [external, perimeter, internal] = layout.zones;
    assert.ok(external.x + external.width < barCenter('external') && barCenter('external') < perimeter.x);
    assert.ok(perimeter.x + perimeter.width < barCenter('internal') && barCenter('internal') < internal.x);
  });

  test("the Edge server's external interfaces face the external firewall, its internal interface the internal one", () => {
    for (const id of ['edge01.accessEdge', 'edge01.webConferencingEdge', 'edge01.avEdge']) {
      assert.ok(node(id).x < node('edge01.internal').x, `${id} should be left of edge01.internal`);
    }
    assert.ok(node('internet').x < node('xmpp-partners').x + 1, 'the model order holds within a zone');
  });

  test('every flow is an arrow from its source lifeline to its destination lifeline, crossing its bar', () => {
    assert.equal(layout.arrows.length, model.flows.length);
    for (const flow of model.flows) {
      const arrow = layout.arrows.find((candidate) => candidate.flowId === flow.id)!;
      assert.equal(arrow.x1, node(flow.from).lifelineX, `${flow.id} starts at ${flow.from}`);
      assert.equal(arrow.x2, node(flow.to).lifelineX, `${flow.id} ends at ${flow.to}`);
      assert.equal(arrow.crossX, barCenter(flow.firewall), `${flow.id} is marked on its firewall's bar`);
      assert.ok(Math.min(arrow.x1, arrow.x2) < arrow.crossX && arrow.crossX < Math.max(arrow.x1, arrow.x2));
      assert.equal(arrow.status, flow.status);
    }
  });

  test("labels sit between the source and the firewall, on the packet's way in", () => {
    for (const arrow of layout.arrows) {
      const low = Math.min(arrow.x1, arrow.crossX);
      const high = Math.max(arrow.x1, arrow.crossX);
      assert.ok(low < arrow.textX && arrow.textX < high, `${arrow.flowId}: label at ${arrow.textX} outside ${low}..${high}`);
    }
  });

  test('arrows that share a row do not overlap, and each flow keeps its own row within its firewall', () => {
    const rows = new Map<number, typeof layout.arrows>();
    for (const arrow of layout.arrows) rows.set(arrow.y, [...(rows.get(arrow.y) ?? []), arrow]);
    for (const arrows of rows.values()) {
      for (const a of arrows) {
        for (const b of arrows) {
          if (a === b) continue;
          assert.ok(a.hit.x + a.hit.width <= b.hit.x || b.hit.x + b.hit.width <= a.hit.x, `${a.flowId} and ${b.flowId} overlap`);
        }
      }
    }
    const external = layout.arrows.filter((arrow) => model.flows.find((flow) => flow.id === arrow.flowId)!.firewall === 'external');
    assert.equal(new Set(external.map((arrow) => arrow.y)).size, external.length);
    // Flows of the two firewalls share rows: far fewer rows than flows.
    assert.ok(rows.size < model.flows.length, `${rows.size} rows for ${model.flows.length} flows`);
  });

  test('every box fits in the drawing', () => {
    for (const box of [...layout.zones, ...layout.nodes, ...layout.firewalls, ...layout.arrows.map((arrow) => arrow.hit)]) {
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height, JSON.stringify(box));
    }
  });

  test('nodes without flows are drawn faded, others not', () => {
    const flowsOnly = { ...model, flows: model.flows.filter((flow) => flow.firewall === 'external') };
    const partial = layoutDiagram(flowsOnly);
    assert.equal(partial.nodes.find((candidate) => candidate.id === 'fe01')!.active, false);
    assert.equal(partial.nodes.find((candidate) => candidate.id === 'edge01.accessEdge')!.active, true);
  });

  test('a flow whose endpoint the model does not list is still drawn', () => {
    const broken: FlowModel = { ...model, flows: [{ ...model.flows[0], id: 'ghost', from: 'nowhere' }] };
    const drawn = layoutDiagram(broken);
    assert.ok(drawn.nodes.some((candidate) => candidate.id === 'nowhere'));
    assert.equal(drawn.arrows.length, 1);
  });
});

describe('diagram SVG', () => {
  test('renders each status with its class, data-flow-id, role, tabindex and an aria-label', () => {
    const model = fixture('mixed-status');
    const svg = parseSvg(renderDiagramSvg(model, { standalone: false }));
    const flows = findAll(svg, (element) => classes(element).includes('flow'));
    assert.equal(flows.length, model.flows.length);
    for (const flow of model.flows) {
      const element = flows.find((candidate) => candidate.attributes['data-flow-id'] === flow.id);
      assert.ok(element, `no element for ${flow.id}`);
      assert.ok(classes(element).includes(`flow-${flow.status}`));
      assert.equal(element.attributes.role, 'button');
      assert.equal(element.attributes.tabindex, '0');
      assert.match(element.attributes['aria-label'], new RegExp(`^${flow.label.replace(/[/]/g, '\\/')} from .*: ${flow.status}\\.`));
      assert.ok(textOf(element).includes(flow.label), 'the arrow is labelled like Microsoft’s tables');
      for (const name of flow.ruleNames) assert.ok(textOf(element).includes(name), `rule name ${name} shown`);
    }
    assert.deepEqual(new Set(flows.map((element) => element.attributes['data-status'])), new Set(STATUSES));
  });

  test('extra rules are listed apart, each revealable', () => {
    const model = fixture('mixed-status');
    const svg = parseSvg(renderDiagramSvg(model, { standalone: true }));
    const rows = findAll(svg, (element) => classes(element).includes('extra'));
    assert.deepEqual(rows.map((row) => row.attributes['data-extra-index']), ['0', '1']);
    assert.ok(textOf(rows[0]).includes('Allow RDP for admins'));
    assert.ok(classes(rows[1]).includes('extra-deny'));
    assert.ok(findAll(svg, (element) => element.name === 'text' && element.text.startsWith('Rules the port catalog does not require')).length === 1);
  });

  test('names holding markup, quotes and ampersands come out as text, never as elements or attributes', () => {
    const model = fixture('hostile-names');
    for (const standalone of [true, false]) {
      const source = renderDiagramSvg(model, { standalone });
      assert.doesNotMatch(source, /<(script|img|iframe|svg onload|a )/i);
      const svg = parseSvg(source); // throws on any element or handler the renderer did not mean
      const texts = findAll(svg, (element) => element.name === 'text' || element.name === 'title').map((element) => element.text).join('\n');
      assert.ok(texts.includes('<script>window.__pwned=1</script>'), 'the hostile label is shown as text');
      assert.ok(texts.includes(`Tom & Jerry's "rule"`), 'quotes and ampersands survive');
      const ids = findAll(svg, (element) => 'data-flow-id' in element.attributes).map((element) => element.attributes['data-flow-id']);
      assert.ok(ids.includes('X1"><script>window.__pwned=1</script>'), 'ids round-trip through attribute escaping');
    }
  });

  test('characters XML forbids are replaced, so the file stays readable', () => {
    const model = fixture('contoso-allowed');
    model.nodes[0].label = 'Inter\u0001net \uD800';
    assert.doesNotThrow(() => parseSvg(renderDiagramSvg(model, { standalone: true })));
    assert.ok(!renderDiagramSvg(model, { standalone: true }).includes('\u0001'));
  });

  test('standalone has its colours inline and no CSS variables; the webview variant leaves colours to classes', () => {
    const model = fixture('mixed-status');
    const standalone = renderDiagramSvg(model, { standalone: true });
    const themed = renderDiagramSvg(model, { standalone: false });
    assert.match(standalone, /^<\?xml version="1\.0"/);
    assert.doesNotMatch(standalone, /var\(--/);
    const missingLine = findAll(parseSvg(standalone), (element) => classes(element).includes('flow-line') && element.attributes.stroke === '#cf222e');
    assert.ok(missingLine.length > 0, 'missing flows are red in the exported file');
    assert.doesNotMatch(themed, /(fill|stroke)="#/, 'no fixed colour in the themed variant');
    // Same drawing: the same elements in the same places.
    const shape = (source: string) => source.replace(/ (fill|stroke|fill-opacity|font-family)="[^"]*"/g, '').replace(/^<\?xml[^\n]*\n/, '');
    assert.equal(shape(standalone), shape(themed));
  });

  test('every class the themed variant uses for colour is styled by the webview stylesheet', () => {
    const css = readFileSync(join(ROOT, 'client/media/diagram.css'), 'utf8');
    const roles = Object.keys(STANDALONE_PALETTE) as PaintRole[];
    for (const name of [...roles, ...STATUSES.map((status) => `flow-${status}`)]) {
      assert.match(css, new RegExp(`\\.${name}\\b[^{]*\\{`), `.${name} is not styled in diagram.css`);
    }
  });

  test('a model without flows explains how to get some', () => {
    const svg = parseSvg(renderDiagramSvg(fixture('no-flows'), { standalone: true }));
    assert.ok(findAll(svg, (element) => element.name === 'text' && element.text.startsWith('No required flows')).length === 1);
  });
});

describe('lync-ports diagram', () => {
  const cli = join(ROOT, 'dist/cli.js');

  test('writes exactly the standalone SVG of the engine’s flow model', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diagram-')), 'out.svg');
    const file = join(ROOT, 'examples/broken/typos.topology.yaml');
    const result = spawnSync(process.execPath, [cli, 'diagram', file, '-o', out], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const expected = renderDiagramSvg(checkTopology(example('broken/typos.topology.yaml')).flowModel, { standalone: true, title: 'typos.topology.yaml' });
    assert.equal(readFileSync(out, 'utf8'), expected);
    const svg = parseSvg(expected);
    const statuses = findAll(svg, (element) => classes(element).includes('flow')).map((element) => element.attributes['data-status']);
    assert.ok(statuses.includes('misconfigured'), 'the typos example has misconfigured flows');
  });

  test('prints to standard output without -o, and says what is wrong with a bad command line', () => {
    const file = join(ROOT, 'examples/contoso.topology.yaml');
    const printed = spawnSync(process.execPath, [cli, 'diagram', file], { encoding: 'utf8' });
    assert.equal(printed.status, 0);
    assert.equal(printed.stdout, renderDiagramSvg(checkTopology(example('contoso.topology.yaml')).flowModel, { standalone: true, title: 'contoso.topology.yaml' }));
    const none = spawnSync(process.execPath, [cli, 'diagram'], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /diagram: give exactly one topology file/);
    const missing = spawnSync(process.execPath, [cli, 'diagram', join(ROOT, 'no-such.topology.yaml')], { encoding: 'utf8' });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});
