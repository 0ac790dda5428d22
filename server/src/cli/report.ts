import { basename } from 'node:path';
import { checkTopology, renderReport, yamlDoesNotParse } from '../engine/index';
import { readInput } from './input';
import { CliIO, UsageError, writeOutput } from './io';
import { parseFileCommand } from './options';
import { cliLocale, counted, say } from './texts';

/**
 * `lync-ports report FILE [-o report.html]`: one self-contained HTML page for the change board —
 * summary, diagram, each firewall's rules with the catalog rows they serve, the findings and
 * Microsoft's pages; printable to PDF from any browser. Exit 0 when written, 1 when the YAML does
 * not parse (there is no topology to report), 2 for usage or I/O problems.
 */
export async function runReport(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('report', args, { output: { type: 'string', short: 'o' } });
  const output = values.output as string | undefined;
  if (output === '') throw new UsageError('report: -o needs a file name');
  const text = readInput(file, io);
  const result = checkTopology(text, { defaultProduct: product });
  if (yamlDoesNotParse(result)) {
    io.err(`lync-ports: ${file}: cannot report, the YAML does not parse (run lync-ports check ${file})\n`);
    return 1;
  }
  const html = renderReport(result, { title: file === '-' ? undefined : basename(file), locale: cliLocale() });
  if (output === undefined || output === '-') io.out(html);
  else {
    writeOutput(output, html);
    const { allowed, required } = result.flowModel.summary;
    io.err(
      `${say('wroteReport', { output, allowed, required, findings: counted(result.diagnostics.length, 'finding') })}\n`,
    );
  }
  return 0;
}
