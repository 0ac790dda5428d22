// Lays out the firewall flow diagram: a pure function from the flow model to positioned boxes,
// so that the CLI's SVG and the webview show the same drawing and the geometry is unit-testable.
//
// The picture reads left to right like Microsoft's edge diagrams: the external zone (the Internet,
// federated partners), the external firewall, the perimeter (the Edge server's interfaces), the
// internal firewall, the internal network (Front End pool, XMPP gateway). Every node has a
// lifeline, as in a sequence diagram, and every required flow is a horizontal arrow in its own
// row from its source lifeline to its destination lifeline, crossing its firewall's bar. A
// status mark sits where the arrow crosses the bar. This stays readable with thirty flows, where
// a free graph layout would tangle. Flows of different firewalls share a row when they do not
// overlap horizontally, which halves the height of a full edge deployment. The members of a pool
// that play the same part (the accessEdge interfaces of an Edge pool, the servers of a Front End
// pool) share one column labelled with the pool and the member count, and their identical flows
// one arrow, so a scaled deployment is no wider than a single-server one.
import { fitText, textWidth } from './text';
import type { ExtraRule, FlowEdge, FlowFirewall, FlowModel, FlowNode, FlowStatus, Product, Zone } from '../../types';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutZone extends Box {
  zone: Zone;
  title: string;
}

export interface LaidOutNode extends Box {
  id: string;
  kind: FlowNode['kind'] | 'placeholder';
  zone: Zone;
  /** Full texts, for the tooltip and screen readers. */
  label: string;
  detail: string;
  /** Texts cut to fit the box: the label on one or two lines. */
  labelLines: string[];
  detailText: string;
  lifelineX: number;
  lifelineTop: number;
  lifelineBottom: number;
  /** Whether a click can reveal the node's definition. */
  revealable: boolean;
  /** Whether any required flow starts or ends here; idle nodes are drawn faded. */
  active: boolean;
  ariaLabel: string;
  /**
   * When the column stands for several members of one pool playing the same part: their node
   * ids (the column's own id is the first one's, so a click reveals that member's definition).
   */
  members?: string[];
}

export interface LaidOutFirewall extends Box {
  id: string;
  name: string;
  nameText: string;
  labelY: number;
  revealable: boolean;
  ariaLabel: string;
}

export interface LaidOutArrow {
  /** The flow a click reveals: the first of `flowIds`. */
  flowId: string;
  /** Every flow the arrow stands for: one, or one per member pair between grouped columns. */
  flowIds: string[];
  status: FlowStatus;
  /** Start (source lifeline) and end (destination lifeline) of the arrow; y of its row. */
  x1: number;
  x2: number;
  y: number;
  /** Where the arrow crosses its firewall's bar: the status mark. */
  crossX: number;
  /** Centre of the label (above the line) and the note (below it). */
  textX: number;
  label: string;
  labelText: string;
  note: string;
  noteText: string;
  /** Clickable and focusable area around the arrow and its texts. */
  hit: Box;
  ariaLabel: string;
  title: string;
}

export interface LaidOutExtraRule {
  index: number;
  y: number;
  cells: { x: number; text: string }[];
  action: 'allow' | 'deny';
  hit: Box;
  ariaLabel: string;
}

export interface LaidOutExtras {
  title: string;
  titleY: number;
  headerY: number;
  headers: { x: number; text: string }[];
  rows: LaidOutExtraRule[];
}

export interface LegendItem {
  status: FlowStatus;
  text: string;
  x: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  title: string;
  titleY: number;
  summary: string;
  summaryY: number;
  legend: { y: number; items: LegendItem[] };
  zones: LaidOutZone[];
  firewalls: LaidOutFirewall[];
  nodes: LaidOutNode[];
  arrows: LaidOutArrow[];
  extras?: LaidOutExtras;
  /** Shown in the rows area when no flow is required. */
  empty?: { x: number; y: number; text: string };
  ariaLabel: string;
}

export interface LayoutOptions {
  /** Heading of the drawing, e.g. the file name; defaults to the product's name. */
  title?: string;
}

// ---- metrics (px) ----
export const FONT = 12;
export const SMALL = 11;
export const TITLE_FONT = 16;
const MARGIN = 20;
const TITLE_Y = MARGIN + 14;
const SUMMARY_Y = MARGIN + 36;
const FIREWALL_LABEL_Y = MARGIN + 66;
const ZONES_TOP = MARGIN + 76;
const ZONE_TITLE_HEIGHT = 30;
const NODE_HEIGHT = 56;
const NODE_MIN_WIDTH = 96;
const NODE_MAX_WIDTH = 168;
/** A pool's column may grow a little, so that `2 × webConferencingEdge` is read whole. */
const GROUP_MAX_WIDTH = 190;
const ROWS_GAP = 22;
const ROW_HEIGHT = 40;
const BAND_PADDING = 12;
const COLUMN_GAP = 16;
const BOUNDARY_GAP = 30;
const BAR_WIDTH = 14;
const BAR_SPACING = 30;
const LABEL_PADDING = 30;
const TARGET_SEGMENT_MIN = 44;
const ROW_SEPARATION = 14;
const LABEL_MAX_WIDTH = 260;
const EXTRA_ROW_HEIGHT = 22;
const EXTRA_CELL_MAX = 240;

