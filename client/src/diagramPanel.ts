// The firewall flow diagram panel: one webview that follows the active topology editor and
// redraws when the server reports a new flow model. The drawing itself happens in the webview
// (client/src/webview/main.ts) with the shared renderer; this side sends data and acts on clicks.
// The exported SVG file comes from the language server, so the extension host runs no engine code.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { FlowModel } from '../../server/src/engine/index';
import { REQUESTS } from '../../server/src/shared/protocol';
import { FEATURE_NAMES, featureLabel } from './featureLabels';
import { revealInEditor } from './reveal';
import { type ServerConnection, syntaxErrorIn } from './serverConnection';
import { isTopologyDocument } from './topologyFiles';
import { type HostToWebview, isWebviewToHost, type WebviewState, type WebviewToHost } from './webview/messages';
import type { WebviewTexts } from './webview/texts';
import { webviewHtml } from './webviewHtml';

const t = vscode.l10n.t;

export const DIAGRAM_VIEW_TYPE = 'lyncPorts.diagram';

/** What the panel last did, for the status bar and for tests running inside VS Code. */
export interface DiagramSnapshot {
  uri: string | undefined;
  model: FlowModel | undefined;
  /** The YAML does not parse: the model is the last good check. */
  stale: boolean;
  /** Messages received from the webview script, counted by type: proof that it runs. */
  received: Record<string, number>;
  posted: number;
}

export class DiagramPanel implements vscode.Disposable {
  private static instance: DiagramPanel | undefined;
  private static readonly changed = new vscode.EventEmitter<DiagramSnapshot>();
  /** Fires after each model sent to the webview and each message received from it. */
  static readonly onDidChange = DiagramPanel.changed.event;

  private uri: vscode.Uri | undefined;
  private model: FlowModel | undefined;
  private stale = false;
  private readonly received: Record<string, number> = {};
  private posted = 0;
  private readonly disposables: vscode.Disposable[] = [];

  static get current(): DiagramPanel | undefined {
    return DiagramPanel.instance;
  }

