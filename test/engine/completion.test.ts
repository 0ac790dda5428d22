import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { completionsAt } from '../../server/src/engine/index';
import { hoverAt } from '../../server/src/engine/index';
import { checkTopology } from '../../server/src/engine/index';

const CONTOSO = readFileSync(resolve(__dirname, '..', '..', '..', 'examples', 'contoso.topology.yaml'), 'utf8');

function complete(marked: string) {
  const offset = marked.indexOf('‸');
  const text = marked.replace('‸', '');
  return completionsAt(checkTopology(text), offset);
}

test('top-level keys leave out the sections already written', () => {
  const labels = complete(`${CONTOSO}‸`).map((entry) => entry.label);
  for (const present of ['topology', 'features', 'networks', 'servers', 'firewalls']) assert.ok(!labels.includes(present), present);
  assert.ok(labels.length > 0);
});

test('an object-valued key opens an indented block, a list-valued key a first item', () => {
  const entries = complete('topology:\n  name: x\n‸');
  const servers = entries.find((entry) => entry.label === 'servers');
  assert.equal(servers?.insertText, 'servers:\n  $0');
  const subnets = complete('networks:\n  corp:\n    zone: internal\n    ‸').find((entry) => entry.label === 'subnets');
  assert.equal(subnets?.insertText, 'subnets:\n      - $0');
});

test('a value completed right after the colon gets its space', () => {
  const any = complete(CONTOSO.replace('to: edge01.internal', 'to:‸')).find((entry) => entry.label === 'any');
  assert.equal(any?.insertText, ' any');
});

test('inside a comment nothing is offered', () => {
  assert.deepEqual(complete(CONTOSO.replace('# lync2013 | sfb2015', '# lync2013 |‸ sfb2015')), []);
});

test('hover on a port no catalog row uses says so, and gives what the firewall matches', () => {
  const text = CONTOSO.replace('XMPP/MTLS/23456', 'CUSTOM/TCP/4711');
  const hover = hoverAt(checkTopology(text).parsed, checkTopology(text).model, text.indexOf('CUSTOM/TCP/4711') + 3);
  assert.match(hover?.markdown ?? '', /TCP port 4711.*No row of the port catalog/);
});

// ---- the schema's defaultSnippets ----

/** Inserts a snippet as a client would with every placeholder left at its default. */
function expand(text: string, entry: { insertText: string; replaceStart: number; replaceEnd: number }): string {
  let body = entry.insertText;
  for (let pass = 0; pass < 3; pass++) body = body.replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1').replace(/\$\{\d+:([^{}]*)\}/g, '$1').replace(/\$\d+/g, '');
  return text.slice(0, entry.replaceStart) + body + text.slice(entry.replaceEnd);
}

const SMALL = `topology:
  name: Snippets
  product: sfb2015
networks:
  dmz: { zone: perimeter, subnets: [10.0.0.0/24] }
servers:
  fe09:
    role: frontEnd
    interfaces:
      lan: { ip: 10.0.0.9, network: dmz }
firewalls:
  edge:
    between: [dmz, dmz]
    rules:
      - name: x
        service: XMPP/TCP/5269
        from: fe09
        to: fe09
`;

const snippetsAt = (marked: string) => complete(marked).filter((entry) => entry.kind === 'snippet');

test('a blank line under servers: offers the server snippets, indented like the other servers', () => {
  for (const cursorLine of ['  ‸', '    ‸', '‸'.padStart(2, ' ')]) {
    const marked = CONTOSO.replace('servers:\n', `servers:\n${cursorLine}\n`);
    const entries = snippetsAt(marked);
    assert.deepEqual(entries.map((entry) => entry.label), ['Edge Server', 'Front End Server'], cursorLine);
    const edge = entries[0];
    assert.equal(edge.snippet, true);
    assert.equal(edge.replaceStart, marked.indexOf('servers:\n') + 'servers:\n'.length, 'the whole line is replaced');
    assert.equal(edge.insertText.split('\n').slice(0, 4).join('\n'), '  ${1:edge01}:\n    role: edge\n    pool: ${2:edgepool.contoso.com}\n    interfaces:');
    assert.match(edge.insertText, /\n {6}accessEdge: \{ ip: \$\{3:131\.107\.155\.10\}, network: \$\{4:perimeter\} \}/);
  }
});

