import { ARROW, FONT, SMALL } from './metrics';
import type { PoolGroup } from './pools';
import { fitText, textWidth } from './text';
import { type DiagramTexts, fill } from './texts';
import type { LaidOutNode } from './layoutTypes';
import type { FlowEdge, FlowModel } from '../../types';

// What an arrow says: its label above the line (the service), its note below (the rules, or
// what is wrong), and the full sentence for its tooltip and screen readers.

export interface FlowTexts {
  label: string;
  note: string;
  labelText: string;
  noteText: string;
  width: number;
  ariaLabel: string;
  title: string;
}

export function flowTexts(
  flow: FlowEdge,
  model: FlowModel,
  nodes: Map<string, LaidOutNode>,
  members: FlowEdge[],
  groups: Map<string, PoolGroup>,
  words: DiagramTexts,
): FlowTexts {
  const names = flow.ruleNames.filter((name) => name.length > 0);
  const quoted = names.map((name) => `“${name}”`).join(', ');
  let note: string;
  switch (flow.status) {
    case 'allowed':
      note = names.length > 0 ? names.join(', ') : words.status.allowed;
      break;
    case 'missing':
      note = words.missingNote;
      break;
    case 'blocked':
      note = names.length > 0 ? fill(words.blockedBy, { rules: quoted }) : words.blockedByDeny;
      break;
    case 'misconfigured': {
      const what = (flow.code && words.codes[flow.code]) ?? words.status.misconfigured;
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
    ...partOfGroup(
      fromGroup,
      members.map((member) => member.from),
    ),
    ...partOfGroup(
      toGroup,
      members.map((member) => member.to),
    ),
  ];
  if (partial.length > 0) note = `${partial.join(', ')}: ${note}`; // first: a long note is cut at its end
  const labelText = fitText(flow.label, FONT, ARROW.labelMaxWidth);
  const noteText = fitText(note, SMALL, ARROW.labelMaxWidth);
  const firewall = model.firewalls.find((candidate) => candidate.id === flow.firewall);
  const fromLabel = nodes.get(flow.from)?.ariaLabel ?? flow.from;
  const toLabel = nodes.get(flow.to)?.ariaLabel ?? flow.to;
  const through = firewall ? fill(words.through, { name: firewall.name }) : '';
  const rules = names.length > 0 ? fill(names.length > 1 ? words.rules : words.rule, { names: names.join(', ') }) : '';
  const message = flow.message ? ` ${flow.message}` : '';
  const memberName = (id: string) =>
    fromGroup?.members.find((member) => member.id === id)?.label ??
    toGroup?.members.find((member) => member.id === id)?.label ??
    nodes.get(id)?.label ??
    id;
  const pairList = members.map((member) => `${memberName(member.from)} → ${memberName(member.to)}`).join(', ');
  const pairs =
    fromGroup || toGroup
      ? fill(members.length === 1 ? words.oneFlow : words.flows, { count: members.length, pairs: pairList })
      : '';
  const status = words.status[flow.status] ?? flow.status;
  const arrow = fill(words.arrow, { label: flow.label, from: fromLabel, to: toLabel, through, status });
  const ariaLabel = `${arrow}${rules}${pairs}${message}`;
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
