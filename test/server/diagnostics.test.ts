import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import { BLOCKED_INTERNAL, MISSING_EXTERNAL, TYPOS } from './fixtures';
import { CONTOSO, positionOf, serverForSuite } from './lspClient';

describe('diagnostics over stdio', () => {
  const client = serverForSuite();

  test('the contract example is published with no diagnostics, for the opened version', async () => {
    const uri = 'file:///ws/contoso.topology.yaml';
    await client().open(uri, CONTOSO);
    const published = await client().diagnosticsFor(uri, 1);
    assert.deepEqual(published.diagnostics, []);
  });

  test('a diagnostic carries code, source, severity, range, a README link and data for code actions', async () => {
    const uri = 'file:///ws/typos.topology.yaml';
    await client().open(uri, TYPOS);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const wrongPort = diagnostics.find((diagnostic) => diagnostic.code === 'wrong-port');
    assert.ok(wrongPort, `a wrong-port finding: ${JSON.stringify(diagnostics.map((d) => d.code))}`);
    assert.equal(wrongPort.source, 'lync-ports');
    assert.equal(wrongPort.severity, 1);
    assert.equal(wrongPort.codeDescription?.href, 'https://github.com/lync-port-planner/lync-port-planner#wrong-port');
    assert.match(wrongPort.message, /5269/);
    // The range lies on the first rule's service line, where 5296 is written.
    const line = TYPOS.split('\n')[wrongPort.range.start.line];
    assert.match(line, /5296/);
    assert.equal((wrongPort.data as { index: number; version: number }).version, 1);
    assert.ok(diagnostics.some((diagnostic) => diagnostic.code === 'wrong-transport'));
  });

  test('relatedInformation points at the rule involved, in the same document', async () => {
    const uri = 'file:///ws/blocked.topology.yaml';
    await client().open(uri, BLOCKED_INTERNAL);
    const { diagnostics } = await client().diagnosticsFor(uri, 1);
    const blocked = diagnostics.find((diagnostic) => diagnostic.code === 'blocked-flow');
    assert.ok(blocked, JSON.stringify(diagnostics.map((d) => d.code)));
    assert.equal(blocked.range.start.line, positionOf(BLOCKED_INTERNAL, '- name: Nothing to the Edge', 2).line);
    // Only the rule it is about: the detail is in the hover at the finding, not sent with every publication.
    const related = blocked.relatedInformation ?? [];
    assert.equal(related.length, 1);
    assert.equal(related[0].location.uri, uri);
    assert.equal(
      related[0].location.range.start.line,
      positionOf(BLOCKED_INTERNAL, '- name: XMPP gateway to Edge', 2).line,
    );
    assert.doesNotMatch(JSON.stringify(blocked), /Catalog row X3/);
  });

  test('incremental edits that break then repair the file: each published result matches its version', async () => {
    const uri = 'file:///ws/edited.topology.yaml';
    await client().open(uri, CONTOSO);
    assert.deepEqual((await client().diagnosticsFor(uri, 1)).diagnostics, []);

    // Break the YAML: an unclosed flow sequence.
    await client().replace(uri, 2, 'between: [internet, perimeter]', 'between: [internet, perimeter');
    const broken = await client().diagnosticsFor(uri, 2);
    assert.ok(
      broken.diagnostics.some((diagnostic) => diagnostic.code === 'yaml-syntax'),
      JSON.stringify(broken.diagnostics.map((d) => d.code)),
    );

    // Repair it, then delete the outbound XMPP rule: a missing flow on the external firewall.
    await client().replace(uri, 3, 'between: [internet, perimeter', 'between: [internet, perimeter]');
    assert.deepEqual((await client().diagnosticsFor(uri, 3)).diagnostics, []);
    const rule =
      '      - name: XMPP to federated partners\n        service: XMPP/TCP/5269\n        from: edge01.accessEdge\n' +
      '        to: any\n';
    await client().replace(uri, 4, rule, '');
    const missing = await client().diagnosticsFor(uri, 4);
    assert.deepEqual(
      missing.diagnostics.map((diagnostic) => diagnostic.code),
      ['missing-flow'],
    );
    assert.match(missing.diagnostics[0].message, /XMPP to federated partners/);

    await client().replace(uri, 5, '  internal:\n', `${rule}  internal:\n`);
    assert.deepEqual((await client().diagnosticsFor(uri, 5)).diagnostics, []);
  });

  test('a burst of changes publishes only the newest version, never a stale one', async () => {
    const uri = 'file:///ws/burst.topology.yaml';
    await client().open(uri, CONTOSO);
    await client().diagnosticsFor(uri, 1);
    // Versions 2..6 alternate between broken and clean faster than the debounce.
    for (let version = 2; version <= 6; version++) {
      await client().replace(
        uri,
        version,
        version % 2 === 0 ? 'XMPP/TCP/5269' : 'XMPP/TCP/5296',
        version % 2 === 0 ? 'XMPP/TCP/5296' : 'XMPP/TCP/5269',
      );
    }
    const last = await client().diagnosticsFor(uri, 6);
    assert.ok(
      last.diagnostics.some((diagnostic) => diagnostic.code === 'wrong-port'),
      'version 6 has the typo',
    );
    const { published } = client();
    const versions = published.filter((params) => params.uri === uri).map((params) => params.version as number);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      `published in version order: ${versions}`,
    );
    assert.equal(versions[versions.length - 1], 6);
    assert.ok(versions.length < 6, `the debounce skipped intermediate versions: ${versions}`);
  });

  test('every open produces a flowModelChanged notification after its diagnostics', async () => {
    const uri = 'file:///ws/contoso.topology.yaml';
    assert.ok(client().flowModelChanged.some((params) => params.uri === uri && params.version === 1));
  });

  test('a plain YAML file is not checked, and closing a file clears its diagnostics', async () => {
    const plain = 'file:///ws/docker-compose.yaml';
    await client().open(plain, 'services:\n  web: { image: nginx }\n', 'yaml');
    const marked = 'file:///ws/plain-name.yaml';
    await client().open(marked, `# lync-topology\n${MISSING_EXTERNAL}`, 'yaml');
    const checked = await client().diagnosticsFor(marked, 1);
    assert.ok(
      checked.diagnostics.some((diagnostic) => diagnostic.code === 'missing-flow'),
      'the `# lync-topology` first line marks a topology file',
    );
    assert.ok(!client().published.some((params) => params.uri === plain), 'docker-compose.yaml gets no diagnostics');
    await client().close(marked);
    await client().waitForDiagnostics(
      (params) => params.uri === marked && params.diagnostics.length === 0 && params.version === undefined,
      'cleared after close',
    );
  });
});
