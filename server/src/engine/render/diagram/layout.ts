// Lays out the firewall flow diagram: a pure function from the flow model to positioned boxes,
// so that the CLI's SVG and the webview show the same drawing and the geometry is unit-testable.
//
// The picture reads left to right like Microsoft's edge diagrams: the external zone (the Internet,
// federated partners), the external firewall, the perimeter (the Edge server's interfaces), the
// internal firewall, the internal network (Front End pool, XMPP gateway). Every node has a
// lifeline, as in a sequence diagram, and every required flow is a horizontal arrow in its own
// row from its source lifeline to its destination lifeline, crossing its firewall's bar. A
// status mark sits where the arrow crosses the bar. This stays readable with thirty flows, where
// a free graph layout would tangle.
//
// The steps, each in its file: zones and firewall boundaries (zones.ts), pool members grouped
// into one column (pools.ts), node columns (nodes.ts), arrow texts (arrowTexts.ts), the x axis
// (columns.ts), arrows packed in rows (arrows.ts), the extra rules and the legend (extras.ts).
import { PRODUCT_NAMES } from '../../catalog/products';
import { placeArrowsInRows } from './arrows';
import { flowTexts } from './arrowTexts';
import { layoutAxis } from './columns';
import { layoutExtras, layoutLegend } from './extras';
import type { DiagramLayout, LaidOutFirewall, LaidOutZone, LayoutOptions } from './layoutTypes';
import {
  AXIS,
  FIREWALL_LABEL_Y,
  FONT,
  MARGIN,
  NODE,
  ROW,
  SUMMARY_Y,
  TITLE_FONT,
  TITLE_Y,
  ZONE_TITLE_HEIGHT,
  ZONES_TOP,
} from './metrics';
import { placeNodes } from './nodes';
import { groupPoolMembers } from './pools';
import { fitText, textWidth } from './text';
import { DIAGRAM_TEXTS, type DiagramTexts, diagramTexts, fill } from './texts';
import { anyOnTheFarSide, boundariesOfFirewalls, zonesOf } from './zones';
import type { FlowModel } from '../../types';

export function layoutDiagram(input: FlowModel, options: LayoutOptions = {}): DiagramLayout {
  const words = diagramTexts(options.locale);
  const zones = zonesOf(input);
  const { model, groups, merged } = groupPoolMembers(
    anyOnTheFarSide(inWords(input, words), zones, words),
    words.members,
  );
  const nodes = placeNodes(model, zones, groups, words.nothingDefined);
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const firewallBoundary = boundariesOfFirewalls(model, zones, nodeById);
  const texts = new Map(
    model.flows.map((flow) => [
      flow.id,
      flowTexts(flow, model, nodeById, merged.get(flow.id) ?? [flow], groups, words),
    ]),
  );
  const axis = layoutAxis(model, zones, nodes, firewallBoundary, texts);
  const { arrows, rowCount } = placeArrowsInRows(model, nodeById, merged, texts, axis, firewallBoundary);
  const rowsBottom = ROW.top + rowCount * ROW.height;
  const zonesBottom = rowsBottom + 10;

  const endpoints = new Set(model.flows.flatMap((flow) => [flow.from, flow.to]));
  for (const node of nodes) {
    node.active = endpoints.has(node.id);
    node.y = ZONES_TOP + ZONE_TITLE_HEIGHT;
    node.lifelineTop = node.y + NODE.height;
    node.lifelineBottom = rowsBottom;
  }

  const laidOutZones: LaidOutZone[] = zones.map((zone) => {
    const members = nodes.filter((node) => node.zone === zone);
    const left = Math.min(...members.map((node) => node.x)) - AXIS.bandPadding;
    const right = Math.max(...members.map((node) => node.x + node.width)) + AXIS.bandPadding;
    return {
      zone,
      title: words.zones[zone],
      x: left,
      y: ZONES_TOP,
      width: right - left,
      height: zonesBottom - ZONES_TOP,
    };
  });

  const firewalls: LaidOutFirewall[] = model.firewalls
    .filter((firewall) => axis.barX(firewall.id) !== undefined)
    .map((firewall) => {
      const center = axis.barX(firewall.id)!;
      return {
        id: firewall.id,
        name: firewall.name,
        nameText: fitText(firewall.name, FONT, 180),
        x: center - AXIS.barWidth / 2,
        y: ZONES_TOP - 4,
        width: AXIS.barWidth,
        height: zonesBottom - ZONES_TOP + 8,
        labelY: FIREWALL_LABEL_Y,
        revealable: firewall.range !== undefined || firewall.rulesRange !== undefined,
        ariaLabel: fill(words.firewall, { name: firewall.name, networks: firewall.between.join(words.and) }),
      };
    });

  let bottom = zonesBottom;
  const extras = model.extraRules.length > 0 ? layoutExtras(model.extraRules, model, bottom + 34, words) : undefined;
  if (extras) bottom = extras.rows[extras.rows.length - 1].hit.y + extras.rows[extras.rows.length - 1].hit.height;

  const productName = PRODUCT_NAMES[model.product] ?? model.product;
  const title = options.title ?? fill(words.title, { product: productName });
  const allowed = fill(words.summary, { allowed: model.summary.allowed, required: model.summary.required });
  const summary = allowed + (options.title ? ` · ${productName}` : '');
  const legend = layoutLegend(MARGIN + textWidth(summary, FONT) + 28, words);
  const emptyText = words.empty;
  const empty =
    model.flows.length === 0 ? { x: MARGIN + 8, y: ROW.top + ROW.height / 2 + 4, text: emptyText } : undefined;

  const contentRight = Math.max(
    ...laidOutZones.map((zone) => zone.x + zone.width),
    ...firewalls.map((firewall) => firewall.x + firewall.width / 2 + textWidth(firewall.nameText, FONT) / 2),
    MARGIN + textWidth(title, TITLE_FONT) * 1.05,
    legend.items[legend.items.length - 1].x + 110,
    extras ? Math.max(...extras.rows.map((row) => row.hit.x + row.hit.width)) : 0,
    empty ? empty.x + textWidth(empty.text, FONT) : 0,
  );

  return {
    width: Math.ceil(contentRight + MARGIN),
    height: Math.ceil(bottom + MARGIN),
    title,
    titleY: TITLE_Y,
    summary,
    summaryY: SUMMARY_Y,
    legend,
    zones: laidOutZones,
    firewalls,
    nodes,
    arrows: arrows.sort((a, b) => a.y - b.y || a.x1 - b.x1),
    extras,
    empty,
    ariaLabel: `${title}. ${summary}.`,
  };
}

/** The Internet node in the drawing's language (the flow model names it in English). */
function inWords(model: FlowModel, words: DiagramTexts): FlowModel {
  const internet = model.nodes.find((node) => node.id === 'internet' && node.kind === 'internet');
  if (!internet || words === DIAGRAM_TEXTS.en) return model;
  const nodes = model.nodes.map((node) =>
    node === internet ? { ...node, label: words.internet, detail: words.internetDetail } : node,
  );
  return { ...model, nodes };
}
