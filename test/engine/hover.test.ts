import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hoverAt } from '../../server/src/engine/index';
import { checkTopology } from '../../server/src/engine/index';

const CONTOSO = readFileSync(join(__dirname, '../../../examples/contoso.topology.yaml'), 'utf8');

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
