import { CONTOSO } from './lspClient';

// Variants of the contract's example, built from it so they follow it when it changes.

const EXTERNAL_RULES = /( {2}external:\n {4}between: \[internet, perimeter\]\n {4}rules:\n)(?: {6}.*\n| {8}.*\n)*/;

function must(text: string, changed: string, what: string): string {
  if (text === changed) throw new Error(`fixture: could not ${what}`);
  return changed;
}

/** The external firewall keeps one unrelated rule: both XMPP federation rules are missing there. */
export const MISSING_EXTERNAL = must(
  CONTOSO,
  CONTOSO.replace(
    EXTERNAL_RULES,
    // The file enables no web conferencing: the rule says why it is there, else it is unneeded-rule.
    '$1      - name: Web conferencing\n        reason: a conferencing trial\n        service: PSOM/TLS/443\n' +
      '        from: any\n        to: edge01.webConferencingEdge\n',
  ),
  'replace the external rules',
);

/** A deny rule above the internal XMPP rule: a blocked flow whose fix moves the later rule up. */
export const BLOCKED_INTERNAL = must(
  CONTOSO,
  CONTOSO.replace(
    '  internal:\n    between: [corp, perimeter]\n    rules:\n',
    '  internal:\n    between: [corp, perimeter]\n    rules:\n      - name: Nothing to the Edge\n' +
      '        service: ANY/TCP/1-65535\n        from: any\n        to: edge01.internal\n        action: deny\n',
  ),
  'insert the deny rule',
);

/** Port and transport typos of the kind the quick fixes repair. */
export const TYPOS = must(
  CONTOSO,
  CONTOSO.replace('XMPP/TCP/5269', 'XMPP/TCP/5296').replace('XMPP/MTLS/23456', 'XMPP/UDP/23456'),
  'insert typos',
);

/**
 * Contoso with `count` more rules in its internal firewall, each from a /24 of its own: a check
 * that takes a while (about a second per 5,000 rules here), for the tests of the check worker.
 */
export function withManyRules(count: number, text = CONTOSO): string {
  const rules = Array.from(
    { length: count },
    (_, k) =>
      `      - { name: extra ${k}, service: TCP/${10000 + (k % 5000)}, ` +
      `from: 10.${(k >> 8) & 255}.${k & 255}.0/24, to: edge01.internal }\n`,
  ).join('');
  const anchor = '  internal:\n    between: [corp, perimeter]\n    rules:\n';
  return must(text, text.replace(anchor, `${anchor}${rules}`), 'insert the extra rules');
}
