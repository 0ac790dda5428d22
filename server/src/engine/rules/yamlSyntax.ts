import type { Rule, RuleMeta } from './rule';

// Meta only: yaml/parse reports the code while reading the text, before any model exists.

const meta = {
  code: 'yaml-syntax',
  severity: 'error',
  summary: 'The YAML does not parse.',
  docs:
    'The YAML does not parse (unclosed brackets, tabs, duplicate keys) or expands too many aliases (at most 1000). ' +
    'Whatever can still be read is checked.',
  fixKinds: [],
  messages: {},
  reportedBy: ['yaml/parse'],
} as const satisfies RuleMeta;

export const yamlSyntax: Rule<typeof meta> = { meta };
