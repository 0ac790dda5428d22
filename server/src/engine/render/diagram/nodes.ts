import { BOLD, FONT, NODE, SMALL } from './metrics';
import type { PoolGroup } from './pools';
import { fitText, textWidth } from './text';
import type { LaidOutNode } from './layoutTypes';
import { ZONE_ORDER } from './zones';
import type { FlowModel, FlowNode, Zone } from '../../types';

// The nodes as columns: their order in each zone, their box sizes and label lines.

/** Nodes as columns, each zone's in an order that keeps its arrows short. */
export function placeNodes(
  model: FlowModel,
  zones: Zone[],
  groups: Map<string, PoolGroup>,
  nothingDefined: string,
): LaidOutNode[] {
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
    if (members.length === 0) members.push(placeholderNode(zone, nothingDefined));
    placed.push(...members);
  }
  return placed;
}

function laidOutNode(node: FlowNode, group?: PoolGroup): LaidOutNode {
  const lines = group ? group.lines : labelLines(node.label);
  const labelWidth = Math.max(...lines.map((line) => textWidth(line, FONT) * BOLD));
  const detailWidth = textWidth(node.detail, SMALL);
  const fitted = Math.max(NODE.minWidth, Math.ceil(Math.max(labelWidth, detailWidth)) + 16);
  // A pool's label may widen its box up to NODE.groupMaxWidth; details are cut at NODE.maxWidth.
  const groupLimit = Math.min(NODE.groupMaxWidth, Math.max(NODE.maxWidth, Math.ceil(labelWidth) + 16));
  const limit = group ? groupLimit : NODE.maxWidth;
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
    height: NODE.height,
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
  const fits = (text: string) => textWidth(text, FONT) * BOLD <= NODE.maxWidth - 12;
  if (fits(label)) return [label];
  const space = label.lastIndexOf(' ');
  if (space > 0 && fits(label.slice(0, space)) && fits(label.slice(space + 1)))
    return [label.slice(0, space), label.slice(space + 1)];
  const dot = label.lastIndexOf('.', label.length - 2);
  if (dot > 0) return [label.slice(0, dot + 1), label.slice(dot + 1)];
  if (space > 0) return [label.slice(0, space), label.slice(space + 1)];
  return [label];
}

function placeholderNode(zone: Zone, nothingDefined: string): LaidOutNode {
  return {
    ...laidOutNode({ id: `(no ${zone} node)`, label: nothingDefined, detail: '', zone, kind: 'server' }),
    kind: 'placeholder',
    revealable: false,
  };
}