  /** Shows the diagram of `uri`, in the existing panel when there is one. */
  static async show(
    context: vscode.ExtensionContext,
    connection: ServerConnection,
    uri: vscode.Uri,
  ): Promise<DiagramPanel> {
    if (DiagramPanel.instance) {
      DiagramPanel.instance.panel.reveal(undefined, true);
      await DiagramPanel.instance.follow(uri);
      return DiagramPanel.instance;
    }
    const panel = vscode.window.createWebviewPanel(
      DIAGRAM_VIEW_TYPE,
      t('Firewall Flows'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      DiagramPanel.webviewOptions(context),
    );
    const instance = new DiagramPanel(panel, context, connection);
    await instance.follow(uri);
    return instance;
  }

  /** Restores a panel VS Code kept across a window reload (WebviewPanelSerializer). */
  static async revive(
    panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    connection: ServerConnection,
    state: unknown,
  ): Promise<void> {
    connection.output.appendLine(`Restoring the firewall flow diagram (state ${JSON.stringify(state)}).`);
    panel.webview.options = DiagramPanel.webviewOptions(context);
    const instance = new DiagramPanel(panel, context, connection);
    const saved = state as WebviewState | undefined;
    const uri = typeof saved?.uri === 'string' ? vscode.Uri.parse(saved.uri) : activeTopologyUri();
    // Not awaited: VS Code shows the restored webview only once this returns, and the model is
    // sent when the webview's script says it is ready.
    if (uri) void instance.follow(uri);
  }

  static webviewOptions(context: vscode.ExtensionContext): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      // Only our stylesheet and bundle; nothing from the workspace.
      localResourceRoots: [
        vscode.Uri.joinPath(context.extensionUri, 'client', 'media'),
        vscode.Uri.joinPath(context.extensionUri, 'dist'),
      ],
      enableFindWidget: false,
    };
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly context: vscode.ExtensionContext,
    private readonly connection: ServerConnection,
  ) {
    DiagramPanel.instance?.dispose();
    DiagramPanel.instance = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'client', 'media', 'diagram-icon.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (isWebviewToHost(message)) void this.handle(message);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isTopologyDocument(editor.document) && editor.document.uri.toString() !== this.uri?.toString())
          void this.follow(editor.document.uri);
      }),
      connection.onDidChangeFlowModel((params) => {
        if (this.uri && vscode.Uri.parse(params.uri).toString() === this.uri.toString()) void this.refresh();
      }),
      connection.onDidStart(() => void this.refresh()),
      // The diagnostics may land after the flow model notification: the banner follows them.
      vscode.languages.onDidChangeDiagnostics((event) => {
        const uri = this.uri;
        if (
          uri &&
          event.uris.some((changed) => changed.toString() === uri.toString()) &&
          syntaxErrorIn(uri) !== this.stale
        )
          void this.refresh();
      }),
    );
  }

  snapshot(): DiagramSnapshot {
    return {
      uri: this.uri?.toString(),
      model: this.model,
      stale: this.stale,
      received: { ...this.received },
      posted: this.posted,
    };
  }

  async follow(uri: vscode.Uri): Promise<void> {
    // Never the last file's model under this one's name.
    if (uri.toString() !== this.uri?.toString()) this.model = undefined;
    this.uri = uri;
    this.panel.title = t('Flows: {0}', baseName(uri));
    await this.refresh();
  }

  /** Asks the server for the current model and sends it to the webview. */
  async refresh(): Promise<void> {
    const uri = this.uri;
    if (!uri) return;
    const { model, stale } = await this.connection.shownFlowModel(uri);
    if (uri !== this.uri) return; // the user moved on while we waited
    this.model = model;
    this.stale = stale && model !== undefined;
    const message: HostToWebview = {
      type: 'model',
      uri: uri.toString(),
      fileName: baseName(uri),
      model: model ?? null,
      notice: model ? undefined : t('Waiting for the language server to check this file…'),
      stale: this.stale,
    };
    // A hidden webview has no script running (no retainContextWhenHidden); it asks again with
    // 'ready' when it is shown.
    if (await this.panel.webview.postMessage(message)) this.posted++;
    DiagramPanel.changed.fire(this.snapshot());
  }

  /** Acts on a message from the webview; public so tests inside VS Code can drive it too. */
  async handle(message: WebviewToHost): Promise<void> {
    this.received[message.type] = (this.received[message.type] ?? 0) + 1;
    try {
      switch (message.type) {
        case 'ready':
          await this.refresh();
          break;
        case 'openFlow':
          await this.openFlow(message.flowId);
          break;
        case 'openNode': {
          const node = this.model?.nodes.find((candidate) => candidate.id === message.nodeId);
          if (node?.range && this.uri)
            await revealInEditor(this.uri, node.range, { offerFix: false, besides: this.panel.viewColumn });
          break;
        }
        case 'openFirewall': {
          const firewall = this.model?.firewalls.find((candidate) => candidate.id === message.firewallId);
          const range = firewall?.range ?? firewall?.rulesRange;
          if (range && this.uri)
            await revealInEditor(this.uri, range, { offerFix: false, besides: this.panel.viewColumn });
          break;
        }
        case 'openExtraRule': {
          const rule = this.model?.extraRules[message.index];
          if (rule && this.uri)
            await revealInEditor(this.uri, rule.range, { offerFix: false, besides: this.panel.viewColumn });
          break;
        }
        case 'exportSvg':
          await this.exportSvg();
          break;
      }
    } finally {
      DiagramPanel.changed.fire(this.snapshot());
    }
  }

  private async openFlow(flowId: string): Promise<void> {
    const flow = this.model?.flows.find((candidate) => candidate.id === flowId);
    if (!flow || !this.uri) return;
    const range = flow.ranges[0];
    if (!range) return;
    // A missing flow lands on the firewall's rules key, where the server offers to insert it.
    await revealInEditor(this.uri, range, { offerFix: flow.status !== 'allowed', besides: this.panel.viewColumn });
  }

  /** Saves the drawing with its colours inline, so it looks right outside VS Code. */
  async exportSvg(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.model || !this.uri) {
      void vscode.window.showWarningMessage(t('There is no diagram to export yet.'));
      return undefined;
    }
    const destination =
      target ??
      (await vscode.window.showSaveDialog({
        defaultUri: defaultExportUri(this.uri),
        filters: { [t('SVG image')]: ['svg'] },
        saveLabel: t('Export'),
        title: t('Export Firewall Flow Diagram'),
      }));
    if (!destination) return undefined;
    const result = await this.connection
      .request(REQUESTS.diagramSvg, this.uri, { title: baseName(this.uri) })
      .catch((error: unknown) => ({
        refused: t('The diagram could not be exported: {0}', error instanceof Error ? error.message : String(error)),
      }));
    if ('refused' in result) {
      void vscode.window.showErrorMessage(result.refused);
      return undefined;
    }
    await vscode.workspace.fs.writeFile(destination, new TextEncoder().encode(result.text));
    if (!target)
      void vscode.window.showInformationMessage(
        t('Diagram saved to {0}.', vscode.workspace.asRelativePath(destination)),
      );
    return destination;
  }

  private html(): string {
    const webview = this.panel.webview;
    return webviewHtml({
      cspSource: webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview.js')).toString(),
      styleUri: webview
        .asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'client', 'media', 'diagram.css'))
        .toString(),
      texts: webviewTexts(this.model),
      language: vscode.env.language,
    });
  }

  dispose(): void {
    if (DiagramPanel.instance === this) DiagramPanel.instance = undefined;
    this.disposables.forEach((disposable) => disposable.dispose());
    this.disposables.length = 0;
    this.panel.dispose();
  }
}

