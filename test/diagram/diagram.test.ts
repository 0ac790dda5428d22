import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, test } from 'node:test';
import {
  checkTopology,
  layoutDiagram,
  localizeFlowModel,
  renderDiagramSvg,
  STANDALONE_PALETTE,
} from '../../server/src/engine/index';
import type { PaintRole, FlowModel, FlowStatus } from '../../server/src/engine/index';
import { classes, findAll, parseSvg, textOf } from './svgCheck';

const ROOT = join(__dirname, '../../..');
const fixture = (name: string): FlowModel =>
  JSON.parse(readFileSync(join(ROOT, 'test/fixtures/flowmodel', `${name}.json`), 'utf8'));
const example = (path: string) => readFileSync(join(ROOT, 'examples', path), 'utf8');
const STATUSES: FlowStatus[] = ['allowed', 'missing', 'misconfigured', 'blocked'];

describe('diagram layout', () => {
  const model = fixture('mixed-status');
  const layout = layoutDiagram(model);
  const node = (id: string) => layout.nodes.find((candidate) => candidate.id === id)!;
  const bar = (id: string) => layout.firewalls.find((candidate) => candidate.id === id)!;
  const barCenter = (id: string) => bar(id).x + bar(id).width / 2;

  test('zones run external, perimeter, internal from left to right, firewalls between them', () => {
    assert.deepEqual(
      layout.zones.map((zone) => zone.zone),
      ['external', 'perimeter', 'internal'],
    );
    const [external, perimeter, internal] = layout.zones;
    assert.ok(external.x + external.width < barCenter('external') && barCenter('external') < perimeter.x);
    assert.ok(perimeter.x + perimeter.width < barCenter('internal') && barCenter('internal') < internal.x);
  });

  test("the Edge's external interfaces face the external firewall, its internal interface the internal one", () => {
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
      assert.ok(
        low < arrow.textX && arrow.textX < high,
        `${arrow.flowId}: label at ${arrow.textX} outside ${low}..${high}`,
      );
    }
  });

  test('arrows that share a row do not overlap, and each flow keeps its own row within its firewall', () => {
    const rows = new Map<number, typeof layout.arrows>();
    for (const arrow of layout.arrows) rows.set(arrow.y, [...(rows.get(arrow.y) ?? []), arrow]);
    for (const arrows of rows.values()) {
      for (const a of arrows) {
        for (const b of arrows) {
          if (a === b) continue;
          assert.ok(
            a.hit.x + a.hit.width <= b.hit.x || b.hit.x + b.hit.width <= a.hit.x,
            `${a.flowId} and ${b.flowId} overlap`,
          );
        }
      }
    }
    const external = layout.arrows.filter(
      (arrow) => model.flows.find((flow) => flow.id === arrow.flowId)!.firewall === 'external',
    );
    assert.equal(new Set(external.map((arrow) => arrow.y)).size, external.length);
    // Flows of the two firewalls share rows: far fewer rows than flows.
    assert.ok(rows.size < model.flows.length, `${rows.size} rows for ${model.flows.length} flows`);
  });

  test('every box fits in the drawing', () => {
    for (const box of [
      ...layout.zones,
      ...layout.nodes,
      ...layout.firewalls,
      ...layout.arrows.map((arrow) => arrow.hit),
    ]) {
      assert.ok(
        box.x >= 0 && box.y >= 0 && box.x + box.width <= layout.width && box.y + box.height <= layout.height,
        JSON.stringify(box),
      );
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
      assert.match(
        element.attributes['aria-label'],
        new RegExp(`^${flow.label.replace(/[/]/g, '\\/')} from .*: ${flow.status}\\.`),
      );
      assert.ok(textOf(element).includes(flow.label), 'the arrow is labelled like Microsoft’s tables');
      for (const name of flow.ruleNames) assert.ok(textOf(element).includes(name), `rule name ${name} shown`);
    }
    assert.deepEqual(new Set(flows.map((element) => element.attributes['data-status'])), new Set(STATUSES));
  });

  test('extra rules are listed apart, each revealable', () => {
    const model = fixture('mixed-status');
    const svg = parseSvg(renderDiagramSvg(model, { standalone: true }));
    const rows = findAll(svg, (element) => classes(element).includes('extra'));
    assert.deepEqual(
      rows.map((row) => row.attributes['data-extra-index']),
      ['0', '1'],
    );
    assert.ok(textOf(rows[0]).includes('Allow RDP for admins'));
    assert.ok(classes(rows[1]).includes('extra-deny'));
    assert.ok(
      findAll(
        svg,
        (element) => element.name === 'text' && element.text.startsWith('Rules the port catalog does not require'),
      ).length === 1,
    );
  });

  test('names holding markup, quotes and ampersands come out as text, never as elements or attributes', () => {
    const model = fixture('hostile-names');
    for (const standalone of [true, false]) {
      const source = renderDiagramSvg(model, { standalone });
      assert.doesNotMatch(source, /<(script|img|iframe|svg onload|a )/i);
      const svg = parseSvg(source); // throws on any element or handler the renderer did not mean
      const texts = findAll(svg, (element) => element.name === 'text' || element.name === 'title')
        .map((element) => element.text)
        .join('\n');
      assert.ok(texts.includes('<script>window.__pwned=1</script>'), 'the hostile label is shown as text');
      assert.ok(texts.includes(`Tom & Jerry's "rule"`), 'quotes and ampersands survive');
      const ids = findAll(svg, (element) => 'data-flow-id' in element.attributes).map(
        (element) => element.attributes['data-flow-id'],
      );
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
    const missingLine = findAll(
      parseSvg(standalone),
      (element) => classes(element).includes('flow-line') && element.attributes.stroke === '#cf222e',
    );
    assert.ok(missingLine.length > 0, 'missing flows are red in the exported file');
    assert.doesNotMatch(themed, /(fill|stroke)="#/, 'no fixed colour in the themed variant');
    // Same drawing: the same elements in the same places.
    const shape = (source: string) =>
      source.replace(/ (fill|stroke|fill-opacity|font-family)="[^"]*"/g, '').replace(/^<\?xml[^\n]*\n/, '');
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
    assert.ok(
      findAll(svg, (element) => element.name === 'text' && element.text.startsWith('No required flows')).length === 1,
    );
  });
});

describe('lync-ports diagram', () => {
  const cli = join(ROOT, 'dist/cli.js');

  test('writes exactly the standalone SVG of the engine’s flow model', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diagram-')), 'out.svg');
    const file = join(ROOT, 'examples/broken/typos.topology.yaml');
    const result = spawnSync(process.execPath, [cli, 'diagram', file, '-o', out], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const expected = renderDiagramSvg(checkTopology(example('broken/typos.topology.yaml')).flowModel, {
      standalone: true,
      title: 'typos.topology.yaml',
    });
    assert.equal(readFileSync(out, 'utf8'), expected);
    const svg = parseSvg(expected);
    const statuses = findAll(svg, (element) => classes(element).includes('flow')).map(
      (element) => element.attributes['data-status'],
    );
    assert.ok(statuses.includes('misconfigured'), 'the typos example has misconfigured flows');
  });

  test('prints to standard output without -o, and says what is wrong with a bad command line', () => {
    const file = join(ROOT, 'examples/contoso.topology.yaml');
    const printed = spawnSync(process.execPath, [cli, 'diagram', file], { encoding: 'utf8' });
    assert.equal(printed.status, 0);
    assert.equal(
      printed.stdout,
      renderDiagramSvg(checkTopology(example('contoso.topology.yaml')).flowModel, {
        standalone: true,
        title: 'contoso.topology.yaml',
      }),
    );
    const none = spawnSync(process.execPath, [cli, 'diagram'], { encoding: 'utf8' });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /diagram: give exactly one topology file/);
    const missing = spawnSync(process.execPath, [cli, 'diagram', join(ROOT, 'no-such.topology.yaml')], {
      encoding: 'utf8',
    });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read/);
  });
});

