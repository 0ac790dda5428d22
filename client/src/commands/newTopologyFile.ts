// "New Topology File": an untitled editor holding the shipped example, ready to adapt and save.
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../topologyFiles';

export async function newTopologyFile(context: vscode.ExtensionContext): Promise<vscode.TextEditor> {
  const example = vscode.Uri.joinPath(context.extensionUri, 'examples', 'contoso.topology.yaml');
  const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(example));
  const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
  return vscode.window.showTextDocument(document);
}
