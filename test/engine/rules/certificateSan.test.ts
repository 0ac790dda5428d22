import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/engine/index';
import { DNSLB, edit, example, HLB, NAT, ONE_IP, PUBLIC } from './fixtures';
import { assertDiagnostics, findingsOf, ruleTester, span, spanWithin, type Case, type Expected } from './ruleTester';

/** `text` with the SAN list of its external certificate written as `list`. */
function withSans(text: string, list: string): string {
  assert.match(text, /san: \[.*\]/, 'test setup: no flow-style SAN list');
  return text.replace(/san: \[.*\]/, `san: ${list}`);
}

/** DNSLB with the contoso.co.uk SRV records pointing at `target`, an A record of the Access Edge addresses. */
function withSipTarget(text: string, target: string): string {
  const records = ['_sip._tls.contoso.co.uk', '_sipfederationtls._tcp.contoso.co.uk'];
  let out = text;
  for (const name of records)
    out = edit(out, `name: ${name}, type: SRV, target: sip.contoso.com`, `name: ${name}, type: SRV, target: ${target}`);
  return edit(
    out,
    '    - { name: sip.contoso.com, type: A, address: 131.107.155.10 }\n',
    '    - { name: sip.contoso.com, type: A, address: 131.107.155.10 }\n' +
      `    - { name: ${target}, type: A, address: 131.107.155.10 }\n` +
      `    - { name: ${target}, type: A, address: 131.107.155.11 }\n`,
  );
}

const CO_UK_RECORDS = '_sipfederationtls._tcp.contoso.co.uk, _sip._tls.contoso.co.uk';

/** Cases where the features need a SAN the list lacks: the finding is on the list, and the fix adds it. */
const lacking = (cases: { name: string; example: string; list: string; messageId: string; data: Expected['data'] }[]) =>
  cases.map(({ name, example, list, messageId, data }): Case => ({
    name,
    text: withSans(example, list),
    errors: (text, finding) => [finding(span(text, list), messageId, data)],
    fixesClean: true,
  }));

