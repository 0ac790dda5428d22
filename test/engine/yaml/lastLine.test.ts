import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkTopology, fixAll } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// Issue 10, item 11: a file whose last line has no line break keeps that layout through every fix
// that writes or removes lines at its end.

const contoso = readExample('contoso.topology.yaml');
const tailspin = readExample('sfb2019-single-ip.topology.yaml');

/** Fix-all of `text` without its final line break is fix-all of `text` minus that break, LF and CRLF. */
function keepsLastLine(text: string): void {
  assert.ok(text.endsWith('\n') && !text.endsWith('\n\n'), 'the fixture ends with exactly one line break');
  for (const lineBreak of ['\n', '\r\n']) {
    const full = text.replace(/\n/g, lineBreak);
    const bare = full.slice(0, -lineBreak.length);
    const expected = fixAll(full);
    assert.equal(expected.changed, true, 'the fixture has something to fix');
    assert.ok(expected.text.endsWith(lineBreak));
    const result = fixAll(bare);
    assert.equal(result.text, expected.text.slice(0, -lineBreak.length));
    assert.deepEqual(result.applied, expected.applied);
    const errors = checkTopology(result.text).diagnostics.filter((d) => d.code === 'yaml-syntax');
    assert.deepEqual(errors, []);
    assert.equal(fixAll(result.text).changed, false, 'a second fix-all changes nothing');
  }
}

describe('fixes at the end of a file without a final line break (issue 10, item 11)', () => {
  test('several rules inserted into the last firewall line up with no blank line', () => {
    const text = contoso.replace('  xmppFederation: true', '  xmppFederation: true\n  sipFederation: true');
    assert.notEqual(text, contoso);
    keepsLastLine(text);
    const bare = fixAll(text.slice(0, -1)).text;
    assert.ok(
      bare.endsWith(
        '        to: edge01.internal\n' +
          '      - name: SIP from next hop to Edge\n        service: SIP/MTLS/TCP/5061\n' +
          '        from: fe01\n        to: edge01.internal\n' +
          '      - name: SIP from Edge to next hop\n        service: SIP/MTLS/TCP/5061\n' +
          '        from: edge01.internal\n        to: fe01',
      ),
      bare,
    );
  });

  test('a rules key created in the last firewall', () => {
    const text = contoso.replace(/ {4}rules:\n {6}- name: XMPP gateway to Edge\n( {8}.*\n){3}$/, '');
    assert.notEqual(text, contoso);
    keepsLastLine(text);
  });

  test('an empty rules key at the end of the file', () => {
    const text = contoso.replace(/ {6}- name: XMPP gateway to Edge\n( {8}.*\n){3}$/, '');
    assert.ok(text.endsWith('    rules:\n'));
    keepsLastLine(text);
  });

  test('an exact duplicate removed from the last line', () => {
    const rule = contoso.slice(contoso.lastIndexOf('      - name: XMPP gateway to Edge'));
    const text = contoso + rule;
    keepsLastLine(text);
    assert.equal(fixAll(text.slice(0, -1)).text, contoso.slice(0, -1));
  });

  test('a DNS record appended to the list on the last lines', () => {
    const dns = tailspin.slice(tailspin.indexOf('\ndns:\n') + 1, tailspin.indexOf('\ncertificates:\n') + 1);
    const federation =
      '    - { name: _sipfederationtls._tcp.tailspintoys.com, type: SRV, target: sip.tailspintoys.com, port: 5061 }\n';
    assert.ok(dns.endsWith(federation));
    const text = tailspin.replace(dns, '') + dns.replace(federation, '');
    keepsLastLine(text);
    assert.ok(fixAll(text).text.includes('_sipfederationtls._tcp.tailspintoys.com'), 'the record was added');
  });
});
