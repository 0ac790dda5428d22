// The extension's own requests (server/src/shared/protocol.ts) against the real server process:
// every method the module names is served, for open documents and for workspace files on disk,
// with the text the CLI's renderers give for the same file.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import {
  checkTopology,
  EXPORT_FORMATS,
  renderDiagramSvg,
  renderExport,
  renderReport,
} from '../../server/src/engine/index';
import type { FlowModel } from '../../server/src/engine/index';
import {
  type ExportResult,
  NOTIFICATIONS,
  type ParamsOf,
  type RequestMethod,
  REQUESTS,
} from '../../server/src/shared/protocol';
import { CONTOSO, fileUri, TestClient } from './lspClient';

describe('the lyncPorts/* protocol', () => {
  let client: TestClient;
  let root: string;
  const open = 'file:///ws/protocol.topology.yaml';
  const broken = 'file:///ws/broken.topology.yaml';
  const BROKEN = 'topology:\n  product: [sfb2019\n';
  const onDisk = () => fileUri(join(root, 'disk.topology.yaml'));

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'lync-ports-protocol-'));
    writeFileSync(join(root, 'disk.topology.yaml'), CONTOSO);
    client = await TestClient.start({ rootPath: root });
    await client.open(open, CONTOSO);
    await client.open(broken, BROKEN);
    await client.diagnosticsFor(open, 1);
    await client.diagnosticsFor(broken, 1);
    await client.waitForDiagnostics((params) => params.uri === onDisk(), 'the workspace file checked from disk');
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
    rmSync(root, { recursive: true, force: true });
  });

  // A Record over the methods: a method added to the protocol without a case here fails to compile.
  const CASES: Record<RequestMethod, (uri: string) => ParamsOf<RequestMethod>> = {
    [REQUESTS.flowModel]: (uri) => ({ uri }),
    [REQUESTS.exportRules]: (uri) => ({ uri, format: 'csv' }),
    [REQUESTS.diagramSvg]: (uri) => ({ uri }),
    [REQUESTS.report]: (uri) => ({ uri }),
    // The XML travels as text; the uri only names it (test/server/importTopology.test.ts).
    [REQUESTS.importTopology]: (uri) => ({
      uri,
      xml: readFileSync(join(__dirname, '../../../test/fixtures/import/sfb2015-nat-edge.xml'), 'utf8'),
    }),
    [REQUESTS.verifyDump]: (uri) => ({
      uri,
      firewall: 'external',
      dump: Buffer.from('*filter\n:FORWARD DROP [0:0]\nCOMMIT\n').toString('base64'),
    }),
  };

  test('every request of the protocol module is answered, for an open document and a file on disk', async () => {
    assert.deepEqual(Object.keys(CASES).sort(), Object.values(REQUESTS).sort());
    for (const method of Object.values(REQUESTS)) {
      for (const uri of [open, onDisk()]) {
        const answer = await client.request<unknown>(method, CASES[method](uri));
        assert.ok(answer !== null && typeof answer === 'object', `${method} for ${uri}: ${JSON.stringify(answer)}`);
        assert.ok(!('refused' in answer), `${method} for ${uri}: ${JSON.stringify(answer)}`);
      }
      // Without a uri the request is refused as invalid: proof the method exists (not MethodNotFound).
      const invalid = (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams;
      await assert.rejects(client.request(method, {}), invalid);
    }
    const changed = (uri: string, version: number | null) =>
      client.flowModelChanged.some((params) => params.uri === uri && params.version === version);
    assert.ok(changed(open, 1), `${NOTIFICATIONS.flowModelChanged} for the open file`);
    assert.ok(changed(onDisk(), null), 'and for the file on disk');
  });

  test("flowModel is the engine's flow model of the text", async () => {
    const model = await client.request<FlowModel | null>(REQUESTS.flowModel, { uri: open });
    // As JSON-RPC carries it: without the undefined fields.
    assert.deepEqual(model, JSON.parse(JSON.stringify(checkTopology(CONTOSO).flowModel)));
    assert.equal(await client.request(REQUESTS.flowModel, { uri: 'file:///ws/not-open.topology.yaml' }), null);
  });

  test('exportRules gives each format exactly as `lync-ports export` renders it', async () => {
    const expected = checkTopology(CONTOSO);
    for (const format of EXPORT_FORMATS) {
      for (const uri of [open, onDisk()]) {
        const answer = await client.request<ExportResult>(REQUESTS.exportRules, { uri, format });
        assert.deepEqual(answer, { text: renderExport(expected, format) }, `${format} for ${uri}`);
      }
    }
  });

  test('exportRules follows edits: the answer is for the newest version', async () => {
    const uri = 'file:///ws/edited.topology.yaml';
    await client.open(uri, CONTOSO);
    await client.replace(uri, 2, 'XMPP/TCP/5269', 'XMPP/TCP/5296');
    const answer = await client.request<ExportResult>(REQUESTS.exportRules, { uri, format: 'markdown' });
    assert.ok('text' in answer && answer.text.includes('5296'), JSON.stringify(answer));
    await client.close(uri);
  });

  test('what cannot be exported is refused in words; a bad format is an invalid request', async () => {
    const unparsable = await client.request<ExportResult>(REQUESTS.exportRules, { uri: broken, format: 'csv' });
    assert.match('refused' in unparsable ? unparsable.refused : '', /^The rules cannot be exported: the YAML does not/);
    const never = 'file:///ws/never-opened.yaml';
    const unknown = await client.request<ExportResult>(REQUESTS.exportRules, { uri: never, format: 'csv' });
    assert.match('refused' in unknown ? unknown.refused : '', /does not check this file/);
    await assert.rejects(client.request(REQUESTS.exportRules, { uri: open, format: 'xlsx' }), (error: unknown) => {
      const invalid = error instanceof ResponseError && error.code === ErrorCodes.InvalidParams;
      return invalid && /csv, markdown/.test((error as ResponseError<unknown>).message);
    });
    await assert.rejects(client.request(REQUESTS.diagramSvg, { uri: open, title: 7 }), ResponseError);
  });

  test('report is the page `lync-ports report` writes, with its title; a broken file is refused', async () => {
    const answer = await client.request<ExportResult>(REQUESTS.report, { uri: open, title: 'contoso.topology.yaml' });
    assert.deepEqual(answer, { text: renderReport(checkTopology(CONTOSO), { title: 'contoso.topology.yaml' }) });
    const unparsable = await client.request<ExportResult>(REQUESTS.report, { uri: broken });
    const refused = 'refused' in unparsable ? unparsable.refused : '';
    assert.match(refused, /^The report cannot be written: the YAML does not/);
    await assert.rejects(client.request(REQUESTS.report, { uri: open, title: 7 }), ResponseError);
  });

  test('diagramSvg is the standalone drawing `lync-ports diagram` writes, titled by file or caller', async () => {
    const model = checkTopology(CONTOSO).flowModel;
    assert.deepEqual(await client.request(REQUESTS.diagramSvg, { uri: open }), {
      text: renderDiagramSvg(model, { standalone: true, title: 'protocol.topology.yaml' }),
    });
    const params: ParamsOf<typeof REQUESTS.diagramSvg> = { uri: open, title: 'Contoso <Edge>' };
    const titled = await client.request<ExportResult>(REQUESTS.diagramSvg, params);
    assert.ok('text' in titled && titled.text.includes('Contoso &lt;Edge&gt;'), 'the title, escaped');
    // A file cut short still draws what parsed, as the diagram panel shows it.
    assert.ok('text' in (await client.request<ExportResult>(REQUESTS.diagramSvg, { uri: broken })));
  });
});
