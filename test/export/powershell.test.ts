import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, test } from 'node:test';
import { exampleFiles } from '../support/examples';
import { checkTopology, flatten, powershellScriptFiles, renderExport } from '../../server/src/engine/index';
import type { TopologyModel } from '../../server/src/engine/index';

// `lync-ports export --format powershell`: one Windows Firewall script per Edge server, with its
// own inbound and outbound rules and its own private addresses. PowerShell is not installed
// here (Debian does not package it), so the output is read by a tokenizer that follows
// PowerShell's quoting rules.

const ROOT = join(__dirname, '../../..');
const CLI = join(ROOT, 'dist/cli.js');
const EXAMPLES = join(ROOT, 'examples');
const files = [...exampleFiles(), join(ROOT, 'test/export/hostile.topology.yaml')];

// ---- PowerShell: a tokenizer for the lines the export writes ----

const QUOTES = /['\u2018\u2019\u201a\u201b]/;

/** Reads a single-quoted PowerShell string at `at`; returns its value and the index after it. */
function readVerbatim(line: string, at: number): { value: string; end: number } {
  assert.ok(QUOTES.test(line[at]), `expected a quote at ${at}: ${line}`);
  let value = '';
  for (let k = at + 1; k < line.length; k++) {
    if (QUOTES.test(line[k])) {
      if (k + 1 < line.length && QUOTES.test(line[k + 1])) {
        value += line[k];
        k++;
        continue;
      }
      return { value, end: k + 1 };
    }
    value += line[k];
  }
  throw new Error(`unterminated string: ${line}`);
}

/** Parses `New-NetFirewallRule -Name value ... | Out-Null` into parameters; throws on anything else. */
function parsePowerShellLine(line: string): Map<string, string[]> {
  const prefix = 'New-NetFirewallRule ';
  assert.ok(line.startsWith(prefix), line);
  const params = new Map<string, string[]>();
  let at = prefix.length;
  while (at < line.length) {
    if (line.startsWith('| Out-Null', at)) {
      assert.equal(at + '| Out-Null'.length, line.length, `text after Out-Null: ${line}`);
      return params;
    }
    const name = /^-([A-Za-z]+) /.exec(line.slice(at));
    assert.ok(name, `expected a parameter at ${at}: ${line.slice(at)}`);
    at += name[0].length;
    const values: string[] = [];
    if (QUOTES.test(line[at])) {
      const read = readVerbatim(line, at);
      values.push(read.value);
      at = read.end;
    } else if (line.startsWith('@(', at)) {
      at += 2;
      for (;;) {
        const read = readVerbatim(line, at);
        values.push(read.value);
        at = read.end;
        if (line.startsWith(', ', at)) at += 2;
        else break;
      }
      assert.equal(line[at], ')', line);
      at++;
    } else {
      const bareword = /^(Inbound|Outbound|Allow|Block|TCP|UDP)/.exec(line.slice(at));
      assert.ok(bareword, `unquoted value at ${at}: ${line.slice(at)}`);
      values.push(bareword[0]);
      at += bareword[0].length;
    }
    params.set(name[1], values);
    assert.equal(line[at], ' ', `expected a space after -${name[1]}: ${line}`);
    at++;
  }
  throw new Error(`no '| Out-Null': ${line}`);
}

interface ScriptRule {
  direction: string;
  params: Map<string, string[]>;
}

/** The New-NetFirewallRule lines of one script; every other line must be a comment or the preference. */
function rulesOf(text: string): ScriptRule[] {
  const rules: ScriptRule[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line === "$ErrorActionPreference = 'Stop'") continue;
    const params = parsePowerShellLine(line);
    rules.push({ direction: params.get('Direction')![0], params });
  }
  return rules;
}

function privateAddresses(model: TopologyModel, server: string): string[] {
  const found = model.servers.find((candidate) => candidate.name === server)!;
  return found.interfaces.flatMap((item) => (item.ip ? [`${item.ip}/32`] : []));
}

