// The diagram webview's page. Pure (no vscode import) so the page can be tested alone in Chromium
// with the very markup the extension serves. Only our own script and stylesheet load, both by
// nonce; the drawing itself is built by the script from data, never injected as markup here.
// Every text in it (the translated words included) goes through attribute() or text().
import { ENGLISH_TEXTS, type WebviewTexts } from './webview/texts';

export interface WebviewHtmlParts {
  /** webview.cspSource: the origin the webview serves local resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  /** The page's words in the UI language; English when absent. */
  texts?: WebviewTexts;
  /** The UI language, for `<html lang>`. */
  language?: string;
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

export function webviewHtml(parts: WebviewHtmlParts): string {
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  const texts = parts.texts ?? ENGLISH_TEXTS;
  const button = (id: string, label: string, shown: string) =>
    `<button id="${id}" type="button" title="${attribute(label)}" aria-label="${attribute(label)}">${shown}</button>`;
  return `<!DOCTYPE html>
<html lang="${attribute(parts.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta name="lync-ports-texts" content="${attribute(JSON.stringify(texts))}">
<link rel="stylesheet" href="${attribute(parts.styleUri)}" nonce="${attribute(parts.nonce)}">
<title>${text(texts.title)}</title>
</head>
<body>
<header class="toolbar">
  <div class="heading">
    <span id="file-name" class="file-name"></span>
    <span id="summary" class="summary"></span>
  </div>
  <div class="actions">
    <label class="filter">${text(texts.filterFirewall)}
      <select id="filter-firewall"><option value="">${text(texts.allFirewalls)}</option></select></label>
    <label class="filter">${text(texts.filterFeature)}
      <select id="filter-feature"><option value="">${text(texts.allFeatures)}</option></select></label>
    <span class="zoom" role="group" aria-label="${attribute(texts.zoomTitle)}">
      ${button('zoom-out', texts.zoomOut, '−')}
      <span id="zoom-level" class="zoom-level" aria-live="polite">100%</span>
      ${button('zoom-in', texts.zoomIn, '+')}
    </span>
    <button id="fit" type="button" aria-pressed="true"
      title="${attribute(texts.fitWidthTitle)}">${text(texts.fitWidth)}</button>
    <button id="export" type="button" title="${attribute(texts.exportSvgTitle)}">${text(texts.exportSvg)}</button>
  </div>
</header>
<p id="stale" class="stale" role="alert" hidden></p>
<p id="notice" class="notice" role="status" hidden></p>
<main id="diagram" class="diagram" aria-label="${attribute(texts.diagramLabel)}"></main>
<script nonce="${attribute(parts.nonce)}" src="${attribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
