import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import {
  checkTopology,
  decodeTopologyBytes,
  invalidUtf8Diagnostic,
  localizeDiagnostic,
  parseTopology,
  rangeOfOffsets,
  type Diagnostic,
  type MessageData,
} from '../../../server/src/engine/index';
import { EXAMPLES, readExample } from '../../support/examples';
import { withoutData } from '../../support/russian';

// The findings of the layers below rules/ (the YAML, the schema, the model) carry ids and data as
// the rules' findings do, and read in Russian without English words but what the file says (names,
// values), the identifiers of the format (edge.fqdns.accessEdge, XMPP/TCP/5269) and proper names.

const CYRILLIC = /[а-яё]/i;
/** Names of products and protocols, which Microsoft's Russian pages keep in Latin letters too. */
const PROPER = new Set(
  'Skype Server Lync Office Online Apps Exchange Google Talk Director Windows Live Messenger true false Yahoo'.split(
    ' ',
  ),
);

/** The words of the format: its keys and its values (networks, from, deny, hardware). */
function formatWords(schema: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => formatWords(item, into));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties') Object.keys(value as object).forEach((name) => into.add(name));
      if (key === 'enum') (value as unknown[]).forEach((item) => into.add(String(item)));
      formatWords(value, into);
    }
  }
  return into;
}
const FORMAT = formatWords(JSON.parse(readFileSync(join(EXAMPLES, '..', 'schemas', 'topology.schema.json'), 'utf8')));

/** The English words of a Russian text once the file's words, quoted names and identifiers are taken out. */
function englishWords(text: string, data: MessageData | undefined): string[] {
  const rest = withoutData(text, data)
    .replace(/'[^']*'|`[^`]*`|«[^»]*»|"[^"]*"|\{[^}]*\}|\[[^\]]*\]/g, ' ')
    // A setting as the file writes it: edge.loadBalancing: hardware.
    .replace(/\w+(\.\w+)+:\s*\w+/g, ' ')
    .replace(/\S*[./_\d<>:-]\S*/g, ' ')
    .replace(/\b[a-z]+[A-Z]\w*/g, ' ');
  // Words in capitals are acronyms or the notation's parts (PROTOCOL/TRANSPORT/PORT).
  const words = rest.match(/[A-Za-z]{4,}/g) ?? [];
  return words.filter((word) => !PROPER.has(word) && !FORMAT.has(word) && word !== word.toUpperCase());
}