function scriptsOf(path: string) {
  const result = checkTopology(readFileSync(path, 'utf8'));
  return { result, scripts: powershellScriptFiles(result) };
}

function ruleNamed(rules: ScriptRule[], name: string): ScriptRule {
  const found = rules.find((rule) => rule.params.get('DisplayName')![0] === name);
  assert.ok(found, `no rule ${name}`);
  return found;
}

describe('PowerShell export: one script per Edge server', () => {
  for (const file of files) {
    test(`${relative(ROOT, file)}: each script holds only its own server's rules and private addresses`, () => {
      const { result, scripts } = scriptsOf(file);
      const edges = result.model.servers.filter((server) => server.role === 'edge').map((server) => server.name);
      assert.deepEqual(
        scripts.map((script) => script.server),
        edges,
      );
      const names = new Set(
        result.model.firewalls.flatMap((firewall) =>
          firewall.rules.map((rule) => flatten(`${firewall.name}: ${rule.name ?? `rule ${rule.index + 1}`}`)),
        ),
      );
      for (const script of scripts) {
        assert.match(script.text, new RegExp(`^# Windows Firewall rules for the Edge server ${script.server}\\b`));
        assert.match(script.fileName, /^[A-Za-z0-9._-]+\.ps1$/);
        const own = privateAddresses(result.model, script.server);
        const rules = rulesOf(script.text);
        assert.ok(rules.length > 0, `${script.server} has no rule`);
        for (const { direction, params } of rules) {
          for (const required of ['DisplayName', 'Group', 'Action', 'Protocol', 'LocalAddress', 'RemoteAddress'])
            assert.ok(params.has(required), `${required} missing`);
          // Inbound the rule's ports are the server's own; outbound they are the far end's.
          assert.ok(params.has(direction === 'Inbound' ? 'LocalPort' : 'RemotePort'), direction);
          assert.deepEqual(params.get('Group'), [`lync-ports ${script.server}`]);
          for (const address of params.get('LocalAddress')!)
            assert.ok(own.includes(address), `${script.server}: ${address} is not its own private address`);
          for (const value of params.get('RemoteAddress')!) assert.match(value, /^(Any|[0-9a-f.:]+\/\d+)$/);
          // A rule's own name may end in (UDP): the twin suffix is optional to the match.
          const shown = params.get('DisplayName')![0].replace(/ \(outbound\)$/, '');
          const name = names.has(shown) ? shown : shown.replace(/ \(UDP\)$/, '');
          assert.ok(names.has(name), `display name ${shown} is not a rule of the file`);
        }
      }
      // What stdout and the editor show: every script, one after another.
      assert.equal(renderExport(result, 'powershell'), scripts.map((script) => script.text).join('\n'));
    });
  }

  test('behind NAT, the local address is the private one the public address stands for', () => {
    const { scripts } = scriptsOf(join(EXAMPLES, 'lync2013-single-edge-nat.topology.yaml'));
    const rules = rulesOf(scripts[0].text);
    const inbound = ruleNamed(rules, 'external: SIP federation to Access Edge');
    assert.equal(inbound.direction, 'Inbound');
    assert.deepEqual(inbound.params.get('LocalAddress'), ['10.45.16.10/32']);
    assert.doesNotMatch(scripts[0].text, /-LocalAddress [^-]*131\.107\.155\./);
  });

  test('flows from the Edge to the Internet are outbound rules to any remote address', () => {
    const { scripts } = scriptsOf(join(EXAMPLES, 'contoso.topology.yaml'));
    const outbound = ruleNamed(rulesOf(scripts[0].text), 'external: XMPP to federated partners');
    assert.equal(outbound.direction, 'Outbound');
    assert.deepEqual(outbound.params.get('RemotePort'), ['5269']);
    assert.deepEqual(outbound.params.get('RemoteAddress'), ['Any']);
    assert.deepEqual(outbound.params.get('LocalAddress'), ['131.107.155.10/32']);
    assert.equal(outbound.params.has('LocalPort'), false);
  });

  test('a load balancer VIP stands for the interface behind it on each Edge of the pool', () => {
    const { scripts } = scriptsOf(join(EXAMPLES, 'sfb2015-hlb.topology.yaml'));
    assert.deepEqual(
      scripts.map((script) => script.fileName),
      ['edge01.ps1', 'edge02.ps1'],
    );
    const byServer = scripts.map((script) =>
      ruleNamed(rulesOf(script.text), 'external: SIP federation to Access Edge'),
    );
    assert.deepEqual(
      byServer.map((rule) => rule.params.get('LocalAddress')),
      [['131.107.155.11/32'], ['131.107.155.12/32']],
    );
  });

  test('a rule between the Edges of a pool is inbound and outbound on each, the outbound one named so', () => {
    const { scripts } = scriptsOf(join(EXAMPLES, 'lync2013-dnslb-nat-director.topology.yaml'));
    const rules = rulesOf(scripts[0].text);
    const name = 'external: A/V Edge to A/V Edge public addresses';
    assert.equal(ruleNamed(rules, name).direction, 'Inbound');
    assert.equal(ruleNamed(rules, `${name} (outbound)`).direction, 'Outbound');
  });

  test('a rule from any to any is no host rule, and says so', () => {
    const text = readFileSync(join(EXAMPLES, 'contoso.topology.yaml'), 'utf8').replace(
      /( {2}internal:\n(?:.*\n)*? {4}rules:\n)/,
      '$1      - { name: everything, service: TCP/1-65535, from: any, to: any }\n',
    );
    const scripts = powershellScriptFiles(checkTopology(text));
    assert.match(scripts[0].text, /# Firewall internal, rule 1 \(any to any\) is not a host rule/);
    assert.equal(
      rulesOf(scripts[0].text).some((rule) => rule.params.get('DisplayName')![0] === 'internal: everything'),
      false,
    );
  });

  test('no Edge server, no script', () => {
    const result = checkTopology('topology: { product: sfb2015 }\n');
    assert.deepEqual(powershellScriptFiles(result), []);
    assert.match(renderExport(result, 'powershell'), /^# Windows Firewall scripts are written per Edge server/);
  });
});

function cli(args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('lync-ports export --format powershell -o', () => {
  const hlb = join(EXAMPLES, 'sfb2015-hlb.topology.yaml');
  test('a directory gets one script per Edge server, named after it', () => {
    const directory = mkdtempSync(join(tmpdir(), 'lync-ports-ps-'));
    const { code, stderr } = cli(['export', hlb, '--format', 'powershell', '-o', directory]);
    assert.equal(code, 0, stderr);
    assert.deepEqual(readdirSync(directory).sort(), ['edge01.ps1', 'edge02.ps1']);
    for (const script of scriptsOf(hlb).scripts)
      assert.equal(readFileSync(join(directory, script.fileName), 'utf8'), script.text);
    assert.match(stderr, /Wrote .*edge02\.ps1: the Windows Firewall rules of the Edge server edge02/);
  });
  test('one file for several Edge servers is a usage error that asks for a directory', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lync-ports-ps-')), 'all.ps1');
    const { code, stderr } = cli(['export', hlb, '--format', 'powershell', '-o', out]);
    assert.equal(code, 2);
    assert.match(stderr, /has 2 Edge servers, and PowerShell writes a script for each: give -o an existing directory/);
    assert.equal(existsSync(out), false);
  });
  test('one Edge server may go to one file', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'lync-ports-ps-')), 'edge.ps1');
    const contoso = join(EXAMPLES, 'contoso.topology.yaml');
    assert.equal(cli(['export', contoso, '--format', 'powershell', '-o', out]).code, 0);
    assert.equal(readFileSync(out, 'utf8'), scriptsOf(contoso).scripts[0].text);
  });
});
