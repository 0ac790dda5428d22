import { checkTopology, EXPORT_FORMATS, ExportFormat, renderExport } from '../engine/index';
import { readInput } from './input';
import { CliIO, UsageError, writeOutput } from './io';
import { oneOf, parseFileCommand } from './options';

/**
 * `lync-ports export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT]`: the rule
 * set of each firewall in that form, each rule with the catalog rows it serves. Exit 0 when
 * written (a note on stderr when the file has errors: run `lync-ports check`), 1 when the YAML
 * does not parse, 2 for usage or I/O problems.
 */
export async function runExport(args: string[], io: CliIO): Promise<number> {
  const { values, file, product } = parseFileCommand('export', args, {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
  });
  if (values.format === undefined) throw new UsageError(`export: --format is required (${EXPORT_FORMATS.join(', ')})`);
  const format: ExportFormat = oneOf('export', 'format', values.format as string, EXPORT_FORMATS, 'csv');
  const output = values.output as string | undefined;
  if (output === '') throw new UsageError('export: -o needs a file name');
  const text = readInput(file, io);
  const result = checkTopology(text, { defaultProduct: product });
  if (result.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax' && diagnostic.severity === 'error')) {
    io.err(`lync-ports: ${file}: cannot export, the YAML does not parse (run lync-ports check ${file})\n`);
    return 1;
  }
  const rendered = renderExport(result, format);
  if (output === undefined || output === '-') io.out(rendered);
  else writeOutput(output, rendered);
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const rules = result.model.firewalls.reduce((sum, firewall) => sum + firewall.rules.length, 0);
  if (output !== undefined && output !== '-')
    io.err(
      `Wrote ${output}: ${rules} rule${rules === 1 ? '' : 's'} of ${result.model.firewalls.length} ` +
        `firewall${result.model.firewalls.length === 1 ? '' : 's'} as ${format}.\n`,
    );
  if (errors > 0)
    io.err(
      `lync-ports: note: ${file} has ${errors} error${errors === 1 ? '' : 's'}; the export shows ` +
        `the rules as written (run lync-ports check).\n`,
    );
  return 0;
}
