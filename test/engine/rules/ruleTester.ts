import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { checkTopology, EN, metaOf, severitiesOf, t } from '../../../server/src/engine/index';
import type { Diagnostic, DiagnosticCode, MessageValue, Severity } from '../../../server/src/engine/index';
import { assertFixedClean } from './fixtures';

// In the style of ESLint's RuleTester: each case is a whole file and the complete list of what it
// must produce — code, severity, exact range, and the message id and data the text was made
// from — so a check that fires too often, or says something else, fails.

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

/** The range of `needle` where it first appears after the first appearance of `around`. */
export function spanWithin(text: string, around: string, needle: string): Span {
  const before = text.indexOf(around);
  if (before < 0) throw new Error(`test setup: '${around}' not in the text`);
  const occurrence = text.slice(0, before).split(needle).length;
  return span(text, needle, occurrence);
}

/** A block rule item, from its `name:` (after the dash) to the end of `last`, its last value. */
export function ruleItem(text: string, name: string, last: string, lastOccurrence = 1): Span {
  const first = span(text, `- name: ${name}`);
  const end = span(text, last, lastOccurrence);
  return { line: first.line, start: first.start + 2, endLine: end.endLine, end: end.end };
}

export interface Expected {
  code: DiagnosticCode;
  severity: Severity;
  at: Span;
  /** The text of the code's meta the finding was made from; required for findings of rules/. */
  messageId?: string;
  /** Values the finding's data must hold (others it holds are not compared; undefined: absent). */
  data?: Record<string, MessageValue | undefined>;
  /**
   * The whole text, for the codes the layers below rules/ report (yaml, schema, model): they
   * carry no message id, as ESLint's RuleTester accepts `message` instead.
   */
  message?: string;
}

/** Expectations of `code` at `severity`, each from where it is, its message id and the data it must hold. */
export function findingsOf(code: DiagnosticCode, severity: Severity) {
  return (at: Span, messageId: string, data?: Expected['data']): Expected => ({ code, severity, at, messageId, data });
}

/** Expectations of a code that layers below rules/ report (`meta.reportedBy`): their whole text. */
export function messagesOf(code: DiagnosticCode, severity: Severity) {
  return (at: Span, message: string): Expected => ({ code, severity, at, message });
}

function place(diagnostic: Diagnostic): string {
  const { start, end } = diagnostic.range;
  return `${diagnostic.code}/${diagnostic.severity} ${start.line}:${start.character}-${end.line}:${end.character}`;
}

function expectedPlace({ code, severity, at }: Expected): string {
  return `${code}/${severity} ${at.line}:${at.start}-${at.endLine}:${at.end}`;
}

function matches(diagnostic: Diagnostic, expected: Expected): boolean {
  if (place(diagnostic) !== expectedPlace(expected)) return false;
  if (expected.message !== undefined && diagnostic.message !== expected.message) return false;
  if (expected.messageId !== undefined && diagnostic.messageId !== expected.messageId) return false;
  return Object.entries(expected.data ?? {}).every(([key, value]) => isDeepStrictEqual(diagnostic.data?.[key], value));
}

function describeFinding(diagnostic: Diagnostic): string {
  const id = diagnostic.messageId ? ` ${diagnostic.messageId} ${JSON.stringify(diagnostic.data)}` : '';
  return `  ${place(diagnostic)}${id}: ${diagnostic.message}`;
}

/** A finding of rules/ says what its meta says: its text is its message id's, filled with its data. */
function assertFromMeta(diagnostic: Diagnostic): void {
  const meta = metaOf(diagnostic.code);
  assert.ok(
    severitiesOf(diagnostic.code).includes(diagnostic.severity),
    `${diagnostic.code} is not declared ${diagnostic.severity}`,
  );
  if (diagnostic.messageId === undefined) {
    assert.ok(meta.reportedBy, `${diagnostic.code} is reported by rules/ and must carry a messageId`);
    return;
  }
  const id = `${diagnostic.code}/${diagnostic.messageId}`;
  // The layers below rules/ keep their texts in their own texts.ts (EN has them all).
  const template = meta.messages[diagnostic.messageId] ?? (meta.reportedBy ? EN[id] : undefined);
  assert.ok(template !== undefined, `${diagnostic.code} has no message '${diagnostic.messageId}'`);
  assert.equal(diagnostic.message, t('en', id, diagnostic.data ?? {}));
  const detail = meta.details?.[diagnostic.messageId];
  assert.equal(diagnostic.detail, detail === undefined ? undefined : t('en', `${id}/detail`, diagnostic.data ?? {}));
}

