// The diagram webview's page. Pure (no vscode import) so the page can be tested alone in Chromium
// with the very markup the extension serves. Only our own script and stylesheet load, both by
// nonce; the drawing itself is built by the script from data, never injected as markup here.

export interface WebviewHtmlParts {
  /** webview.cspSource: the origin the webview serves local resources from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
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
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(parts.styleUri)}" nonce="${attribute(parts.nonce)}">
<title>Firewall flow diagram</title>
</head>
<body>
<header class="toolbar">
  <div class="heading">
    <span id="file-name" class="file-name"></span>
    <span id="summary" class="summary"></span>
  </div>
  <div class="actions">
    <button id="fit" type="button" aria-pressed="true"
      title="Scale the drawing down to the width of the panel">Fit Width</button>
    <button id="export" type="button" title="Save the drawing as an SVG file">Export SVG…</button>
  </div>
</header>
<p id="notice" class="notice" role="status" hidden></p>
<main id="diagram" class="diagram" aria-label="Firewall flow diagram"></main>
<script nonce="${attribute(parts.nonce)}" src="${attribute(parts.scriptUri)}"></script>
</body>
</html>
`;
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
