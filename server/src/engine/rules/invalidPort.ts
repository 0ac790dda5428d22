import type { Rule, RuleMeta } from './rule';

// Meta only: model/ reports the code while it parses services into port ranges.

const meta = {
  code: 'invalid-port',
  severity: 'error',
  summary: 'A port outside 1..65535, or a range whose start exceeds its end.',
  docs: 'A port outside 1..65535, or a range whose start exceeds its end.',
  fixKinds: [],
  messages: {},
  reportedBy: ['model'],
} as const satisfies RuleMeta;

export const invalidPort: Rule<typeof meta> = { meta };
