import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  exampleFiles,
  GOLDEN_DIR,
  goldenName,
  INVOCATIONS,
  runCli,
  RUSSIAN_EXAMPLES,
  RUSSIAN_INVOCATIONS,
} from '../support/golden';

// Moving code must not move output: every command on every example, byte for byte as recorded.
describe('CLI output on every example matches the recorded reference', () => {
  for (const file of exampleFiles()) {
    for (const { kind, args } of INVOCATIONS) {
      test(`${file}: ${kind}`, () => {
        const expected = readFileSync(join(GOLDEN_DIR, goldenName(file, kind)), 'utf8');
        assert.equal(runCli(args(file)), expected);
      });
    }
  }
  for (const file of RUSSIAN_EXAMPLES) {
    for (const { kind, args } of RUSSIAN_INVOCATIONS) {
      test(`${file}: ${kind}`, () => {
        const expected = readFileSync(join(GOLDEN_DIR, goldenName(file, kind)), 'utf8');
        assert.equal(runCli(args(file)), expected);
      });
    }
  }
});
