import { findCatalogRow } from '../../catalog';
import { effectiveRow } from '../../flows/rows';
import type { TopologyModel } from '../../model/model';
import { formatPorts } from '../../model/service';
import { addressText, portText } from './cells';
import type { ExportedTopology } from './model';
import { flatten } from './safeText';
import type { CatalogSource } from '../../types';

// `lync-ports export --format markdown`: a table per firewall and the catalog rows they serve,
// with links to Microsoft's pages — the page of the file's product and topology first, as `check` cites them.

/**
 * Markdown table cell text: HTML entities for & < >, a backslash before every character that can
 * start markup inside a cell (emphasis, code, links, images, tables, strikethrough, math, mentions),
 * and autolinks (http://, www.) broken.
 */
export function markdownText(value: string): string {
  return flatten(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()|~!$@#^=+])/g, '\\$1')
    .replace(/:(?=\/\/)/g, '\\:')
    .replace(/\b(www)\./gi, '$1\\.');
}

function rowSources(id: string, model: TopologyModel): CatalogSource[] {
  const row = findCatalogRow(id);
  return row ? effectiveRow(row, model).sources : [];
}

function rowLink(id: string, model: TopologyModel): string {
  const source: CatalogSource | undefined = rowSources(id, model)[0];
  return source ? `[${id}](${source.url})` : id;
}

export function renderMarkdown(topology: ExportedTopology, model: TopologyModel): string {
  const out: string[] = [
    `# Firewall rules${topology.name ? `: ${markdownText(topology.name)}` : ''}`,
    '',
    `Product: ${markdownText(topology.product)}. Rules are evaluated in order; the first match wins. Firewalls are ` +
      `stateful: a rule allows connections that start at *From*, and their replies.`,
    '',
  ];
  for (const firewall of topology.firewalls) {
    out.push(`## ${markdownText(firewall.name)} (${firewall.between.map(markdownText).join(' ↔ ')})`, '');
    out.push(
      '| # | Name | Action | Service | Ports | From | To | Source addresses | Destination addresses | Catalog rows |',
    );
    out.push('| ---: | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const rule of firewall.rules) {
      const ports = portText(rule) + (rule.sourcePorts ? ` (source ${formatPorts(rule.sourcePorts)})` : '');
      out.push(
        `| ${rule.position} | ${markdownText(rule.name)}${rule.complete ? '' : ' (does not resolve)'} | ` +
          `${rule.action} | ${markdownText(rule.service)} | ${markdownText(ports)} | ` +
          `${markdownText(rule.from.join(', '))} | ${markdownText(rule.to.join(', '))} | ` +
          `${markdownText(addressText(rule.src))} | ${markdownText(addressText(rule.dst))} | ` +
          `${rule.catalogRows.map((id) => rowLink(id, model)).join(', ')} |`,
      );
    }
    out.push(`| | (default) | ${firewall.defaultAction} | any | | any | any | | | |`, '');
  }
  const rows = [
    ...new Set(topology.firewalls.flatMap((firewall) => firewall.rules.flatMap((rule) => rule.catalogRows))),
  ].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (rows.length > 0) {
    out.push('## Catalog rows', '');
    for (const id of rows) {
      const row = findCatalogRow(id);
      if (!row) continue;
      out.push(
        `- **${id}** \`${row.service}\` (${row.feature}): ${markdownText(row.ruleName)}. ` +
          `${rowSources(id, model)
            .map((source) => `[${markdownText(source.title)}](${source.url})`)
            .join('; ')}`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
