import { report, type Rule } from './rule';
import type { Diagnostic, SourceRange } from '../types';

// No check: check.ts reports the code when the pipeline throws, through internalErrorAt.

const meta = {
  code: 'internal-error',
  severity: 'error',
  summary: 'The checker itself failed on this file; please report it.',
  docs: 'The checker itself failed on the file. Nothing else is lost; please report the file.',
  fixKinds: [],
  messages: { crashed: 'Internal error while checking this file: {{error}}.' },
  details: { crashed: 'Please report it with the file.' },
  reportedBy: ['check'],
} as const satisfies Rule['meta'];

export const internalError: Rule<typeof meta> = { meta };

export function internalErrorAt(range: SourceRange, error: unknown): Diagnostic {
  return report(meta, 'crashed', { error: error instanceof Error ? error.message : String(error) }, { range });
}
