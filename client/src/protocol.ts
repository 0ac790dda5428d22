// The custom messages the language server adds to LSP for the diagram and the status bar.
// Names and shapes are the server's (server/src/server.ts); the types are the engine's.
import { NotificationType, RequestType } from 'vscode-languageclient';
import type { FlowModel } from '../../server/src/engine/index';

export interface FlowModelParams {
  uri: string;
}

/** The flow model of an open document, or null when the server does not manage that document. */
export const FlowModelRequest = new RequestType<FlowModelParams, FlowModel | null, void>('lyncPorts/flowModel');

export interface FlowModelChangedParams {
  uri: string;
  version: number;
}

/** Sent after the diagnostics of a new document version are published. */
export const FlowModelChangedNotification = new NotificationType<FlowModelChangedParams>('lyncPorts/flowModelChanged');
