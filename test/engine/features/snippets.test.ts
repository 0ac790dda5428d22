import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { completionsAt, checkTopology } from '../../../server/src/engine/index';
import { atCursor } from '../../support/cursor';
import { readExample } from '../../support/examples';

const CONTOSO = readExample('contoso.topology.yaml');

// The schema's defaultSnippets, as completion offers them.

function complete(marked: string) {
  const { text, offset } = atCursor(marked);
  return completionsAt(checkTopology(text), offset);
}

/** Inserts a snippet as a client would with every placeholder left at its default. */
function expand(text: string, entry: { insertText: string; replaceStart: number; replaceEnd: number }): string {
  let body = entry.insertText;
  for (let pass = 0; pass < 3; pass++)
    body = body
      .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^{}]*)\}/g, '$1')
      .replace(/\$\d+/g, '');
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
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['Edge Server', 'Front End Server'],
      cursorLine,
    );
    const edge = entries[0];
    assert.equal(edge.snippet, true);
    assert.equal(edge.replaceStart, marked.indexOf('servers:\n') + 'servers:\n'.length, 'the whole line is replaced');
    assert.equal(
      edge.insertText.split('\n').slice(0, 4).join('\n'),
      '  ${1:edge01}:\n    role: edge\n    pool: ${2:edgepool.contoso.com}\n    interfaces:',
    );
    assert.match(edge.insertText, /\n {6}accessEdge: \{ ip: \$\{3:131\.107\.155\.10\}, network: \$\{4:perimeter\} \}/);
  }
});

test('networks, firewalls, interfaces and a new server body get their snippets', () => {
  const networks = snippetsAt(CONTOSO.replace('networks:\n', 'networks:\n  ‸\n'));
  assert.deepEqual(
    networks.map((entry) => [entry.label, entry.insertText]),
    [
      ['network', '  ${1:corp}: { zone: ${2|internal,perimeter,external|}, subnets: [${3:192.168.10.0/24}] }'],
      ['Internet', '  ${1:internet}: { zone: external }'],
    ],
  );
  const firewall = snippetsAt(CONTOSO.replace('firewalls:\n', 'firewalls:\n  ‸\n'));
  assert.equal(
    firewall[0]?.insertText,
    [
      '  ${1:external}:',
      '    between: [${2:internet}, ${3:perimeter}]',
      '    rules:',
      '      - name: ${4:XMPP from federated partners}',
      '        service: ${5:XMPP/TCP/5269}',
      '        from: ${6:any}',
      '        to: ${7:edge01.accessEdge}',
    ].join('\n'),
  );
  const interfaces = snippetsAt(
    CONTOSO.replace('    interfaces:\n      primary', '    interfaces:\n      ‸\n      primary'),
  );
  assert.deepEqual(
    interfaces.map((entry) => entry.insertText),
    ['      ${1:primary}: { ip: ${2:192.168.10.90}, network: ${3:corp} }'],
  );
  const body = snippetsAt(CONTOSO.replace('servers:\n', 'servers:\n  edge02:\n    ‸\n'));
  assert.ok(body[0]?.insertText.startsWith('    role: edge\n    pool: ${1:'), body[0]?.insertText);
  // A mapping that already has the snippet's keys gets none.
  assert.deepEqual(snippetsAt(CONTOSO.replace('    role: frontEnd\n', '    role: frontEnd\n    ‸\n')), []);
});

