import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseTopology, validateSchema } from '../../../server/src/engine/index';
import type { Diagnostic } from '../../../server/src/engine/index';
import { readExample } from '../../support/examples';

// The example of shared/TOPOLOGY-FORMAT.md (test/engine/check.test.ts keeps the file verbatim): it must
// validate with no error.
const CONTRACT_EXAMPLE = readExample('contoso.topology.yaml');

/** A small valid topology around one firewall's rules, for the rule cases. */
function withRules(rules: string): string {
  return `networks:
  internet: { zone: external }
  perimeter: { zone: perimeter, subnets: [131.107.155.0/24] }
firewalls:
  external:
    between: [internet, perimeter]
    rules:
${rules}`;
}

function check(text: string): Diagnostic[] {
  return validateSchema(parseTopology(text));
}

/** The text a diagnostic underlines. */
function underlined(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.range.startOffset, diagnostic.range.endOffset);
}

function only(diagnostics: Diagnostic[]): Diagnostic {
  assert.equal(
    diagnostics.length,
    1,
    `expected one diagnostic, got: ${JSON.stringify(
      diagnostics.map((d) => d.message),
      null,
      1,
    )}`,
  );
  return diagnostics[0];
}

describe('schema validation', () => {
  test('the contract example validates with no diagnostics', () => {
    assert.deepEqual(check(CONTRACT_EXAMPLE), []);
  });

  test('every diagnostic has code schema and severity error', () => {
    const diagnostics = check(
      CONTRACT_EXAMPLE.replace('role: edge', 'role: edgee').replace('zone: external', 'zone: outside'),
    );
    assert.equal(diagnostics.length, 2);
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.code, 'schema');
      assert.equal(diagnostic.severity, 'error');
    }
  });

  test('an unknown key in a rule lands on the key, with a suggestion', () => {
    const text = withRules(`      - name: typo
        protcol: XMPP
        transport: TCP
        port: 5269
        from: any
        to: any
`);
    const diagnostic = only(check(text));
    assert.equal(underlined(text, diagnostic), 'protcol');
    assert.deepEqual(diagnostic.range.start, { line: 8, character: 8 });
    assert.deepEqual(diagnostic.range.end, { line: 8, character: 15 });
    assert.match(diagnostic.message, /^Unknown key 'protcol' in a rule\./);
    assert.match(
      diagnostic.message,
      /Expected one of: name, description, reason, action, service, protocol, transport, port, from, to\./,
    );
    assert.match(diagnostic.message, /Did you mean 'protocol'\?/);
  });

  test('an unknown top-level key and an unknown feature are reported on their keys', () => {
    const text = `topology: { name: x }\nnetwork: {}\nfeatures:\n  xmppFederaton: true\n`;
    const diagnostics = check(text);
    assert.equal(diagnostics.length, 2);
    assert.equal(underlined(text, diagnostics[0]), 'network');
    assert.match(
      diagnostics[0].message,
      /Unknown key 'network' at the top of the topology file\..*Did you mean 'networks'\?/,
    );
    assert.equal(underlined(text, diagnostics[1]), 'xmppFederaton');
    assert.deepEqual(diagnostics[1].range.start, { line: 3, character: 2 });
    assert.match(diagnostics[1].message, /Unknown feature 'xmppFederaton'.*Did you mean 'xmppFederation'\?/);
  });

  test('a wrong enum value lands on the value and lists the allowed ones', () => {
    const text = CONTRACT_EXAMPLE.replace('    role: edge\n', '    role: edgee\n');
    const diagnostic = only(check(text));
    assert.equal(underlined(text, diagnostic), 'edgee');
    assert.deepEqual(diagnostic.range.start, { line: 14, character: 10 });
    assert.equal(
      diagnostic.message,
      "'edgee' is not a role. Use one of: edge, frontEnd, director, reverseProxy, officeWebApps. Did you mean 'edge'?",
    );
  });

  test('transports are case-insensitive and listed once in the message', () => {
    const good = withRules(`      - { transport: mtls, port: 23456, from: any, to: any }
      - { service: { protocol: XMPP, transport: Tcp, port: 5269 }, from: any, to: any }
`);
    const diagnostics = check(good);
    // Tcp (mixed case) is not in the enum; lower and upper case are.
    const diagnostic = only(diagnostics);
    assert.equal(underlined(good, diagnostic), 'Tcp');
    assert.match(diagnostic.message, /^'Tcp' is not a transport\. Use one of: TCP, UDP, TLS, MTLS, ANY\./);
  });

  test('a wrong type is worded for people, on the value', () => {
    const text = `networks:\n  corp: { zone: internal, subnets: 42 }\nfeatures:\n  xmppFederation: yes\n`;
    const diagnostics = check(text);
    assert.equal(diagnostics.length, 2);
    assert.equal(underlined(text, diagnostics[0]), '42');
    assert.equal(diagnostics[0].message, 'Expected a list of CIDR subnets, found the number 42.');
    assert.equal(underlined(text, diagnostics[1]), 'yes');
    assert.equal(diagnostics[1].message, "Expected true or false, found the text 'yes'.");
    for (const diagnostic of diagnostics)
      assert.doesNotMatch(diagnostic.message, /\b(must|object|array|string|boolean)\b/);
  });

  test('a wrong type does not also report the enum of the same value', () => {
    const text = `topology:\n  product: [lync2013]\n`;
    const diagnostic = only(check(text));
    assert.equal(
      diagnostic.message,
      'Expected a product (text), found a list. Use one of: lync2013, sfb2015, sfb2019.',
    );
  });

  test('a missing required key lands on the parent key', () => {
    const text = CONTRACT_EXAMPLE.replace('    interfaces:\n      primary: { ip: 192.168.10.90, network: corp }\n', '');
    const diagnostic = only(check(text));
    assert.equal(diagnostic.message, "A server needs 'interfaces'.");
    assert.equal(underlined(text, diagnostic), 'fe01');
    assert.deepEqual(diagnostic.range.start, { line: 21, character: 2 });
  });

  test('a rule without from lands on the first line of the rule', () => {
    const text = withRules(`      - name: no source
        service: XMPP/TCP/5269
        to: any
`);
    const diagnostic = only(check(text));
    assert.match(diagnostic.message, /^A rule needs 'from', such as any\.$/);
    assert.equal(underlined(text, diagnostic), 'name: no source');
  });

  test('a rule with both service and transport/port is reported on the extra keys', () => {
    const text = withRules(`      - name: both
        service: XMPP/TCP/5269
        transport: TCP
        port: 5269
        from: any
        to: any
`);
    const diagnostics = check(text);
    assert.equal(diagnostics.length, 2);
    assert.deepEqual(
      diagnostics.map((d) => underlined(text, d)),
      ['transport', 'port'],
    );
    for (const diagnostic of diagnostics)
      assert.match(diagnostic.message, /either 'service' or 'transport'\/'port', not both/);
  });

  test('a rule with neither service nor transport gets one message', () => {
    const text = withRules(`      - name: nothing
        from: any
        to: any
`);
    const diagnostic = only(check(text));
    assert.equal(
      diagnostic.message,
      "A rule needs a 'service' such as XMPP/TCP/5269, or a 'transport' and 'port' such " +
        'as transport: TCP and port: 5269.',
    );
    assert.equal(underlined(text, diagnostic), 'name: nothing');
  });

  test('a bad service object reports its keys and values precisely', () => {
    const text = withRules(`      - service: { protocol: XMPP, transport: SCTP, prt: 5269 }
        from: any
        to: any
`);
    const diagnostics = check(text);
    const messages = diagnostics.map((d) => `${underlined(text, d)} | ${d.message}`);
    assert.equal(diagnostics.length, 3, messages.join('\n'));
    assert.ok(messages.includes("service | A service needs 'port', such as 5269."), messages.join('\n'));
    assert.ok(
      messages.some((m) => m.startsWith("SCTP | 'SCTP' is not a transport. Use one of: TCP, UDP, TLS, MTLS, ANY.")),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith("prt | Unknown key 'prt' in a service.") && m.endsWith("Did you mean 'port'?")),
      messages.join('\n'),
    );
  });

  test('a malformed service string gets the notation explained', () => {
    const text = withRules(`      - { service: XMPP-TCP-5269, from: any, to: any }
      - { service: 5269, from: any, to: any }
`);
    const diagnostics = check(text);
    assert.equal(diagnostics.length, 2);
    assert.equal(underlined(text, diagnostics[0]), 'XMPP-TCP-5269');
    assert.match(
      diagnostics[0].message,
      /^'XMPP-TCP-5269' is not a service\. A service is written PROTOCOL\/TRANSPORT\/PORT, such as XMPP\/TCP\/5269/,
    );
    assert.equal(underlined(text, diagnostics[1]), '5269');
    assert.match(
      diagnostics[1].message,
      /^Expected a service \(text, a mapping or a list\), found the number 5269\. A service is written PROTOCOL\/TRANSPORT\/PORT/,
    );
  });

  test('every service notation of the contract is accepted, and port values are left to the engine', () => {
    const text = withRules(`      - { service: XMPP/TCP/5269, from: any, to: any }
      - { service: XMPP/MTLS/23456, from: any, to: any }
      - { service: XMPP/MTLS/TCP/23456, from: any, to: any }
      - { service: SIP/TLS/443, from: any, to: any }
      - { service: RTP/UDP/50000-59999, from: any, to: any }
      - { service: STUN/MSTURN/UDP/3478, from: any, to: any }
      - { service: any, from: any, to: any }
      - { service: xmpp/tcp/5269, from: any, to: any }
      - { service: HTTPS/TCP/99999, from: any, to: any }
      - { service: [STUN/MSTURN/UDP/3478, { transport: TCP, port: 443 }], from: [any], to: [2001:db8::1, 10.0.0.0/8] }
      - { protocol: XMPP, transport: TCP, port: [5269, "5270-5271", "80,443"], from: any, to: any, action: deny }
      - { transport: UDP, port: 70000, from: any, to: any }
`);
    assert.deepEqual(check(text), []);
  });

  test('port, from and to give one readable message each', () => {
    const text = withRules(`      - { transport: TCP, port: 80-x, from: [], to: 5 }
`);
    const diagnostics = check(text);
    const messages = diagnostics.map((d) => `${underlined(text, d)} | ${d.message}`);
    assert.equal(diagnostics.length, 3, messages.join('\n'));
    assert.match(messages[0], /^80-x \| '80-x' is not a port\. A port is a number such as 5269/);
    assert.match(
      messages[1],
      /^\[\] \| 'from' needs at least one entry \(it has none\)\. Write the source as one endpoint/,
    );
    assert.match(messages[2], /^5 \| Expected a destination \(text or a list\), found the number 5\./);
  });

  test('names with a dot and wrong Edge interface names are reported on the key', () => {
    const text = `servers:
  edge.01:
    role: frontEnd
    interfaces: { primary: { ip: 10.0.0.1, network: corp } }
  edge02:
    role: edge
    interfaces:
      accesEdge: { ip: 131.107.155.10, network: perimeter }
`;
    const diagnostics = check(text);
    assert.equal(diagnostics.length, 2);
    assert.equal(underlined(text, diagnostics[0]), 'edge.01');
    assert.match(
      diagnostics[0].message,
      /^'edge\.01' is not a valid server name\. .*A dot is reserved for server\.interface/,
    );
    assert.equal(underlined(text, diagnostics[1]), 'accesEdge');
    assert.equal(
      diagnostics[1].message,
      "'accesEdge' is not an Edge interface name. Use one of: accessEdge, webConferencingEdge, " +
        "avEdge, internal. Did you mean 'accessEdge'?",
    );
  });

  test('between needs exactly two networks', () => {
    const text = `firewalls:\n  external:\n    between: [internet]\n`;
    const diagnostic = only(check(text));
    assert.equal(underlined(text, diagnostic), '[internet]');
    assert.match(diagnostic.message, /exactly two networks/);
  });

  test('an empty value is reported on its key', () => {
    const text = `networks:\n  corp:\n`;
    const diagnostic = only(check(text));
    assert.equal(underlined(text, diagnostic), 'corp');
    assert.equal(diagnostic.message, 'Expected a network (a mapping), found an empty value.');
  });

  test('no raw ajv wording reaches the user', () => {
    const text = `topology: { product: 2013, bogus: 1 }
networks: { corp: { zone: 7, subnets: [1] } }
servers: { s: { role: edge, interfaces: {}, services: [x, x] }, t: 3 }
firewalls: { f: { between: a, default: maybe, rules: [ { service: [], from: "", to: any }, 3 ] } }
`;
    const diagnostics = check(text);
    assert.ok(diagnostics.length >= 10, String(diagnostics.length));
    for (const diagnostic of diagnostics) {
      assert.doesNotMatch(
        diagnostic.message,
        /must (NOT )?(be|have|match)|allowed values|#\/definitions|instancePath|schemaPath/,
        diagnostic.message,
      );
      assert.ok(diagnostic.range.endOffset > diagnostic.range.startOffset, `empty range for ${diagnostic.message}`);
    }
  });
});

