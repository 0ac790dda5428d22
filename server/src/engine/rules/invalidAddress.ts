import type { Rule, RuleMeta } from './rule';

// Meta only: model/ reports the code while it parses addresses into sets.

const meta = {
  code: 'invalid-address',
  severity: 'error',
  summary: 'An IP address or CIDR does not parse.',
  docs: 'An IP address or CIDR does not parse (`192.168.10.300`, `10.0.0.0/33`).',
  fixKinds: [],
  messages: {},
  reportedBy: ['model'],
} as const satisfies RuleMeta;

export const invalidAddress: Rule<typeof meta> = { meta };
