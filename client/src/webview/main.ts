// The diagram webview's script (bundled for the browser as dist/webview.js). It draws the flow
// model it is sent with the same renderer as the CLI, and reports clicks and key presses on the
// drawing's elements to the extension, which reveals the rule in the editor.
import { renderDiagramSvg } from '../../../server/src/engine/render/diagram/index';
import type { HostToWebview, WebviewState, WebviewToHost } from './messages';
import { sanitizeSvg } from './sanitize';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: WebviewState & { fit?: boolean }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as WebviewState & { fit?: boolean };
// Fit Width is on unless the user turned it off: a first look should show the whole drawing.
const state: WebviewState & { fit?: boolean } = { uri: saved.uri, fit: saved.fit !== false };

const diagram = byId('diagram');
const notice = byId('notice');
const fileName = byId('file-name');
const summary = byId('summary');
const fitButton = byId('fit') as HTMLButtonElement;
const exportButton = byId('export') as HTMLButtonElement;

const TARGETS = '[data-flow-id],[data-node-id][role="button"],[data-firewall-id][role="button"],[data-extra-index]';

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`webview page lacks #${id}`);
  return element;
}

function show(message: Extract<HostToWebview, { type: 'model' }>): void {
  state.uri = message.uri;
  vscode.setState(state);
  fileName.textContent = message.fileName;
  const model = message.model;
  if (!model) {
    summary.textContent = '';
    showNotice(message.notice ?? 'No flow model for this file yet.');
    diagram.replaceChildren();
    exportButton.disabled = true;
    return;
  }
  summary.textContent = `required flows allowed: ${model.summary.allowed}/${model.summary.required}`;
  const svg = parseSvg(renderDiagramSvg(model, { standalone: false, title: message.fileName }));
  if (!svg) {
    showNotice('The diagram could not be drawn for this file.');
    diagram.replaceChildren();
    exportButton.disabled = true;
    return;
  }
  showNotice(message.notice);
  // Keep keyboard focus on the same arrow across live updates while the user edits.
  const focused = document.activeElement?.closest(TARGETS);
  const focusKey = focused ? targetKey(focused) : undefined;
  diagram.replaceChildren(svg);
  applyFit();
  exportButton.disabled = false;
  if (focusKey) {
    const again = Array.from(diagram.querySelectorAll(TARGETS)).find((element) => targetKey(element) === focusKey);
    (again as SVGElement | undefined)?.focus();
  }
}

function showNotice(text: string | undefined): void {
  notice.textContent = text ?? '';
  notice.hidden = !text;
}

/** Parses the renderer's SVG as XML (no HTML parsing, no scripts) and keeps only what it should hold. */
function parseSvg(text: string): SVGSVGElement | undefined {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg') return undefined;
  sanitizeSvg(root);
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

function targetKey(element: Element): string {
  for (const name of ['data-flow-id', 'data-node-id', 'data-firewall-id', 'data-extra-index']) {
    const value = element.getAttribute(name);
    if (value !== null) return `${name}=${value}`;
  }
  return '';
}

function messageFor(element: Element): WebviewToHost | undefined {
  const flowId = element.getAttribute('data-flow-id');
  if (flowId !== null) return { type: 'openFlow', flowId };
  const nodeId = element.getAttribute('data-node-id');
  if (nodeId !== null) return { type: 'openNode', nodeId };
  const firewallId = element.getAttribute('data-firewall-id');
  if (firewallId !== null) return { type: 'openFirewall', firewallId };
  const index = element.getAttribute('data-extra-index');
  if (index !== null && /^\d+$/.test(index)) return { type: 'openExtraRule', index: Number(index) };
  return undefined;
}

function activate(target: EventTarget | null): boolean {
  const element = target instanceof Element ? target.closest(TARGETS) : null;
  if (!element || !diagram.contains(element)) return false;
  const message = messageFor(element);
  if (!message) return false;
  vscode.postMessage(message);
  return true;
}

diagram.addEventListener('click', (event) => {
  activate(event.target);
});
diagram.addEventListener('keydown', (event) => {
  if (event.key !== 'Enter' && event.key !== ' ') return;
  if (activate(event.target)) event.preventDefault(); // Space would scroll the page
});

/** Below this scale the labels get too small to read; the panel scrolls instead. */
const MIN_FIT_SCALE = 0.6;

function applyFit(): void {
  fitButton.setAttribute('aria-pressed', String(state.fit === true));
  const svg = diagram.querySelector('svg');
  if (!svg) return;
  const natural = Number(svg.getAttribute('width'));
  if (!state.fit || !(natural > 0)) {
    svg.style.width = '';
    return;
  }
  // Set through the CSSOM, which the CSP allows (a style attribute in markup it would block).
  const available = diagram.clientWidth;
  svg.style.width = `${Math.round(Math.min(natural, Math.max(available, natural * MIN_FIT_SCALE)))}px`;
}
new ResizeObserver(() => applyFit()).observe(diagram);
fitButton.addEventListener('click', () => {
  state.fit = !state.fit;
  vscode.setState(state);
  applyFit();
});
exportButton.addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));
exportButton.disabled = true;
applyFit();

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToWebview | undefined;
  if (message && message.type === 'model' && typeof message.uri === 'string') show(message);
});

vscode.postMessage({ type: 'ready' });
