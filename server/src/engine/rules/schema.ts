import type { Rule, RuleMeta } from './rule';

// Meta only: schema/ validates the document against schemas/topology.schema.json, and model/
// reports service strings that are not PROTOCOL/TRANSPORT/PORT.

const meta = {
  code: 'schema',
  severity: 'error',
  summary: 'A key, type or value does not fit the topology schema.',
  docs:
    'A key, type or value does not fit `schemas/topology.schema.json` — unknown keys get a "did you mean", ' +
    'wrong enum values list the allowed ones.',
  fixKinds: ['other'],
  messages: {},
  reportedBy: ['schema', 'model'],
} as const satisfies RuleMeta;

export const schema: Rule<typeof meta> = { meta };
