import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverAt, checkTopology } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

const CONTOSO = readExample('contoso.topology.yaml');

function serviceHover(text: string): string {
  const { parsed, model } = checkTopology(text);
  const hover = hoverAt(parsed, model, text.indexOf('XMPP/TCP/5269') + 3);
  assert.ok(hover, 'a hover on the service');
  return hover!.markdown;
}

test("a service hover cites first the Microsoft page of the file's product", () => {
  const lync = serviceHover(CONTOSO);
  const sfb = serviceHover(CONTOSO.replace('product: lync2013', 'product: sfb2015'));
  const lyncPage = 'Port summary - XMPP federation in Lync Server 2013';
  const sfbPage = 'Edge Server environmental requirements in Skype for Business Server';
  assert.ok(lync.indexOf(lyncPage) >= 0 && lync.indexOf(lyncPage) < lync.indexOf(sfbPage), lync);
  assert.ok(sfb.indexOf(sfbPage) >= 0 && sfb.indexOf(sfbPage) < sfb.indexOf(lyncPage), sfb);
});

test('hover on a port no catalog row uses says so, and gives what the firewall matches', () => {
  const text = CONTOSO.replace('XMPP/MTLS/23456', 'CUSTOM/TCP/4711');
  const hover = hoverAt(checkTopology(text).parsed, checkTopology(text).model, text.indexOf('CUSTOM/TCP/4711') + 3);
  assert.match(hover?.markdown ?? '', /TCP port 4711.*No row of the port catalog/);
});

// ---- hover on a service: condition, load balancers, products, pages ----

test('hover on a conditional row shows the condition; XMPP rows show the VIP and products', () => {
  const hoverOn = (text: string, needle: string) => {
    const result = checkTopology(text);
    return hoverAt(result.parsed, result.model, text.indexOf(needle) + 2)?.markdown ?? '';
  };
  const withRows = CONTOSO.replace('XMPP/MTLS/23456', 'HTTP/TCP/8080').replace(
    'service: XMPP/TCP/5269',
    'service: RTP/UDP/50000-59999',
  );
  const proxy = hoverOn(withRows, 'HTTP/TCP/8080');
  assert.match(proxy, /catalog row R03/);
  assert.match(proxy, /\| Condition \| only when edge\.publishHttp is true \(default false\) \|/);
  assert.match(
    proxy,
    /\| Products \| Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019 \|/,
  );
  assert.doesNotMatch(proxy, /Hardware load balancer/, 'no Edge end, nothing about its load balancers');
  const media = hoverOn(withRows, 'RTP/UDP/50000-59999');
  assert.match(
    media,
    /\| Condition \| Lync Server 2013: only when edge\.ocs2007Federation is true; Skype for Business Server 2015, Skype for Business Server 2019: always \|/,
  );
  assert.match(media, /\| Hardware load balancer \| each Edge Server's own `avEdge` address \|/);
  const xmpp = hoverOn(CONTOSO, 'XMPP/TCP/5269');
  assert.match(xmpp, /\| Hardware load balancer \| the `vip\.accessEdge` VIP \|/);
  assert.match(xmpp, /\| Products \| Lync Server 2013, Skype for Business Server 2015 \|/);
  assert.doesNotMatch(xmpp, /Condition/);
  assert.match(
    hoverOn(CONTOSO, 'XMPP/MTLS/23456'),
    /\| Hardware load balancer \| each Edge Server's own `internal` address, never the `vip\.internal` VIP \|/,
  );
});

test('names from the file show literally in hover Markdown: no emphasis, link, HTML or code span break-out', () => {
  const pool = '**bold** <img src=x onerror=alert(1)> [x](javascript:alert(1)) &lt; _u_ ~s~ a|b';
  const text = CONTOSO.replace('pool: edgepool.contoso.com', `pool: ${JSON.stringify(pool)}`).replace(
    '      accessEdge: { ip: 131.107.155.10',
    '      "x`y": { ip: 10.1.2.3 }\n      accessEdge: { ip: 131.107.155.10',
  );
  assert.ok(text.includes('"x`y"') && text.includes('javascript'), 'the fixture was built');
  const { parsed, model } = checkTopology(text);
  const markdown = hoverAt(parsed, model, text.indexOf('edge01:') + 2)?.markdown ?? '';
  assert.ok(
    markdown.includes(
      'pool \\*\\*bold\\*\\* \\<img src=x onerror=alert(1)\\> \\[x\\](javascript:alert(1)) ' +
        '\\&lt; \\_u\\_ \\~s\\~ a\\|b',
    ),
    markdown,
  );
  // A backtick in a name cannot close the code span early: the fence is longer than any run inside.
  assert.ok(markdown.includes('- ``edge01.x`y``:'), markdown);
});
