import { formatPorts } from '../../model/service';
import { bare, type CidrSet } from './cidrs';
import type { ExportedRule } from './model';

// A rule's ports and addresses as one cell of the table formats (CSV and Markdown).

export function portText(rule: ExportedRule): string {
  return (['tcp', 'udp'] as const)
    .filter((transport) => rule.ports[transport].length > 0)
    .map((transport) => `${transport.toUpperCase()} ${formatPorts(rule.ports[transport])}`)
    .join('; ');
}

export function addressText(set: CidrSet): string {
  return set.any ? 'any' : [...set.v4, ...set.v6].map(bare).join(' ');
}