function assertRussian(diagnostic: Diagnostic): void {
  const label = `${diagnostic.code}/${diagnostic.messageId}: ${diagnostic.message}`;
  assert.ok(diagnostic.messageId, `no message id: ${label}`);
  const russian = localizeDiagnostic(diagnostic, 'ru');
  for (const text of [russian.message, russian.detail ?? '']) {
    assert.doesNotMatch(text, /\{\{/);
    assert.deepEqual(englishWords(text, diagnostic.data), [], `${label}\n→ ${text}`);
  }
  assert.match(russian.message, CYRILLIC, `${label}\n→ ${russian.message}`);
  assert.equal(localizeDiagnostic(diagnostic, 'en'), diagnostic, 'English is what the engine wrote');
}

const LAYERS = `topology:
  name: Contoso edge
  product: lync2015
  colour: blue
features:
  xmppFederaton: true
  sipFederation: yes
networks:
  internet: { zone: external }
  perimeter: { zone: perimetre, subnets: [131.107.155.0/33] }
  corp: { zone: internal, subnets: 192.168.10.0/24 }
servers:
  edge01:
    role: edge
    interfaces:
      accessEdge: { ip: 131.107.155.300, network: perimeter }
      internal: { ip: 172.25.33.0/24, network: perimetr }
  fe01:
    role: frontEnd
    interfaces: {}
  bad.name:
    role: director
    interfaces:
      primary: { network: corp }
edge:
  ports: { accessEdge: 70000 }
  vips:
    internal: { ip: 10.0.0.0/8, network: corp }
firewalls:
  external:
    between: [internet, perimeter, corp]
    rules:
      - name: typo
        service: XMPP/TCP/59,999-50,000
        from: edge01.accesEdge
        to: nowhere
      - service: XMPP/5269
        from: any
        to: 131.107.155.999
      - service: XMPP/TCP/5269
        transport: TCP
        from: any
        to: edge01
        sourcePort: 0
      - from: any
  internal:
    between: [corp, prod]
    rules:
      - { service: XMPP/TCP/5269, from: , to: fe01 }
`;

describe('the findings of the YAML, the schema and the model in Russian', () => {
  test('a file with a slip of every kind: each finding has an id and reads in Russian', () => {
    const diagnostics = checkTopology(LAYERS).diagnostics;
    const codes = new Set(diagnostics.map((diagnostic) => diagnostic.code));
    for (const code of ['schema', 'unknown-reference', 'invalid-address', 'invalid-port'])
      assert.ok(codes.has(code as Diagnostic['code']), `${code} in ${[...codes].join(', ')}`);
    assert.ok(diagnostics.length >= 15, diagnostics.map((diagnostic) => diagnostic.message).join('\n'));
    diagnostics.forEach(assertRussian);
  });

  test('YAML that does not parse, control characters and bytes that are not UTF-8', () => {
    const texts = [
      'topology: [\n',
      'topology:\n  name: a\n  name: b\n',
      'topology:\n\tname: a\n',
      'a: "open\n',
      'a: b: c\n',
      'networks:\n  - a\n  b: 1\n',
      'topology: {name: a product: b}\n',
      'a:\n  - x\n   - y\n',
      'a: !custom x\n',
      'a: [b, {c: d]\n',
      'a: &x\nb: *y\n',
      'a: |x\n  b\n',
      '{a: 1}}\n',
      'a: \u0000b\u0001\n',
      '- just a list\n',
      'just text\n',
      '',
    ];
    for (const text of texts) {
      for (const diagnostic of checkTopology(text).diagnostics) {
        assertRussian(diagnostic);
        // Each of the YAML library's messages these texts make is one it has a text for.
        const said = diagnostic.data?.text;
        if (typeof said === 'object') assert.notEqual(said.id, 'yaml/lib/other', diagnostic.message);
      }
    }
    const decoded = decodeTopologyBytes(new Uint8Array([0x61, 0x3a, 0x20, 0xff, 0xfe, 0x0a]));
    const parsed = parseTopology(decoded.text);
    assertRussian(invalidUtf8Diagnostic(decoded, (start, end) => rangeOfOffsets(parsed, start, end))!);
  });

  test('a schema finding in Russian: the noun, the allowed values and the suggestion', () => {
    const diagnostics = checkTopology(LAYERS).diagnostics.map((diagnostic) => localizeDiagnostic(diagnostic, 'ru'));
    const messages = diagnostics.map((diagnostic) => diagnostic.message);
    assert.ok(
      messages.includes(
        "Значение 'lync2015' не подходит: ожидается продукт. Используйте одно из: lync2013, sfb2015, sfb2019." +
          " Возможно, имелось в виду 'lync2013'?",
      ),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((message) => message.startsWith("Неизвестный ключ 'xmppFederaton' (функция)")),
      messages.join('\n'),
    );
    assert.ok(
      messages.includes(
        "У сервера 'edge01' нет интерфейса 'accesEdge'. Возможно, имелось в виду 'accessEdge'? " +
          'Его интерфейсы: accessEdge, internal.',
      ),
      messages.join('\n'),
    );
  });

  test('every finding of every example and broken example has an id', () => {
    const names = [
      ...readdirSync(EXAMPLES).filter((name) => name.endsWith('.topology.yaml')),
      ...readdirSync(join(EXAMPLES, 'broken'))
        .filter((name) => name.endsWith('.topology.yaml'))
        .map((name) => `broken/${name}`),
    ];
    for (const name of names) checkTopology(readExample(name)).diagnostics.forEach(assertRussian);
  });
});
