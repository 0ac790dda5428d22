import { parseArgs, ParseArgsConfig } from 'node:util';
import { PRODUCTS, Product } from '../engine/index';
import { UsageError } from './io';
import { say } from './texts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs, with its errors turned into one line the user can act on. */
export function parseCommandLine<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${command}: ${message.replace(/\. To specify a positional argument.*$/, '')}`);
  }
}

export function oneOf<T extends string>(
  command: string,
  option: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(say('oneOf', { command, option, allowed: allowed.join(', '), value }));
}

export function productOption(command: string, value: string | undefined): Product | undefined {
  return value === undefined ? undefined : oneOf(command, 'product', value, PRODUCTS, 'lync2013');
}

/** A command on exactly one topology file (or `-`), with `--product` and its own options. */
export function parseFileCommand<T extends Options>(command: string, args: string[], options: T) {
  const { values, positionals } = parseCommandLine(command, args, { ...options, product: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError(say('oneFile', { command }));
  const product = productOption(command, (values as { product?: string }).product);
  return { values, file: positionals[0], product };
}
