import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, completionsAt, fixAll, hoverAt, parseTopology } from '../../../server/src/engine/index';
import { atCursor } from '../../support/cursor';
import { CONTOSO, DNSLB, edit, fullRule, INTERNAL_RULE, NAT, only, withExternal } from './fixtures';
import { findingsOf, ruleTester, span } from './ruleTester';

// Microsoft, on every Edge port summary page: "open only the ports required to support the
// functionality for which you are providing external access."

const RDP = fullRule('RDP', 'RDP/TCP/3389', 'any', 'edge01.accessEdge');
const SQL = fullRule('SQL', 'SQL/TCP/1433', 'any', 'edge01.internal');
const WITH_RDP = withExternal(RDP);
const withInternal = (extra: string, text = CONTOSO) => edit(text, INTERNAL_RULE, INTERNAL_RULE + extra);
const NO_OCS = edit(NAT, 'ocs2007Federation: true', 'ocs2007Federation: false');

ruleTester('unneeded-rule', {
  valid: [
    {
      name: 'a rule with a reason (management access) is not reported',
      text: withExternal(`${RDP}        reason: Remote Desktop for the Edge administrators\n`),
    },
    { name: 'a deny rule is never unneeded', text: withExternal(`${RDP}        action: deny\n`) },
    {
      name: 'a rule that touches no Edge, reverse proxy or Director interface',
      text: withInternal(fullRule('SQL to the Front End', 'SQL/TCP/1433', '172.25.33.50', 'fe01')),
    },
    {
      name: 'a rule from the Edge inwards is not towards the Internet',
      text: withInternal(fullRule('Edge to SQL', 'SQL/TCP/1433', 'edge01.internal', 'fe01')),
    },
    {
      name: 'the OCS 2007 media rules while ocs2007Federation is true',
      text: NAT,
    },
  ],
  invalid: [
    {
      name: 'RDP/TCP/3389 from the Internet to the Access Edge',
      text: WITH_RDP,
      errors: (text, finding) => [
        finding(item(text, 'RDP', 'to: edge01.accessEdge'), 'reaches', {
          rule: "'RDP'",
          service: 'RDP/TCP/3389',
          from: 'any',
          reached: 'edge01.accessEdge',
          firewall: 'external',
        }),
      ],
    },
    {
      name: 'SQL/TCP/1433 from any to the Edge internal interface',
      text: withInternal(SQL),
      errors: (text, finding) => [
        finding(item(text, 'SQL', 'to: edge01.internal'), 'reaches', {
          rule: "'SQL'",
          service: 'SQL/TCP/1433',
          from: 'any',
          reached: 'edge01.internal',
          firewall: 'internal',
        }),
      ],
    },
    {
      name: 'inbound RTP 50000-59999 to the A/V Edge with ocs2007Federation: false',
      text: NO_OCS,
      errors: (text, finding) => [
        // Lync Server 2013 needs UDP media out only for OCS 2007 federation too.
        finding(item(text, '"A/V Edge media to Internet (UDP)"', 'to: any'), 'leaves', {
          rule: "'A/V Edge media to Internet (UDP)'",
          service: 'RTP/UDP/50000-59999',
          reached: 'edge01.avEdge',
          to: 'any',
        }),
        finding(item(text, '"OCS 2007 media to A/V Edge (TCP)"', 'to: edge01.avEdge'), 'reaches', {
          rule: "'OCS 2007 media to A/V Edge (TCP)'",
          service: 'RTP/TCP/50000-59999',
          from: 'any',
          reached: 'edge01.avEdge',
        }),
        finding(item(text, '"OCS 2007 media to A/V Edge (UDP)"', 'to: edge01.avEdge'), 'reaches', {
          rule: "'OCS 2007 media to A/V Edge (UDP)'",
          service: 'RTP/UDP/50000-59999',
        }),
      ],
    },
    {
      name: 'SSH from the Internet to the reverse proxy',
      text: edit(
        NAT,
        '        to: rp01.external\n  internal:',
        `        to: rp01.external\n${fullRule('SSH', 'SSH/TCP/22', 'any', 'rp01.external')}  internal:`,
      ),
      errors: (text, finding) => [
        finding(item(text, 'SSH', 'to: rp01.external'), 'reaches', { reached: 'rp01.external', firewall: 'external' }),
      ],
    },
    {
      name: 'SQL from the Edge to the Director pool',
      text: edit(
        DNSLB,
        '    between: [corp, dmz]\n    rules:\n',
        '    between: [corp, dmz]\n    rules:\n' +
          fullRule('SQL', 'SQL/TCP/1433', 'edge01.internal', 'dirpool.contoso.net'),
      ),
      errors: (text, finding) => [
        finding(item(text, 'SQL', 'to: dirpool.contoso.net'), 'reaches', {
          from: 'edge01.internal',
          reached: 'dir01, dir02',
          firewall: 'internal',
        }),
      ],
    },
    {
      name: 'a blank reason is no reason',
      text: withExternal(`${RDP}        reason: "  "\n`),
      errors: (text, finding) => [finding(item(text, 'RDP', 'reason: "  "'), 'reaches', { rule: "'RDP'" })],
    },
    {
      name: 'from an Edge interface out to the Internet',
      text: withExternal(fullRule('SMTP out', 'SMTP/TCP/25', 'edge01.accessEdge', 'any')),
      errors: (text, finding) => [
        finding(item(text, 'SMTP out', 'to: any'), 'leaves', {
          service: 'SMTP/TCP/25',
          reached: 'edge01.accessEdge',
          to: 'any',
          firewall: 'external',
        }),
      ],
    },
    {
      name: 'a rule to a whole Edge server names the server',
      text: withExternal(fullRule('SNMP', 'SNMP/UDP/161', '203.0.113.7', 'edge01')),
      errors: (text, finding) => [
        finding(item(text, 'SNMP', 'to: edge01'), 'reaches', { reached: 'edge01', from: '203.0.113.7' }),
      ],
    },
    {
      name: "a disabled feature's rules serve nothing",
      text: edit(CONTOSO, 'xmppFederation: true', 'xmppFederation: false'),
      errors: (text, finding) => [
        finding(item(text, 'XMPP from federated partners', 'to: edge01.accessEdge'), 'reaches', {
          reached: 'edge01.accessEdge',
        }),
        finding(item(text, 'XMPP to federated partners', 'to: any'), 'leaves', {
          reached: 'edge01.accessEdge',
        }),
        finding(item(text, 'XMPP gateway to Edge', 'to: edge01.internal'), 'reaches', {
          reached: 'edge01.internal',
        }),
      ],
    },
    {
      name: 'a rule another code reports gets no second finding: the repeat is duplicate-rule only',
      text: withExternal(RDP + RDP),
      errors: (text, finding) => [
        finding(item(text, 'RDP', 'to: edge01.accessEdge'), 'reaches', { rule: "'RDP'" }),
        findingsOf('duplicate-rule', 'warning')(item(text, 'RDP', 'to: edge01.accessEdge', 2), 'duplicate'),
      ],
    },
  ],
});

