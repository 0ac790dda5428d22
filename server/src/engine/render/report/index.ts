import { findCatalogRow } from '../../catalog';
import { effectiveRow } from '../../flows/rows';
import type { FlowEvaluation } from '../../flows/evaluate';
import type { TopologyModel } from '../../model/model';
import { formatPorts } from '../../model/service';
import type { CatalogSource, Diagnostic, FlowModel } from '../../types';
import { renderDiagramSvg } from '../diagram';
import { addressText, portText } from '../export/cells';
import { exportedTopology } from '../export/model';
import { htmlText, pageLink } from './html';
import { REPORT_CSS } from './style';

// `lync-ports report`: one self-contained HTML page for the change board and the network team —
// the summary, the diagram, each firewall's rules with the catalog rows they serve, the findings
// and Microsoft's pages. No script, no external resource: a Content-Security-Policy that allows
// only the inline stylesheet, so the page shows the same offline, in a mail client or as a PDF.

export interface ReportInput {
  model: TopologyModel;
  diagnostics: readonly Diagnostic[];
  flowModel: FlowModel;
  analysis: { evaluations: readonly FlowEvaluation[] };
}

export interface ReportOptions {
  /** The file's name, shown in the title. */
  title?: string;
  /** When the report was made (ISO date); left out when absent so the output is reproducible. */
  date?: string;
}

/** Nothing loads and nothing runs: only the page's own inline stylesheet applies. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const PRODUCT_NAMES: Record<string, string> = {
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
};

export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  const { model, diagnostics, flowModel } = input;
  const topology = exportedTopology(input);
  const title = model.name ?? options.title ?? 'Topology';
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Firewall rules: ${htmlText(title)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>Firewall rules: ${htmlText(title)}</h1>`,
    `<p class="muted">${htmlText(PRODUCT_NAMES[model.product] ?? model.product)}` +
      `${options.title ? ` · ${htmlText(options.title)}` : ''}${options.date ? ` · ${htmlText(options.date)}` : ''}` +
      ' · made by lync-ports report</p>',
    '<ul class="summary">',
    `<li>Required flows allowed: <strong>${flowModel.summary.allowed}/${flowModel.summary.required}</strong></li>`,
    `<li>Firewalls: <strong>${model.firewalls.length}</strong></li>`,
    `<li>Rules: <strong>${topology.firewalls.reduce((sum, firewall) => sum + firewall.rules.length, 0)}</strong></li>`,
    `<li><span class="error">${counts.error} error${counts.error === 1 ? '' : 's'}</span>, ` +
      `<span class="warning">${counts.warning} warning${counts.warning === 1 ? '' : 's'}</span>, ` +
      `<span class="info">${counts.info} note${counts.info === 1 ? '' : 's'}</span></li>`,
    '</ul>',
    '<h2>Diagram</h2>',
    `<div class="diagram">${diagramOf(flowModel, options.title)}</div>`,
  ];
  for (const firewall of topology.firewalls) {
    out.push(
      `<h2>Firewall ${htmlText(firewall.name)} ` +
        `<span class="muted">(${firewall.between.map(htmlText).join(' ↔ ')})</span></h2>`,
      '<table>',
      '<thead><tr><th>#</th><th>Name</th><th>Action</th><th>Service</th><th>Ports</th><th>From</th><th>To</th>' +
        '<th>Source addresses</th><th>Destination addresses</th><th>Catalog rows</th></tr></thead>',
      '<tbody>',
    );
    for (const rule of firewall.rules) {
      const ports = portText(rule) + (rule.sourcePorts ? ` (source ${formatPorts(rule.sourcePorts)})` : '');
      out.push(
        `<tr${rule.action === 'deny' ? ' class="deny"' : ''}><td class="num">${rule.position}</td>` +
          `<td>${htmlText(rule.name)}${rule.complete ? '' : ' <em>(does not resolve)</em>'}</td>` +
          `<td>${rule.action}</td><td>${htmlText(rule.service)}</td><td>${htmlText(ports)}</td>` +
          `<td>${htmlText(rule.from.join(', '))}</td><td>${htmlText(rule.to.join(', '))}</td>` +
          `<td>${htmlText(addressText(rule.src))}</td><td>${htmlText(addressText(rule.dst))}</td>` +
          `<td>${rule.catalogRows.map(htmlText).join(', ')}</td></tr>`,
      );
    }
    out.push(
      `<tr><td></td><td><em>(default)</em></td><td>${firewall.defaultAction}</td>` +
        '<td>any</td><td></td><td>any</td><td>any</td><td></td><td></td><td></td></tr>',
      '</tbody>',
      '</table>',
    );
  }
  out.push(...findingsSection(diagnostics), ...catalogSection(topology.firewalls, model), '</body>', '</html>', '');
  return out.join('\n');
}

/** The standalone diagram, inline: its own XML declaration has no place inside HTML. */
function diagramOf(flowModel: FlowModel, title: string | undefined): string {
  return renderDiagramSvg(flowModel, { standalone: true, title }).replace(/^<\?xml[^>]*\?>\s*/, '');
}

function findingsSection(diagnostics: readonly Diagnostic[]): string[] {
  if (diagnostics.length === 0) return ['<h2>Findings</h2>', '<p>None: every check passes.</p>'];
  const out = [
    '<h2>Findings</h2>',
    '<table>',
    '<thead><tr><th>Line</th><th>Severity</th><th>Code</th><th>Finding</th></tr></thead>',
    '<tbody>',
  ];
  for (const diagnostic of diagnostics)
    out.push(
      `<tr><td class="num">${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}</td>` +
        `<td class="${diagnostic.severity}">${diagnostic.severity}</td><td>${htmlText(diagnostic.code)}</td>` +
        `<td>${htmlText(diagnostic.message)}</td></tr>`,
    );
  out.push('</tbody>', '</table>');
  return out;
}

/** The catalog rows the rules serve, each citing its pages by number, then the pages once each. */
function catalogSection(firewalls: ReturnType<typeof exportedTopology>['firewalls'], model: TopologyModel): string[] {
  const ids = [...new Set(firewalls.flatMap((firewall) => firewall.rules.flatMap((rule) => rule.catalogRows)))].sort(
    (a, b) => a.localeCompare(b, 'en', { numeric: true }),
  );
  if (ids.length === 0) return [];
  const pages = new Map<string, { number: number; source: CatalogSource }>();
  const out = [
    '<h2>Catalog rows</h2>',
    '<table>',
    '<thead><tr><th>Row</th><th>Service</th><th>Feature</th><th>Rule</th><th>Pages</th></tr></thead>',
    '<tbody>',
  ];
  for (const id of ids) {
    const row = findCatalogRow(id);
    if (!row) continue;
    const numbers = effectiveRow(row, model).sources.map((source) => {
      const known = pages.get(source.url) ?? { number: pages.size + 1, source };
      pages.set(source.url, known);
      return known.number;
    });
    out.push(
      `<tr><td>${htmlText(id)}</td><td>${htmlText(row.service)}</td><td>${htmlText(row.feature)}</td>` +
        `<td>${htmlText(row.ruleName)}</td><td>${numbers.join(', ')}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>', "<h2>Microsoft's pages</h2>", '<ol>');
  for (const { source } of pages.values()) out.push(`<li>${pageLink(source.url, source.title)}</li>`);
  out.push('</ol>');
  return out;
}
