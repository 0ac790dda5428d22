// The diagram webview's script (bundled for the browser as dist/webview.js). It draws the flow
// model it is sent with the same renderer as the CLI, and reports clicks and key presses on the
// drawing's elements to the extension, which reveals the rule in the editor. Fit Width, zoom and
// the filters by firewall and by feature are the page's own, kept in its state across reloads.
import { renderDiagramSvg } from '../../../server/src/engine/render/diagram/index';
import { localeOf } from '../../../server/src/shared/locale';
import type { FlowModel } from '../../../server/src/engine/index';
import type { HostToWebview, WebviewState, WebviewToHost } from './messages';
import { sanitizeSvg } from './sanitize';
import { format, readTexts } from './texts';
import { filterModel, filterOptions, nextZoom, type ViewState } from './view';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: WebviewState & ViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const saved = (vscode.getState() ?? {}) as WebviewState & ViewState;
// Fit Width is on unless the user turned it off (or zoomed): a first look should show the whole drawing.
const state: WebviewState & Required<ViewState> = {
  uri: saved.uri,
  fit: saved.fit !== false,
  zoom: typeof saved.zoom === 'number' && saved.zoom > 0 ? saved.zoom : 1,
  firewall: typeof saved.firewall === 'string' ? saved.firewall : '',
  feature: typeof saved.feature === 'string' ? saved.feature : '',
};
const texts = readTexts(document.querySelector('meta[name="lync-ports-texts"]')?.getAttribute('content'));
// The drawing's own words follow the UI language the page is written in (<html lang>).
const locale = localeOf(document.documentElement.lang);

const diagram = byId('diagram');
const notice = byId('notice');
const stale = byId('stale');
const fileName = byId('file-name');
const summary = byId('summary');
const fitButton = byId('fit') as HTMLButtonElement;
const exportButton = byId('export') as HTMLButtonElement;
const zoomIn = byId('zoom-in') as HTMLButtonElement;
const zoomOut = byId('zoom-out') as HTMLButtonElement;
const zoomLevel = byId('zoom-level');
const firewallFilter = byId('filter-firewall') as HTMLSelectElement;
const featureFilter = byId('filter-feature') as HTMLSelectElement;

const TARGETS = '[data-flow-id],[data-node-id][role="button"],[data-firewall-id][role="button"],[data-extra-index]';

let current: Extract<HostToWebview, { type: 'model' }> | undefined;
/** The scale the drawing is shown at now (Fit Width's or the zoom). */
let scale = 1;

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (!element) throw new Error(`webview page lacks #${id}`);
  return element;
}

function show(message: Extract<HostToWebview, { type: 'model' }>): void {
  if (state.uri !== message.uri) {
    // Another file: its firewalls and features are not this one's.
    state.firewall = '';
    state.feature = '';
  }
  current = message;
  state.uri = message.uri;
  vscode.setState(state);
  fileName.textContent = message.fileName;
  stale.textContent = message.stale ? texts.stale : '';
  stale.hidden = !message.stale;
  const model = message.model;
  if (!model) {
    summary.textContent = '';
    fillFilters(undefined);
    showNotice(message.notice ?? texts.noModel);
    diagram.replaceChildren();
    exportButton.disabled = true;
    return;
  }
  fillFilters(model);
  const shown = filterModel(model, state);
  summary.textContent =
    format(texts.summary, model.summary.allowed, model.summary.required) +
    (shown.flows.length < model.flows.length
      ? ` · ${format(texts.filtered, shown.flows.length, model.flows.length)}`
      : '');
  const svg = parseSvg(renderDiagramSvg(shown, { standalone: false, title: message.fileName, locale }));
  if (!svg) {
    showNotice(texts.cannotDraw);
    diagram.replaceChildren();
    exportButton.disabled = true;
    return;
  }
  showNotice(message.notice);
  // Keep keyboard focus on the same arrow across live updates while the user edits.
  const focused = document.activeElement?.closest(TARGETS);
  const focusKey = focused ? targetKey(focused) : undefined;
  diagram.replaceChildren(svg);
  applyScale();
  exportButton.disabled = false;
  if (focusKey) {
    const again = Array.from(diagram.querySelectorAll(TARGETS)).find((element) => targetKey(element) === focusKey);
    (again as SVGElement | undefined)?.focus();
  }
}

