import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { checkTopology, type CheckResult, type Diagnostic } from '../../server/src/engine/index';
import { codeActions, type CodeActionRequest, FIX_ALL_KIND } from '../../server/src/lsp/codeActions';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { MISSING_EXTERNAL } from './fixtures';

// The rule of every fix, in the editor (issue 9): edits are tied to the text version they were
// computed on, and an edit whose result parses worse than the text is not offered.

const uri = 'file:///ws/safety.topology.yaml';
const whole = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

function request(result: CheckResult, extra: Partial<CodeActionRequest> = {}): CodeActionRequest {
  return {
    uri,
    version: 7,
    result,
    settings: DEFAULT_SETTINGS,
    range: whole,
    contextDiagnostics: [],
    text: result.parsed.text,
    ...extra,
  };
}

/** A finding of the real check with one more fix, whose edit breaks the YAML. */
function withBreakingFix(result: CheckResult): CheckResult {
  const target = result.diagnostics[0];
  const breaking: Diagnostic = {
    ...target,
    fixes: [
      ...(target.fixes ?? []),
      {
        title: 'breaks the file',
        kind: 'other',
        preferred: false,
        safe: false,
        edits: [{ startOffset: 0, endOffset: 0, newText: 'firewalls: [\n' }],
      },
    ],
  };
  return { ...result, diagnostics: [breaking, ...result.diagnostics.slice(1)] };
}

describe('code actions follow the rule of every fix', () => {
  const result = checkTopology(MISSING_EXTERNAL);

  test('an edit computed on another text is not offered at all', () => {
    assert.ok(codeActions(request(result)).length > 0);
    assert.deepEqual(codeActions(request(result, { text: `${MISSING_EXTERNAL}# typed since\n` })), []);
  });

  test('a client that takes documentChanges gets every edit tied to the checked version', () => {
    const actions = codeActions(request(result, { versionedEdits: true, only: [FIX_ALL_KIND, 'quickfix'] }));
    assert.ok(actions.some((action) => action.kind === FIX_ALL_KIND));
    for (const action of actions) {
      assert.equal(action.edit?.changes, undefined, action.title);
      const change = action.edit?.documentChanges?.[0] as { textDocument: { uri: string; version: number } };
      assert.deepEqual(change.textDocument, { uri, version: 7 }, action.title);
    }
  });

  test('a quick fix whose result would not parse is not offered; the others are', () => {
    const titles = codeActions(request(withBreakingFix(result))).map((action) => action.title);
    assert.ok(!titles.includes('breaks the file'), titles.join(', '));
    assert.ok(titles.length > 0);
  });
});