describe('non-mapping documents', () => {
  const expected =
    /^A topology file is a mapping with keys topology, features, networks, servers, firewalls; this document is /;

  test('a list', () => {
    const text = '- a\n- b\n';
    const diagnostic = only(check(text));
    assert.match(diagnostic.message, expected);
    assert.match(diagnostic.message, /this document is a list\.$/);
    assert.equal(underlined(text, diagnostic), '- a');
  });

  test('a scalar', () => {
    const diagnostic = only(check('hello\n'));
    assert.match(diagnostic.message, expected);
    assert.match(diagnostic.message, /the text 'hello'\.$/);
    assert.deepEqual(diagnostic.range.start, { line: 0, character: 0 });
    assert.deepEqual(diagnostic.range.end, { line: 0, character: 5 });
  });

  test('an empty document, and one with only a comment', () => {
    for (const text of ['', '# lync-topology\n', '---\n']) {
      const diagnostic = only(check(text));
      assert.match(diagnostic.message, /this document is empty\.$/);
    }
  });

  test('nothing is reported when the value could not be built', () => {
    const parsed = parseTopology('a: 1\n');
    parsed.value = undefined;
    assert.deepEqual(validateSchema(parsed), []);
  });

  test('never throws, even on a broken parse result', () => {
    const parsed = parseTopology('servers: { a: 1 }\n');
    (parsed as { doc: unknown }).doc = null;
    assert.doesNotThrow(() => validateSchema(parsed));
  });
});

