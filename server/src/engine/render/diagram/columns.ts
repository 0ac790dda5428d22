import { ARROW, AXIS, MARGIN } from './metrics';
import type { FlowTexts } from './arrowTexts';
import type { LaidOutNode } from './layoutTypes';
import type { FlowEdge, FlowFirewall, FlowModel, Zone } from '../../types';

// The x axis: a column per node, the firewall bars at each zone boundary, and the gaps between
// them widened until every arrow's label fits.

/** Where the columns and bars stand once the gaps are wide enough. */
export interface Axis {
  /** Element index of each node's column, in x order. */
  columnIndex: Map<string, number>;
  /** Centre of a firewall's bar; undefined for a firewall without a bar. */
  barX(firewallId: string): number | undefined;
}

/** Puts the columns (setting each node's x and lifeline) and the bars on the x axis. */
export function layoutAxis(
  model: FlowModel,
  zones: Zone[],
  nodes: LaidOutNode[],
  firewallBoundary: Map<string, number>,
  texts: Map<string, FlowTexts>,
): Axis {
  // The x axis: columns of each zone, with a boundary element between consecutive zones.
  const elements: Element[] = [];
  zones.forEach((zone, zoneIndex) => {
    if (zoneIndex > 0) {
      const firewalls = model.firewalls.filter((firewall) => firewallBoundary.get(firewall.id) === zoneIndex - 1);
      const bars = firewalls.length;
      const width = bars === 0 ? 0 : bars * AXIS.barWidth + (bars - 1) * AXIS.barSpacing;
      elements.push({ kind: 'boundary', index: zoneIndex - 1, firewalls, width });
    }
    for (const node of nodes.filter((candidate) => candidate.zone === zone)) {
      elements.push({ kind: 'column', node, width: node.width });
    }
  });
  const gaps = elements.slice(1).map((element, index) => {
    const previous = elements[index];
    return previous.kind === 'column' && element.kind === 'column' ? AXIS.columnGap : AXIS.boundaryGap;
  });

  const columnIndex = new Map<string, number>();
  elements.forEach((element, index) => {
    if (element.kind === 'column') columnIndex.set(element.node.id, index);
  });
  const barIndex = new Map<string, { element: number; slot: number }>();
  elements.forEach((element, index) => {
    if (element.kind !== 'boundary') return;
    element.firewalls.forEach((firewall, slot) => barIndex.set(firewall.id, { element: index, slot }));
  });

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

  for (const [index, element] of elements.entries()) {
    if (element.kind === 'column') {
      element.node.x = xs[index];
      element.node.lifelineX = xs[index] + element.node.width / 2;
    }
  }
  const barX = (firewallId: string): number | undefined => {
    const bar = barIndex.get(firewallId);
    return bar === undefined ? undefined : barCenter(xs[bar.element], bar.slot);
  };
  return { columnIndex, barX };
}

/** One column of the x axis: a node's lifeline, or the firewall bars at a zone boundary. */
type Element =
  | { kind: 'column'; node: LaidOutNode; width: number }
  | { kind: 'boundary'; index: number; firewalls: FlowFirewall[]; width: number };

function elementPositions(elements: Element[], gaps: number[]): number[] {
  const xs: number[] = [];
  let x = MARGIN + AXIS.bandPadding;
  elements.forEach((element, index) => {
    if (index > 0) x += gaps[index - 1];
    xs.push(x);
    x += element.width;
  });
  return xs;
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
  return barCenter(xs[anchor.element], anchor.slot) + (anchor.side * AXIS.barWidth) / 2;
}

/** The centre of the bar in `slot` of a boundary element that starts at `x`. */
function barCenter(x: number, slot: number): number {
  return x + slot * (AXIS.barWidth + AXIS.barSpacing) + AXIS.barWidth / 2;
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
  if (
    bar === undefined ||
    !(rightward ? source < bar.element && bar.element < target : target < bar.element && bar.element < source)
  ) {
    // No bar between the ends: the label sits over the whole arrow.
    const minimum = texts.width + ARROW.labelPadding;
    return [{ from: sourceAnchor, to: targetAnchor, fromElement: source, toElement: target, minimum }];
  }
  // The label sits between the source and the bar, where the packet starts; past the bar the
  // arrow needs room for its head.
  const side = rightward ? -1 : 1;
  const labelMinimum = texts.width + ARROW.labelPadding;
  const nearSide: Anchor = { element: bar.element, kind: 'bar', slot: bar.slot, side };
  const farSide: Anchor = { element: bar.element, kind: 'bar', slot: bar.slot, side: -side as 1 | -1 };
  return [
    { from: sourceAnchor, to: nearSide, fromElement: source, toElement: bar.element, minimum: labelMinimum },
    { from: farSide, to: targetAnchor, fromElement: bar.element, toElement: target, minimum: ARROW.targetSegmentMin },
  ];
}
