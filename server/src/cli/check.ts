import { checkTopology, invalidUtf8Diagnostic, localizeDiagnostic, rangeOfOffsets } from '../engine/index';
import { Finding, formatText, toFinding } from './findings';
import { expandDirectories } from './directoryInputs';
import { readTopologyInput } from './input';
import { CliIO, UsageError } from './io';
import { oneOf, parseCommandLine, productOption } from './options';
import { toSarif } from './sarif';
import { cliLocale, say } from './texts';
import { version } from './version';

const FORMATS = ['text', 'json', 'sarif'] as const;

export async function runCheck(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine('check', args, {
    format: { type: 'string', short: 'f' },
    product: { type: 'string' },
    verbose: { type: 'boolean' },
  });
  const format = oneOf('check', 'format', values.format as string | undefined, FORMATS, 'text');
  const defaultProduct = productOption('check', values.product as string | undefined);
  if (positionals.length === 0) throw new UsageError(say('noFiles'));
  // Read every file first, so an unreadable one stops the run before any output is half-written.
  const inputs = expandDirectories('check', positionals).map((file) => ({
    file,
    decoded: readTopologyInput(file, io),
  }));
  const findings: Finding[] = [];
  for (const { file, decoded } of inputs) {
    const result = checkTopology(decoded.text, { defaultProduct });
    // Bytes that are not UTF-8 are only visible here, where the file was read as bytes.
    const encoding = invalidUtf8Diagnostic(decoded, (start, end) => rangeOfOffsets(result.parsed, start, end));
    const diagnostics = encoding
      ? [encoding, ...result.diagnostics].sort((a, b) => a.range.startOffset - b.range.startOffset)
      : result.diagnostics;
    const name = file === '-' ? '<stdin>' : file;
    findings.push(...diagnostics.map((diagnostic) => toFinding(name, localizeDiagnostic(diagnostic, cliLocale()))));
  }
  if (format === 'json') io.out(JSON.stringify(findings, null, 2) + '\n');
  else if (format === 'sarif') io.out(JSON.stringify(toSarif(findings, version), null, 2) + '\n');
  else io.out(formatText(findings, inputs.length, values.verbose === true));
  return findings.some((finding) => finding.severity === 'error') ? 1 : 0;
}
