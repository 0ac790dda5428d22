import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, scratchCopy, until, workspaceFile } from './helpers';

// "Verify Firewall Dump…" in the extension host: a Cisco ASA config of contoso's external firewall
// with one access-list line removed gives one missing flow, shown in the Problems view on the dump,
// which opens; editing the dump takes its findings away. The Edge's Windows Firewall verifies clean.

const FIXTURES = join(__dirname, '../../../../test/fixtures/verify');
const ASA = readFileSync(join(FIXTURES, 'asa/contoso-external.asa.txt'), 'utf8');
const WINDOWS = readFileSync(join(FIXTURES, 'windows/contoso-edge01.json'), 'utf8');

interface Outcome {
  errors: number;
  warnings: number;
  findings: string[];
}

const verifyFindings = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'lync-ports verify');

suite('verify a firewall dump', () => {
  test('an ASA dump missing a rule: one missing flow on the dump, gone once the dump is edited', async () => {
    await api();
    await scratchCopy('contoso.topology.yaml');
    const outbound = 'access-list EDGE-EXTERNAL extended permit tcp object edge01-accessEdge any';
    const text = ASA.split('\n')
      .filter((line) => !line.startsWith(outbound))
      .join('\n');
    const dump = workspaceFile('scratch/contoso-external.asa.txt');
    await vscode.workspace.fs.writeFile(dump, new TextEncoder().encode(text));
    const outcome = await vscode.commands.executeCommand<Outcome>('lyncPorts.verifyDump', 'external', dump);
    assert.equal(outcome.errors, 1, JSON.stringify(outcome));
    assert.equal(outcome.warnings, 0);
    assert.equal(outcome.findings.length, 1);
    assert.match(outcome.findings[0], /^\d+:missing-flow$/);
    const shown = verifyFindings(dump);
    assert.deepEqual(
      shown.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line + 1]),
      [['missing-flow', Number(outcome.findings[0].split(':')[0])]],
    );
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), dump.toString(), 'the dump opened');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((builder) => builder.insert(new vscode.Position(0, 0), '! edited\n'));
    await until('the findings to go with the edit', vscode.languages.onDidChangeDiagnostics, () =>
      verifyFindings(dump).length === 0 ? true : undefined,
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test("the Edge server's Windows Firewall rules verify clean, inbound and outbound", async () => {
    await api();
    await scratchCopy('contoso.topology.yaml');
    const dump = workspaceFile('scratch/edge01-firewall.json');
    await vscode.workspace.fs.writeFile(dump, new TextEncoder().encode(WINDOWS));
    const outcome = await vscode.commands.executeCommand<Outcome>('lyncPorts.verifyDump', 'edge01', dump);
    assert.deepEqual(outcome, { dump: 'scratch/edge01-firewall.json', errors: 0, warnings: 0, findings: [] });
    assert.deepEqual(verifyFindings(dump), []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
