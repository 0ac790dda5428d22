import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkTopology } from '../../server/src/engine/index';
import type { Diagnostic, DiagnosticCode, Severity } from '../../server/src/engine/index';

// In the style of ESLint's RuleTester: each case is a whole file and the complete list of what it
// must produce — code, severity and exact range — so a check that fires too often fails too.

export interface Span {
  line: number;
  start: number;
  end: number;
  endLine: number;
}

/** The 0-based range of the `occurrence`-th appearance of `needle` in `text`. */
export function span(text: string, needle: string, occurrence = 1): Span {
  let index = -1;
  for (let k = 0; k < occurrence; k++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`test setup: '${needle}' (occurrence ${occurrence}) not in the text`);
  }
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  const start = index - (before.lastIndexOf('\n') + 1);
  const inside = text.slice(index, index + needle.length).split('\n');
  const endLine = line + inside.length - 1;
  const end = inside.length === 1 ? start + needle.length : inside[inside.length - 1].length;
  return { line, start, end, endLine };
}

export interface Expected {
  code: DiagnosticCode;
  severity: Severity;
  at: Span;
  /** Words the message must contain (it must say what is wrong and how to fix it). */
  mentions?: string[];
}

function describe(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code}/${diagnostic.severity} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

function describeExpected(expected: Expected): string {
  return `${expected.code}/${expected.severity} ${expected.at.line}:${expected.at.start}-${expected.at.endLine}:${expected.at.end}`;
}

export function assertDiagnostics(text: string, expected: Expected[]): Diagnostic[] {
  const { diagnostics } = checkTopology(text);
  const actual = diagnostics.map(describe).sort();
  const wanted = expected.map(describeExpected).sort();
  assert.deepEqual(actual, wanted, `diagnostics differ.\nmessages:\n${diagnostics.map((d) => `  ${describe(d)}: ${d.message}`).join('\n')}`);
  // Several findings may share a place; each expectation claims its own one.
  const unclaimed = [...diagnostics];
  for (const item of expected) {
    const candidates = unclaimed.filter((d) => describe(d) === describeExpected(item));
    const found = candidates.find((d) => (item.mentions ?? []).every((word) => d.message.includes(word)));
    assert.ok(found, `a ${describeExpected(item)} whose message mentions ${JSON.stringify(item.mentions)}; got: ${candidates.map((d) => d.message).join(' | ')}`);
    unclaimed.splice(unclaimed.indexOf(found!), 1);
  }
  return diagnostics;
}

export interface Case {
  name: string;
  text: string;
  errors?: (text: string) => Expected[];
}

export function ruleTester(cases: { valid: Case[]; invalid: Case[] }): void {
  for (const item of cases.valid) {
    test(`valid: ${item.name}`, () => {
      assertDiagnostics(item.text, []);
    });
  }
  for (const item of cases.invalid) {
    test(`invalid: ${item.name}`, () => {
      assertDiagnostics(item.text, item.errors!(item.text));
    });
  }
}
