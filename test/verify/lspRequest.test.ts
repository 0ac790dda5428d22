// lyncPorts/verifyDump against the real server process: what "Verify Firewall Dump…" shows on the
// dump file is what `lync-ports verify` reports, for an open topology and for one on disk.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ErrorCodes, ResponseError } from 'vscode-languageserver-protocol/node';
import { REQUESTS, type VerifyDumpResult } from '../../server/src/shared/protocol';
import { CONTOSO, fileUri, TestClient } from '../server/lspClient';

const DUMP = [
  '*filter', // 1
  ':FORWARD DROP [0:0]', // 2
  '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT', // 3
  '-A FORWARD -s 131.107.155.10/32 -p tcp -m tcp --dport 5269 -m comment --comment X2 -j ACCEPT', // 4
  '-A FORWARD -i eth0 -d 131.107.155.20/32 -p tcp -m tcp -m comment --comment wide -j ACCEPT', // 5
  'COMMIT', // 6
].join('\n');

const base64 = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding).toString('base64');

describe('lyncPorts/verifyDump', () => {
  let client: TestClient;
  let root: string;
  const open = 'file:///ws/verify.topology.yaml';

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'lync-ports-verify-lsp-'));
    writeFileSync(join(root, 'disk.topology.yaml'), CONTOSO);
    client = await TestClient.start({ rootPath: root });
    await client.open(open, CONTOSO);
    await client.diagnosticsFor(open, 1);
  });

  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
    rmSync(root, { recursive: true, force: true });
  });

  test('the findings on the dump lines, the reader warning among them, for an open file and one on disk', async () => {
    for (const uri of [open, fileUri(join(root, 'disk.topology.yaml'))]) {
      const answer = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, {
        uri,
        firewall: 'external',
        dump: base64(DUMP),
      });
      assert.ok('findings' in answer, JSON.stringify(answer));
      assert.equal(answer.format, 'iptables-save');
      assert.equal(answer.topologyFindings, 0);
      assert.deepEqual(
        answer.findings.map(({ range, severity, code }) => [range.start.line, range.end.character, severity, code]),
        [
          [1, 19, 'error', 'missing-flow'],
          [4, DUMP.split('\n')[4].length, 'warning', 'unneeded-rule'],
          [4, DUMP.split('\n')[4].length, 'warning', 'dump'],
        ],
      );
      assert.match(answer.findings[0].message, /^Firewall 'external' does not allow XMPP\/TCP\/5269/);
    }
  });

  test('a UTF-16 dump reads as its UTF-8 twin; what cannot be read is refused in words', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DUMP, 'utf16le')]).toString('base64');
    const twin = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, {
      uri: open,
      firewall: 'external',
      dump: utf16,
    });
    const plain = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, {
      uri: open,
      firewall: 'external',
      dump: base64(DUMP),
    });
    assert.deepEqual(twin, plain);
    const refused = async (params: object) => {
      const answer = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, { uri: open, ...params });
      return 'refused' in answer ? answer.refused : JSON.stringify(answer);
    };
    assert.equal(
      await refused({ firewall: 'extern', dump: base64(DUMP) }),
      "The topology has no firewall or Edge server 'extern'.",
    );
    assert.equal(
      await refused({ firewall: 'external', dump: base64('hello\n') }),
      'The file is none of the dump formats verify reads (iptables-save, nft-json, cisco-asa, windows-firewall).',
    );
    assert.equal(
      await refused({ firewall: 'external', dump: base64(DUMP), chain: 'LYNC-EXTERNAL' }),
      'Line 1, column 1 of the dump (iptables-save): the dump has no chain LYNC-EXTERNAL; its chains: FORWARD.',
    );
    const ambiguous = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, {
      uri: open,
      firewall: 'external',
      dump: base64('*filter\n:A - [0:0]\n:B - [0:0]\n-A A -j DROP\n-A B -j DROP\nCOMMIT\n'),
    });
    assert.deepEqual(ambiguous, {
      refused:
        'Line 1, column 1 of the dump (iptables-save): say which chain stands for the firewall: the dump has A, B.',
      chains: ['A', 'B'],
    });
    // An ASA list the config lacks: `all`, the whole firewall, is one of the choices the editor offers.
    const asa = readFileSync(join(__dirname, '../../../test/fixtures/verify/asa/ingress.asa.txt'), 'utf8');
    const unknownList = await client.request<VerifyDumpResult>(REQUESTS.verifyDump, {
      uri: open,
      firewall: 'external',
      dump: base64(asa),
      chain: 'nosuch',
    });
    assert.deepEqual('chains' in unknownList && unknownList.chains?.at(-1), 'all');
    const invalid = (error: unknown) => error instanceof ResponseError && error.code === ErrorCodes.InvalidParams;
    await assert.rejects(client.request(REQUESTS.verifyDump, { uri: open, firewall: 7, dump: '' }), invalid);
  });
});
