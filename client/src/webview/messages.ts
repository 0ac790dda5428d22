// Messages between the diagram webview and the extension host. Plain data both ways: the
// webview never receives markup, only the flow model, and draws it with the shared renderer.
import type { FlowModel } from '../../../server/src/engine/index';

export type HostToWebview = {
  type: 'model';
  /** The document the drawing belongs to, and its name for the heading. */
  uri: string;
  fileName: string;
  model: FlowModel | null;
  /** Shown instead of the drawing when there is no model (no server yet, not a topology). */
  notice?: string;
  /** The YAML does not parse: `model` is the last good check, and the page says so. */
  stale?: boolean;
};

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'openFlow'; flowId: string }
  | { type: 'openNode'; nodeId: string }
  | { type: 'openFirewall'; firewallId: string }
  | { type: 'openExtraRule'; index: number }
  | { type: 'exportSvg' };

/** What the webview keeps across reloads (getState/setState) and the serializer restores. */
export interface WebviewState {
  uri?: string;
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'exportSvg':
      return true;
    case 'openFlow':
      return typeof message.flowId === 'string';
    case 'openNode':
      return typeof message.nodeId === 'string';
    case 'openFirewall':
      return typeof message.firewallId === 'string';
    case 'openExtraRule':
      return typeof message.index === 'number' && Number.isInteger(message.index) && message.index >= 0;
    default:
      return false;
  }
}