test('networks, firewalls, interfaces and a new server body get their snippets', () => {
  const networks = snippetsAt(CONTOSO.replace('networks:\n', 'networks:\n  ‸\n'));
  assert.deepEqual(networks.map((entry) => [entry.label, entry.insertText]), [
    ['network', '  ${1:corp}: { zone: ${2|internal,perimeter,external|}, subnets: [${3:192.168.10.0/24}] }'],
    ['Internet', '  ${1:internet}: { zone: external }'],
  ]);
  const firewall = snippetsAt(CONTOSO.replace('firewalls:\n', 'firewalls:\n  ‸\n'));
  assert.equal(firewall[0]?.insertText, [
    '  ${1:external}:',
    '    between: [${2:internet}, ${3:perimeter}]',
    '    rules:',
    '      - name: ${4:XMPP from federated partners}',
    '        service: ${5:XMPP/TCP/5269}',
    '        from: ${6:any}',
    '        to: ${7:edge01.accessEdge}',
  ].join('\n'));
  const interfaces = snippetsAt(CONTOSO.replace('    interfaces:\n      primary', '    interfaces:\n      ‸\n      primary'));
  assert.deepEqual(interfaces.map((entry) => entry.insertText), ['      ${1:primary}: { ip: ${2:192.168.10.90}, network: ${3:corp} }']);
  const body = snippetsAt(CONTOSO.replace('servers:\n', 'servers:\n  edge02:\n    ‸\n'));
  assert.ok(body[0]?.insertText.startsWith('    role: edge\n    pool: ${1:'), body[0]?.insertText);
  // A mapping that already has the snippet's keys gets none.
  assert.deepEqual(snippetsAt(CONTOSO.replace('    role: frontEnd\n', '    role: frontEnd\n    ‸\n')), []);
});

