// Serves the diagram webview's page the way VS Code does: the HTML from webviewHtml() with a
// fresh nonce and the CSP, the bundled script and the stylesheet from their shipped paths.
// Everything else is a 404, and every request is recorded so tests can see what was fetched.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { WebviewTexts } from '../../client/src/webview/texts';
import { webviewHtml } from '../../client/src/webviewHtml';

const ROOT = join(__dirname, '../../..');
const FILES: Record<string, { path: string; type: string }> = {
  '/dist/webview.js': { path: 'dist/webview.js', type: 'text/javascript' },
  '/client/media/diagram.css': { path: 'client/media/diagram.css', type: 'text/css' },
};

export interface WebviewServer {
  origin: string;
  nonce: string;
  html: string;
  requests: string[];
  close(): Promise<void>;
}

/** `texts` and `language`: the page as the extension serves it in another UI language. */
export async function startWebviewServer(
  options: { texts?: WebviewTexts; language?: string } = {},
): Promise<WebviewServer> {
  const nonce = randomBytes(18).toString('base64');
  const requests: string[] = [];
  let html = '';
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    requests.push(path);
    if (path === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
      return;
    }
    if (path === '/favicon.ico') {
      // Chromium asks for it by itself; an empty answer keeps a 404 out of the console.
      response.writeHead(204).end();
      return;
    }
    const file = FILES[path];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type });
    response.end(readFileSync(join(ROOT, file.path)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  html = webviewHtml({
    cspSource: origin,
    nonce,
    scriptUri: `${origin}/dist/webview.js`,
    styleUri: `${origin}/client/media/diagram.css`,
    ...options,
  });
  return {
    origin,
    nonce,
    html,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