/** The `occurrence`-th rule item named `name`, from its `name:` to the first `last` after it. */
function item(text: string, name: string, last: string, occurrence = 1) {
  const first = span(text, `- name: ${name}`, occurrence);
  let at = -1;
  for (let k = 0; k < occurrence; k++) at = text.indexOf(`- name: ${name}`, at + 1);
  const end = span(text, last, text.slice(0, text.indexOf(last, at)).split(last).length);
  return { line: first.line, start: first.start + 2, endLine: end.endLine, end: end.end };
}

describe('unneeded-rule: other codes keep their rules', () => {
  const codesOf = (text: string) => checkTopology(text).diagnostics.map((d) => d.code);

  test('a near miss (wrong port) is wrong-port alone', () => {
    const text = edit(CONTOSO, 'service: XMPP/MTLS/23456', 'service: XMPP/MTLS/23465');
    assert.deepEqual(codesOf(text), ['wrong-port']);
  });

  test('an inbound rule to any is overly-permissive alone', () => {
    const text = withExternal(fullRule('RDP anywhere', 'RDP/TCP/3389', '203.0.113.0/24', 'any'));
    assert.deepEqual(codesOf(text), ['overly-permissive']);
  });

  test("the rules of a feature the product lacks are that feature's finding, not unneeded", () => {
    const text = edit(CONTOSO, 'product: lync2013', 'product: sfb2019');
    assert.deepEqual(codesOf(text), ['feature-unsupported']);
  });

  test('without the XMPP gateway, the XMPP rules wait for missing-role', () => {
    const text = edit(CONTOSO, '    services: [xmppGateway]\n', '');
    assert.deepEqual(codesOf(text), ['missing-role']);
  });

  test('an allow rule a deny stops (and does not shadow) is blocked-flow, not unneeded', () => {
    const deny = `${fullRule('Block the gateway', 'XMPP/MTLS/23456', 'fe01', 'edge01.internal')}        action: deny\n`;
    const text = edit(CONTOSO, INTERNAL_RULE, deny + INTERNAL_RULE);
    assert.deepEqual(codesOf(text), ['blocked-flow']);
  });
});

describe('unneeded-rule: the remove fix', () => {
  const commented = withExternal(`      # Remote Desktop for the vendor\n${RDP}      # kept: the next rule's note\n`);

  test('removes the rule with its comment, keeps the others, and the result parses clean', () => {
    const finding = only(commented, 'unneeded-rule');
    assert.equal(finding.fixes?.length, 1);
    const [fix] = finding.fixes!;
    assert.equal(fix.title, "Remove rule 'RDP'");
    assert.equal(fix.kind, 'other');
    assert.equal(fix.preferred, false);
    assert.equal(fix.safe, false);
    const [change] = fix.edits;
    const result = commented.slice(0, change.startOffset) + change.newText + commented.slice(change.endOffset);
    assert.equal(parseTopology(result).diagnostics.length, 0);
    assert.ok(!result.includes('RDP'), result);
    assert.ok(!result.includes('# Remote Desktop for the vendor'), result);
    assert.ok(result.includes("# kept: the next rule's note"), result);
    assert.deepEqual(
      checkTopology(result).diagnostics.map((d) => d.code),
      [],
    );
  });

  test("fix-all (lync-ports fix) does not apply it: removing access is the user's call", () => {
    const fixed = fixAll(commented);
    assert.equal(fixed.text, commented);
    assert.deepEqual(
      fixed.remaining.map((d) => d.code),
      ['unneeded-rule'],
    );
  });
});

describe('the `reason` key of a rule', () => {
  test('is completed among the keys of a rule, with its documentation', () => {
    const marked = withExternal(`${RDP}        rea‸\n`);
    const { text, offset } = atCursor(marked);
    const entry = completionsAt(checkTopology(text), offset).find((item) => item.label === 'reason');
    assert.ok(entry, 'reason is offered');
    assert.match(String(entry!.documentation), /not reported as `unneeded-rule`/);
  });

  test('hover explains it', () => {
    const text = withExternal(`${RDP}        reason: vendor access\n`);
    const { parsed, model } = checkTopology(text);
    const hover = hoverAt(parsed, model, text.indexOf('reason: vendor') + 2);
    assert.match(hover?.markdown ?? '', /unneeded-rule/);
  });
});
