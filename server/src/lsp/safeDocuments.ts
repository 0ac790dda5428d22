import { Connection, Disposable, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

// TextDocuments trusts its notifications: a didOpen without a textDocument throws inside it. The
// sync notifications are checked here first, so a malformed one is dropped (and logged) instead.

type Params = Record<string, unknown> | null | undefined;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isPosition = (value: unknown): boolean =>
  isObject(value) && Number.isFinite(value.line) && Number.isFinite(value.character);
const isRange = (value: unknown): boolean => isObject(value) && isPosition(value.start) && isPosition(value.end);

function validOpen(params: Params): boolean {
  const item = params?.textDocument;
  return (
    isObject(item) &&
    typeof item.uri === 'string' &&
    typeof item.text === 'string' &&
    Number.isInteger(item.version) &&
    typeof item.languageId === 'string'
  );
}

function validChange(params: Params): boolean {
  const item = params?.textDocument;
  const changes = params?.contentChanges;
  return (
    isObject(item) &&
    typeof item.uri === 'string' &&
    Number.isInteger(item.version) &&
    Array.isArray(changes) &&
    changes.every(
      (change) =>
        isObject(change) && typeof change.text === 'string' && (change.range === undefined || isRange(change.range)),
    )
  );
}

function validClose(params: Params): boolean {
  const item = params?.textDocument;
  return isObject(item) && typeof item.uri === 'string';
}

export function listenSafely(
  documents: TextDocuments<TextDocument>,
  connection: Connection,
  log: (message: string) => void,
): Disposable {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the params are checked right here
  type Handler = (params: any) => void;
  const checked =
    (name: string, valid: (params: Params) => boolean, register: (handler: Handler) => Disposable) =>
    (handler: Handler) =>
      register((params: Params) => {
        if (valid(params)) handler(params);
        else log(`lync-ports: ignored a malformed ${name} notification`);
      });
  const none = () => Disposable.create(() => undefined);
  const proxy = {
    onDidOpenTextDocument: checked('textDocument/didOpen', validOpen, (handler) =>
      connection.onDidOpenTextDocument(handler),
    ),
    onDidChangeTextDocument: checked('textDocument/didChange', validChange, (handler) =>
      connection.onDidChangeTextDocument(handler),
    ),
    onDidCloseTextDocument: checked('textDocument/didClose', validClose, (handler) =>
      connection.onDidCloseTextDocument(handler),
    ),
    // Saving changes nothing the server checks: it works on the editor's text.
    onWillSaveTextDocument: none,
    onWillSaveTextDocumentWaitUntil: none,
    onDidSaveTextDocument: none,
  };
  return documents.listen(proxy as unknown as Connection);
}
