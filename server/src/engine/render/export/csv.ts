import { formatPorts } from '../../model/service';
import { addressText, portText } from './cells';
import type { ExportedTopology } from './model';
import { flatten } from './safeText';

// `lync-ports export --format csv`: one line per rule and one per firewall default, for a
// spreadsheet.

/**
 * Spreadsheets run a cell as a formula when it starts with = + - @, also after leading spaces
 * and in the fullwidth forms (＝ ＋ － ＠) that Excel's East Asian input folds to ASCII.
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]/;

/** RFC 4180 field, always quoted; a formula start is defused with a leading ' (CSV/formula injection). */
export function csvField(value: string): string {
  let text = flatten(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
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
