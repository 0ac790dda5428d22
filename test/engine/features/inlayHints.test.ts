import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkTopology, inlayHints } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// Inlay hints in the rules: the addresses after an endpoint name, the catalog rows after a service.

const CONTOSO = readExample('contoso.topology.yaml');

const hintsOf = (text: string, start?: number, end?: number) =>
  inlayHints(checkTopology(text), start, end).map((hint) => {
    const lineText = text.split('\n')[hint.position.line];
    return [`${lineText.slice(0, hint.position.character)}‸`, hint.label, hint.kind];
  });

test("each rule's service gets the rows it serves, each named endpoint its addresses", () => {
  assert.deepEqual(hintsOf(CONTOSO), [
    ['        service: XMPP/TCP/5269‸', 'X1', 'service'],
    ['        to: edge01.accessEdge‸', '131.107.155.10', 'endpoint'],
    ['        service: XMPP/TCP/5269‸', 'X2', 'service'],
    ['        from: edge01.accessEdge‸', '131.107.155.10', 'endpoint'],
    ['        service: XMPP/MTLS/23456‸', 'X3', 'service'],
    ['        to: edge01.internal‸', '172.25.33.10', 'endpoint'],
  ]);
  const [first] = inlayHints(checkTopology(CONTOSO));
  assert.match(first.tooltip ?? '', /X1/);
  assert.match(first.tooltip ?? '', /https:\/\/learn\.microsoft\.com\//);
});

test('a list of endpoints, a network and a pool; a literal address and a rule no flow needs get none', () => {
  const text = CONTOSO.replace(
    '        from: any\n        to: edge01.internal\n',
    '        from: [corp, pool01.contoso.com]\n        to: edge01.internal\n' +
      '      - { name: ssh, service: SSH/TCP/22, from: 192.168.10.5, to: edge01, reason: admin }\n',
  );
  const hints = hintsOf(text).slice(4);
  assert.deepEqual(hints, [
    ['        service: XMPP/MTLS/23456‸', 'X3', 'service'],
    ['        from: [corp‸', '192.168.10.0/24', 'endpoint'],
    ['        from: [corp, pool01.contoso.com‸', '192.168.10.90', 'endpoint'],
    ['        to: edge01.internal‸', '172.25.33.10', 'endpoint'],
    [
      '      - { name: ssh, service: SSH/TCP/22, from: 192.168.10.5, to: edge01‸',
      '131.107.155.10, 131.107.155.20, 131.107.155.30, 172.25.33.10',
      'endpoint',
    ],
  ]);
});

test('only the hints inside the range asked for', () => {
  const start = CONTOSO.indexOf('  internal:\n    between');
  assert.deepEqual(
    hintsOf(CONTOSO, start, CONTOSO.length).map(([, label]) => label),
    ['X3', '172.25.33.10'],
  );
});