export function activeTopologyUri(): vscode.Uri | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor && isTopologyDocument(editor.document)) return editor.document.uri;
  return vscode.window.visibleTextEditors.find((candidate) => isTopologyDocument(candidate.document))?.document.uri;
}

function baseName(uri: vscode.Uri): string {
  const path = uri.path;
  return path.slice(path.lastIndexOf('/') + 1) || uri.toString();
}

function defaultExportUri(uri: vscode.Uri): vscode.Uri | undefined {
  if (uri.scheme === 'untitled') {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return folder ? vscode.Uri.joinPath(folder, 'firewall-flows.svg') : undefined;
  }
  return uri.with({ path: uri.path.replace(/\.ya?ml$/i, '') + '.svg' });
}

/** The page's words in the UI language; feature titles for every feature the wizard knows. */
function webviewTexts(model: FlowModel | undefined): WebviewTexts {
  const features: Record<string, string> = {};
  for (const name of FEATURE_NAMES) features[name] = featureLabel(name);
  for (const flow of model?.flows ?? []) features[flow.feature] ??= featureLabel(flow.feature);
  return {
    title: t('Firewall flow diagram'),
    fitWidth: t('Fit Width'),
    fitWidthTitle: t('Scale the drawing to the width of the panel'),
    zoomIn: t('Zoom in'),
    zoomOut: t('Zoom out'),
    zoomTitle: t('Zoom (Ctrl+mouse wheel)'),
    exportSvg: t('Export SVG…'),
    exportSvgTitle: t('Save the drawing as an SVG file'),
    filterFirewall: t('Firewall'),
    filterFeature: t('Feature'),
    allFirewalls: t('All firewalls'),
    allFeatures: t('All features'),
    summary: t('required flows allowed: {0}/{1}'),
    filtered: t('showing {0} of {1} flows'),
    noModel: t('No flow model for this file yet.'),
    cannotDraw: t('The diagram could not be drawn for this file.'),
    stale: t('The YAML of this file does not parse: showing the last good check until it parses again.'),
    diagramLabel: t('Firewall flow diagram'),
    features,
  };
}
