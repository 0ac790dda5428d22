import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ALL_CODES } from '../../server/src/engine/index';
import { normalizeSettings } from '../../server/src/lsp/settings';

// The Settings UI offers what the server reads: the registry's codes as keys of lyncPorts.severity,
// and as values the severities the settings parser keeps.

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
const severity = manifest.contributes.configuration.properties['lyncPorts.severity'];

test('lyncPorts.severity offers exactly the diagnostic codes of the registry as its keys', () => {
  assert.deepEqual(severity.propertyNames.enum, ALL_CODES);
});

test('lyncPorts.severity offers as values the severities the server keeps, each described', () => {
  const values: string[] = severity.additionalProperties.enum;
  const kept = (value: string) => normalizeSettings({ severity: { 'missing-flow': value } }).severity['missing-flow'];
  for (const value of values) assert.equal(kept(value), value);
  for (const other of ['fatal', 'none', 'disabled', 'notice']) assert.equal(kept(other), undefined, other);
  assert.deepEqual([...values].sort(), ['error', 'hint', 'info', 'off', 'warning']);
  assert.equal(severity.additionalProperties.enumDescriptions.length, values.length);
});
