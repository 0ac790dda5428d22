import type { FlowEdge, FlowModel, FlowNode } from '../../types';
import { fill } from './texts';

// The members of a pool that play the same part (the accessEdge interfaces of an Edge pool, the
// servers of a Front End pool) share one column labelled with the pool and the member count,
// and their identical flows one arrow, so a scaled deployment is no wider than a single server.

/** One column standing for the members of a pool that play the same part in the same zone. */
export interface PoolGroup {
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
export function groupPoolMembers(
  model: FlowModel,
  membersText = '{pool} {part}, {count} members: {list}',
): {
  model: FlowModel;
  groups: Map<string, PoolGroup>;
  merged: Map<string, FlowEdge[]>;
} {
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
      ariaLabel: fill(membersText, {
        pool: first.pool!,
        part,
        count: members.length,
        list: members.map(labelWithDetail).join('; '),
      }),
    });
  }
  if (groups.size === 0) return { model, groups, merged: new Map() };

  const nodes: FlowNode[] = [];
  for (const node of model.nodes) {
    const column = columnOf.get(node.id);
    if (column === undefined) nodes.push(node);
    else if (column === node.id)
      nodes.push({ ...node, label: `${node.pool} ${node.part}`, detail: groups.get(node.id)!.detail });
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

function labelWithDetail(member: FlowNode): string {
  return member.detail ? `${member.label} (${member.detail})` : member.label;
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
