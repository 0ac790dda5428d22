import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  DUMP_FORMATS,
  dumpProblemIn,
  EN,
  t,
  type DumpProblem,
  type MessageData,
} from '../../../../server/src/engine/index';
import { random } from '../../../support/fuzz';
import { fixture } from './dumpText';
import { withoutData } from '../../../support/russian';

// What the dump readers say, by text id: every problem of every reader carries its id and data,
// writes its English line from them, and reads in Russian without English words but what the dump
// says (names, values: the data), the words of the dumps' syntax (quoted), acronyms and proper names.

const CYRILLIC = /[а-яё]/i;
const PROPER = new Set(['Windows', 'Cisco']);
const format = (id: string) => DUMP_FORMATS.find((candidate) => candidate.id === id)!;

/** The English words of a Russian text once the data, quoted words and identifiers are taken out. */
function englishWords(text: string, data: MessageData | undefined): string[] {
  const rest = withoutData(text, data)
    .replace(/'[^']*'|`[^`]*`|«[^»]*»|"[^"]*"/g, ' ')
    .replace(/\S*[./_\d<>:-]\S*/g, ' ')
    .replace(/\b[a-z]+[A-Z]\w*/g, ' ');
  const words = rest.match(/[A-Za-z]{2,}/g) ?? [];
  // Words in capitals are acronyms (ASA, JSON, FQDN, TCP); "eq, neq, lt, gt or range" are quoted in the English too.
  return words.filter((word) => !PROPER.has(word) && word !== word.toUpperCase() && !OPERATORS.has(word));
}
const OPERATORS = new Set(['eq', 'neq', 'lt', 'gt', 'range']);

