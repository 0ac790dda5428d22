// The status bar item "required flows allowed: n/m" for the active topology file; a click opens
// the diagram. It reads the same flow model as the diagram, so the two never disagree.
import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';
import { isTopologyDocument } from './topologyFiles';

export class FlowStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('lyncPorts.flows', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;

  constructor(private readonly connection: ServerConnection) {
    this.item.name = 'Lync Ports: Required Flows';
    this.item.command = 'lyncPorts.showDiagram';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      connection.onDidChangeFlowModel((params) => {
        const active = vscode.window.activeTextEditor?.document.uri;
        if (active && vscode.Uri.parse(params.uri).toString() === active.toString()) void this.update();
      }),
      connection.onDidStart(() => void this.update()),
    );
    void this.update();
  }

  /** The text shown, for tests; undefined while hidden. */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;

  async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isTopologyDocument(editor.document)) {
      this.hide();
      return;
    }
    const model = await this.connection.flowModel(editor.document.uri);
    if (generation !== this.generation) return; // a newer update is under way
    if (!model) {
      this.hide();
      return;
    }
    const { allowed, required } = model.summary;
    const complete = allowed === required;
    this.item.text = `${complete ? '$(pass)' : '$(warning)'} required flows allowed: ${allowed}/${required}`;
    this.item.tooltip = new vscode.MarkdownString(
      complete
        ? `Every required flow of this topology is allowed by its firewalls.\n\nClick to ` +
            `show the firewall flow diagram.`
        : `${required - allowed} required flow${required - allowed === 1 ? ' is' : 's are'} missing, blocked or ` +
            `misconfigured.\n\nClick to show the firewall flow diagram.`,
    );
    this.item.backgroundColor = complete ? undefined : new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.accessibilityInformation = {
      label: `Lync Ports: required flows allowed ${allowed} of ${required}. Show the firewall flow diagram.`,
    };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  dispose(): void {
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
