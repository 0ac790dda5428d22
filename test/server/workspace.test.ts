import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FlowModel } from '../../server/src/engine/index';
import { TYPOS } from './fixtures';
import { CONTOSO, fileUri, TestClient } from './lspClient';
import { REQUESTS } from '../../server/src/shared/protocol';

describe('workspace files and settings', () => {
  let root: string;
  let client: TestClient;
  const settings: Record<string, unknown> = {
    files: ['custom/*.fw.yaml'],
    defaultProduct: 'sfb2019',
    severity: { 'wrong-port': 'warning', 'wrong-transport': 'off' },
  };
  const asked: (string | undefined)[] = [];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'lync-ports-ws-'));
    mkdirSync(join(root, 'custom'));
    mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
    writeFileSync(join(root, 'typos.topology.yaml'), TYPOS);
    writeFileSync(join(root, 'custom', 'edge.fw.yaml'), TYPOS);
    writeFileSync(join(root, 'marked.yaml'), `# lync-topology\n${TYPOS}`);
    writeFileSync(join(root, 'notes.yaml'), 'title: not a topology\n');
    writeFileSync(join(root, 'node_modules', 'pkg', 'vendored.topology.yaml'), TYPOS);
    writeFileSync(join(root, 'noproduct.topology.yaml'), CONTOSO.replace(/^ {2}product: .*\n/m, ''));
    client = await TestClient.start({
      rootPath: root,
      configuration: (section, scopeUri) => {
        asked.push(scopeUri);
        return section === 'lyncPorts' ? settings : null;
      },
    });
  });

  after(async () => {
    await client.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const uriOf = (...parts: string[]) => fileUri(join(root, ...parts));

  test('at start-up every topology file of the folder is checked without being opened', async () => {
    for (const name of [['typos.topology.yaml'], ['custom', 'edge.fw.yaml'], ['marked.yaml']]) {
      const published = await client.waitForDiagnostics((params) => params.uri === uriOf(...name), name.join('/'));
      const codes = published.diagnostics.map((diagnostic) => diagnostic.code);
      assert.ok(codes.includes('wrong-port'), `${name.join('/')}: ${codes}`);
    }
    // The scan has finished once the last file in sorted order is published.
    await client.waitForDiagnostics((params) => params.uri === uriOf('typos.topology.yaml'), 'last');
    const uris = client.published.map((params) => params.uri);
    assert.ok(!uris.includes(uriOf('notes.yaml')), 'plain YAML is left alone');
    assert.ok(!uris.includes(uriOf('node_modules', 'pkg', 'vendored.topology.yaml')), 'node_modules is not searched');
  });

  test("severity overrides change a code's severity or turn it off", async () => {
    const published = await client.waitForDiagnostics((params) => params.uri === uriOf('typos.topology.yaml'), 'typos');
    const wrongPort = published.diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port');
    assert.equal(wrongPort?.severity, 2, 'wrong-port is a warning by setting');
    assert.ok(
      !published.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-transport'),
      'wrong-transport is off',
    );
    assert.ok(asked.length > 0, 'the server asked workspace/configuration');
  });

  test('defaultProduct applies to files that do not name their product', async () => {
    const published = await client.waitForDiagnostics(
      (params) => params.uri === uriOf('noproduct.topology.yaml'),
      'noproduct',
    );
    assert.ok(
      published.diagnostics.some((diagnostic) => diagnostic.code === 'feature-unsupported'),
      'sfb2019 has no XMPP federation',
    );
  });

  test('the flow model of a workspace file is served even when it is not open', async () => {
    await client.waitForDiagnostics((params) => params.uri === uriOf('noproduct.topology.yaml'), 'noproduct');
    const model = await client.request<FlowModel | null>(REQUESTS.flowModel, { uri: uriOf('noproduct.topology.yaml') });
    assert.ok(model, 'a flow model');
    assert.equal(model.product, 'sfb2019');
  });

  test('a settings change re-checks open documents with the new settings', async () => {
    const uri = uriOf('typos.topology.yaml');
    await client.open(uri, TYPOS);
    const first = await client.diagnosticsFor(uri, 1);
    assert.equal(first.diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port')?.severity, 2);
    settings.severity = { 'wrong-port': 'info' };
    const before = client.published.length;
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const republished = await client.waitForDiagnostics(
      (params) => params.uri === uri && params.version === 1 && client.published.indexOf(params) >= before,
      'republished after the settings change',
    );
    assert.equal(republished.diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port')?.severity, 3);
    assert.ok(
      republished.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-transport'),
      'wrong-transport is back on',
    );
  });

  test('files created, changed and deleted outside the editor are followed via the registered watcher', async () => {
    assert.ok(client.registrations.includes('workspace/didChangeWatchedFiles'), `${client.registrations}`);
    assert.ok(client.registrations.includes('workspace/didChangeConfiguration'));
    const path = join(root, 'later.topology.yaml');
    const uri = fileUri(path);
    writeFileSync(path, TYPOS);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 1 }] });
    const created = await client.waitForDiagnostics(
      (params) => params.uri === uri && params.diagnostics.length > 0,
      'created file',
    );
    assert.ok(created.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-port'));
    unlinkSync(path);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitForDiagnostics(
      (params) => params.uri === uri && params.diagnostics.length === 0,
      'deleted file cleared',
    );
  });
});
