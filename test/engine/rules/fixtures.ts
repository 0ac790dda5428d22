import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTopology, fixAll } from '../../../server/src/engine/index';
import type { Diagnostic, DiagnosticCode } from '../../../server/src/engine/index';

// The examples the rule tests edit, and the edits and questions they share.

const EXAMPLES = join(__dirname, '../../../../examples');
export const example = (name: string) => readFileSync(join(EXAMPLES, name), 'utf8');

export const CONTOSO = example('contoso.topology.yaml');
export const HLB = example('sfb2015-hlb.topology.yaml');
export const NAT = example('lync2013-single-edge-nat.topology.yaml');
export const PUBLIC = example('sfb2015-single-edge-public.topology.yaml');
export const ONE_IP = example('sfb2019-single-ip.topology.yaml');
export const DNSLB = example('lync2013-dnslb-nat-director.topology.yaml');

/** `text` with its first `from` replaced; the test's setup is wrong when `from` is not there. */
export function edit(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `test setup: '${from}' not in the text`);
  return text.replace(from, to);
}

/** The contoso example's external firewall rules and its one internal rule, as written. */
export const EXTERNAL_RULES = `      - name: XMPP from federated partners
        service: XMPP/TCP/5269
        from: any
        to: edge01.accessEdge
      - name: XMPP to federated partners
        service: XMPP/TCP/5269
        from: edge01.accessEdge
        to: any
`;
export const INTERNAL_RULE = `      - name: XMPP gateway to Edge
        service: XMPP/MTLS/23456
        from: any
        to: edge01.internal
`;

/** The contoso example (or `text`) with extra rules appended to the external firewall. */
export function withExternal(extra: string, text = CONTOSO): string {
  return edit(text, EXTERNAL_RULES, EXTERNAL_RULES + extra);
}

export function fullRule(name: string, service: string, from: string, to: string): string {
  return `      - name: ${name}\n        service: ${service}\n        from: ${from}\n        to: ${to}\n`;
}

/** The one finding of `code` in the file (failing with all findings listed when there are more or none). */
export function only(text: string, code: DiagnosticCode): Diagnostic {
  const diagnostics = checkTopology(text).diagnostics;
  const found = diagnostics.filter((d) => d.code === code);
  const all = diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`);
  assert.equal(found.length, 1, `expected one ${code}; got:\n${all.join('\n')}`);
  return found[0];
}

export function underlined(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.range.startOffset, diagnostic.range.endOffset);
}

export function codes(text: string): string[] {
  return checkTopology(text).diagnostics.map((d) => `${d.code}/${d.severity}`);
}

/** `lync-ports fix` leaves nothing to report (info on the file's shape has nothing to fix). */
export function assertFixedClean(text: string): void {
  const fixed = fixAll(text);
  assert.deepEqual(
    fixed.remaining
      .filter((d) => d.severity !== 'info')
      .map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`),
    [],
    fixed.text,
  );
}
