import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, checkTopology, missingRulesOf } from '../../../server/src/engine/index';
import type { Diagnostic } from '../../../server/src/engine/index';
import { assertFixedClean, CONTOSO, edit, example, PUBLIC } from './fixtures';
import { ruleTester, span } from './ruleTester';

// missing-flow before the firewalls are written: one finding per crossing of two networks that no
// firewall joins (not one per catalog row, and not over the whole file), with a fix that adds the
// firewall; Insert All Missing Rules then writes its rules.

const withoutFirewalls = (text: string) => text.slice(0, text.indexOf('firewalls:\n'));
const BARE = withoutFirewalls(CONTOSO);
const BARE_PUBLIC = withoutFirewalls(PUBLIC);
const EXTERNAL = { first: 'internet', firstZone: 'external', second: 'perimeter', secondZone: 'perimeter' };
const NEW_EXTERNAL = '  external:\n    between: [internet, perimeter]\n    rules: []\n';
const INTERNAL = { from: 'corp', to: 'perimeter', rowId: undefined, service: 'XMPP/MTLS/23456' };

ruleTester(
  'missing-flow',
  {
    invalid: [
      {
        name: 'no firewalls key: one finding per crossing, on the key of its outer network',
        text: BARE,
        errors: (text, finding) => [
          finding(span(text, 'internet'), 'noCrossing', { ...EXTERNAL, count: 2, features: 'xmppFederation' }),
          // A crossing of one flow says which flow.
          finding(span(text, 'corp'), 'noFirewall', { ...INTERNAL, ruleName: 'XMPP gateway to Edge' }),
        ],
        fixesClean: true,
      },
      {
        name: 'an empty firewalls key holds the findings',
        text: `${BARE}firewalls: {} # to do\n`,
        errors: (text, finding) => [
          finding(span(text, 'firewalls'), 'noCrossing', { ...EXTERNAL, count: 2 }),
          finding(span(text, 'firewalls'), 'noFirewall', { from: 'corp', to: 'perimeter' }),
        ],
        fixesClean: true,
      },
      {
        name: 'every feature of an SfB 2015 Edge: two findings, not thirty',
        text: BARE_PUBLIC,
        errors: (text, finding) => [
          finding(span(text, 'internet'), 'noCrossing', {
            first: 'internet',
            second: 'dmz-external',
            count: 15,
            features: 'xmppFederation, sipFederation, remoteUserAccess, webConferencing, audioVideo, dnsAndCrl',
          }),
          finding(span(text, 'corp'), 'noCrossing', {
            first: 'corp',
            firstZone: 'internal',
            second: 'dmz-internal',
            secondZone: 'perimeter',
            count: 11,
            features: 'xmppFederation, edgeInternal',
          }),
        ],
        fixesClean: true,
      },
      {
        name: 'one firewall written, the other crossing still missing: on the firewalls key',
        text: CONTOSO.slice(0, CONTOSO.indexOf('  internal:\n')),
        errors: (text, finding) => [finding(span(text, 'firewalls'), 'noFirewall', { from: 'corp', to: 'perimeter' })],
        fixesClean: true,
      },
    ],
  },
  'missing-flow: no firewall on a crossing',
);

const findings = (text: string) =>
  checkTopology(text).diagnostics.filter((diagnostic) => diagnostic.code === 'missing-flow');
const addFix = (diagnostic: Diagnostic) => diagnostic.fixes?.find((fix) => fix.kind === 'add-firewall');

test('the fix adds the firewall with its between and an empty rules list, after the last section', () => {
  const [external, internal] = findings(BARE);
  assert.deepEqual(
    [addFix(external)?.title, addFix(internal)?.title],
    ["Add firewall 'external' between internet and perimeter", "Add firewall 'internal' between corp and perimeter"],
  );
  assert.equal(addFix(external)?.safe, true);
  assert.equal(
    applyEdits(BARE, addFix(external)!.edits),
    `${BARE}firewalls:\n  external:\n    between: [internet, perimeter]\n    rules: []\n`,
  );
  // The finding's other network is named beside it.
  assert.deepEqual(
    external.related?.map((item) => BARE.slice(item.range.startOffset, item.range.endOffset)),
    ['perimeter'],
  );
});

test('Insert All Missing Rules on each added firewall then yields the whole rule set', () => {
  let text = BARE_PUBLIC;
  for (const name of ['external', 'internal']) {
    const fix = findings(text)
      .map(addFix)
      .find((candidate) => candidate?.title.includes(`'${name}'`));
    assert.ok(fix, `a fix adds ${name}`);
    text = applyEdits(text, fix.edits);
    const missing = missingRulesOf(checkTopology(text), name);
    assert.ok(missing && missing.rules.length > 0, `missing rules of ${name}`);
    text = applyEdits(text, missing.edits);
  }
  const left = checkTopology(text).diagnostics.filter((diagnostic) => diagnostic.severity !== 'info');
  assert.deepEqual(
    left.map((diagnostic) => diagnostic.message),
    [],
  );
  assert.equal(checkTopology(text).model.firewalls.length, 2);
});

test('into a firewalls key that exists: a comment, a CRLF file and a flow map keep their shape', () => {
  const commented = `${BARE}firewalls:   # written by the network team\n`;
  const [external] = findings(commented);
  assert.equal(
    applyEdits(commented, addFix(external)!.edits),
    `${BARE}firewalls:   # written by the network team\n${NEW_EXTERNAL}`,
  );
  const crlf = BARE.replace(/\n/g, '\r\n');
  const fixed = applyEdits(crlf, addFix(findings(crlf)[0])!.edits);
  assert.equal(fixed, `${crlf}firewalls:\r\n  external:\r\n    between: [internet, perimeter]\r\n    rules: []\r\n`);
  const flow = `${BARE}firewalls: { internal: { between: [corp, perimeter], rules: [] } }\n`;
  const [crossing] = findings(flow).filter((diagnostic) => diagnostic.messageId === 'noCrossing');
  assert.equal(
    applyEdits(flow, addFix(crossing)!.edits),
    `${BARE}firewalls: { internal: { between: [corp, perimeter], rules: [] }, ` +
      'external: { between: [internet, perimeter], rules: [] } }\n',
  );
});

test('a firewall whose between names no network may be the one meant: its fix waits to be asked', () => {
  const typo = edit(CONTOSO, 'between: [corp, perimeter]', 'between: [crop, perimeter]');
  const [crossing] = findings(typo).filter((diagnostic) => diagnostic.messageId === 'noFirewall');
  const fix = addFix(crossing);
  assert.equal(fix?.title, "Add firewall 'corp-perimeter' between corp and perimeter");
  assert.equal(fix?.safe, false);
});

test('a file that does not parse gets the findings but no fix', () => {
  const broken = `${BARE}dns: [\n`;
  assert.equal(findings(broken).length, 2);
  assert.ok(findings(broken).every((diagnostic) => addFix(diagnostic) === undefined));
});

test('the broken example without firewalls: two findings, and lync-ports fix makes it clean', () => {
  const text = example('broken/no-firewalls.topology.yaml');
  assert.deepEqual(
    findings(text).map((diagnostic) => diagnostic.messageId),
    ['noCrossing', 'noCrossing'],
  );
  assertFixedClean(text);
});
