import type { FlowTexts } from './arrowTexts';
import type { Axis } from './columns';
import { ARROW, AXIS, ROW } from './metrics';
import type { LaidOutArrow, LaidOutNode } from './layoutTypes';
import type { FlowEdge, FlowModel } from '../../types';

// Every required flow is a horizontal arrow in its own row, from its source lifeline to its
// destination lifeline, crossing its firewall's bar; flows of different firewalls share a row
// when they do not overlap horizontally, which halves the height of a full edge deployment.

/** The arrows in reading order, each in the first row from its firewall's last one where it fits. */
export function placeArrowsInRows(
  model: FlowModel,
  nodes: Map<string, LaidOutNode>,
  merged: Map<string, FlowEdge[]>,
  texts: Map<string, FlowTexts>,
  axis: Axis,
  boundaries: Map<string, number>,
): { arrows: LaidOutArrow[]; rowCount: number } {
  const ordered = [...model.flows]
    .map((flow, order) => ({ flow, order }))
    .sort((a, b) => {
      const keyA = flowOrderKey(a.flow, a.order, boundaries, axis.columnIndex);
      return keyA.localeCompare(flowOrderKey(b.flow, b.order, boundaries, axis.columnIndex));
    });
  const arrows: LaidOutArrow[] = [];
  const rowExtents: { from: number; to: number }[][] = [];
  const lastRowOfFirewall = new Map<string, number>();
  for (const { flow } of ordered) {
    const from = nodes.get(flow.from)!;
    const to = nodes.get(flow.to)!;
    const text = texts.get(flow.id)!;
    const flowIds = (merged.get(flow.id) ?? [flow]).map((member) => member.id);
    const arrow = placeArrow(flow, flowIds, from, to, axis.barX(flow.firewall), text);
    const extent = { from: arrow.hit.x, to: arrow.hit.x + arrow.hit.width };
    const overlaps = (other: { from: number; to: number }) =>
      extent.from < other.to + ROW.separation && other.from < extent.to + ROW.separation;
    let row = lastRowOfFirewall.get(flow.firewall) ?? 0;
    while (rowExtents[row]?.some(overlaps)) row++;
    (rowExtents[row] ??= []).push(extent);
    lastRowOfFirewall.set(flow.firewall, row);
    shiftArrow(arrow, ROW.top + row * ROW.height + ROW.height / 2);
    arrows.push(arrow);
  }
  return { arrows, rowCount: Math.max(1, rowExtents.length) };
}

function placeArrow(
  flow: FlowEdge,
  flowIds: string[],
  from: LaidOutNode,
  to: LaidOutNode,
  barCenter: number | undefined,
  texts: FlowTexts,
): LaidOutArrow {
  const x1 = from.lifelineX;
  let x2 = to.lifelineX;
  if (x1 === x2) x2 = x1 + ARROW.targetSegmentMin; // a flow from a node to itself: a stub, never a dot
  const low = Math.min(x1, x2);
  const high = Math.max(x1, x2);
  const crosses = barCenter !== undefined && low < barCenter && barCenter < high;
  const crossX = crosses ? barCenter : (x1 + x2) / 2;
  const textX = crosses ? (x1 + (crossX - (Math.sign(x2 - x1) * AXIS.barWidth) / 2)) / 2 : (x1 + x2) / 2;
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
    hit: { x: hitLeft, y: -ROW.height / 2 + 2, width: hitRight - hitLeft, height: ROW.height - 4 },
    ariaLabel: texts.ariaLabel,
    title: texts.title,
  };
}

function shiftArrow(arrow: LaidOutArrow, y: number): void {
  arrow.y = y;
  arrow.hit.y += y;
}

function flowOrderKey(
  flow: FlowEdge,
  order: number,
  boundaries: Map<string, number>,
  columns: Map<string, number>,
): string {
  const boundary = boundaries.get(flow.firewall) ?? 99;
  const a = columns.get(flow.from)!;
  const b = columns.get(flow.to)!;
  // Per firewall; then by the pair of lifelines, inbound (left to right) before outbound; then as
  // the catalog lists them.
  const pad = (value: number) => String(value).padStart(4, '0');
  return [pad(boundary), flow.firewall, pad(Math.min(a, b)), pad(Math.max(a, b)), a <= b ? '0' : '1', pad(order)].join(
    '|',
  );
}