function fillFilters(model: FlowModel | undefined): void {
  const options = filterOptions(model, texts.features);
  fill(firewallFilter, texts.allFirewalls, options.firewalls, state.firewall);
  fill(featureFilter, texts.allFeatures, options.features, state.feature);
}

/** Options built as elements with textContent: names from the file never become markup. */
function fill(select: HTMLSelectElement, all: string, options: { value: string; label: string }[], chosen = ''): void {
  const items = [{ value: '', label: all }, ...options].map(({ value, label }) => {
    const option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    return option;
  });
  select.replaceChildren(...items);
  select.value = options.some((option) => option.value === chosen) ? chosen : '';
  select.disabled = options.length === 0;
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

/** The width the drawing may take: the panel's, less the drawing area's own padding. */
function availableWidth(): number {
  const style = getComputedStyle(diagram);
  return diagram.clientWidth - parseFloat(style.paddingLeft || '0') - parseFloat(style.paddingRight || '0');
}

function applyScale(): void {
  fitButton.setAttribute('aria-pressed', String(state.fit === true));
  const svg = diagram.querySelector('svg');
  const natural = Number(svg?.getAttribute('width'));
  if (!svg || !(natural > 0)) {
    zoomLevel.textContent = `${Math.round((state.fit ? 1 : state.zoom) * 100)}%`;
    return;
  }
  // Fit Width: the whole width in the panel, however small that makes it (zoom in to read).
  scale = state.fit ? Math.min(1, availableWidth() / natural) : state.zoom;
  // Set through the CSSOM, which the CSP allows (a style attribute in markup it would block).
  svg.style.width = `${Math.floor(natural * scale)}px`;
  zoomLevel.textContent = `${Math.round(scale * 100)}%`;
}

function zoomTo(next: number, around?: { x: number; y: number }): void {
  const before = scale;
  const point = around ?? { x: diagram.clientWidth / 2, y: diagram.clientHeight / 2 };
  const contentX = diagram.scrollLeft + point.x;
  const contentY = diagram.scrollTop + point.y;
  state.fit = false;
  state.zoom = next;
  vscode.setState(state);
  applyScale();
  // Keep the point under the pointer (or the middle) where it was.
  const ratio = scale / before;
  diagram.scrollLeft = contentX * ratio - point.x;
  diagram.scrollTop = contentY * ratio - point.y;
}

new ResizeObserver(() => {
  if (state.fit) applyScale();
}).observe(diagram);
fitButton.addEventListener('click', () => {
  state.fit = !state.fit;
  if (!state.fit) state.zoom = 1;
  vscode.setState(state);
  applyScale();
});
zoomIn.addEventListener('click', () => zoomTo(nextZoom(scale, 1)));
zoomOut.addEventListener('click', () => zoomTo(nextZoom(scale, -1)));
diagram.addEventListener(
  'wheel',
  (event) => {
    if (!event.ctrlKey || event.deltaY === 0) return;
    event.preventDefault(); // the page itself must not zoom
    const box = diagram.getBoundingClientRect();
    zoomTo(nextZoom(scale, event.deltaY < 0 ? 1 : -1), { x: event.clientX - box.left, y: event.clientY - box.top });
  },
  { passive: false },
);
for (const [select, key] of [
  [firewallFilter, 'firewall'],
  [featureFilter, 'feature'],
] as const) {
  select.addEventListener('change', () => {
    state[key] = select.value;
    vscode.setState(state);
    if (current) show(current);
  });
}
exportButton.addEventListener('click', () => vscode.postMessage({ type: 'exportSvg' }));
exportButton.disabled = true;
fillFilters(undefined);
applyScale();

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as HostToWebview | undefined;
  if (message && message.type === 'model' && typeof message.uri === 'string') show(message);
});

vscode.postMessage({ type: 'ready' });
