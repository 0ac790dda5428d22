import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { CONTOSO, positionOf, TestClient } from './lspClient';

describe('hover over stdio', () => {
  let client: TestClient;
  const uri = 'file:///ws/hover.topology.yaml';
  before(async () => {
    client = await TestClient.start();
    await client.open(uri, CONTOSO);
  });
  after(async () => {
    assert.equal(await client.stop(), 0);
  });

  async function hover(needle: string, delta = 1, occurrence = 0): Promise<Hover | null> {
    return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(CONTOSO, needle, delta, occurrence) });
  }
  const text = (result: Hover | null) => (result?.contents as MarkupContent | undefined)?.value ?? '';

  test('a service shows its catalog rows: purpose, source, destination, firewall, Microsoft page', async () => {
    const result = await hover('XMPP/TCP/5269');
    const value = text(result);
    assert.match(value, /catalog row X1/);
    assert.match(value, /Destination \| the `accessEdge` interface of each Edge Server/);
    assert.match(value, /Firewall \| external \(inbound\)/);
    assert.match(value, /\[Port summary - XMPP federation in Lync Server 2013\]\(https:\/\/learn\.microsoft\.com\//);
    assert.equal(result?.range?.start.line, positionOf(CONTOSO, 'XMPP/TCP/5269').line);
    assert.match(text(await hover('XMPP/MTLS/23456')), /X3/);
  });

  test('an endpoint shows what it resolves to', async () => {
    assert.match(text(await hover('edge01.accessEdge', 3, 0)), /accessEdge of edge01: 131\.107\.155\.10/);
    assert.match(text(await hover('to: any', 5)), /any address/);
  });

  test('a network reference and a server name show their addresses', async () => {
    assert.match(text(await hover('between: [corp', 12)), /corp.*192\.168\.10\.0\/24/);
    assert.match(text(await hover('  fe01:', 3)), /fe01\.primary.*192\.168\.10\.90/);
  });

  test('a key shows the schema description', async () => {
    assert.match(text(await hover('    between:', 6)), /network/i);
    assert.match(text(await hover('  product:', 4)), /Lync Server 2013/);
  });

  test('blank space and comments have no hover', async () => {
    assert.equal(await hover('# lync2013 | sfb2015', 3), null);
  });
});
