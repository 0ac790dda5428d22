// The answers to the extension's own requests (server/src/shared/protocol.ts), from the check the
// editor features read too: the extension runs no engine code of its own.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  EXPORT_FORMATS,
  localizeFlowModel,
  powershellScriptFiles,
  renderDiagramSvg,
  renderExport,
  renderReport,
  yamlDoesNotParse,
} from '../engine/index';
import type { CheckResult, ExportFormat } from '../engine/index';
import type { ExportResult } from '../shared/protocol';
import { serverLocale } from './locale';

const NOT_CHECKED = 'The language server does not check this file: it is not a topology file, or it is not open.';
const UNPARSABLE =
  'The rules cannot be exported: the YAML does not parse. Fix the errors shown in the Problems view first.';

const UNPARSABLE_REPORT =
  'The report cannot be written: the YAML does not parse. Fix the errors shown in the Problems view first.';

export function exportRules(result: CheckResult | undefined, format: unknown, perServer?: unknown): ExportResult {
  if (!(EXPORT_FORMATS as readonly unknown[]).includes(format)) {
    throw new ResponseError(ErrorCodes.InvalidParams, `format must be one of ${EXPORT_FORMATS.join(', ')}`);
  }
  if (!result) return { refused: NOT_CHECKED };
  // A file cut short by a syntax error would export a rule set missing its later rules.
  if (yamlDoesNotParse(result)) {
    return { refused: UNPARSABLE };
  }
  const text = renderExport(result, format as ExportFormat);
  if (format !== 'powershell' || perServer !== true) return { text };
  const files = powershellScriptFiles(result).map((script) => ({ name: script.fileName, text: script.text }));
  return { text, files };
}

export function diagramSvg(result: CheckResult | undefined, uri: string, title: unknown): ExportResult {
  if (title !== undefined && typeof title !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'title must be a string');
  }
  if (!result) return { refused: NOT_CHECKED };
  const locale = serverLocale();
  const flowModel = localizeFlowModel(result.flowModel, result.diagnostics, locale);
  return { text: renderDiagramSvg(flowModel, { standalone: true, title: title ?? fileName(uri), locale }) };
}

export function report(result: CheckResult | undefined, uri: string, title: unknown): ExportResult {
  if (title !== undefined && typeof title !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, 'title must be a string');
  }
  if (!result) return { refused: NOT_CHECKED };
  if (yamlDoesNotParse(result)) {
    return { refused: UNPARSABLE_REPORT };
  }
  return { text: renderReport(result, { title: title ?? fileName(uri), locale: serverLocale() }) };
}

function fileName(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || uri;
}
