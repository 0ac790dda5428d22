// Colours of the standalone SVG (CLI, export). The webview draws the same elements with CSS
// classes of the same names, themed with VS Code's colours (client/media/diagram.css); a test
// checks that every class the renderer emits is styled there.
import type { FlowStatus } from '../../types';

export type PaintRole =
  | 'diagram-background'
  | 'diagram-title'
  | 'diagram-text'
  | 'diagram-muted'
  | 'zone-external'
  | 'zone-perimeter'
  | 'zone-internal'
  | 'zone-title'
  | 'node-box'
  | 'node-internet'
  | 'node-label'
  | 'node-detail'
  | 'lifeline'
  | 'firewall-bar'
  | 'firewall-label'
  | 'flow-line'
  | 'flow-head'
  | 'flow-mark'
  | 'flow-glyph'
  | 'flow-label'
  | 'flow-note'
  | 'flow-halo'
  | 'hit'
  | 'extra-header'
  | 'extra-text'
  | 'extra-deny';

export interface Paint {
  fill?: string;
  stroke?: string;
  fillOpacity?: number;
}

/** Light theme: exported drawings usually end up in documents with a white page. */
export const STATUS_COLOURS: Record<FlowStatus, string> = {
  allowed: '#1a7f37',
  missing: '#cf222e',
  misconfigured: '#bc4c00',
  blocked: '#8250df',
};

const TEXT = '#1f2328';
const MUTED = '#59636e';
const BACKGROUND = '#ffffff';

export const STANDALONE_PALETTE: Record<PaintRole, Paint> = {
  'diagram-background': { fill: BACKGROUND },
  'diagram-title': { fill: TEXT },
  'diagram-text': { fill: TEXT },
  'diagram-muted': { fill: MUTED },
  'zone-external': { fill: '#ddeaf7', stroke: '#9fbcdb', fillOpacity: 0.55 },
  'zone-perimeter': { fill: '#fbecd0', stroke: '#dcb978', fillOpacity: 0.55 },
  'zone-internal': { fill: '#dcefdc', stroke: '#9cc69c', fillOpacity: 0.55 },
  'zone-title': { fill: MUTED },
  'node-box': { fill: BACKGROUND, stroke: '#8c959f' },
  'node-internet': { fill: '#f6f8fa', stroke: '#8c959f' },
  'node-label': { fill: TEXT },
  'node-detail': { fill: MUTED },
  lifeline: { stroke: '#afb8c1' },
  // Slate, not brick red: red already means "missing".
  'firewall-bar': { fill: '#6e7781', stroke: '#57606a' },
  'firewall-label': { fill: '#424a53' },
  // Per-status roles: the colour comes from STATUS_COLOURS.
  'flow-line': {},
  'flow-head': {},
  'flow-mark': {},
  'flow-glyph': { stroke: BACKGROUND },
  'flow-label': { fill: TEXT },
  'flow-note': {},
  'flow-halo': { fill: BACKGROUND, fillOpacity: 0.85 },
  hit: { fill: 'transparent' },
  'extra-header': { fill: MUTED },
  'extra-text': { fill: TEXT },
  'extra-deny': { fill: STATUS_COLOURS.blocked },
};

/** Roles whose colour is the status colour of the flow they belong to. */
export const STATUS_ROLES: Partial<Record<PaintRole, 'fill' | 'stroke'>> = {
  'flow-line': 'stroke',
  'flow-head': 'fill',
  'flow-mark': 'fill',
  'flow-note': 'fill',
};