describe('anchors and merge keys', () => {
  test('anchors, aliases and merge keys give no false errors', () => {
    const text = `x-templates:
  perimeterInterface: &perimeter { network: perimeter }
  xmppRule: &xmpp
    service: XMPP/TCP/5269
    from: any
networks:
  internet: { zone: external }
  base: &net { zone: perimeter }
  perimeter: { <<: *net, subnets: [131.107.155.0/24] }
servers:
  edge01:
    role: edge
    interfaces:
      accessEdge: { <<: *perimeter, ip: 131.107.155.10 }
      internal:
        <<: *perimeter
        ip: 172.25.33.10
firewalls:
  external:
    between: [internet, perimeter]
    rules:
      - <<: *xmpp
        name: XMPP from federated partners
        to: edge01.accessEdge
      - &out
        name: XMPP to federated partners
        service: XMPP/TCP/5269
        from: edge01.accessEdge
        to: any
      - *out
`;
    assert.deepEqual(check(text), []);
  });

  test('an error inside an anchor is reported once, at the anchor', () => {
    const text = `x-t:
  bad: &bad { ipp: 1, network: perimeter, ip: 10.0.0.1 }
servers:
  a:
    role: frontEnd
    interfaces: { one: *bad, two: *bad }
`;
    const diagnostic = only(check(text));
    assert.equal(underlined(text, diagnostic), 'ipp');
    assert.deepEqual(diagnostic.range.start, { line: 1, character: 14 });
  });
});
