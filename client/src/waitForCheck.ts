// Waits until the server has checked a given version of a document (it sends
// lyncPorts/flowModelChanged after publishing that version's diagnostics).
import * as vscode from 'vscode';
import type { ServerConnection } from './serverConnection';

export function waitForCheck(
  connection: ServerConnection,
  uri: vscode.Uri,
  minVersion: number,
  timeoutMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      resolve(false);
    }, timeoutMs);
    const subscription = connection.onDidChangeFlowModel((params) => {
      // A version null is a check of the file on disk.
      if (vscode.Uri.parse(params.uri).toString() !== uri.toString() || (params.version ?? 0) < minVersion) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(true);
    });
  });
}