/**
 * For a finding a test picked out of a file that has others too: it says what its meta says, with
 * `messageId` and (at least) `data`.
 */
export function assertMessage(diagnostic: Diagnostic, messageId: string, data: Expected['data'] = {}): void {
  assertFromMeta(diagnostic);
  assert.equal(diagnostic.messageId, messageId, describeFinding(diagnostic));
  for (const [key, value] of Object.entries(data))
    assert.deepEqual(diagnostic.data?.[key], value, `data.${key} of${describeFinding(diagnostic)}`);
}

/**
 * Every finding of the file, as `expected` lists them. `ignored` leaves some out: a code's tests
 * need not list the info findings of other codes (what Microsoft says in words about the file's
 * shape, such as DNS load balancing on the Edge pool); those codes' own tests do.
 */
export function assertDiagnostics(
  text: string,
  expected: Expected[],
  ignored: (diagnostic: Diagnostic) => boolean = () => false,
): Diagnostic[] {
  const diagnostics = checkTopology(text).diagnostics.filter((diagnostic) => !ignored(diagnostic));
  const messages = `\nfindings:\n${diagnostics.map(describeFinding).join('\n')}`;
  assert.deepEqual(diagnostics.map(place).sort(), expected.map(expectedPlace).sort(), `diagnostics differ.${messages}`);
  diagnostics.forEach(assertFromMeta);
  // Several findings may share a place; each expectation claims its own one.
  const unclaimed = [...diagnostics];
  for (const item of expected) {
    const found = unclaimed.find((diagnostic) => matches(diagnostic, item));
    const wanted = `${item.messageId ?? ''} ${JSON.stringify(item.data ?? item.message ?? {})}`;
    assert.ok(found, `no finding matches ${expectedPlace(item)} ${wanted}${messages}`);
    // The layers below rules/ are expected by their whole English text (messagesOf).
    if (found.messageId !== undefined && item.message === undefined)
      assert.ok(item.messageId, `the expectation for ${describeFinding(found)} must name its messageId`);
    unclaimed.splice(unclaimed.indexOf(found), 1);
  }
  return diagnostics;
}

/** An expectation of the tested code: where, its message id, its data, its severity (else the declared one). */
export type Finding = (at: Span, messageId: string, data?: Expected['data'], severity?: Severity) => Expected;

export interface Case {
  name: string;
  text: string;
  /** Every finding the file must produce; `finding` makes those of the tested code. */
  errors?: (text: string, finding: Finding) => Expected[];
  /** `lync-ports fix` turns the file into one with nothing to report (what ESLint's `output` asks, for every fix). */
  fixesClean?: boolean;
}

/** The cases of `code`, as a suite named after it (or `title`). */
export function ruleTester(
  code: DiagnosticCode,
  cases: { valid?: Case[]; invalid: Case[] },
  title: string = code,
): void {
  const finding: Finding = (at, messageId, data, severity = metaOf(code).severity) =>
    findingsOf(code, severity)(at, messageId, data);
  const otherInfo = (diagnostic: Diagnostic) => diagnostic.severity === 'info' && diagnostic.code !== code;
  describe(title, () => {
    for (const item of cases.valid ?? []) {
      test(`valid: ${item.name}`, () => {
        assertDiagnostics(item.text, [], otherInfo);
      });
    }
    for (const item of cases.invalid) {
      test(`invalid: ${item.name}`, () => {
        assertDiagnostics(item.text, item.errors!(item.text, finding), otherInfo);
        if (item.fixesClean) assertFixedClean(item.text);
      });
    }
  });
}