const ZONE_ORDER: Zone[] = ['external', 'perimeter', 'internal'];
const ZONE_TITLES: Record<Zone, string> = {
  external: 'External (Internet)',
  perimeter: 'Perimeter network',
  internal: 'Internal network',
};
const PRODUCT_NAMES: Record<Product, string> = {
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
};
export const STATUS_TEXT: Record<FlowStatus, string> = {
  allowed: 'allowed',
  missing: 'missing',
  misconfigured: 'misconfigured',
  blocked: 'blocked',
};
const CODE_TEXT: Record<string, string> = {
  'wrong-port': 'wrong port',
  'wrong-transport': 'wrong transport',
  'reversed-flow': 'from and to swapped',
  'wrong-firewall': 'on the wrong firewall',
};

/** One column of the x axis: a node's lifeline, or the firewall bars at a zone boundary. */
type Element =
  | { kind: 'column'; node: LaidOutNode; width: number }
  | { kind: 'boundary'; index: number; firewalls: FlowFirewall[]; width: number };

export function layoutDiagram(input: FlowModel, options: LayoutOptions = {}): DiagramLayout {
  const zones = zonesOf(input);
  const { model, groups, merged } = groupPoolMembers(anyOnTheFarSide(input, zones));
  const nodes = placeNodes(model, zones, groups);
  const nodeById = new Map(nodes.map((node) => [node.id, node]));
  const firewallBoundary = boundariesOfFirewalls(model, zones, nodeById);

  // The x axis: columns of each zone, with a boundary element between consecutive zones.
  const elements: Element[] = [];
  zones.forEach((zone, zoneIndex) => {
    if (zoneIndex > 0) {
      const firewalls = model.firewalls.filter((firewall) => firewallBoundary.get(firewall.id) === zoneIndex - 1);
      const width = firewalls.length === 0 ? 0 : firewalls.length * BAR_WIDTH + (firewalls.length - 1) * BAR_SPACING;
      elements.push({ kind: 'boundary', index: zoneIndex - 1, firewalls, width });
    }
    for (const node of nodes.filter((candidate) => candidate.zone === zone)) {
      elements.push({ kind: 'column', node, width: node.width });
    }
  });
  const gaps = elements.slice(1).map((element, index) => {
    const previous = elements[index];
    return previous.kind === 'column' && element.kind === 'column' ? COLUMN_GAP : BOUNDARY_GAP;
  });

  const columnIndex = new Map<string, number>();
  elements.forEach((element, index) => {
    if (element.kind === 'column') columnIndex.set(element.node.id, index);
  });
  const barIndex = new Map<string, { element: number; slot: number }>();
  elements.forEach((element, index) => {
    if (element.kind === 'boundary') element.firewalls.forEach((firewall, slot) => barIndex.set(firewall.id, { element: index, slot }));
  });

  const texts = new Map(model.flows.map((flow) => [flow.id, flowTexts(flow, model, nodeById, merged.get(flow.id) ?? [flow], groups)]));

  // Widen gaps until every label fits between its source lifeline and its firewall's bar, and
  // the rest of the arrow is long enough to show its head. Narrow spans first: widening a gap
  // only lengthens the spans over it.
  const constraints = model.flows
    .flatMap((flow) => spanConstraints(flow, columnIndex, barIndex, texts.get(flow.id)!))
    .sort((a, b) => Math.abs(a.toElement - a.fromElement) - Math.abs(b.toElement - b.fromElement));
  for (const constraint of constraints) {
    const xs = elementPositions(elements, gaps);
    const distance = Math.abs(anchorX(constraint.to, xs, elements) - anchorX(constraint.from, xs, elements));
    const deficit = constraint.minimum - distance;
    if (deficit <= 0) continue;
    const low = Math.min(constraint.fromElement, constraint.toElement);
    const high = Math.max(constraint.fromElement, constraint.toElement);
    const share = Math.ceil(deficit / (high - low));
    for (let gap = low; gap < high; gap++) gaps[gap] += share;
  }
  const xs = elementPositions(elements, gaps);

  // Columns get their final x; bars theirs.
  for (const [index, element] of elements.entries()) {
    if (element.kind === 'column') {
      element.node.x = xs[index];
      element.node.lifelineX = xs[index] + element.node.width / 2;
    }
  }
  const barX = (firewallId: string): number | undefined => {
    const bar = barIndex.get(firewallId);
    return bar === undefined ? undefined : xs[bar.element] + bar.slot * (BAR_WIDTH + BAR_SPACING) + BAR_WIDTH / 2;
  };

  // Rows: flows in reading order, then packed.
  const rowsTop = ZONES_TOP + ZONE_TITLE_HEIGHT + NODE_HEIGHT + ROWS_GAP;
  const ordered = [...model.flows]
    .map((flow, order) => ({ flow, order }))
    .sort((a, b) => flowOrderKey(a.flow, a.order, firewallBoundary, columnIndex).localeCompare(flowOrderKey(b.flow, b.order, firewallBoundary, columnIndex)));
  const arrows: LaidOutArrow[] = [];
  const rowExtents: { from: number; to: number }[][] = [];
  const lastRowOfFirewall = new Map<string, number>();
  for (const { flow } of ordered) {
    const from = nodeById.get(flow.from)!;
    const to = nodeById.get(flow.to)!;
    const text = texts.get(flow.id)!;
    const arrow = placeArrow(flow, (merged.get(flow.id) ?? [flow]).map((member) => member.id), from, to, barX(flow.firewall), text);
    const extent = { from: arrow.hit.x, to: arrow.hit.x + arrow.hit.width };
    let row = lastRowOfFirewall.get(flow.firewall) ?? 0;
    while (rowExtents[row]?.some((other) => extent.from < other.to + ROW_SEPARATION && other.from < extent.to + ROW_SEPARATION)) row++;
    (rowExtents[row] ??= []).push(extent);
    lastRowOfFirewall.set(flow.firewall, row);
    shiftArrow(arrow, rowsTop + row * ROW_HEIGHT + ROW_HEIGHT / 2);
    arrows.push(arrow);
  }
  const rowCount = Math.max(1, rowExtents.length);
  const rowsBottom = rowsTop + rowCount * ROW_HEIGHT;
  const zonesBottom = rowsBottom + 10;

  const endpoints = new Set(model.flows.flatMap((flow) => [flow.from, flow.to]));
  for (const node of nodes) {
    node.active = endpoints.has(node.id);
    node.y = ZONES_TOP + ZONE_TITLE_HEIGHT;
    node.lifelineTop = node.y + NODE_HEIGHT;
    node.lifelineBottom = rowsBottom;
  }

  const laidOutZones: LaidOutZone[] = zones.map((zone) => {
    const members = nodes.filter((node) => node.zone === zone);
    const left = Math.min(...members.map((node) => node.x)) - BAND_PADDING;
    const right = Math.max(...members.map((node) => node.x + node.width)) + BAND_PADDING;
    return { zone, title: ZONE_TITLES[zone], x: left, y: ZONES_TOP, width: right - left, height: zonesBottom - ZONES_TOP };
  });

  const firewalls: LaidOutFirewall[] = model.firewalls
    .filter((firewall) => barIndex.has(firewall.id))
    .map((firewall) => {
      const center = barX(firewall.id)!;
      return {
        id: firewall.id,
        name: firewall.name,
        nameText: fitText(firewall.name, FONT, 180),
        x: center - BAR_WIDTH / 2,
        y: ZONES_TOP - 4,
        width: BAR_WIDTH,
        height: zonesBottom - ZONES_TOP + 8,
        labelY: FIREWALL_LABEL_Y,
        revealable: firewall.range !== undefined || firewall.rulesRange !== undefined,
        ariaLabel: `Firewall ${firewall.name} between ${firewall.between.join(' and ')}`,
      };
    });

  let bottom = zonesBottom;
  const extras = model.extraRules.length > 0 ? layoutExtras(model.extraRules, model, bottom + 34) : undefined;
  if (extras) bottom = extras.rows[extras.rows.length - 1].hit.y + extras.rows[extras.rows.length - 1].hit.height;

  const title = options.title ?? `Firewall flows: ${PRODUCT_NAMES[model.product] ?? model.product}`;
  const summary =
    `required flows allowed: ${model.summary.allowed}/${model.summary.required}` +
    (options.title ? ` · ${PRODUCT_NAMES[model.product] ?? model.product}` : '');
  const legend = layoutLegend(MARGIN + textWidth(summary, FONT) + 28);
  const empty =
    model.flows.length === 0
      ? { x: MARGIN + 8, y: rowsTop + ROW_HEIGHT / 2 + 4, text: 'No required flows: enable a feature under features: (for example xmppFederation: true).' }
      : undefined;

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

// ---- zones and nodes ----

function zonesOf(model: FlowModel): Zone[] {
  const present = new Set<Zone>(model.zones);
  for (const node of model.nodes) present.add(node.zone);
  const zones = ZONE_ORDER.filter((zone) => present.has(zone));
  return zones.length > 0 ? zones : ['external'];
}

/** Nodes as columns, each zone's in an order that keeps its arrows short. */
function placeNodes(model: FlowModel, zones: Zone[], groups: Map<string, PoolGroup>): LaidOutNode[] {
  const known = new Map(model.nodes.map((node) => [node.id, node]));
  const all: FlowNode[] = [...model.nodes];
  // A flow whose endpoint the model does not list still gets drawn, on a node named after it.
  for (const flow of model.flows) {
    for (const id of [flow.from, flow.to]) {
      if (!known.has(id)) {
        const node: FlowNode = { id, label: id, detail: '', zone: zones[0], kind: 'server' };
        known.set(id, node);
        all.push(node);
      }
    }
  }
  const zoneRank = (zone: Zone) => ZONE_ORDER.indexOf(zone);
  // A node whose flows all go to zones on its left sits at the left of its zone, and vice versa:
  // in the perimeter, the Edge server's external interfaces face the external firewall and its
  // internal interface faces the internal firewall.
  const side = (node: FlowNode): number => {
    let left = 0;
    let right = 0;
    for (const flow of model.flows) {
      const other = flow.from === node.id ? flow.to : flow.to === node.id ? flow.from : undefined;
      if (other === undefined) continue;
      const otherRank = zoneRank(known.get(other)!.zone);
      if (otherRank < zoneRank(node.zone)) left++;
      else if (otherRank > zoneRank(node.zone)) right++;
    }
    if (left > 0 && right === 0) return 0;
    if (right > 0 && left === 0) return 2;
    return 1;
  };
  const placed: LaidOutNode[] = [];
  for (const zone of zones) {
    const members = all
      .map((node, order) => ({ node, order }))
      .filter(({ node }) => node.zone === zone)
      .sort((a, b) => side(a.node) - side(b.node) || a.order - b.order)
      .map(({ node }) => laidOutNode(node, groups.get(node.id)));
    if (members.length === 0) members.push(placeholderNode(zone));
    placed.push(...members);
  }
  return placed;
}

const BOLD = 1.08; // bold text runs about 8 % wider

function laidOutNode(node: FlowNode, group?: PoolGroup): LaidOutNode {
  const lines = group ? group.lines : labelLines(node.label);
  const labelWidth = Math.max(...lines.map((line) => textWidth(line, FONT) * BOLD));
  const detailWidth = textWidth(node.detail, SMALL);
  const fitted = Math.max(NODE_MIN_WIDTH, Math.ceil(Math.max(labelWidth, detailWidth)) + 16);
  // A pool's label may widen its box up to GROUP_MAX_WIDTH; details are cut at NODE_MAX_WIDTH.
  const limit = group ? Math.min(GROUP_MAX_WIDTH, Math.max(NODE_MAX_WIDTH, Math.ceil(labelWidth) + 16)) : NODE_MAX_WIDTH;
  const width = Math.min(limit, fitted);
  return {
    id: node.id,
    kind: node.kind,
    zone: node.zone,
    label: node.label,
    detail: node.detail,
    labelLines: lines.map((line) => fitText(line, FONT * BOLD, width - 12)),
    detailText: fitText(node.detail, SMALL, width - 12),
    x: 0,
    y: 0,
    width,
    height: NODE_HEIGHT,
    lifelineX: 0,
    lifelineTop: 0,
    lifelineBottom: 0,
    revealable: node.range !== undefined,
    active: false,
    ariaLabel: group ? group.ariaLabel : node.detail ? `${node.label} (${node.detail})` : node.label,
    ...(group ? { members: group.members.map((member) => member.id) } : {}),
  };
}

/**
 * A long label goes on two lines: broken at a space when that makes both halves fit
 * (`fe01` over `(pool01.contoso.com)`), else after its last dot (`edge01.` over
 * `webConferencingEdge`), which keeps the columns of a pool's interfaces narrow.
 */
function labelLines(label: string): string[] {
  const fits = (text: string) => textWidth(text, FONT) * BOLD <= NODE_MAX_WIDTH - 12;
  if (fits(label)) return [label];
  const space = label.lastIndexOf(' ');
  if (space > 0 && fits(label.slice(0, space)) && fits(label.slice(space + 1))) return [label.slice(0, space), label.slice(space + 1)];
  const dot = label.lastIndexOf('.', label.length - 2);
  if (dot > 0) return [label.slice(0, dot + 1), label.slice(dot + 1)];
  if (space > 0) return [label.slice(0, space), label.slice(space + 1)];
  return [label];
}

function placeholderNode(zone: Zone): LaidOutNode {
  return { ...laidOutNode({ id: `(no ${zone} node)`, label: 'nothing defined', detail: '', zone, kind: 'server' }), kind: 'placeholder', revealable: false };
}

/** Which zone boundary (0: after the first zone) each firewall's bar stands on. */
function boundariesOfFirewalls(model: FlowModel, zones: Zone[], nodes: Map<string, { zone: Zone; kind: string }>): Map<string, number> {
  const boundaries = new Map<string, number>();
  const boundaryCount = Math.max(0, zones.length - 1);
  if (boundaryCount === 0) return boundaries;
  for (const firewall of model.firewalls) {
    // The flows that cross a firewall tell which zones it separates. Flows between named nodes
    // say it best; flows from or to "any" only count when there are no others.
    const crossing = model.flows.filter((candidate) => candidate.firewall === firewall.id && nodes.has(candidate.from) && nodes.has(candidate.to));
    const named = crossing.filter((flow) => nodes.get(flow.from)!.kind !== 'internet' && nodes.get(flow.to)!.kind !== 'internet');
    const ranks: number[] = [];
    for (const flow of named.length > 0 ? named : crossing) {
      const a = zones.indexOf(nodes.get(flow.from)!.zone);
      const b = zones.indexOf(nodes.get(flow.to)!.zone);
      if (a !== b && a >= 0 && b >= 0) ranks.push(Math.min(a, b));
    }
    if (ranks.length > 0) {
      boundaries.set(firewall.id, Math.min(boundaryCount - 1, mostFrequent(ranks)));
    }
  }
  // A firewall no flow crosses takes the first boundary without a bar (the external firewall
  // first, as edge deployments are described), else the last one.
  for (const firewall of model.firewalls) {
    if (boundaries.has(firewall.id)) continue;
    const used = new Set(boundaries.values());
    let boundary = 0;
    while (boundary < boundaryCount - 1 && used.has(boundary)) boundary++;
    boundaries.set(firewall.id, boundary);
  }
  return boundaries;
}

/**
 * "Any" is always on the far side of the firewall from the flow's other end (the catalog's
 * `any` has a zone). A model that names one node for every "any" (the Internet) would draw
 * "any internal client → Edge internal interface" from the Internet, through no bar at all; such
 * an end is drawn on an "Any" node of the right zone instead. The flow and its id are unchanged.
 */
function anyOnTheFarSide(model: FlowModel, zones: Zone[]): FlowModel {
  const nodes = new Map<string, FlowNode>(model.nodes.map((node) => [node.id, node]));
  const boundaries = boundariesOfFirewalls(model, zones, nodes);
  const added = new Map<string, FlowNode>();
  const flows = model.flows.map((flow) => {
    const from = nodes.get(flow.from);
    const to = nodes.get(flow.to);
    const boundary = boundaries.get(flow.firewall);
    if (!from || !to || boundary === undefined || (from.kind === 'internet') === (to.kind === 'internet')) return flow;
    const a = zones.indexOf(from.zone);
    const b = zones.indexOf(to.zone);
    if (Math.min(a, b) <= boundary && boundary < Math.max(a, b)) return flow; // it crosses its bar
    const named = from.kind === 'internet' ? b : a;
    const zone = named <= boundary ? zones[boundary + 1] : zones[boundary];
    if (!zone) return flow;
    const id = `any:${zone}`;
    if (!nodes.has(id) && !added.has(id)) added.set(id, { id, label: 'Any', detail: `${ZONE_TITLES[zone].toLowerCase()} addresses`, zone, kind: 'internet' });
    return from.kind === 'internet' ? { ...flow, from: id } : { ...flow, to: id };
  });
  if (added.size === 0) return model;
  return { ...model, nodes: [...model.nodes, ...added.values()], flows };
}

// ---- pools ----

/** One column standing for the members of a pool that play the same part in the same zone. */
interface PoolGroup {
  members: FlowNode[];
  /** The box's two label lines: the pool's FQDN, and the member count with the part. */
  lines: string[];
  /** The members' addresses, shortened: `131.107.155.11, .12`. */
  detail: string;
  ariaLabel: string;
}

/**
 * Draws the members of one pool that play the same part as one column: the group node takes the
 * first member's id (and range, so a click on it still reveals a definition), the flows of every
 * member are redirected to it, and flows that would then draw the same arrow (same ends,
 * firewall, service, status and rules) become one, which keeps the first flow's id: a click on
 * the arrow reveals that flow's rule, the same rule as the others'.
 */
function groupPoolMembers(model: FlowModel): { model: FlowModel; groups: Map<string, PoolGroup>; merged: Map<string, FlowEdge[]> } {
  const byKey = new Map<string, FlowNode[]>();
  for (const node of model.nodes) {
    if (!node.pool || !node.part) continue;
    const key = [node.pool, node.part, node.zone, node.kind].join('\u0000');
    byKey.set(key, [...(byKey.get(key) ?? []), node]);
  }
  const groups = new Map<string, PoolGroup>();
  const columnOf = new Map<string, string>();
  for (const members of byKey.values()) {
    if (members.length < 2) continue;
    const first = members[0];
    for (const member of members) columnOf.set(member.id, first.id);
    const part = first.part!;
    groups.set(first.id, {
      members,
      lines: [first.pool!, `${members.length} × ${part}`],
      detail: compactDetails(members.map((member) => member.detail)),
      // The tooltip and screen readers get every member with its full detail.
      ariaLabel: `${first.pool} ${part}, ${members.length} members: ${members.map((member) => (member.detail ? `${member.label} (${member.detail})` : member.label)).join('; ')}`,
    });
  }
  if (groups.size === 0) return { model, groups, merged: new Map() };

  const nodes: FlowNode[] = [];
  for (const node of model.nodes) {
    const column = columnOf.get(node.id);
    if (column === undefined) nodes.push(node);
    else if (column === node.id) nodes.push({ ...node, label: `${node.pool} ${node.part}`, detail: groups.get(node.id)!.detail });
  }
  const merged = new Map<string, FlowEdge[]>();
  const kept = new Map<string, FlowEdge>();
  for (const flow of model.flows) {
    const from = columnOf.get(flow.from) ?? flow.from;
    const to = columnOf.get(flow.to) ?? flow.to;
    const key = [flow.firewall, from, to, flow.label, flow.status, flow.code ?? '', ...flow.ruleNames].join('\u0000');
    const existing = kept.get(key);
    if (existing) {
      merged.get(existing.id)!.push(flow);
      continue;
    }
    const drawn = { ...flow, from, to };
    kept.set(key, drawn);
    merged.set(drawn.id, [flow]);
  }
  return { model: { ...model, nodes, flows: [...kept.values()] }, groups, merged };
}

/**
 * The members' details without what they share: `frontEnd · xmppGateway · 192.168.10.90` and
 * `… · 192.168.10.91` give `192.168.10.90, .91` (the part is on the label already).
 */
function compactDetails(details: string[]): string {
  const separator = ' · ';
  let shared = details[0] ?? '';
  for (const detail of details) while (!detail.startsWith(shared)) shared = shared.slice(0, -1);
  const cut = shared.lastIndexOf(separator);
  const rest = details.map((detail) => (cut >= 0 ? detail.slice(cut + separator.length) : detail));
  if (rest.every((detail) => /^\d+\.\d+\.\d+\.\d+$/.test(detail))) {
    // Addresses of one subnet: the first in full, the others from where they differ.
    return rest
      .map((address, index) => {
        if (index === 0) return address;
        const octets = address.split('.');
        const firstOctets = rest[0].split('.');
        let same = 0;
        while (same < 3 && octets[same] === firstOctets[same]) same++;
        return same === 0 ? address : `.${octets.slice(same).join('.')}`;
      })
      .join(', ');
  }
  return rest.join('; ');
}

function mostFrequent(values: number[]): number {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

function elementPositions(elements: Element[], gaps: number[]): number[] {
  const xs: number[] = [];
  let x = MARGIN + BAND_PADDING;
  elements.forEach((element, index) => {
    if (index > 0) x += gaps[index - 1];
    xs.push(x);
    x += element.width;
  });
  return xs;
}

// ---- arrows ----

interface FlowTexts {
  label: string;
  note: string;
  labelText: string;
  noteText: string;
  width: number;
  ariaLabel: string;
  title: string;
}

function flowTexts(flow: FlowEdge, model: FlowModel, nodes: Map<string, LaidOutNode>, members: FlowEdge[], groups: Map<string, PoolGroup>): FlowTexts {
  const names = flow.ruleNames.filter((name) => name.length > 0);
  const quoted = names.map((name) => `“${name}”`).join(', ');
  let note: string;
  switch (flow.status) {
    case 'allowed':
      note = names.length > 0 ? names.join(', ') : 'allowed';
      break;
    case 'missing':
      note = 'missing: no rule allows it';
      break;
    case 'blocked':
      note = names.length > 0 ? `blocked by ${quoted}` : 'blocked by a deny rule';
      break;
    case 'misconfigured': {
      const what = (flow.code && CODE_TEXT[flow.code]) ?? 'misconfigured';
      note = names.length > 0 ? `${names.join(', ')}: ${what}` : what;
      break;
    }
    default:
      note = String(flow.status);
  }
  // An arrow between grouped columns that holds only some of the members (one Edge server's
  // rule is missing) says which, before its note.
  const fromGroup = groups.get(flow.from);
  const toGroup = groups.get(flow.to);
  const partial = [
    ...partOfGroup(fromGroup, members.map((member) => member.from)),
    ...partOfGroup(toGroup, members.map((member) => member.to)),
  ];
  if (partial.length > 0) note = `${partial.join(', ')}: ${note}`; // first: a long note is cut at its end
  const labelText = fitText(flow.label, FONT, LABEL_MAX_WIDTH);
  const noteText = fitText(note, SMALL, LABEL_MAX_WIDTH);
  const firewall = model.firewalls.find((candidate) => candidate.id === flow.firewall);
  const fromLabel = nodes.get(flow.from)?.ariaLabel ?? flow.from;
  const toLabel = nodes.get(flow.to)?.ariaLabel ?? flow.to;
  const through = firewall ? ` through firewall ${firewall.name}` : '';
  const rules = names.length > 0 ? ` Rule${names.length > 1 ? 's' : ''}: ${names.join(', ')}.` : '';
  const message = flow.message ? ` ${flow.message}` : '';
  const memberName = (id: string) => fromGroup?.members.find((member) => member.id === id)?.label ?? toGroup?.members.find((member) => member.id === id)?.label ?? nodes.get(id)?.label ?? id;
  const pairs =
    fromGroup || toGroup ? ` ${members.length === 1 ? 'One flow' : `${members.length} flows`}: ${members.map((member) => `${memberName(member.from)} → ${memberName(member.to)}`).join(', ')}.` : '';
  const ariaLabel = `${flow.label} from ${fromLabel} to ${toLabel}${through}: ${STATUS_TEXT[flow.status] ?? flow.status}.${rules}${pairs}${message}`;
  return {
    label: flow.label,
    note,
    labelText,
    noteText,
    width: Math.max(textWidth(labelText, FONT), textWidth(noteText, SMALL)),
    ariaLabel,
    title: ariaLabel,
  };
}

/** The members of a grouped column an arrow holds, when it holds only some of them. */
function partOfGroup(group: PoolGroup | undefined, ends: string[]): string[] {
  if (!group) return [];
  const present = group.members.filter((member) => ends.includes(member.id));
  return present.length < group.members.length ? present.map((member) => member.id) : [];
}

interface SpanConstraint {
  from: Anchor;
  to: Anchor;
  fromElement: number;
  toElement: number;
  minimum: number;
}

/** A point on the x axis: a column's lifeline, or the near edge of a firewall's bar. */
type Anchor = { element: number; kind: 'lifeline' } | { element: number; kind: 'bar'; slot: number; side: -1 | 1 };

function anchorX(anchor: Anchor, xs: number[], elements: Element[]): number {
  if (anchor.kind === 'lifeline') return xs[anchor.element] + elements[anchor.element].width / 2;
  return xs[anchor.element] + anchor.slot * (BAR_WIDTH + BAR_SPACING) + BAR_WIDTH / 2 + (anchor.side * BAR_WIDTH) / 2;
}

function spanConstraints(
  flow: FlowEdge,
  columns: Map<string, number>,
  bars: Map<string, { element: number; slot: number }>,
  texts: FlowTexts,
): SpanConstraint[] {
  const source = columns.get(flow.from)!;
  const target = columns.get(flow.to)!;
  if (source === target) return [];
  const bar = bars.get(flow.firewall);
  const rightward = target > source;
  const sourceAnchor: Anchor = { element: source, kind: 'lifeline' };
  const targetAnchor: Anchor = { element: target, kind: 'lifeline' };
  if (bar === undefined || !(rightward ? source < bar.element && bar.element < target : target < bar.element && bar.element < source)) {
    // No bar between the ends: the label sits over the whole arrow.
    return [{ from: sourceAnchor, to: targetAnchor, fromElement: source, toElement: target, minimum: texts.width + LABEL_PADDING }];
  }
  // The label sits between the source and the bar, where the packet starts; past the bar the
  // arrow needs room for its head.
  const side = rightward ? -1 : 1;
  return [
    { from: sourceAnchor, to: { element: bar.element, kind: 'bar', slot: bar.slot, side }, fromElement: source, toElement: bar.element, minimum: texts.width + LABEL_PADDING },
    { from: { element: bar.element, kind: 'bar', slot: bar.slot, side: -side as 1 | -1 }, to: targetAnchor, fromElement: bar.element, toElement: target, minimum: TARGET_SEGMENT_MIN },
  ];
}

function placeArrow(flow: FlowEdge, flowIds: string[], from: LaidOutNode, to: LaidOutNode, barCenter: number | undefined, texts: FlowTexts): LaidOutArrow {
  const x1 = from.lifelineX;
  let x2 = to.lifelineX;
  if (x1 === x2) x2 = x1 + TARGET_SEGMENT_MIN; // a flow from a node to itself: a stub, never a dot
  const low = Math.min(x1, x2);
  const high = Math.max(x1, x2);
  const crosses = barCenter !== undefined && low < barCenter && barCenter < high;
  const crossX = crosses ? barCenter : (x1 + x2) / 2;
  const textX = crosses ? (x1 + (crossX - (Math.sign(x2 - x1) * BAR_WIDTH) / 2)) / 2 : (x1 + x2) / 2;
  const half = texts.width / 2 + 6;
  const hitLeft = Math.min(low - 6, textX - half);
  const hitRight = Math.max(high + 6, textX + half);
  return {
    flowId: flow.id,
    flowIds,
    status: flow.status,
    x1,
    x2,
    y: 0,
    crossX,
    textX,
    label: texts.label,
    labelText: texts.labelText,
    note: texts.note,
    noteText: texts.noteText,
    hit: { x: hitLeft, y: -ROW_HEIGHT / 2 + 2, width: hitRight - hitLeft, height: ROW_HEIGHT - 4 },
    ariaLabel: texts.ariaLabel,
    title: texts.title,
  };
}

function shiftArrow(arrow: LaidOutArrow, y: number): void {
  arrow.y = y;
  arrow.hit.y += y;
}

function flowOrderKey(flow: FlowEdge, order: number, boundaries: Map<string, number>, columns: Map<string, number>): string {
  const boundary = boundaries.get(flow.firewall) ?? 99;
  const a = columns.get(flow.from)!;
  const b = columns.get(flow.to)!;
  // Per firewall; then by the pair of lifelines, inbound (left to right) before outbound; then as
  // the catalog lists them.
  const pad = (value: number) => String(value).padStart(4, '0');
  return [pad(boundary), flow.firewall, pad(Math.min(a, b)), pad(Math.max(a, b)), a <= b ? '0' : '1', pad(order)].join('|');
}

// ---- legend and extra rules ----

function layoutLegend(startX: number): { y: number; items: LegendItem[] } {
  const items: LegendItem[] = [];
  let x = startX;
  for (const status of ['allowed', 'missing', 'misconfigured', 'blocked'] as FlowStatus[]) {
    items.push({ status, text: STATUS_TEXT[status], x });
    x += 34 + textWidth(STATUS_TEXT[status], SMALL) + 18;
  }
  return { y: SUMMARY_Y - 4, items };
}

function layoutExtras(rules: ExtraRule[], model: FlowModel, top: number): LaidOutExtras {
  const firewallName = (id: string) => model.firewalls.find((firewall) => firewall.id === id)?.name ?? id;
  const headers = ['Firewall', 'Rule', 'Service', 'From', 'To', 'Action'];
  const rows = rules.map((rule) => [firewallName(rule.firewall), rule.name || '(unnamed)', rule.service, rule.from, rule.to, rule.action]);
  const widths = headers.map((header, column) =>
    Math.min(EXTRA_CELL_MAX, Math.max(textWidth(header, SMALL), ...rows.map((row) => textWidth(row[column], FONT)))),
  );
  const columnX: number[] = [];
  let x = MARGIN + 10;
  for (const width of widths) {
    columnX.push(x);
    x += width + 22;
  }
  const right = x - 22 + 10;
  const headerY = top + 26;
  return {
    title: `Rules the port catalog does not require (${rules.length})`,
    titleY: top,
    headerY,
    headers: headers.map((text, column) => ({ x: columnX[column], text })),
    rows: rows.map((cells, index) => {
      const y = headerY + 8 + index * EXTRA_ROW_HEIGHT + EXTRA_ROW_HEIGHT / 2;
      const rule = rules[index];
      return {
        index,
        y,
        cells: cells.map((text, column) => ({ x: columnX[column], text: fitText(text, FONT, widths[column]) })),
        action: rule.action,
        hit: { x: MARGIN, y: y - EXTRA_ROW_HEIGHT / 2, width: right - MARGIN, height: EXTRA_ROW_HEIGHT },
        ariaLabel: `Extra rule ${rule.name || '(unnamed)'} on firewall ${cells[0]}: ${rule.action} ${rule.service} from ${rule.from} to ${rule.to}`,
      };
    }),
  };
}
