import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkTopology, parseServiceText, t } from '../../../server/src/engine/index';
import { EXAMPLES, readExample } from '../../support/examples';
import { edit, NAT, ONE_IP, withExternal } from '../rules/fixtures';
import { messagesOf, ruleTester, span } from '../rules/ruleTester';

// Issue 10, item 4: Microsoft's Lync 2013 port summaries write `A/V/RTP/TCP/50,000-59,999`: the
// last segment is the port, thousands separators and all, the one before it the transport, the
// rest the protocol label.

// The port part alone, read through the service text the engine exports.
const parsePorts = (text: string) => {
  const parsed = parseServiceText(`X/TCP/${text}`);
  return parsed.ok ? { ok: true as const, ports: parsed.term.ports } : parsed;
};
const ranges = (text: string) => {
  const parsed = parsePorts(text);
  assert.ok(parsed.ok, `${text}: ${parsed.ok ? '' : parsed.reason.id}`);
  return parsed.ports.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`));
};
const reason = (text: string) => {
  const parsed = parsePorts(text);
  assert.ok(!parsed.ok, `${text} parses`);
  return t('en', parsed.reason.id, parsed.reason.data);
};

describe('port text with thousands separators', () => {
  test('a separator before three digits joins a number; a comma list stays a list', () => {
    assert.deepEqual(ranges('50,000-59,999'), ['50000-59999']);
    assert.deepEqual(ranges(' 50,000 - 59,999 '), ['50000-59999']);
    assert.deepEqual(ranges('1,024-65,535'), ['1024-65535']);
    assert.deepEqual(ranges('5,061'), ['5061'], 'no list item starts with 0');
    assert.deepEqual(ranges('443,50,000-59,999'), ['443', '50000-59999']);
    assert.deepEqual(ranges('80,443'), ['80', '443'], 'valid as a list: a list');
    assert.deepEqual(ranges('22,443'), ['22', '443']);
    assert.deepEqual(ranges('1,2,3'), ['1-3']);
    assert.deepEqual(ranges('50000-59999'), ['50000-59999']);
  });

  test('misplaced separators and numbers out of range are named as written', () => {
    const groups =
      'a thousands separator is followed by exactly three digits, as in 50,000-59,999; ' +
      'or write the number without it.';
    assert.equal(reason('5,0000'), `'5,0000' is not a port: ${groups}`);
    assert.equal(reason('50,000-5,9999'), `'5,9999' is not a port: ${groups}`);
    assert.equal(reason('50,00-59,999'), `'50,00' is not a port: ${groups}`);
    assert.equal(reason('66,000'), 'Port 66,000 is outside 1..65535.');
    assert.equal(reason('1,000,000'), 'Port 1,000,000 is outside 1..65535.');
    assert.equal(reason('12,345-67,890'), 'Port 67,890 is outside 1..65535.');
    assert.equal(reason('59,999-50,000'), 'The range 59,999-50,000 starts after it ends; write 50,000-59,999.');
    // No separator meant: the list's own message.
    assert.equal(reason('80,443-70'), 'The range 443-70 starts after it ends; write 70-443.');
    assert.equal(reason('0,443'), 'Port 0 is outside 1..65535.');
    assert.equal(reason('70000'), 'Port 70000 is outside 1..65535.');
  });

  test('the service text: last segment the port, the one before it the transport, the rest the label', () => {
    const parsed = parseServiceText('A/V/RTP/TCP/50,000-59,999');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.term, {
      protocol: 'A/V/RTP',
      transportLabel: 'TCP',
      transports: ['tcp'],
      ports: [{ from: 50000, to: 59999 }],
      portText: '50,000-59,999',
    });
    const stun = parseServiceText('A/V/STUN/MSTURN/UDP/3478');
    assert.ok(stun.ok);
    assert.equal(stun.term.protocol, 'A/V/STUN/MSTURN');
    assert.deepEqual(stun.term.transports, ['udp']);
    const bad = parseServiceText('A/V/RTP/TCP/50,000-5,9999');
    assert.ok(!bad.ok);
    assert.equal(bad.code, 'invalid-port');
  });
});

describe("Microsoft's notation checks as the plain one", () => {
  const media = /service: RTP\/(TCP|UDP)\/50000-59999\n/g;
  const examples = readdirSync(EXAMPLES).filter((name) => name.endsWith('.topology.yaml'));
  const forms: [string, (transport: string) => string][] = [
    ['text', (transport) => `service: A/V/RTP/${transport}/50,000-59,999\n`],
    ['object', (transport) => `service: { protocol: A/V, transport: ${transport}, port: "50,000-59,999" }\n`],
    ['rule keys', (transport) => `protocol: A/V/RTP\n        transport: ${transport}\n        port: 50,000-59,999\n`],
  ];
  for (const [form, write] of forms) {
    test(`every example with its media rules in the ${form} form has the same findings (none)`, () => {
      let rewritten = 0;
      for (const name of examples) {
        const text = readExample(name);
        const microsoft = text.replace(media, (_, transport: string) => write(transport));
        if (microsoft === text) continue;
        rewritten++;
        // Info findings are the examples' shapes (DNS load balancing, one IP), not their rules.
        const findings = checkTopology(microsoft)
          .diagnostics.filter((d) => d.severity !== 'info')
          .map((d) => `${d.code}: ${d.message}`);
        assert.deepEqual(findings, [], name);
      }
      assert.ok(rewritten >= 5, `${rewritten} examples have media rules`);
    });
  }

  test('source ports with separators match as written without them', () => {
    const text = edit(ONE_IP, 'sourcePort: 50000-59999', 'sourcePort: 50,000-59,999');
    assert.deepEqual(
      checkTopology(text).diagnostics.filter((d) => d.severity !== 'info'),
      [],
    );
  });

  test('the Lync 2013 A/V rows are met by the notation', () => {
    const missing = (text: string) =>
      checkTopology(text)
        .diagnostics.filter((d) => d.code === 'missing-flow')
        .map((d) => d.data?.rowId ?? d.message);
    const withoutMedia = NAT.replace(media, 'service: RTP/$1/40000\n');
    assert.ok(missing(withoutMedia).length >= 4, 'the fixture misses the media rows');
    assert.deepEqual(missing(NAT.replace(media, 'service: A/V/RTP/$1/50,000-59,999\n')), []);
  });
});

const invalidPort = messagesOf('invalid-port', 'error');
const GROUPS =
  'a thousands separator is followed by exactly three digits, as in 50,000-59,999; ' +
  'or write the number without it.';
// The file enables no A/V feature: the reason keeps unneeded-rule out of a test about port texts.
const media = (service: string) =>
  withExternal(
    `      - name: media\n        ${service}\n        from: edge01.avEdge\n        to: any\n` +
      '        reason: the notation\n',
  );

ruleTester(
  'invalid-port',
  {
    valid: [
      { name: "Microsoft's notation", text: media('service: A/V/RTP/TCP/50,000-59,999') },
      { name: 'a list and a separated range', text: media('service: RTP/TCP/443,50,000-59,999') },
    ],
    invalid: [
      {
        name: 'four digits after a separator, in the text form',
        text: media('service: A/V/RTP/TCP/50,000-5,9999'),
        errors: (text) => [invalidPort(span(text, 'A/V/RTP/TCP/50,000-5,9999'), `'5,9999' is not a port: ${GROUPS}`)],
      },
      {
        name: 'four digits after a separator, in the object form',
        text: media('service: { protocol: A/V, transport: TCP, port: "5,0000" }'),
        errors: (text) => [invalidPort(span(text, '"5,0000"'), `'5,0000' is not a port: ${GROUPS}`)],
      },
      {
        name: 'a separated number out of range, as a rule key',
        text: media('transport: TCP\n        port: 50,000-65,536'),
        errors: (text) => [invalidPort(span(text, '50,000-65,536'), 'Port 65,536 is outside 1..65535.')],
      },
      {
        name: 'a separated range backwards',
        text: media('service: A/V/RTP/UDP/59,999-50,000'),
        errors: (text) => [
          invalidPort(
            span(text, 'A/V/RTP/UDP/59,999-50,000'),
            'The range 59,999-50,000 starts after it ends; write 50,000-59,999.',
          ),
        ],
      },
    ],
  },
  "invalid-port in Microsoft's notation",
);
