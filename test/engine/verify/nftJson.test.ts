import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DUMP_FORMATS } from '../../../server/src/engine/index';

// The nft JSON reader: `nft -j list ruleset` prints one line, so each rule's place is the span of
// its object on that line; a pretty-printed dump (jq .) gives each rule its own lines.

const reader = DUMP_FORMATS.find((format) => format.id === 'nft-json')!;

const ITEMS: object[] = [
  { metainfo: { version: '1.0.6', release_name: 'Lester Gooch #5', json_schema_version: 1 } },
  { table: { family: 'inet', name: 'fw', handle: 1 } },
  {
    chain: {
      family: 'inet',
      table: 'fw',
      name: 'forward',
      handle: 1,
      type: 'filter',
      hook: 'forward',
      prio: 0,
      policy: 'drop',
    },
  },
  { chain: { family: 'inet', table: 'fw', name: 'edge', handle: 2 } },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 3,
      expr: [
        { match: { op: 'in', left: { ct: { key: 'state' } }, right: ['established', 'related'] } },
        { accept: null },
      ],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 4,
      comment: 'X1 XMPP in',
      expr: [
        { match: { op: '==', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: '131.107.155.10' } },
        { match: { op: '==', left: { payload: { protocol: 'tcp', field: 'dport' } }, right: 5269 } },
        { counter: { packets: 0, bytes: 0 } },
        { accept: null },
      ],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 5,
      expr: [
        {
          match: {
            op: '==',
            left: { payload: { protocol: 'ip', field: 'saddr' } },
            right: {
              set: [
                { prefix: { addr: '192.168.10.0', len: 24 } },
                '192.168.20.5',
                { range: ['10.0.0.0', '10.0.1.255'] },
              ],
            },
          },
        },
        { match: { op: '==', left: { meta: { key: 'l4proto' } }, right: { set: ['tcp', 'udp'] } } },
        {
          match: {
            op: '==',
            left: { payload: { protocol: 'th', field: 'dport' } },
            right: { set: [53, { range: [5000, 5010] }] },
          },
        },
        { accept: null },
      ],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 6,
      expr: [{ match: { op: '==', left: { meta: { key: 'l4proto' } }, right: 'udp' } }, { jump: { target: 'edge' } }],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 7,
      expr: [{ match: { op: '==', left: { meta: { key: 'l4proto' } }, right: 'icmp' } }, { accept: null }],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'forward',
      handle: 8,
      expr: [
        { match: { op: '!=', left: { payload: { protocol: 'ip', field: 'saddr' } }, right: '10.0.0.1' } },
        { drop: null },
      ],
    },
  },
  {
    rule: {
      family: 'inet',
      table: 'fw',
      chain: 'edge',
      handle: 9,
      expr: [
        { match: { op: '==', left: { payload: { protocol: 'ip', field: 'daddr' } }, right: '131.107.155.30' } },
        { match: { op: '==', left: { payload: { protocol: 'udp', field: 'dport' } }, right: 3478 } },
        { accept: null },
      ],
    },
  },
];