describe('lync-ports diagram -o NAME.png', () => {
  const cli = join(ROOT, 'dist/cli.js');

  /** The PNG's chunks: type and data, after checking the signature. */
  function chunksOf(png: Buffer): { type: string; data: Buffer }[] {
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
    const chunks: { type: string; data: Buffer }[] = [];
    for (let at = 8; at < png.length;) {
      const length = png.readUInt32BE(at);
      chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
      at += 12 + length;
    }
    return chunks;
  }

  test('writes a real PNG of the drawing, at twice its size, with more than a blank page in it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'diagram-')), 'out.png');
    const file = join(ROOT, 'examples/sfb2015-hlb.topology.yaml');
    const result = spawnSync(process.execPath, [cli, 'diagram', file, '-o', out], { encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
    const chunks = chunksOf(readFileSync(out));
    const header = chunks.find((chunk) => chunk.type === 'IHDR')!.data;
    const svg = renderDiagramSvg(checkTopology(example('sfb2015-hlb.topology.yaml')).flowModel, { standalone: true });
    const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg)!.map(Number);
    assert.deepEqual([header.readUInt32BE(0), header.readUInt32BE(4)], [2 * width, 2 * height]);
    assert.equal(chunks.at(-1)!.type, 'IEND');
    const pixels = inflateSync(
      Buffer.concat(chunks.filter((chunk) => chunk.type === 'IDAT').map((chunk) => chunk.data)),
    );
    const bytesPerPixel = header[9] === 6 ? 4 : 3;
    assert.equal(pixels.length, 2 * height * (1 + 2 * width * bytesPerPixel), 'every row of pixels is there');
    assert.ok(new Set(pixels).size > 64, 'the picture is not one flat colour');
  });

  test('refuses an extension it would not honour, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'diagram-'));
    const file = join(ROOT, 'examples/contoso.topology.yaml');
    const result = spawnSync(process.execPath, [cli, 'diagram', file, '-o', join(dir, 'out.jpg')], {
      encoding: 'utf8',
    });
    assert.equal(result.status, 2);
    assert.match(result.stderr, /the diagram is written as \.svg or \.png, not '\.jpg'/);
    assert.deepEqual(readdirSync(dir), []);
  });
});

