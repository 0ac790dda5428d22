// The lyncPorts/importTopology request against the real server process: the text `lync-ports
// import` writes for the same XML, and a refusal in words for what the import refuses.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importTopologyXml } from '../../server/src/engine/index';
import { type ExportResult, REQUESTS } from '../../server/src/shared/protocol';
import { TestClient } from './lspClient';

const FIXTURE = join(__dirname, '../../../test/fixtures/import/sfb2015-nat-edge.tbxml');

describe('lyncPorts/importTopology', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  test('answers the topology file the CLI writes, named after the file', async () => {
    const xml = readFileSync(FIXTURE, 'utf8');
    const uri = 'file:///exports/sfb2015-nat-edge.tbxml';
    const answer = await client.request<ExportResult>(REQUESTS.importTopology, { uri, xml });
    assert.deepEqual(answer, { text: importTopologyXml(xml, { source: 'sfb2015-nat-edge.tbxml' }).yaml });
  });

  test('refuses a DTD, foreign XML and a missing text in words', async () => {
    const uri = 'file:///exports/bad%20one.xml';
    const refused = async (xml: unknown) => {
      const answer = await client.request<ExportResult>(REQUESTS.importTopology, { uri, xml });
      return 'refused' in answer ? answer.refused : '';
    };
    assert.match(
      await refused('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'),
      /^Cannot import bad one\.xml: line 1, column 1: the file declares a DOCTYPE/,
    );
    assert.match(await refused('<x/>'), /^Cannot import bad one\.xml: line 1, column 1: the root element is <x>/);
    assert.equal(await refused(7), 'Cannot import bad one.xml: no XML text was sent.');
  });
});