test('a rule snippet on a blank line or after a new dash, the dash in the column of the rules', () => {
  const blank = complete(CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      ‸\n'));
  const rule = blank.find((entry) => entry.kind === 'snippet' && entry.label === 'rule');
  assert.equal(
    rule?.insertText,
    '      - name: ${1:XMPP from federated partners}\n        service: ${2:XMPP/TCP/5269}\n        from: ${3:any}\n' +
      '        to: ${4:edge01.accessEdge}',
  );
  assert.deepEqual(
    blank.filter((entry) => entry.kind === 'snippet').map((entry) => entry.label),
    ['rule', 'rule (transport and port)', 'deny rule'],
  );
  const dashed = snippetsAt(
    CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n    - na‸\n'),
  );
  assert.ok(
    dashed
      .find((entry) => entry.label === 'deny rule')
      ?.insertText.startsWith('    - name: ${1:Block}\n      action: deny\n'),
  );
  // Not on a line that holds more than a word, nor inside a value.
  assert.deepEqual(
    snippetsAt(CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      - ‸ name: x\n')),
    [],
  );
  assert.deepEqual(snippetsAt(CONTOSO.replace('to: edge01.internal', 'to: ‸')), []);
});

test('every snippet, inserted with its defaults, is valid YAML that the schema accepts', () => {
  const places = [
    '# lync-topology\n‸\n',
    SMALL.replace('networks:\n', 'networks:\n  ‸\n'),
    SMALL.replace('servers:\n', 'servers:\n  ‸\n'),
    SMALL.replace('firewalls:\n', 'firewalls:\n  ‸\n'),
    SMALL.replace('      lan:', '      ‸\n      lan:'),
    SMALL.replace('        to: fe09\n', '        to: fe09\n      ‸\n'),
    SMALL.replace('        to: fe09\n', '        to: fe09\n      - ‸\n'),
    SMALL.replace('  fe09:\n', '  fe10:\n    ‸\n  fe09:\n'),
    SMALL.replace(
      '      lan: { ip: 10.0.0.9, network: dmz }\n',
      '      lan: { ip: 10.0.0.9, network: dmz }\n      second:\n        ‸\n',
    ),
  ];
  let count = 0;
  for (const marked of places) {
    const entries = snippetsAt(marked);
    assert.ok(entries.length > 0, marked);
    for (const entry of entries) {
      const text = expand(marked.replace('‸', ''), entry);
      const findings = checkTopology(text).diagnostics.filter(
        (diagnostic) => diagnostic.code === 'yaml-syntax' || diagnostic.code === 'schema',
      );
      assert.deepEqual(
        findings.map((finding) => finding.message),
        [],
        `${entry.label}:\n${text}`,
      );
      count++;
    }
  }
  assert.equal(count, 17);
});

// ---- each snippet only where its block fits ----

const XMPP = CONTOSO.replace(
  '  xmppFederation: true',
  '  xmppFederation: true\nxmpp:\n  partners:\n    - domain: gmail.com\n      partnerType: ‸',
);

test('the whole-file snippet in an empty file, or one with only comments, and nowhere else', () => {
  for (const marked of ['‸', 'top‸', '# lync-topology\n\n‸\n', '# lync-topology\r\n‸']) {
    const entries = snippetsAt(marked);
    assert.deepEqual(
      entries.map((entry) => entry.label),
      ['topology'],
      JSON.stringify(marked),
    );
    assert.equal(entries[0].replaceStart, marked.indexOf('‸') - (marked.includes('top‸') ? 3 : 0));
    assert.match(entries[0].insertText, /^topology:\n {2}name: \$\{1:Contoso edge\}\n/);
  }
  for (const marked of [`${CONTOSO}‸`, 'topology:\n  name: x\n‸', '  ‸', '‸\nnetworks: {}\n'])
    assert.deepEqual(
      snippetsAt(marked).map((entry) => entry.label),
      [],
      JSON.stringify(marked),
    );
});

test('no snippet in a value: after partnerType:, rules:, between: or to:', () => {
  for (const marked of [
    XMPP,
    XMPP.replace('partnerType: ‸', 'partnerType: fire‸'),
    CONTOSO.replace('between: [corp, perimeter]', 'between: ‸'),
    CONTOSO.replace('between: [corp, perimeter]', 'between: [corp, ‸]'),
    CONTOSO.replace(
      '    rules:\n      - name: XMPP gateway to Edge',
      '    rules: ‸\n      - name: XMPP gateway to Edge',
    ),
    CONTOSO.replace('to: edge01.internal', 'to: ‸'),
    CONTOSO.replace('  xmppFederation: true', '  xmppFederation: ‸'),
  ])
    assert.deepEqual(snippetsAt(marked), [], marked.slice(marked.indexOf('‸') - 40, marked.indexOf('‸') + 1));
});

test('a firewall only in firewalls:, a rule only in rules:, a network only in networks:', () => {
  const labelsAt = (marked: string) => snippetsAt(marked).map((entry) => entry.label);
  assert.deepEqual(labelsAt(CONTOSO.replace('firewalls:\n', 'firewalls:\n  fire‸\n')), ['firewall']);
  assert.deepEqual(labelsAt(CONTOSO.replace('networks:\n', 'networks:\n  ‸\n')), ['network', 'Internet']);
  const rules = CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n      ‸\n');
  assert.deepEqual(labelsAt(rules), ['rule', 'rule (transport and port)', 'deny rule']);
  const elsewhere = [
    ['the top level', CONTOSO.replace('servers:\n', '‸\nservers:\n')],
    ['features', CONTOSO.replace('features:\n', 'features:\n  ‸\n')],
    ['domains', CONTOSO.replace('domains:\n', 'domains:\n  ‸\n')],
    ['a server body', CONTOSO.replace('  fe01:\n', '    ‸\n  fe01:\n')],
    ['a firewall body after its rules', CONTOSO.replace('  internal:\n    between', '    ‸\n  internal:\n    between')],
    ['a rule body', CONTOSO.replace('        to: edge01.internal\n', '        to: edge01.internal\n        ‸\n')],
    ['the xmpp partners', XMPP.replace('    - domain: gmail.com\n      partnerType: ‸', '    ‸')],
  ];
  for (const [where, marked] of elsewhere) {
    const labels = labelsAt(marked);
    for (const label of ['firewall', 'rule', 'network', 'topology', 'Edge Server'])
      assert.ok(!labels.includes(label), `${label} in ${where}: ${labels}`);
  }
});

test('the extension contributes no static snippets: they would be offered in every position', () => {
  const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8'));
  assert.equal(manifest.contributes.snippets, undefined);
});
