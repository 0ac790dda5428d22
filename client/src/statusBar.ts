// The status bar item "required flows allowed: n/m" for the active topology file; a click opens
// the diagram. It reads the same flow model as the diagram, so the two never disagree; while the
// YAML does not parse, both say they show the last good check.
import * as vscode from 'vscode';
import { type ServerConnection, syntaxErrorIn } from './serverConnection';
import { isTopologyDocument } from './topologyFiles';

const t = vscode.l10n.t;

export class FlowStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lyncPorts.flows', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** Whether the shown text was for broken YAML: a diagnostics change that flips it updates the item. */
  private shownStale: boolean | undefined;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = t('Lync Ports: Required Flows');
    this.item.command = 'lyncPorts.showDiagram';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      connection.onDidChangeFlowModel((params) => {
        const active = vscode.window.activeTextEditor?.document.uri;
        if (active && vscode.Uri.parse(params.uri).toString() === active.toString()) void this.update();
      }),
      // The diagnostics may land after the flow model notification: the stale mark follows them.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri;
        if (!active || !event.uris.some((uri) => uri.toString() === active.toString())) return;
        if (this.shownStale !== undefined && syntaxErrorIn(active) !== this.shownStale) void this.update();
      }),
      connection.onDidStart(() => void this.update()),
    );
    void this.update();
  }

  /** The text shown, for tests; undefined while hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  /** The tooltip shown, for tests. */
  get tooltip(): string | undefined {
    const tooltip = this.item.tooltip;
    return typeof tooltip === 'string' ? tooltip : tooltip?.value;
  }

  private visible = false;

  async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      this.hide();
      return;
    }
    const { model, stale } = await this.connection.shownFlowModel(editor.document.uri);
    if (generation !== this.generation) return; // a newer update is under way
    if (!model) {
      this.hide();
      return;
    }
    this.shownStale = stale;
    const { allowed, required } = model.summary;
    const complete = allowed === required;
    const counts = t('required flows allowed: {0}/{1}', allowed, required);
    const click = t('Click to show the firewall flow diagram.');
    if (stale) {
      this.item.text = `$(warning) ${counts} ${t('(showing the last good check)')}`;
      const why = t(
        'The YAML of this file does not parse (see Problems): showing the last good check until it parses again.',
      );
      this.item.tooltip = new vscode.MarkdownString(`${why}\n\n${click}`);
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else {
      this.item.text = `${complete ? '$(pass)' : '$(warning)'} ${counts}`;
      this.item.tooltip = new vscode.MarkdownString(
        `${
          complete
            ? t('Every required flow of this topology is allowed by its firewalls.')
            : t('Required flows missing, blocked or misconfigured: {0}.', required - allowed)
        }\n\n${click}`,
      );
      this.item.backgroundColor = complete ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    }
    this.item.accessibilityInformation = {
      label:
        t('Lync Ports: required flows allowed {0} of {1}.', allowed, required) +
        (stale ? ` ${t('(showing the last good check)')}` : '') +
        ` ${t('Show the firewall flow diagram.')}`,
    };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
    this.shownStale = undefined;
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
