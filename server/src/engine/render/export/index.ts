import { renderCsv } from './csv';
import { renderIptables } from './iptables';
import { renderMarkdown } from './markdown';
import { exportedTopology, type ExportInput } from './model';
import { renderNftables } from './nftables';
import { powershellScripts, type PowerShellScript, renderPowerShell } from './powershell';

// `lync-ports export`: each firewall's rules (as the file writes them, in order, with the catalog
// rows each one serves) as CSV, Markdown, PowerShell (New-NetFirewallRule), iptables-restore or
// nftables input. Every string that comes from the topology file is escaped for its format, or
// reduced to a safe character set where the format has no escaping (iptables and nftables
// comments, chain names): no topology file can inject a command, a formula or markup.
// Addresses and ports are never copied from the file: they are printed from the parsed model.

export const EXPORT_FORMATS = ['csv', 'markdown', 'powershell', 'iptables', 'nftables'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function renderExport(result: ExportInput, format: ExportFormat): string {
  const topology = exportedTopology(result);
  switch (format) {
    case 'csv':
      return renderCsv(topology);
    case 'markdown':
      return renderMarkdown(topology, result.model);
    case 'powershell':
      return renderPowerShell(topology, result.model);
    case 'iptables':
      return renderIptables(topology);
    case 'nftables':
      return renderNftables(topology);
  }
}

/** The PowerShell export as files: one script per Edge server, named after it. */
export function powershellScriptFiles(result: ExportInput): PowerShellScript[] {
  return powershellScripts(exportedTopology(result), result.model);
}