const ONE_LINE = JSON.stringify({ nftables: ITEMS }).replace(/,"/g, ', "').replace(/:/g, ': ');

/** The span of the `index`-th item on the one line, 1-based columns. */
function spanOf(text: string, index: number) {
  const item = JSON.stringify(ITEMS[index]).replace(/,"/g, ', "').replace(/:/g, ': ');
  const start = text.indexOf(item);
  assert.ok(start >= 0, `item ${index} in the text`);
  return { line: 1, column: start + 1, endLine: 1, endColumn: start + item.length + 1 };
}

describe('nft JSON reader', () => {
  test('recognises nft -j output and nothing else', () => {
    assert.equal(reader.recognizes(ONE_LINE), true);
    assert.equal(reader.recognizes(JSON.stringify({ nftables: ITEMS }, null, 2)), true);
    assert.equal(reader.recognizes('*filter\nCOMMIT\n'), false);
  });

  test('reads the forward-hook chain on one line, each rule at its column, the jump followed', () => {
    const reading = reader.read(ONE_LINE, {});
    assert.deepEqual(reading.listLocation, spanOf(ONE_LINE, 2));
    assert.equal(reading.defaultAction, 'deny');
    assert.deepEqual(reading.rules, [
      {
        location: spanOf(ONE_LINE, 5),
        name: 'X1 XMPP in',
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.10'],
        services: [{ transport: 'TCP', port: '5269' }],
      },
      {
        location: spanOf(ONE_LINE, 6),
        action: 'allow',
        from: ['192.168.10.0/24', '192.168.20.5', '10.0.0.0/23'],
        to: ['any'],
        services: [
          { transport: 'TCP', port: '53,5000-5010' },
          { transport: 'UDP', port: '53,5000-5010' },
        ],
      },
      {
        location: spanOf(ONE_LINE, 10),
        action: 'allow',
        from: ['any'],
        to: ['131.107.155.30'],
        services: [{ transport: 'UDP', port: '3478' }],
      },
    ]);
    assert.deepEqual(
      reading.problems.map((problem) => [problem.location, problem.severity, problem.message]),
      [
        [
          spanOf(ONE_LINE, 9),
          'warning',
          "the match with '!=' cannot be written as a topology rule; the rule is left out",
        ],
      ],
    );
  });

  test('pretty-printed, a rule lies on the lines of its object', () => {
    const pretty = JSON.stringify({ nftables: ITEMS }, null, 2);
    const lines = pretty.split('\n');
    const handle = lines.findIndex((line) => line.includes('"handle": 4'));
    const first = lines.slice(0, handle).lastIndexOf('    {');
    const reading = reader.read(pretty, { ruleList: 'fw/forward' });
    assert.equal(lines[first], '    {');
    assert.equal(reading.rules[0].location.line, first + 1);
    assert.equal(reading.rules[0].location.column, 5);
    const last = lines.findIndex((line, k) => k > first && line === '    },');
    assert.deepEqual([reading.rules[0].location.endLine, reading.rules[0].location.endColumn], [last + 1, 6]);
  });

  test('a chain named by ruleList in each form; an unknown one lists the chains', () => {
    for (const name of ['edge', 'fw/edge', 'inet/fw/edge'])
      assert.deepEqual(
        reader.read(ONE_LINE, { ruleList: name }).rules.map((rule) => rule.location),
        [spanOf(ONE_LINE, 10)],
      );
    assert.deepEqual(
      reader.read(ONE_LINE, { ruleList: 'fw_external' }).problems.map((problem) => problem.message),
      ['the dump has no chain fw_external; its chains: inet/fw/forward, inet/fw/edge'],
    );
  });

  test('chains off any hook and more than one with rules: an error naming them; broken JSON: an error', () => {
    const items = [
      { chain: { family: 'inet', table: 't', name: 'a' } },
      { chain: { family: 'inet', table: 't', name: 'b' } },
      { rule: { family: 'inet', table: 't', chain: 'a', expr: [{ drop: null }] } },
      { rule: { family: 'inet', table: 't', chain: 'b', expr: [{ drop: null }] } },
    ];
    assert.deepEqual(
      reader.read(JSON.stringify({ nftables: items }), {}).problems.map((problem) => problem.message),
      ['say which chain stands for the firewall: the dump has inet/t/a, inet/t/b'],
    );
    const broken = reader.read('{"nftables": [', {});
    assert.equal(broken.problems.length, 1);
    assert.equal(broken.problems[0].severity, 'error');
    assert.match(broken.problems[0].message, /^not nft JSON: /);
  });

  test('a rule of iptables-nft (xt) in the chain read is a warning, and left out', () => {
    const items = [
      { chain: { family: 'ip', table: 'filter', name: 'FORWARD', hook: 'forward', type: 'filter', policy: 'accept' } },
      {
        rule: {
          family: 'ip',
          table: 'filter',
          chain: 'FORWARD',
          expr: [{ xt: { type: 'match', name: 'comment' } }, { accept: null }],
        },
      },
    ];
    const reading = reader.read(JSON.stringify({ nftables: items }), {});
    assert.equal(reading.defaultAction, 'allow');
    assert.deepEqual(reading.rules, []);
    assert.deepEqual(
      reading.problems.map((problem) => problem.message),
      ['an iptables-nft rule (xt) is not readable in nft JSON: dump it with iptables-save; the rule is left out'],
    );
  });
});
