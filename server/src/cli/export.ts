import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CheckResult,
  checkTopology,
  EXPORT_FORMATS,
  ExportFormat,
  powershellScriptFiles,
  type PowerShellScript,
  renderExport,
  yamlDoesNotParse,
} from '../engine/index';
import { readInput } from './input';
import { CliIO, UsageError, writeOutput } from './io';
import { oneOf, parseFileCommand } from './options';
import { counted, say } from './texts';

/**
 * `lync-ports export FILE --format csv|markdown|powershell|iptables|nftables [-o OUT]`: the rule
 * set of each firewall in that form, each rule with the catalog rows it serves; PowerShell is one
 * Windows Firewall script per Edge server, and `-o DIR` writes each to DIR/<server>.ps1. Exit 0 when
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
  if (yamlDoesNotParse(result)) {
    io.err(`lync-ports: ${file}: cannot export, the YAML does not parse (run lync-ports check ${file})\n`);
    return 1;
  }
  const toFile = output !== undefined && output !== '-';
  if (format === 'powershell' && toFile) {
    const scripts = powershellScriptFiles(result);
    if (isDirectory(output)) return writeScripts(scripts, output, file, result, io);
    if (scripts.length > 1)
      throw new UsageError(
        `export: ${file} has ${scripts.length} Edge servers, and PowerShell writes a script for each: ` +
          'give -o an existing directory',
      );
  }
  const rendered = renderExport(result, format);
  if (output === undefined || output === '-') io.out(rendered);
  else writeOutput(output, rendered);
  const rules = result.model.firewalls.reduce((sum, firewall) => sum + firewall.rules.length, 0);
  if (toFile)
    io.err(
      `${say('wroteExport', {
        output: output ?? '',
        rules: counted(rules, 'rule'),
        firewalls: counted(result.model.firewalls.length, 'firewall'),
        format,
      })}\n`,
    );
  return noteErrors(result, file, io);
}

/** One script per Edge server, as DIR/<server>.ps1: each runs on its own server only. */
function writeScripts(scripts: PowerShellScript[], directory: string, file: string, result: CheckResult, io: CliIO) {
  if (scripts.length === 0) throw new UsageError(say('noEdgeScript', { file }));
  for (const script of scripts) {
    const path = join(directory, script.fileName);
    writeOutput(path, script.text);
    io.err(`${say('wroteScript', { output: path, server: script.server })}\n`);
  }
  return noteErrors(result, file, io);
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

function noteErrors(result: CheckResult, file: string, io: CliIO): number {
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  if (errors > 0)
    io.err(
      `lync-ports: note: ${file} has ${errors} error${errors === 1 ? '' : 's'}; the export shows ` +
        `the rules as written (run lync-ports check).\n`,
    );
  return 0;
}