function assertRussian(problem: DumpProblem, what: string): void {
  const label = `${what}: ${problem.message}`;
  assert.ok(problem.text, `no text id: ${label}`);
  assert.equal(t('en', problem.text.id, problem.text.data), problem.message, `English from the id: ${label}`);
  assert.equal(dumpProblemIn(problem, 'en'), problem.message);
  const russian = dumpProblemIn(problem, 'ru');
  assert.doesNotMatch(russian, /\{\{/, label);
  assert.match(russian, CYRILLIC, `${label}\n→ ${russian}`);
  assert.deepEqual(englishWords(russian, problem.text.data), [], `${label}\n→ ${russian}`);
}

/** Dumps with a slip of every kind each reader names. */
const IPTABLES = [
  '*filter',
  ':FORWARD DROP [0:0]',
  ':EDGE - [0:0]',
  ':NARROW - [0:0]',
  ':LOOP - [0:0]',
  '-A FORWARD -i eth1 -p tcp --dport 5061 -j ACCEPT',
  '-A FORWARD ! -s 10.0.0.0/8 -j DROP',
  '-A FORWARD -m set --match-set partners src -j ACCEPT',
  '-A FORWARD -p tcp --syn -j ACCEPT',
  '-A FORWARD -j MARK --set-mark 1',
  '-A FORWARD -j NOWHERE',
  '-A FORWARD -s 10.0.0.0/8 -j NARROW',
  '-A NARROW -s 192.0.2.0/24 -j ACCEPT',
  '-A FORWARD -j EDGE',
  '-A EDGE -p tcp -j RETURN',
  '-A EDGE -j FORWARD',
  '-A FORWARD -j LOOP',
  '-A LOOP -j LOOP',
  'garbage line',
  'COMMIT',
  '',
].join('\n');

const NFT_RULES = [
  { match: { op: '!=', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 22 } },
  { match: { op: '==', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: '@partners' } },
  { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: '$ports' } },
  { match: { op: '==', left: { meta: { key: 'mark' } }, right: 1 } },
  { match: { op: '==', left: { meta: { key: 'iifname' } }, right: 'eth1' } },
  { xt: { type: 'match', name: 'conntrack' } },
  { limit: { rate: 10 } },
];
const NFT = JSON.stringify({
  nftables: [
    { table: { family: 'inet', name: 't' } },
    { chain: { family: 'inet', table: 't', name: 'fwd', hook: 'forward', type: 'filter', policy: 'drop' } },
    ...NFT_RULES.map((expr) => ({ rule: { family: 'inet', table: 't', chain: 'fwd', expr: [expr, { drop: null }] } })),
    { rule: { family: 'inet', table: 't', chain: 'fwd', expr: [{ jump: { target: 'nowhere' } }] } },
  ],
});

const ASA = [
  'object network A',
  ' host 10.0.0.1',
  'object network A',
  ' host 10.0.0.2',
  'object network B',
  ' whatever 10.0.0.3',
  ' subnet 10.1.0.0',
  ' range 10.0.0.9 10.0.0.1',
  ' range 10.0.0.9',
  ' host 10.0.0.1/24',
  ' subnet 10.0.0.0 255.0.255.0',
  ' subnet 2001:db8:: 255.255.0.0',
  ' range 10.0.0.1 2001:db8::1',
  ' range 10.0.0.0/8 10.0.0.9',
  ' host 300.1.1.1',
  ' host',
  'object network F',
  ' fqdn v4 sip.example.com',
  'object-group network G',
  ' network-object object',
  ' group-object',
  ' port-object eq 1',
  'object-group network LOOP',
  ' group-object LOOP',
  'object-group service P tcp',
  ' port-object 5061',
  ' port-object eq sips',
  ' port-object eq 70000',
  'object service S',
  ' service tcp source',
  ' service tcp destination eq',
  ' service',
  'object-group service SG',
  ' service-object object',
  'object-group icmp-type T',
  ' icmp-object echo',
  'access-list X extended permit object-group NOPE any any',
  'access-list X extended permit object NOPE any any',
  'access-list X extended permit tcp object-group NOPE any',
  'access-list X extended permit tcp object-group T any',
  'access-list X extended permit tcp object-group SG any',
  'access-list X standard permit 10.0.0.0 255.0.0.0',
  'access-list X extended allow tcp any any',
  'access-list X extended permit',
  'access-list X extended permit object',
  'access-list X extended permit tcp',
  'access-list X extended permit tcp object',
  'access-list X extended permit tcp object P any',
  'access-list X extended permit tcp object-group LOOP any',
  'access-list X extended permit tcp object F any',
  'access-list X extended permit tcp interface outside any',
  'access-list X extended permit tcp user alice any',
  'access-list X extended permit tcp 10.0.0.0 255.0.255.0 any',
  'access-list X extended permit tcp any any eq 5061 time-range NIGHTS',
  'access-list X extended permit tcp any any eq 5061 inactive',
  'access-list X extended permit tcp any any eq 5061 whatever',
  'access-group X in interface outside',
].join('\n');

const WINDOWS = JSON.stringify([
  42,
  { DisplayName: 'Cut', Direction: 'Inbound', Action: 'Allow', Protocol: 'TCP', LocalPort: 'System.Object[]' },
  { DisplayName: 'Odd', Enabled: 'Maybe', Direction: 'Inbound', Action: 'Allow' },
  { DisplayName: 'Sideways', Direction: 'Sideways', Action: 'Allow' },
  { DisplayName: 'Shrug', Direction: 'Inbound', Action: 'Shrug' },
  { DisplayName: 'Unset', Direction: 'Inbound', Action: 0 },
  { DisplayName: 'NoPorts', Direction: 'Inbound', Action: 'Allow' },
  { Direction: 'Inbound', Action: 'Allow', Protocol: 'TCP', LocalPort: '5061' },
  {
    DisplayName: 'Any with ports',
    Direction: 'Inbound',
    Action: 'Allow',
    Protocol: 'Any',
    LocalPort: '443',
    LocalAddress: 'Any',
    RemoteAddress: 'Any',
  },
  {
    DisplayName: 'Bad values',
    Direction: 'Inbound',
    Action: 'Allow',
    Protocol: 'TCP',
    LocalPort: ['70000', 'RPC'],
    RemotePort: ['5061', 'RPC-EPMap'],
    LocalAddress: ['300.1.1.1', 'LocalSubnet'],
    RemoteAddress: ['DNS'],
  },
]);

const CORPUS: [string, string, string[]][] = [
  ['iptables-save', IPTABLES, ['', 'NOSUCH', 'EDGE']],
  ['iptables-save', '*nat\nCOMMIT\n', ['']],
  ['iptables-save', '*filter\nCOMMIT\n', ['NOSUCH']],
  ['iptables-save', '*filter\n:A - [0:0]\n:B - [0:0]\n-A A -j DROP\n-A B -j DROP\nCOMMIT\n', ['']],
  ['iptables-save', '*filter\n:INPUT ACCEPT [0:0]\nCOMMIT\n', ['']],
  ['nft-json', NFT, ['', 'nosuch']],
  ['nft-json', '{"nftables": [', ['']],
  ['nft-json', '{"nftables": {}}', ['']],
  ['nft-json', '{"nftables": []}', ['']],
  ['cisco-asa', ASA, ['']],
  ['cisco-asa', fixture('asa/perimeter.asa.txt'), ['', 'outside', 'inside', 'all']],
  ['cisco-asa', fixture('asa/broken.asa.txt'), ['']],
  ['cisco-asa', fixture('asa/ingress.asa.txt'), ['all']],
  ['cisco-asa', fixture('asa/security-levels.asa.txt'), ['', 'perimeter']],
  ['cisco-asa', 'ASA Version 9.16(2)\n', ['']],
  [
    'cisco-asa',
    'ASA Version 9.16(2)\naccess-list A extended permit tcp any any eq 443\naccess-list B extended deny ip any any\n',
    [''],
  ],
  ['windows-firewall', WINDOWS, ['Inbound', 'Sideways']],
  ['windows-firewall', '[{"Direction": "Inbound", "Action": "Allow",\n  "Protocol": "TCP" \u0001}]', ['']],
  ['windows-firewall', '[{"Direction": "Inbound", "Action": "Allow", x}]', ['']],
  ['windows-firewall', '[{"Direction": "Inbound", "Action": "Allow"', ['']],
  ['windows-firewall', fixture('windows/edge-features.json'), ['Inbound', 'Outbound']],
];

function problemsOf(id: string, text: string, list: string): DumpProblem[] {
  return format(id).read(text, list === '' ? {} : { ruleList: list }).problems;
}

function idsOf(problem: DumpProblem): string[] {
  const nested = (data: MessageData): string[] =>
    Object.values(data).flatMap((value) => (typeof value === 'object' ? [value.id, ...nested(value.data)] : []));
  return problem.text ? [problem.text.id, ...nested(problem.text.data)] : [];
}

describe('what the dump readers say, in Russian', () => {
  test('every problem of a dump with a slip of every kind has an id and reads in Russian', () => {
    const seen = new Set<string>();
    for (const [id, text, lists] of CORPUS)
      for (const list of lists) {
        for (const problem of problemsOf(id, text, list)) {
          assertRussian(problem, `${id} ${list}`);
          idsOf(problem).forEach((one) => seen.add(one));
        }
        // How findings name a rule's long address lists is a reader text too.
        for (const rule of format(id).read(text, list === '' ? {} : { ruleList: list }).rules)
          for (const named of [rule.fromText, rule.toText]) if (named) seen.add(named.id);
      }
    const unsaid = Object.keys(EN).filter((id) => id.startsWith('dump/') && !seen.has(id));
    assert.deepEqual(unsaid, [], 'reader texts no test dump makes');
  });

  test('mutated dumps: every problem still has an id and reads in Russian', () => {
    const rng = random(1313);
    for (let round = 0; round < 60; round++)
      for (const [id, sample, lists] of CORPUS) {
        const at = Math.floor(rng() * sample.length);
        const text = sample.slice(0, at) + sample.slice(at + 1 + Math.floor(rng() * 12));
        for (const list of lists)
          for (const problem of problemsOf(id, text, list)) assertRussian(problem, `round ${round}, ${id} ${list}`);
      }
  });

  test('every reader text in Russian, its placeholders filled: no English words but the data', () => {
    const ids = Object.keys(EN).filter((one) => one.startsWith('dump/'));
    assert.ok(ids.length > 50, `${ids.length} reader texts`);
    for (const id of ids) {
      const names = [...EN[id].matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]);
      const data = Object.fromEntries(names.map((name) => [name, `<${name}>`]));
      const russian = t('ru', id, data);
      assert.deepEqual(englishWords(russian, data), [], `${id}: ${russian}`);
      assert.notEqual(russian, EN[id], `${id} is English in Russian`);
    }
  });

  test('an ASA problem as verify --lang ru and the Russian language server show it', () => {
    const [problem] = problemsOf('cisco-asa', fixture('asa/perimeter.asa.txt'), 'inside');
    assert.equal(
      dumpProblemIn(problem, 'ru'),
      "в конфигурации нет списка доступа или интерфейса с именем 'inside': OUTSIDE-IN (in interface outside), " +
        'DMZ-IN (in interface dmz)',
    );
  });
});