describe('pools: members with the same part share a column', () => {
  const model = checkTopology(example('sfb2015-hlb.topology.yaml')).flowModel;
  const layout = layoutDiagram(model);
  const columnOf = (id: string) => layout.nodes.find((node) => node.id === id || node.members?.includes(id));
  /** The same model without pool data: one column per member, as before grouping. */
  const ungrouped: FlowModel = { ...model, nodes: model.nodes.map(({ pool: _pool, part: _part, ...node }) => node) };

  test('one column per pool and part, labelled with pool FQDN and member count, each member’s address kept', () => {
    const access = columnOf('edge02.accessEdge')!;
    assert.equal(
      access.id,
      'edge01.accessEdge',
      'the column takes its first member’s id, so a click reveals that definition',
    );
    assert.deepEqual(access.members, ['edge01.accessEdge', 'edge02.accessEdge']);
    assert.deepEqual(access.labelLines, ['edgepool.fabrikam.net', '2 × accessEdge']);
    assert.equal(access.detailText, '131.107.155.11, .12');
    assert.equal(access.revealable, true);
    assert.match(
      access.ariaLabel,
      /^edgepool\.fabrikam\.net accessEdge, 2 members: edge01\.accessEdge \(131\.107\.155\.11\); edge02\.accessEdge \(131\.107\.155\.12\)$/,
    );
    const frontEnds = columnOf('fe02')!;
    assert.deepEqual(frontEnds.members, ['fe01', 'fe02']);
    assert.deepEqual(frontEnds.labelLines, ['pool01.fabrikam.net', '2 × frontEnd']);
    assert.match(frontEnds.ariaLabel, /192\.168\.10\.90.*192\.168\.10\.91/);
    for (const id of ['edge01.internal', 'edge01.avEdge', 'edge01.webConferencingEdge'])
      assert.equal(columnOf(id)!.members?.length, 2, id);
    // Different parts, VIPs and servers outside a pool keep their own columns.
    for (const id of ['vip.accessEdge', 'vip.internal', 'rp01']) assert.equal(columnOf(id)!.members, undefined, id);
    assert.equal(layout.nodes.filter((node) => node.zone === 'perimeter').length, 9);
    assert.equal(layoutDiagram(ungrouped).nodes.filter((node) => node.zone === 'perimeter').length, 13);
  });

  test(
    'every flow is on exactly one arrow, between its members’ columns, through its ' +
      'bar; equal arrows are drawn once',
    () => {
      for (const flow of model.flows) {
        const holding = layout.arrows.filter((arrow) => arrow.flowIds.includes(flow.id));
        assert.equal(holding.length, 1, `${flow.id} is drawn once`);
        const [arrow] = holding;
        assert.equal(arrow.status, flow.status);
        assert.equal(arrow.label, flow.label);
        const bar = layout.firewalls.find((candidate) => candidate.id === flow.firewall)!;
        assert.equal(arrow.crossX, bar.x + bar.width / 2);
        for (const [end, x] of [
          [flow.from, arrow.x1],
          [flow.to, arrow.x2],
        ] as const) {
          const column = columnOf(end)!;
          if (column.kind !== 'internet') assert.equal(x, column.lifelineX, `${flow.id}: ${end}`);
        }
      }
      const seen = new Set<string>();
      for (const arrow of layout.arrows) {
        assert.equal(arrow.flowId, arrow.flowIds[0], 'a click reveals the first flow');
        const first = model.flows.find((flow) => flow.id === arrow.flowId)!;
        for (const id of arrow.flowIds) {
          const flow = model.flows.find((candidate) => candidate.id === id)!;
          assert.deepEqual(
            [flow.firewall, flow.label, flow.status, flow.ruleNames, flow.ranges],
            [first.firewall, first.label, first.status, first.ruleNames, first.ranges],
            `${id} is drawn as ${first.id}`,
          );
        }
        const key = [arrow.x1, arrow.x2, arrow.label, arrow.status, arrow.note, first.firewall].join('|');
        assert.ok(!seen.has(key), `two arrows draw ${key}`);
        seen.add(key);
      }
      assert.equal(
        layout.arrows.reduce((sum, arrow) => sum + arrow.flowIds.length, 0),
        model.flows.length,
      );
      const fanned = layout.arrows.find((arrow) => arrow.label === 'XMPP/MTLS/23456')!;
      assert.equal(fanned.flowIds.length, 4, 'both Front Ends to both Edge servers: one arrow');
      assert.match(
        fanned.ariaLabel,
        /4 flows: fe01 \(pool01\.fabrikam\.net\) → edge01\.internal, .*fe02 \(pool01\.fabrikam\.net\) → edge02\.internal\./,
      );
    },
  );

  test('the drawing is no longer as wide as one column per member', () => {
    const before = layoutDiagram(ungrouped);
    assert.ok(
      layout.width <= before.width * 0.85,
      `${layout.width} px wide, ${before.width} px with a column per member`,
    );
    assert.ok(layout.height < before.height, `${layout.height} px high, ${before.height} px before`);
    assert.ok(layout.arrows.length < before.arrows.length);
  });

  test('an arrow that holds only some members of a column says which', () => {
    // edge02's A/V media rule is missing: its flows part from edge01's.
    const broken: FlowModel = {
      ...model,
      flows: model.flows.map((flow) =>
        flow.from === 'edge02.avEdge' && flow.label === 'RTP/UDP/50000-59999'
          ? { ...flow, status: 'missing', ruleNames: [], code: 'missing-flow' }
          : flow,
      ),
    };
    const drawn = layoutDiagram(broken).arrows.filter(
      (arrow) => arrow.label === 'RTP/UDP/50000-59999' && arrow.x1 === columnOf('edge01.avEdge')!.lifelineX,
    );
    assert.deepEqual(drawn.map((arrow) => arrow.status).sort(), ['allowed', 'missing']);
    assert.equal(drawn.find((arrow) => arrow.status === 'missing')!.note, 'edge02.avEdge: missing: no rule allows it');
    assert.match(drawn.find((arrow) => arrow.status === 'allowed')!.noteText, /^edge01\.avEdge: A\/V Edge media/);
    assert.match(drawn.find((arrow) => arrow.status === 'missing')!.ariaLabel, /One flow: edge02\.avEdge → /);
  });

  test('the SVG names a flow of the model on every arrow, and the members on the column', () => {
    const svg = parseSvg(renderDiagramSvg(model, { standalone: true }));
    const ids = new Set(model.flows.map((flow) => flow.id));
    const arrows = findAll(svg, (element) => classes(element).includes('flow'));
    assert.equal(arrows.length, layout.arrows.length);
    for (const arrow of arrows) assert.ok(ids.has(arrow.attributes['data-flow-id']), arrow.attributes['data-flow-id']);
    const column = findAll(svg, (element) => element.attributes['data-node-id'] === 'edge01.accessEdge')[0];
    assert.ok(textOf(column).includes('2 × accessEdge'));
    assert.ok(column.attributes['aria-label'].includes('edge02.accessEdge (131.107.155.12)'));
  });
});

