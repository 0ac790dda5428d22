import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { checkTopology, codeLenses, pluralForm } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// The lenses above the enabled features and the firewalls: exact places, titles and actions.

const CONTOSO = readExample('contoso.topology.yaml');
const MISSING = readExample('broken/missing-rules.topology.yaml');

const lensesOf = (text: string) =>
  codeLenses(checkTopology(text)).map((lens) => ({
    line: lens.range.start.line,
    start: lens.range.start.character,
    end: lens.range.end.character,
    key: text.slice(lens.range.startOffset, lens.range.endOffset),
    title: lens.title,
    action: lens.action,
  }));
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length - 1;

test('every flow allowed: the feature and each firewall say so, with no action to insert', () => {
  assert.deepEqual(lensesOf(CONTOSO), [
    {
      line: 4,
      start: 2,
      end: 16,
      key: 'xmppFederation',
      title: '3/3 required flows allowed',
      action: { kind: 'showDiagram' },
    },
    {
      line: lineOf(CONTOSO, '  external:\n    between'),
      start: 2,
      end: 10,
      key: 'external',
      title: '2 rules · 2/2 required flows allowed',
      action: { kind: 'showDiagram' },
    },
    {
      line: lineOf(CONTOSO, '  internal:\n    between'),
      start: 2,
      end: 10,
      key: 'internal',
      title: '1 rule · 1/1 required flow allowed',
      action: { kind: 'showDiagram' },
    },
  ]);
});

test('a firewall that lacks rules gets "Insert missing" for that firewall; a disabled feature no lens', () => {
  const text = MISSING.replace('  xmppFederation: true', '  xmppFederation: true\n  sipFederation: false');
  const lenses = lensesOf(text);
  assert.deepEqual(
    lenses.map((lens) => [lens.key, lens.title, lens.action]),
    [
      ['xmppFederation', '1/3 required flows allowed', { kind: 'showDiagram' }],
      ['edge-outside', '2 rules · 1/2 required flows allowed', { kind: 'showDiagram' }],
      ['edge-outside', 'Insert missing', { kind: 'insertMissingRules', firewall: 'edge-outside' }],
      ['edge-inside', '0 rules · 0/1 required flow allowed', { kind: 'showDiagram' }],
      ['edge-inside', 'Insert missing', { kind: 'insertMissingRules', firewall: 'edge-inside' }],
    ],
  );
  assert.equal(lenses[1].line, lineOf(text, '  edge-outside:'));
});

test('a file with no firewall yet: the feature has no flow on a firewall, and there is no firewall lens', () => {
  const bare = CONTOSO.slice(0, CONTOSO.indexOf('firewalls:'));
  assert.deepEqual(
    lensesOf(bare).map((lens) => [lens.key, lens.title]),
    [['xmppFederation', 'no required flows of its own on a firewall']],
  );
});

describe('CodeLens titles in Russian', () => {
  test('a firewall counts its rules with the Russian plural forms and the flows allowed', () => {
    const result = checkTopology(readExample('contoso.topology.yaml'));
    const titles = codeLenses(result, 'ru').map((lens) => lens.title);
    const english = codeLenses(result, 'en').map((lens) => lens.title);
    assert.equal(titles.length, english.length);
    assert.ok(titles.includes('2 правила · разрешено обязательных потоков: 2 из 2'), titles.join(' | '));
    assert.ok(titles.includes('1 правило · разрешено обязательных потоков: 1 из 1'), titles.join(' | '));
    for (const title of titles) assert.doesNotMatch(title, /rules?|required|allowed|Insert/);
  });

  test('Russian plural forms: 1, 2-4, 5-20, 21, 22, 111', () => {
    assert.deepEqual(
      [1, 2, 4, 5, 11, 12, 14, 20, 21, 22, 25, 111, 112].map((n) => pluralForm('ru', n)),
      ['one', 'few', 'few', 'many', 'many', 'many', 'many', 'many', 'one', 'few', 'many', 'many', 'many'],
    );
    assert.deepEqual(
      [0, 1, 2].map((n) => pluralForm('en', n)),
      ['other', 'one', 'other'],
    );
  });
});
