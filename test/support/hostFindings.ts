import assert from 'node:assert/strict';
import { openDump, verifyTopology } from '../../server/src/engine/index';
import { readExample } from './examples';

const CONTOSO = readExample('contoso.topology.yaml');

/** contoso's edge01 verified against one host dump: each finding's line in the dump, code and catalog row. */
export function hostFindings(text: string, ruleList?: string) {
  const opened = openDump(CONTOSO, { name: 'edge01', text, ...(ruleList === undefined ? {} : { ruleList }) });
  assert.ok(opened.ok, JSON.stringify(opened));
  return verifyTopology(CONTOSO, [opened.input])
    .findings.filter((finding) => finding.firewall === 'edge01')
    .map(({ diagnostic }) => ({
      line: diagnostic.range.start.line + 1,
      code: diagnostic.code,
      row: diagnostic.catalogRowId,
    }));
}
