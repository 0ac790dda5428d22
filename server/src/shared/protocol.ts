// The messages the language server adds to LSP, for the extension (client/src) and any other
// client. The one place their names and shapes are written: server/src/server.ts serves them and
// the extension sends them. It imports nothing at run time, so the extension's bundle can take it
// without vscode-languageclient, vscode-languageserver or the engine (engine types are erased).
import type { ExportFormat, FlowModel } from '../engine/index';

/** A document by its URI; the server answers from its check of the open text, else of the file on disk. */
/**
 * The code action kind of "Insert all missing rules in firewall X": one edit per firewall, which
 * the client's Insert All Missing Rules takes rather than the single fixes (two of those may
 * each create the same `rules:` key).
 */
export const INSERT_ALL_MISSING_KIND = 'quickfix.lyncPorts.insertAllMissing';

export interface DocumentParams {
  uri: string;
}

export interface ExportRulesParams extends DocumentParams {
  format: ExportFormat;
  /** PowerShell: also each Edge server's own script (`files`), as `lync-ports export -o DIR` writes them. */
  perServer?: boolean;
}

/** One file of an export that writes several: its name in the folder the user picks, and its text. */
export interface ExportFile {
  name: string;
  text: string;
}

export interface DiagramSvgParams extends DocumentParams {
  /** The drawing's title, the file name by default. */
  title?: string;
}

/** The XML of a Topology Builder / Get-CsTopology -AsXml export; `uri` names the file it was read from. */
export interface ImportTopologyParams extends DocumentParams {
  xml: string;
}

/**
 * What an export request gives: the text, or why there is none, in words for the user
 * (an unparsable file, a file the server does not check). Invalid parameters are errors instead.
 */
export type ExportResult = { text: string; files?: ExportFile[] } | { refused: string };

export interface VerifyDumpParams extends DocumentParams {
  /** The firewall under `firewalls` the dump stands for. */
  firewall: string;
  /** The dump file's bytes, base64: the server decodes them as `lync-ports verify` does (UTF-16 too). */
  dump: string;
  /** The chain (iptables, nft) that stands for the firewall, when the dump has several. */
  chain?: string;
}

/** A finding on the dump, positions 0-based as in LSP. */
export interface VerifyDumpFinding {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'info';
  /** A diagnostic code, or `dump` for what the reader could not read. */
  code: string;
  message: string;
  detail?: string;
}

export type VerifyDumpResult =
  | {
      /** The dump's findings and the reader's warnings, for the Problems view on the dump file. */
      findings: VerifyDumpFinding[];
      /** The findings that stay in the topology (its own file shows them already). */
      topologyFindings: number;
      /** The dump format, as the user knows it. */
      format: string;
    }
  | {
      refused: string;
      /** The chains (or rule lists) to choose from, when the dump has several and none was named. */
      chains?: string[];
    };

export interface FlowModelChangedParams {
  uri: string;
  /** The document version checked; null for a file checked from disk. */
  version: number | null;
}

export const REQUESTS = {
  /** The flow model of a document, or null when the server does not check that document. */
  flowModel: 'lyncPorts/flowModel',
  /** The document's rule sets per firewall, as `lync-ports export --format` prints them. */
  exportRules: 'lyncPorts/exportRules',
  /** The flow diagram as a standalone SVG file (colours inline), as `lync-ports diagram` writes it. */
  diagramSvg: 'lyncPorts/diagramSvg',
  /** One self-contained HTML page for the change board, as `lync-ports report` writes it. */
  report: 'lyncPorts/report',
  /** A topology file from the XML of a Topology Builder export, as `lync-ports import` writes it. */
  importTopology: 'lyncPorts/importTopology',
  /** A firewall's dump checked in place of its rules, as `lync-ports verify` checks it. */
  verifyDump: 'lyncPorts/verifyDump',
} as const;

export const NOTIFICATIONS = {
  /** Sent after the diagnostics of a new document version (or of a file on disk) are published. */
  flowModelChanged: 'lyncPorts/flowModelChanged',
} as const;

/** Parameters and result of each request, by method name. */
export interface RequestTypes {
  [REQUESTS.flowModel]: { params: DocumentParams; result: FlowModel | null };
  [REQUESTS.exportRules]: { params: ExportRulesParams; result: ExportResult };
  [REQUESTS.diagramSvg]: { params: DiagramSvgParams; result: ExportResult };
  [REQUESTS.report]: { params: DiagramSvgParams; result: ExportResult };
  [REQUESTS.importTopology]: { params: ImportTopologyParams; result: ExportResult };
  [REQUESTS.verifyDump]: { params: VerifyDumpParams; result: VerifyDumpResult };
}

export interface NotificationTypes {
  [NOTIFICATIONS.flowModelChanged]: FlowModelChangedParams;
}

export type RequestMethod = keyof RequestTypes;
export type NotificationMethod = keyof NotificationTypes;
export type ParamsOf<M extends RequestMethod> = RequestTypes[M]['params'];
export type ResultOf<M extends RequestMethod> = RequestTypes[M]['result'];
