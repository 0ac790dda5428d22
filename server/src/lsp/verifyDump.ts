// The answer to lyncPorts/verifyDump: the same reading and analysis as `lync-ports verify`, for
// the extension's "Verify Firewall Dump…", which shows the dump's findings on the dump file.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  decodeDumpBytes,
  dumpInputOf,
  dumpProblemIn,
  edgeServerNames,
  firewallNames,
  localizeDiagnostic,
  readDump,
  t,
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
  if (!firewallNames(topology).includes(firewall) && !edgeServerNames(topology).includes(firewall))
    return { refused: `The topology has no firewall or Edge server '${firewall}'.` };
  const read = readDump(decodeDumpBytes(Buffer.from(dump, 'base64')), chain === undefined ? {} : { ruleList: chain });
  if (!read.ok) {
    if (read.reason === 'problem') {
      const { line, column } = read.problem.location;
      const message = dumpProblemIn(read.problem, serverLocale());
      const refused = t(serverLocale(), 'dump/refused', { line, column, format: read.format.title, message });
      return read.problem.choices ? { refused, chains: read.problem.choices } : { refused };
    }
    return { refused: t(serverLocale(), 'dump/notRecognised', { formats: read.formats.join(', ') }) };
  }
  let result;
  try {
    result = verifyTopology(topology, [dumpInputOf(firewall, read)]);
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
  for (const warning of read.warnings)
    findings.push({
      range: rangeOf(warning.location),
      severity: 'warning',
      code: 'dump',
      message: dumpProblemIn(warning, serverLocale()),
    });
  findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { findings, topologyFindings, format: read.format.title };
}

function rangeOf(location: DumpLocation): VerifyDumpFinding['range'] {
  return {
    start: { line: location.line - 1, character: location.column - 1 },
    end: { line: location.endLine - 1, character: location.endColumn - 1 },
  };
}
