import { strict as assert } from 'node:assert';
import { before, describe, test } from 'node:test';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTOSO, positionOf, ROOT, serverForSuite } from './lspClient';

describe('hover over stdio', () => {
  const client = serverForSuite();
  const uri = 'file:///ws/hover.topology.yaml';
  before(async () => {
    await client().open(uri, CONTOSO);
  });

  async function hover(needle: string, delta = 1, occurrence = 0): Promise<Hover | null> {
    return client().request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(CONTOSO, needle, delta, occurrence),
    });
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

  test('XMPP rows: how hardware load balancers see them, the products and the pages', async () => {
    const x1 = text(await hover('XMPP/TCP/5269'));
    assert.match(x1, /\| Hardware load balancer \| the `vip\.accessEdge` VIP \|/);
    assert.match(x1, /\| Products \| Lync Server 2013, Skype for Business Server 2015 \|/);
    assert.doesNotMatch(x1, /Condition/, 'X1 always applies');
    const x3 = text(await hover('XMPP/MTLS/23456'));
    assert.match(
      x3,
      /\| Hardware load balancer \| each Edge Server's own `internal` address, never the `vip\.internal` VIP \|/,
    );
    assert.match(
      x3,
      /\[Load balancing requirements for Skype for Business\]\(https:\/\/learn\.microsoft\.com\/\S+load-balancing\)/,
    );
  });

  test('rows with a condition say when they apply (A/V media, reverse proxy)', async () => {
    const hlb = 'file:///ws/hover-hlb.topology.yaml';
    const example = readFileSync(resolve(ROOT, 'examples', 'sfb2015-hlb.topology.yaml'), 'utf8');
    await client().open(hlb, example);
    const on = async (needle: string) =>
      text(
        await client().request<Hover | null>('textDocument/hover', {
          textDocument: { uri: hlb },
          position: positionOf(example, needle, 2),
        }),
      );
    const media = await on('RTP/UDP/50000-59999');
    assert.match(media, /catalog row E10/);
    assert.match(
      media,
      /\| Condition \| Lync Server 2013: only when edge\.ocs2007Federation is true; Skype for Business Server 2015, Skype for Business Server 2019: always \|/,
    );
    assert.match(media, /\| Hardware load balancer \| each Edge Server's own `avEdge` address \|/);
    assert.match(media, /Microsoft: \[[^\]]+\]\(https:\/\/learn\.microsoft\.com\//);
    const turn = await on('STUN/MSTURN/TCP/443');
    assert.match(
      turn,
      /\| Hardware load balancer \| both: the `vip\.avEdge` VIP and each Edge Server's own `avEdge` address \|/,
    );
    assert.match(turn, /\| Port \| 443 by default; `edge\.ports\.avEdge` sets it \|/);
    const proxy = await on('HTTP/TCP/8080');
    assert.match(proxy, /catalog row R03/);
    assert.match(proxy, /\| Condition \| only when edge\.publishHttp is true \(default false\) \|/);
    assert.match(
      proxy,
      /\| Products \| Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019 \|/,
    );
    assert.match(proxy, /\[Port summary - Reverse proxy[^\]]*\]\(https:\/\/learn\.microsoft\.com\//i);
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
