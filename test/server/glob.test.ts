import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { matchesGlob } from '../../server/src/lsp/glob';

test('a pattern without a slash matches the file name in any folder', () => {
  assert.ok(matchesGlob('*.fw.yaml', 'a/b/edge.fw.yaml'));
  assert.ok(!matchesGlob('*.fw.yaml', 'a/b/edge.fw.yml'));
  assert.ok(matchesGlob('edge-?.yaml', 'edge-1.yaml'));
});

test('`**/` matches zero or more folders and `*` stays within one', () => {
  assert.ok(matchesGlob('infra/**/*.yaml', 'infra/a.yaml'));
  assert.ok(matchesGlob('infra/**/*.yaml', 'infra/x/y/a.yaml'));
  assert.ok(!matchesGlob('infra/*.yaml', 'infra/x/a.yaml'));
  assert.ok(matchesGlob('./infra/*.yaml', 'infra/a.yaml'));
});

test('braces and classes', () => {
  assert.ok(matchesGlob('**/*.{yaml,yml}', 'a/b.yml'));
  assert.ok(matchesGlob('site[12].yaml', 'site2.yaml'));
  assert.ok(!matchesGlob('site[!12].yaml', 'site2.yaml'));
  assert.ok(matchesGlob('a+b(1).yaml', 'a+b(1).yaml'), 'regular-expression characters are literal');
});

test('malformed or empty patterns match nothing instead of throwing', () => {
  assert.equal(matchesGlob('', 'a.yaml'), false);
  assert.equal(matchesGlob('[z-a].yaml', 'a.yaml'), false);
  assert.equal(matchesGlob('{a,b.yaml', 'a'), true);
});
