import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, CODE_INFO, formatMessage } from '../../../server/src/engine/index';
import { CONTOSO } from './fixtures';

// check.ts reports the code when the pipeline throws; no file is known to make it throw, so the
// text is checked from the meta and the examples are checked to be free of it.

describe('internal-error', () => {
  test('names the error and asks for the file', () => {
    const text = formatMessage(CODE_INFO['internal-error'].messages.crashed, { error: 'boom' });
    assert.equal(text, 'Internal error while checking this file: boom.');
    assert.equal(CODE_INFO['internal-error'].details?.crashed, 'Please report it with the file.');
  });

  test('does not appear for a file the checker handles', () => {
    assert.deepEqual(
      checkTopology(CONTOSO).diagnostics.filter((diagnostic) => diagnostic.code === 'internal-error'),
      [],
    );
  });
});
