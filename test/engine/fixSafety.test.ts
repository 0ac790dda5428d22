import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { checkTopology, fixAll, parseTopology, positionAt } from '../../server/src/engine/index';
import type { CheckOptions, CheckResult, Diagnostic } from '../../server/src/engine/index';
import { EXAMPLES, readExample } from '../support/examples';

// Issue 9, items 1-8: fixes that damaged the user's file. Each test rebuilds the reported repro.

const contoso = readExample('contoso.topology.yaml');
const tailspin = readExample('sfb2019-single-ip.topology.yaml');
const syntaxErrors = (text: string) => checkTopology(text).diagnostics.filter((d) => d.code === 'yaml-syntax');
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('fixes never damage the file (issue 9)', () => {
  test('1: two rules into a firewall without rules: one rules key, each rule once', () => {
    const noRules = contoso.replace(
      / {4}rules:\n( {6}- name: XMPP (from|to) federated partners\n( {8}.*\n){3}){2}/,
      '',
    );
    assert.notEqual(noRules, contoso);
    const result = fixAll(noRules);
    const external = result.text.slice(result.text.indexOf('\n  external:'), result.text.indexOf('\n  internal:'));
    assert.equal(count(external, 'rules:'), 1, external);
    assert.equal(count(external, '- name: XMPP from federated partners'), 1, external);
    assert.equal(count(external, '- name: XMPP to federated partners'), 1, external);
    assert.deepEqual(syntaxErrors(result.text), []);
    assert.equal(new Set(result.applied).size, result.applied.length, 'a fix was applied twice');
  });

  test('2: positions come from the text, also after a broken multi-line value', () => {
    const parsed = parseTopology('- a\nb\n  c\nd: 1\n');
    assert.deepEqual(positionAt(parsed, 6), { line: 2, character: 0 });
    assert.deepEqual(positionAt(parsed, 12), { line: 3, character: 2 });
    for (const diagnostic of parsed.diagnostics) {
      const { start, startOffset } = diagnostic.range;
      const lines = parsed.text.slice(0, startOffset).split('\n');
      assert.deepEqual(start, { line: lines.length - 1, character: lines[lines.length - 1].length });
    }
  });

  test('4: an unclosed san list gets no edit anywhere else in the file', () => {
    const broken = contoso.replace(
      'servers:',
      'certificates:\n  external:\n    subjectName: sip.contoso.com\n    san: [sip.contoso.com\nservers:',
    );
    const result = fixAll(broken);
    assert.ok(!result.applied.some((title) => title.includes('certificates.external.san')), String(result.applied));
    const touched = result.text.split('\n').filter((line) => line.includes('contoso.com') && !broken.includes(line));
    assert.deepEqual(touched, []);
  });

  test('5: an empty dns.external followed by a comment gets one valid list', () => {
    const empty = tailspin.replace(/dns:\n {2}external:\n( {4}- .*\n)+/, 'dns:\n  external:\n  # to do\n');
    assert.notEqual(empty, tailspin);
    assert.deepEqual(syntaxErrors(empty), []);
    const result = fixAll(empty);
    assert.deepEqual(syntaxErrors(result.text), []);
    assert.equal(count(result.text, 'external:['), 0);
    const dns = result.text.slice(result.text.indexOf('\ndns:'), result.text.indexOf('\ncertificates:'));
    assert.equal(count(dns, '\n  external:'), 1, dns);
    assert.equal(count(dns, 'type: SRV'), 2, dns);
    assert.ok(result.text.includes('  # to do\n'));
  });

  test('6: a rule moved into a firewall without rules keeps its leading comment', () => {
    const wrong = readFileSync(join(EXAMPLES, 'broken/wrong-firewall.topology.yaml'), 'utf8');
    const noRules = wrong.replace(/ {4}rules:\n {6}- name: Edge replies to the gateway.*\n( {8}.*\n){3}/, '');
    assert.notEqual(noRules, wrong);
    const result = fixAll(noRules);
    const internal = result.text.slice(result.text.indexOf('\n  internal:'));
    assert.match(internal, /rules:\n {6}# Requested by the Lync team\n {6}- name: XMPP gateway to Edge\n/);
    assert.equal(count(result.text, '# Requested by the Lync team'), 1);
  });

  test('7: a CRLF file gets CRLF lines from every fix', () => {
    const crlf = contoso.replace(/ {6}- name: XMPP to federated partners\n( {8}.*\n){3}/, '').replace(/\n/g, '\r\n');
    const result = fixAll(crlf);
    assert.equal(result.changed, true);
    assert.equal(result.text.replace(/\r\n/g, '').includes('\n'), false, 'an LF line was inserted');
    assert.match(result.text, /- name: XMPP to federated partners\r\n/);
  });

  test('8: rules that differ only by name are not removed by fix-all, removal is still offered', () => {
    const twice = contoso.replace(
      '  internal:\n',
      '      - name: XMPP out again\n        service: XMPP/TCP/5269\n' +
        '        from: edge01.accessEdge\n        to: any\n  internal:\n',
    );
    const duplicate = checkTopology(twice).diagnostics.find((d) => d.code === 'duplicate-rule');
    assert.ok(duplicate?.fixes?.length, 'removal is offered');
    assert.equal(duplicate!.fixes![0].safe, false);
    assert.equal(fixAll(twice).text, twice);
    const same = twice.replace('XMPP out again', 'XMPP to federated partners');
    assert.notEqual(fixAll(same).text, same, 'an exact duplicate is still removed');
  });
});

describe('found by the fuzz', () => {
  test('a map with a key twice gets no edit: the checker may have read the other occurrence', () => {
    const dnslb = readExample('lync2013-dnslb-nat-director.topology.yaml');
    const twice = dnslb.replace('\ncertificates:\n', '\n');
    assert.notEqual(twice, dnslb);
    const result = fixAll(twice);
    assert.equal(count(result.text, 'type: SRV'), count(twice, 'type: SRV'));
    assert.equal(fixAll(result.text).text, result.text);
  });

  test("a rules value that is not a list is the user's text: no insert replaces it", () => {
    const note = contoso.replace(
      /( {4}rules:)\n {6}- name: XMPP from federated partners\n( {8}.*\n){3}( {6}- .*\n( {8}.*\n){3})/,
      '$1 see ticket 42\n',
    );
    assert.match(note, /rules: see ticket 42\n {2}internal:/);
    const result = fixAll(note);
    assert.match(result.text, /rules: see ticket 42\n/);
  });

  test('no rules key is added to a firewall whose lines the parser could not read', () => {
    const lost = tailspin.replace(/(firewalls:\n {2}external:\n {4}between: .*\n) {4}rules:\n/, '$1');
    assert.notEqual(lost, tailspin);
    const result = fixAll(lost);
    assert.equal(count(result.text, '    rules:'), count(lost, '    rules:'));
  });
});

describe('the rule for all fixes', () => {
  const missing = contoso.replace(/ {6}- name: XMPP to federated partners\n( {8}.*\n){3}/, '');
  /** The real check, plus one safe fix of our own on every round. */
  function withExtraFix(newText: (text: string) => string) {
    return (text: string, options: CheckOptions): CheckResult => {
      const result = checkTopology(text, options);
      const extra: Diagnostic = {
        code: 'duplicate-rule',
        severity: 'warning',
        message: 'test',
        range: result.diagnostics[0]?.range ?? {
          start: { line: 0, character: 0 },
          end: { line: 0, character: 0 },
          startOffset: 0,
          endOffset: 0,
        },
        fixes: [
          {
            title: 'extra fix',
            kind: 'other',
            preferred: true,
            safe: true,
            edits: [{ startOffset: text.length, endOffset: text.length, newText: newText(text) }],
          },
        ],
      };
      return { ...result, diagnostics: [extra, ...result.diagnostics] };
    };
  }

  test('a fix whose result parses worse is dropped and reported; the others still apply', () => {
    const result = fixAll(
      missing,
      {},
      withExtraFix(() => 'firewalls: [unclosed\n'),
    );
    const dropped = result.dropped.map(({ title, reason, why, fix }) => ({ title, reason, why, fixTitle: fix.title }));
    assert.deepEqual(dropped, [
      { title: 'extra fix', reason: 'its result would not parse', why: 'unparsable', fixTitle: 'extra fix' },
    ]);
    assert.ok(!result.text.includes('unclosed'));
    assert.match(result.text, /- name: XMPP to federated partners\n/);
    assert.deepEqual(syntaxErrors(result.text), []);
  });

  test('a fix offered again after it was applied is not applied at all, and fix-all stays idempotent', () => {
    const check = withExtraFix(() => '# checked\n');
    const result = fixAll(missing, {}, check);
    assert.equal(count(result.text, '# checked'), 0);
    const dropped = result.dropped.map(({ title, reason, why, fix }) => ({ title, reason, why, fixTitle: fix.title }));
    assert.deepEqual(dropped, [
      { title: 'extra fix', reason: 'it does not resolve its finding', why: 'ineffective', fixTitle: 'extra fix' },
    ]);
    assert.match(result.text, /- name: XMPP to federated partners\n/);
    assert.equal(fixAll(result.text, {}, check).text, result.text);
  });
});
