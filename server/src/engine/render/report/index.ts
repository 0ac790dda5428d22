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
import { reportCount, reportText, type ReportTextId } from './texts';
import { localizeDiagnostic, localizeFlowModel } from '../../i18n/translate';
import type { Locale } from '../../../shared/locale';

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
  /** The page's language (its words, the findings and the diagram); English by default. */
  locale?: Locale;
}

/** Nothing loads and nothing runs: only the page's own inline stylesheet applies. */
const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const PRODUCT_NAMES: Record<string, string> = {
  lync2013: 'Lync Server 2013',
  sfb2015: 'Skype for Business Server 2015',
  sfb2019: 'Skype for Business Server 2019',
};

export function renderReport(input: ReportInput, options: ReportOptions = {}): string {
  const locale = options.locale ?? 'en';
  const say = (id: Parameters<typeof reportText>[1], data: Record<string, string | number> = {}) =>
    reportText(locale, id, data);
  const { model } = input;
  const diagnostics = input.diagnostics.map((diagnostic) => localizeDiagnostic(diagnostic, locale));
  const flowModel = locale === 'en' ? input.flowModel : localizeFlowModel(input.flowModel, input.diagnostics, locale);
  const topology = exportedTopology(input);
  const ruleCount = topology.firewalls.reduce((sum, firewall) => sum + firewall.rules.length, 0);
  const title = model.name ?? options.title ?? say('topology');
  const counts = { error: 0, warning: 0, info: 0 };
  for (const diagnostic of diagnostics) counts[diagnostic.severity]++;
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${locale}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${say('titlePrefix', { title: htmlText(title) })}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    `<h1>${say('titlePrefix', { title: htmlText(title) })}</h1>`,
    `<p class="muted">${htmlText(PRODUCT_NAMES[model.product] ?? model.product)}` +
      `${options.title ? ` · ${htmlText(options.title)}` : ''}${options.date ? ` · ${htmlText(options.date)}` : ''}` +
      ` · ${say('madeBy')}</p>`,
    '<ul class="summary">',
    `<li>${say('requiredAllowed')}: <strong>${flowModel.summary.allowed}/${flowModel.summary.required}</strong></li>`,
    `<li>${say('firewalls')}: <strong>${model.firewalls.length}</strong></li>`,
    `<li>${say('rules')}: <strong>${ruleCount}</strong></li>`,
    `<li><span class="error">${reportCount(locale, 'errors', counts.error)}</span>, ` +
      `<span class="warning">${reportCount(locale, 'warnings', counts.warning)}</span>, ` +
      `<span class="info">${reportCount(locale, 'notes', counts.info)}</span></li>`,
    '</ul>',
    `<h2>${say('diagram')}</h2>`,
    `<div class="diagram">${diagramOf(flowModel, options.title, locale)}</div>`,
  ];
  for (const firewall of topology.firewalls) {
    out.push(
      `<h2>${say('firewall', { name: htmlText(firewall.name) })} ` +
        `<span class="muted">(${firewall.between.map(htmlText).join(' ↔ ')})</span></h2>`,
      '<table>',
      `<thead><tr><th>#</th>${headers(say, ['name', 'action', 'service', 'ports', 'from', 'to'])}` +
        `${headers(say, ['sourceAddresses', 'destinationAddresses', 'catalogRows'])}</tr></thead>`,
      '<tbody>',
    );
    for (const rule of firewall.rules) {
      const ports =
        portText(rule) + (rule.sourcePorts ? say('sourcePorts', { ports: formatPorts(rule.sourcePorts) }) : '');
      out.push(
        `<tr${rule.action === 'deny' ? ' class="deny"' : ''}><td class="num">${rule.position}</td>` +
          `<td>${htmlText(rule.name)}${rule.complete ? '' : ` <em>${say('unresolved')}</em>`}</td>` +
          `<td>${say(rule.action)}</td><td>${htmlText(rule.service)}</td><td>${htmlText(ports)}</td>` +
          `<td>${htmlText(rule.from.join(', '))}</td><td>${htmlText(rule.to.join(', '))}</td>` +
          `<td>${htmlText(addressText(rule.src))}</td><td>${htmlText(addressText(rule.dst))}</td>` +
          `<td>${rule.catalogRows.map(htmlText).join(', ')}</td></tr>`,
      );
    }
    out.push(
      `<tr><td></td><td><em>${say('default')}</em></td><td>${say(firewall.defaultAction)}</td>` +
        `<td>${say('any')}</td><td></td><td>${say('any')}</td><td>${say('any')}</td><td></td><td></td><td></td></tr>`,
      '</tbody>',
      '</table>',
    );
  }
  out.push(
    ...findingsSection(diagnostics, say),
    ...catalogSection(topology.firewalls, model, say),
    '</body>',
    '</html>',
    '',
  );
  return out.join('\n');
}

/** The standalone diagram, inline: its own XML declaration has no place inside HTML. */
function diagramOf(flowModel: FlowModel, title: string | undefined, locale: Locale): string {
  return renderDiagramSvg(flowModel, { standalone: true, title, locale }).replace(/^<\?xml[^>]*\?>\s*/, '');
}

type Say = (id: ReportTextId, data?: Record<string, string | number>) => string;

function headers(say: Say, ids: ReportTextId[]): string {
  return ids.map((id) => `<th>${say(id)}</th>`).join('');
}

function findingsSection(diagnostics: readonly Diagnostic[], say: Say): string[] {
  if (diagnostics.length === 0) return [`<h2>${say('findings')}</h2>`, `<p>${say('noFindings')}</p>`];
  const out = [
    `<h2>${say('findings')}</h2>`,
    '<table>',
    `<thead><tr>${headers(say, ['line', 'severity', 'code', 'finding'])}</tr></thead>`,
    '<tbody>',
  ];
  for (const diagnostic of diagnostics)
    out.push(
      `<tr><td class="num">${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}</td>` +
        `<td class="${diagnostic.severity}">${say(diagnostic.severity)}</td><td>${htmlText(diagnostic.code)}</td>` +
        `<td>${htmlText(diagnostic.message)}</td></tr>`,
    );
  out.push('</tbody>', '</table>');
  return out;
}

/** The catalog rows the rules serve, each citing its pages by number, then the pages once each. */
function catalogSection(
  firewalls: ReturnType<typeof exportedTopology>['firewalls'],
  model: TopologyModel,
  say: Say,
): string[] {
  const ids = [...new Set(firewalls.flatMap((firewall) => firewall.rules.flatMap((rule) => rule.catalogRows)))].sort(
    (a, b) => a.localeCompare(b, 'en', { numeric: true }),
  );
  if (ids.length === 0) return [];
  const pages = new Map<string, { number: number; source: CatalogSource }>();
  const out = [
    `<h2>${say('catalogRows')}</h2>`,
    '<table>',
    `<thead><tr>${headers(say, ['row', 'service', 'feature', 'rule', 'pages'])}</tr></thead>`,
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
  out.push('</tbody>', '</table>', `<h2>${say('microsoftPages')}</h2>`, '<ol>');
  for (const { source } of pages.values()) out.push(`<li>${pageLink(source.url, source.title)}</li>`);
  out.push('</ol>');
  return out;
}
