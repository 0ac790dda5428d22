import { formatPorts } from '../../model/service';
import { addressText, portText } from './cells';
import type { ExportedTopology } from './model';
import { flatten } from './safeText';

// `lync-ports export --format csv`: one line per rule and one per firewall default, for a
// spreadsheet.

/** RFC 4180 field, always quoted; a leading = + - @ is defused for spreadsheets (CSV/formula injection). */
export function csvField(value: string): string {
  let text = flatten(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function renderCsv(topology: ExportedTopology): string {
  const header = [
    'firewall',
    'position',
    'name',
    'action',
    'service',
    'ports',
    'source_ports',
    'from',
    'to',
    'source_addresses',
    'destination_addresses',
    'catalog_rows',
    'resolved',
  ];
  const lines = [header.join(',')];
  for (const firewall of topology.firewalls) {
    for (const rule of firewall.rules) {
      lines.push(
        [
          firewall.name,
          String(rule.position),
          rule.name,
          rule.action,
          rule.service,
          portText(rule),
          rule.sourcePorts ? formatPorts(rule.sourcePorts) : '',
          rule.from.join(' '),
          rule.to.join(' '),
          addressText(rule.src),
          addressText(rule.dst),
          rule.catalogRows.join(' '),
          rule.complete ? 'yes' : 'no',
        ]
          .map(csvField)
          .join(','),
      );
    }
    lines.push(
      [
        firewall.name,
        'default',
        '(default)',
        firewall.defaultAction,
        'any',
        'any',
        '',
        'any',
        'any',
        'any',
        'any',
        '',
        'yes',
      ]
        .map(csvField)
        .join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}
