import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { checkTopology, fromEngine, fromVsCode } from './engine';
import { api, codeOf, open, waitForDiagnostics, workspaceFile } from './helpers';

const EXAMPLES = [
  'broken/missing-rules.topology.yaml',
  'broken/typos.topology.yaml',
  'broken/wrong-firewall.topology.yaml',
  'broken/sfb2019-xmpp.topology.yaml',
];

suite('diagnostics for the examples', () => {
  suiteSetup(async () => {
    await api();
  });

  test('the clean example has none', async () => {
    const { document } = await open('contoso.topology.yaml');
    // Wait for the server to have checked it: the status bar shows its flow count.
    const exported = await api();
    const model = await exported.connection.flowModel(document.uri);
    assert.ok(model, 'the server answers for the clean example');
    assert.deepEqual(fromVsCode(vscode.languages.getDiagnostics(document.uri)), []);
    assert.equal(model.summary.allowed, model.summary.required);
  });

  for (const path of EXAMPLES) {
    test(`${path}: VS Code shows exactly what the engine finds`, async () => {
      const uri = workspaceFile(path);
      const expected = fromEngine(checkTopology(readFileSync(uri.fsPath, 'utf8')).diagnostics);
      assert.ok(
        expected.some((diagnostic) => diagnostic.severity === 'error'),
        'the example is broken',
      );
      await open(path);
      const shown = await waitForDiagnostics(
        uri,
        (diagnostics) => diagnostics.length === expected.length,
        `${expected.length} diagnostics on ${path}`,
      );
      assert.deepEqual(fromVsCode(shown), expected);
      for (const diagnostic of shown) assert.ok(diagnostic.source, 'diagnostics name their source');
    });
  }

  test('a file picked by the first-line marker is checked', async () => {
    const uri = workspaceFile('marked.yaml');
    await open('marked.yaml');
    const shown = await waitForDiagnostics(
      uri,
      (diagnostics) => diagnostics.some((diagnostic) => codeOf(diagnostic) === 'missing-flow'),
      'missing-flow on marked.yaml',
    );
    assert.ok(shown.length > 0);
  });

  test('a file picked by lyncPorts.files is checked', async () => {
    const uri = workspaceFile('firewalls/edge.yaml');
    await open('firewalls/edge.yaml');
    await waitForDiagnostics(
      uri,
      (diagnostics) => diagnostics.some((diagnostic) => codeOf(diagnostic) === 'wrong-port'),
      'wrong-port on firewalls/edge.yaml',
    );
  });
});
