import type { DumpLocation, DumpRule } from '../../server/src/engine/index';

// Dump rules written by hand for the verify tests: a rule on a line of an imagined dump, allowing
// TCP from anywhere to anywhere unless the test says otherwise.

export function dumpLine(line: number): DumpLocation {
  return { line, column: 1, endLine: line, endColumn: 40 };
}

export function dumpRule(line: number, fields: Partial<DumpRule> = {}): DumpRule {
  return {
    location: dumpLine(line),
    action: 'allow',
    from: ['any'],
    to: ['any'],
    services: [{ transport: 'TCP' }],
    ...fields,
  };
}
