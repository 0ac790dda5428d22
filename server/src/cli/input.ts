import { decodeTopologyBytes, type DecodedTopology } from '../engine/index';
import { CliIO, readInputBytes } from './io';

// Apart from io.ts, which the CLI's entry loads for --version and --help without the engine.

export function readInput(path: string, io: CliIO): string {
  return readTopologyInput(path, io).text;
}

/** A topology's text, with where it is not UTF-8; only regular files (and standard input), at most the size limit. */
export function readTopologyInput(path: string, io: CliIO): DecodedTopology {
  return decodeTopologyBytes(readInputBytes(path, io));
}