describe('the diagram in Russian', () => {
  // Every word the drawing draws or says, but what the file and the catalog name (servers, rules,
  // services, addresses) and the product's name.
  const words = (svg: string, model: FlowModel): string[] => {
    const text = [...svg.matchAll(/>([^<>]+)</g), ...svg.matchAll(/aria-label="([^"]*)"/g)]
      .map((match) => match[1])
      .join(' ');
    const named = [
      ...model.nodes.flatMap((node) => [node.label, node.detail, node.id]),
      ...model.flows.flatMap((flow) => [flow.label, ...flow.ruleNames]),
      ...model.firewalls.flatMap((firewall) => [firewall.name, ...firewall.between]),
      ...model.extraRules.flatMap((rule) => [rule.name, rule.service, rule.from, rule.to, rule.action]),
      'Lync Server 2013',
      'Skype for Business Server 2015',
      'Skype for Business Server 2019',
    ].filter((name) => name.length > 0);
    // Names may be drawn cut short (…): their words, not the whole names, are left out.
    const namedWords = new Set(named.flatMap((name) => name.match(/[A-Za-z]+/g) ?? []));
    const rest = text.replace(/&#39;[^&]*&#39;|\S*[./\d_:-]\S*|\b[a-z]+[A-Z]\w*/g, ' ');
    // Words in capitals are the notation's (TCP, UDP).
    return (rest.match(/[A-Za-z]{3,}/g) ?? []).filter((word) => word !== word.toUpperCase() && !namedWords.has(word));
  };

  test('zones, legend, summary, the Internet node and the tooltips are Russian; the names stay', () => {
    for (const name of ['contoso.topology.yaml', 'broken/typos.topology.yaml', 'broken/unneeded-rules.topology.yaml']) {
      const checked = checkTopology(example(name));
      // The server and the CLI put the findings an arrow quotes into the language too.
      const flowModel = localizeFlowModel(checked.flowModel, checked.diagnostics, 'ru');
      const layout = layoutDiagram(flowModel, { locale: 'ru' });
      assert.deepEqual(
        layout.zones.map((zone) => zone.title),
        ['Внешняя сеть (Интернет)', 'Сеть периметра', 'Внутренняя сеть'],
      );
      assert.deepEqual(
        layout.legend.items.map((item) => item.text),
        ['разрешён', 'отсутствует', 'настроен неверно', 'запрещён'],
      );
      assert.match(layout.summary, /^разрешено требуемых потоков: \d+\/\d+$/);
      assert.equal(layout.nodes.find((node) => node.id === 'internet')?.label, 'Интернет');
      const svg = renderDiagramSvg(flowModel, { standalone: true, locale: 'ru' });
      assert.deepEqual(words(svg, flowModel), [], name);
      const english = renderDiagramSvg(checked.flowModel, { standalone: true });
      assert.ok(words(english, checked.flowModel).length > 5, 'English has words');
    }
  });

  test('English is the default, and the geometry fits the longer Russian words', () => {
    const { flowModel } = checkTopology(example('broken/unneeded-rules.topology.yaml'));
    assert.deepEqual(layoutDiagram(flowModel), layoutDiagram(flowModel, { locale: 'en' }));
    const russian = layoutDiagram(flowModel, { locale: 'ru' });
    assert.ok(russian.extras, 'the example has extra rules');
    assert.equal(russian.extras.title, `Правила, которые каталог портов не требует (${flowModel.extraRules.length})`);
    assert.deepEqual(
      russian.extras.headers.map((header) => header.text),
      ['Брандмауэр', 'Правило', 'Служба', 'От', 'К', 'Действие'],
    );
    const last = russian.legend.items[russian.legend.items.length - 1];
    assert.ok(last.x + 110 <= russian.width, 'the legend fits');
  });
});
