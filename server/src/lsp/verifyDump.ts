// The answer to lyncPorts/verifyDump: the same reading and analysis as `lync-ports verify`, for
// the extension's "Verify Firewall Dump…", which shows the dump's findings on the dump file.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  decodeDumpBytes,
  dumpProblemIn,
  localizeDiagnostic,
  openDump,
  refusalText,
  VerifyError,
  verifyTopology,
} from '../engine/index';
import type { DumpLocation } from '../engine/index';
import type { VerifyDumpFinding, VerifyDumpParams, VerifyDumpResult } from '../shared/protocol';
import { serverLocale } from './locale';

export function verifyDump(topology: string | undefined, params: Partial<VerifyDumpParams>): VerifyDumpResult {
  // An unknown document first, as for the exports: there is nothing to verify against.
  if (topology === undefined)
    return { refused: 'The language server does not check this file: it is not open, and cannot be read.' };
  const { firewall, dump, chain } = params;
  if (typeof firewall !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'firewall must be a string');
  if (typeof dump !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'dump must be base64 text');
  if (chain !== undefined && typeof chain !== 'string')
    throw new ResponseError(ErrorCodes.InvalidParams, 'chain must be a string');
  const text = decodeDumpBytes(Buffer.from(dump, 'base64'));
  const opened = openDump(topology, { name: firewall, text, ...(chain === undefined ? {} : { ruleList: chain }) });
  if (!opened.ok) {
    const refused = sentence(refusalText(opened.refusal, { locale: serverLocale() }));
    const choices = opened.refusal.reason === 'problem' ? opened.refusal.problem.choices : undefined;
    return choices ? { refused, chains: choices } : { refused };
  }
  let result;
  try {
    result = verifyTopology(topology, [opened.input]);
  } catch (error) {
    if (error instanceof VerifyError) return { refused: `The topology cannot be verified: ${error.message}.` };
    throw error;
  }
  const findings: VerifyDumpFinding[] = [];
  let topologyFindings = 0;
  for (const finding of result.findings) {
    if (finding.firewall === undefined) {
      topologyFindings++;
      continue;
    }
    const diagnostic = localizeDiagnostic(finding.diagnostic, serverLocale());
    findings.push({
      range: { start: { ...diagnostic.range.start }, end: { ...diagnostic.range.end } },
      severity: diagnostic.severity,
      code: diagnostic.code,
      message: diagnostic.message,
      ...(diagnostic.detail === undefined ? {} : { detail: diagnostic.detail }),
    });
  }
  for (const warning of opened.warnings)
    findings.push({
      range: rangeOf(warning.location),
      severity: 'warning',
      code: 'dump',
      message: dumpProblemIn(warning, serverLocale()),
    });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, topologyFindings, format: opened.format.title };
}

function rangeOf(location: DumpLocation): VerifyDumpFinding['range'] {
  return {
    start: { line: location.line - 1, character: location.column - 1 },
    end: { line: location.endLine - 1, character: location.endColumn - 1 },
  };
}

/** The engine's refusal as the editor shows it: a sentence of its own. */
function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