test('a rule snippet on a blank line or after a new dash, the dash in the column of the rules', () => {
  const blank = complete(CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      ‸\n'));
  const rule = blank.find((entry) => entry.kind === 'snippet' && entry.label === 'rule');
  assert.equal(rule?.insertText, '      - name: ${1:XMPP from federated partners}\n        service: ${2:XMPP/TCP/5269}\n        from: ${3:any}\n        to: ${4:edge01.accessEdge}');
  assert.deepEqual(blank.filter((entry) => entry.kind === 'snippet').map((entry) => entry.label), ['rule', 'rule (transport and port)', 'deny rule']);
  const dashed = snippetsAt(CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n    - na‸\n'));
  assert.ok(dashed.find((entry) => entry.label === 'deny rule')?.insertText.startsWith('    - name: ${1:Block}\n      action: deny\n'));
  // Not on a line that holds more than a word, nor inside a value.
  assert.deepEqual(snippetsAt(CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      - ‸ name: x\n')), []);
  assert.deepEqual(snippetsAt(CONTOSO.replace('to: edge01.internal', 'to: ‸')), []);
});

test('every snippet, inserted with its defaults, is valid YAML that the schema accepts', () => {
  const places = [
    SMALL.replace('networks:\n', 'networks:\n  ‸\n'),
    SMALL.replace('servers:\n', 'servers:\n  ‸\n'),
    SMALL.replace('firewalls:\n', 'firewalls:\n  ‸\n'),
    SMALL.replace('      lan:', '      ‸\n      lan:'),
    SMALL.replace('        to: fe09\n', '        to: fe09\n      ‸\n'),
    SMALL.replace('        to: fe09\n', '        to: fe09\n      - ‸\n'),
    SMALL.replace('  fe09:\n', '  fe10:\n    ‸\n  fe09:\n'),
    SMALL.replace('      lan: { ip: 10.0.0.9, network: dmz }\n', '      lan: { ip: 10.0.0.9, network: dmz }\n      second:\n        ‸\n'),
  ];
  let count = 0;
  for (const marked of places) {
    const entries = snippetsAt(marked);
    assert.ok(entries.length > 0, marked);
    for (const entry of entries) {
      const text = expand(marked.replace('‸', ''), entry);
      const findings = checkTopology(text).diagnostics.filter((diagnostic) => diagnostic.code === 'yaml-syntax' || diagnostic.code === 'schema');
      assert.deepEqual(findings.map((finding) => finding.message), [], `${entry.label}:\n${text}`);
      count++;
    }
  }
  assert.equal(count, 16);
});

// ---- completion from the last good model ----

test('endpoints come from the fallback model when the text gives none', () => {
  const marked = CONTOSO.replace('name: Contoso edge', 'name: *contoso').replace('to: edge01.internal', 'to: ‸');
  const text = marked.replace('‸', '');
  const broken = checkTopology(text);
  assert.equal(broken.model.servers.length, 0, 'the unresolved alias leaves no model');
  const without = completionsAt(broken, marked.indexOf('‸')).map((entry) => entry.label);
  assert.deepEqual(without, ['any']);
  const withFallback = completionsAt({ ...broken, fallbackModel: checkTopology(CONTOSO).model }, marked.indexOf('‸'));
  const labels = withFallback.map((entry) => entry.label);
  for (const label of ['any', 'edge01.accessEdge', 'fe01.primary', 'pool01.contoso.com', 'corp']) assert.ok(labels.includes(label), `${label} in ${labels}`);
  assert.equal(labels.filter((label) => label === 'any').length, 1, 'each name once');
  assert.match(withFallback.find((entry) => entry.label === 'edge01.accessEdge')?.detail ?? '', /131\.107\.155\.10/);
});

// ---- hover on a service: condition, load balancers, products, pages ----

test('hover on a conditional row shows the condition; XMPP rows show the VIP and products', () => {
  const hoverOn = (text: string, needle: string) => {
    const result = checkTopology(text);
    return hoverAt(result.parsed, result.model, text.indexOf(needle) + 2)?.markdown ?? '';
  };
  const withRows = CONTOSO.replace('XMPP/MTLS/23456', 'HTTP/TCP/8080').replace('service: XMPP/TCP/5269', 'service: RTP/UDP/50000-59999');
  const proxy = hoverOn(withRows, 'HTTP/TCP/8080');
  assert.match(proxy, /catalog row R03/);
  assert.match(proxy, /\| Condition \| only when edge\.publishHttp is true \(the default\) \|/);
  assert.match(proxy, /\| Products \| Lync Server 2013, Skype for Business Server 2015, Skype for Business Server 2019 \|/);
  assert.doesNotMatch(proxy, /Hardware load balancer/, 'no Edge end, nothing about its load balancers');
  const media = hoverOn(withRows, 'RTP/UDP/50000-59999');
  assert.match(media, /\| Condition \| Lync Server 2013: only when edge\.ocs2007Federation is true; Skype for Business Server 2015, Skype for Business Server 2019: always \|/);
  assert.match(media, /\| Hardware load balancer \| each Edge Server's own `avEdge` address \|/);
  const xmpp = hoverOn(CONTOSO, 'XMPP/TCP/5269');
  assert.match(xmpp, /\| Hardware load balancer \| the `vip\.accessEdge` VIP \|/);
  assert.match(xmpp, /\| Products \| Lync Server 2013, Skype for Business Server 2015 \|/);
  assert.doesNotMatch(xmpp, /Condition/);
  assert.match(hoverOn(CONTOSO, 'XMPP/MTLS/23456'), /\| Hardware load balancer \| each Edge Server's own `internal` address, never the `vip\.internal` VIP \|/);
});