ruleTester('certificate-san', {
  valid: [
    {
      name: 'Lync 2013: a parent domain covers its child domains',
      text: edit(
        edit(NAT, 'xmpp: [contoso.com]', 'xmpp: [corp.contoso.com]'),
        '_xmpp-server._tcp.contoso.com',
        '_xmpp-server._tcp.corp.contoso.com',
      ),
    },
    { name: 'a second SIP domain with sip.<domain> on the certificate', text: DNSLB },
    {
      name: 'a custom Access Edge name inside the SIP domain needs no sip.<domain> beside it',
      text: ONE_IP.replaceAll('sip.tailspintoys.com', 'access.tailspintoys.com'),
    },
    {
      name: "a SIP domain's own SRV target on the Access Edge stands for sip.<domain>",
      text: withSipTarget(
        withSans(DNSLB, '[sip.contoso.com, webcon.contoso.com, access.contoso.co.uk, contoso.com]'),
        'access.contoso.co.uk',
      ),
    },
    {
      name: 'the internal subject is edge.fqdns.internal',
      text: edit(NAT, 'internal: edge01.contoso.net', 'internal: EDGE01.contoso.net.'),
    },
    {
      name: "without edge.fqdns.internal the Edge servers' pool is the internal FQDN",
      text: edit(NAT, '    internal: edge01.contoso.net\n', ''),
    },
  ],
  invalid: [
    ...lacking([
      {
        name: 'Lync 2013: the XMPP domain itself is required',
        example: NAT,
        list: '[sip.contoso.com, webcon.contoso.com]',
        messageId: 'lacksOne',
        data: {
          missing:
            'contoso.com (the XMPP domain contoso.com ("the entry required for federation with the XMPP partner at ' +
            'the root domain level"))',
          sources:
            '"Certificate summary - Extensible messaging and presence protocol (XMPP) federation in Lync Server 2013"',
        },
      },
      {
        name: 'SfB 2015: xmpp.<domain> and *.<domain> are required',
        example: PUBLIC,
        list: '[sip.fabrikam.com, webcon.fabrikam.com, fabrikam.com]',
        messageId: 'lacksSeveral',
        data: { missing: 'xmpp.fabrikam.com (XMPP for fabrikam.com), *.fabrikam.com (XMPP for fabrikam.com)' },
      },
      {
        name: 'the Web Conferencing Edge FQDN is required with web conferencing',
        example: HLB,
        list: '[sip.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]',
        messageId: 'lacksOne',
        data: { missing: 'webcon.fabrikam.com (the Web Conferencing Edge FQDN)' },
      },
      {
        name: 'Lync 2013: a second SIP domain whose SRV records point at the Access Edge needs sip.<domain>',
        example: DNSLB,
        list: '[sip.contoso.com, webcon.contoso.com, contoso.com]',
        messageId: 'lacksOne',
        data: {
          missing: `sip.contoso.co.uk (the SIP domain contoso.co.uk, served by the Access Edge (${CO_UK_RECORDS}))`,
          sources:
            '"Certificate summary - SIP, XMPP federation, and public instant messaging in Lync Server 2013" ' +
            '("You add SAN entries as needed for additional SIP domains")',
        },
      },
      {
        name: 'SfB 2015: a second SIP domain needs sip.<domain> (the records are derived without a dns section)',
        example: withoutDns(edit(PUBLIC, 'sip: [fabrikam.com]', 'sip: [fabrikam.com, litware.com]')),
        list: '[sip.fabrikam.com, webcon.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]',
        messageId: 'lacksOne',
        data: {
          missing:
            'sip.litware.com (the SIP domain litware.com, served by the Access Edge ' +
            '(_sipfederationtls._tcp.litware.com, _sip._tls.litware.com))',
          sources:
            '"Edge Server environmental requirements in Skype for Business Server" ' +
            '(Edge certificate table: sip.<domain> for each SIP domain)',
        },
      },
    ]),
    {
      name: "a SIP domain's SRV target inside the domain is the name it needs",
      text: withSipTarget(DNSLB, 'access.contoso.co.uk'),
      errors: (text, finding) => [
        finding(span(text, '[sip.contoso.com, webcon.contoso.com, sip.contoso.co.uk, contoso.com]'), 'lacksOne', {
          missing: `access.contoso.co.uk (the SIP domain contoso.co.uk, served by the Access Edge (${CO_UK_RECORDS}))`,
        }),
      ],
      fixesClean: true,
    },
    {
      name: "the internal subject is not the Edge pool's internal FQDN",
      text: edit(NAT, 'subjectName: edge01.contoso.net', 'subjectName: edge01.contoso.com'),
      errors: (text, finding) => [
        finding(span(text, 'edge01.contoso.com'), 'internalSubject', {
          subject: 'edge01.contoso.com',
          fqdn: 'edge01.contoso.net',
          where: 'edge.fqdns.internal',
          fixed: 'edge01.contoso.net',
          source:
            '"Edge Server environmental requirements in Skype for Business Server" ' +
            '(Edge certificate table: the internal certificate has a subject name only)',
        }),
      ],
      fixesClean: true,
    },
    {
      name: "without edge.fqdns.internal the subject is compared with the Edge servers' pool",
      text: edit(
        edit(NAT, '    internal: edge01.contoso.net\n', ''),
        'subjectName: edge01.contoso.net',
        'subjectName: sip.contoso.com',
      ),
      errors: (text, finding) => [
        finding(spanWithin(text, '  internal:\n    subjectName', 'sip.contoso.com'), 'internalSubject', {
          fqdn: 'edge01.contoso.net',
          where: 'the pool of edge01',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'an internal certificate without a subject',
      text: edit(NAT, '  internal:\n    subjectName: edge01.contoso.net\n', '  internal: {}\n'),
      errors: (text, finding) => [
        finding(spanWithin(text, 'internal: {}', 'internal'), 'internalSubjectMissing', {
          fqdn: 'edge01.contoso.net',
          fixed: 'edge01.contoso.net',
        }),
      ],
      fixesClean: true,
    },
    {
      name: 'several Edge pools and one internal certificate: any pool, and no fix (which pool is not said)',
      text: severalPools(),
      errors: (text, finding) => [
        finding(span(text, 'edge.contoso.net'), 'internalSubject', {
          fqdn: 'edgepool.contoso.net or edgepool2.contoso.net',
          where: 'the pools of edge01, edge02',
          fixed: 'the FQDN of the Edge pool the certificate is for',
        }),
        // Two Edge pools and no edge.federationRoute: the file must say which carries federation.
        findingsOf('dns-record', 'error')(spanWithin(text, 'edge:\n  loadBalancing', 'edge'), 'routeUnnamed'),
      ],
    },
  ],
});

/** DNSLB with its second Edge server in a pool of its own and an internal certificate for neither. */
function severalPools(): string {
  const edge02 = DNSLB.indexOf('  edge02:');
  const pool = DNSLB.indexOf('pool: edgepool.contoso.net', edge02);
  const text =
    DNSLB.slice(0, pool) + 'pool: edgepool2.contoso.net' + DNSLB.slice(pool + 'pool: edgepool.contoso.net'.length);
  return edit(
    edit(text, '    internal: edgepool.contoso.net\n', ''),
    '    san: [sip.contoso.com, webcon.contoso.com, sip.contoso.co.uk, contoso.com]\n',
    '    san: [sip.contoso.com, webcon.contoso.com, sip.contoso.co.uk, contoso.com]\n' +
      '  internal:\n    subjectName: edge.contoso.net\n',
  );
}

/** `text` without its dns section (the records are then derived). */
function withoutDns(text: string): string {
  const start = text.indexOf('\ndns:\n');
  const end = text.indexOf('\ncertificates:\n');
  assert.ok(start > 0 && end > start, 'test setup: no dns section before certificates');
  return text.slice(0, start) + text.slice(end);
}

const BLOCK_SANS = 'san:\n      - sip.contoso.com\n      - webcon.contoso.com';

test('certificate-san: a block-style SAN list gets the fix as new items', () => {
  const text = edit(NAT, 'san: [sip.contoso.com, webcon.contoso.com, contoso.com]', BLOCK_SANS);
  const fixed = fixAll(text);
  assert.match(fixed.text, / {6}- webcon\.contoso\.com\n {6}- contoso\.com\n/);
  assert.deepEqual(fixed.remaining, []);
});

test('examples/broken/edge-certificates: the two certificate findings, and only them', () => {
  const text = example('broken/edge-certificates.topology.yaml');
  const finding = findingsOf('certificate-san', 'error');
  assertDiagnostics(text, [
    finding(span(text, '[sip.fabrikam.com, webcon.fabrikam.com, xmpp.fabrikam.com, "*.fabrikam.com"]'), 'lacksOne', {
      missing:
        'sip.litware.com (the SIP domain litware.com, served by the Access Edge ' +
        '(_sipfederationtls._tcp.litware.com, _sip._tls.litware.com))',
    }),
    finding(spanWithin(text, '  internal:\n    subjectName', 'sip.fabrikam.com'), 'internalSubject', {
      fixed: 'sfbedge.fabrikam.net',
    }),
  ]);
});
