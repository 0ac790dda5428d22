import { lstatSync } from 'node:fs';
import { basename } from 'node:path';
import { ImportError, importTopologyXml } from '../engine/index';
import { CliIO, readInputBytes, UsageError, writeOutput } from './io';
import { parseCommandLine } from './options';
import { say } from './texts';

/**
 * `lync-ports import FILE.xml [-o OUT.topology.yaml] [--force]`: a topology file from the XML of
 * Get-CsTopology -AsXml or a Topology Builder .tbxml. The YAML goes to standard output, or to the
 * file -o names (never over an existing one without --force). A DTD, malformed or foreign XML is
 * exit 2 with one line.
 */
export async function runImport(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandLine('import', args, {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', short: 'f' },
  });
  if (positionals.length !== 1) throw new UsageError(say('importOneFile'));
  const [file] = positionals;
  const output = values.output as string | undefined;
  if (output === '') throw new UsageError('import: -o needs a file name');
  const text = decodeXml(readInputBytes(file, io));
  let result: ReturnType<typeof importTopologyXml>;
  try {
    result = importTopologyXml(text, { source: file === '-' ? undefined : basename(file) });
  } catch (error) {
    if (error instanceof ImportError)
      throw new UsageError(`import: ${file === '-' ? '<stdin>' : file}: ${error.message}`);
    throw error;
  }
  if (output === undefined || output === '-') {
    io.out(result.yaml);
  } else {
    if (!values.force && exists(output)) throw new UsageError(say('importExists', { output }));
    writeOutput(output, result.yaml);
    io.err(`${say('importWrote', { output, servers: result.description.servers.length })}\n`);
  }
  for (const note of result.description.notes) io.err(`note: ${note}\n`);
  return 0;
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Windows PowerShell's Out-File writes UTF-16 with a byte order mark; Topology Builder and
 * PowerShell 7 write UTF-8. The mark decides, UTF-8 otherwise.
 */
export function decodeXml(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
