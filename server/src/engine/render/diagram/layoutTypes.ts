import type { FlowNode, FlowStatus, Zone } from '../../types';
import type { Locale } from '../../../shared/locale';

// The laid-out diagram: every box, line and text with its position, as the SVG renderer and the
// webview draw it.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LaidOutZone extends Box {
  zone: Zone;
  title: string;
}

export interface LaidOutNode extends Box {
  id: string;
  kind: FlowNode['kind'] | 'placeholder';
  zone: Zone;
  /** Full texts, for the tooltip and screen readers. */
  label: string;
  detail: string;
  /** Texts cut to fit the box: the label on one or two lines. */
  labelLines: string[];
  detailText: string;
  lifelineX: number;
  lifelineTop: number;
  lifelineBottom: number;
  /** Whether a click can reveal the node's definition. */
  revealable: boolean;
  /** Whether any required flow starts or ends here; idle nodes are drawn faded. */
  active: boolean;
  ariaLabel: string;
  /**
   * When the column stands for several members of one pool playing the same part: their node
   * ids (the column's own id is the first one's, so a click reveals that member's definition).
   */
  members?: string[];
}

export interface LaidOutFirewall extends Box {
  id: string;
  name: string;
  nameText: string;
  labelY: number;
  revealable: boolean;
  ariaLabel: string;
}

export interface LaidOutArrow {
  /** The flow a click reveals: the first of `flowIds`. */
  flowId: string;
  /** Every flow the arrow stands for: one, or one per member pair between grouped columns. */
  flowIds: string[];
  status: FlowStatus;
  /** Start (source lifeline) and end (destination lifeline) of the arrow; y of its row. */
  x1: number;
  x2: number;
  y: number;
  /** Where the arrow crosses its firewall's bar: the status mark. */
  crossX: number;
  /** Centre of the label (above the line) and the note (below it). */
  textX: number;
  label: string;
  labelText: string;
  note: string;
  noteText: string;
  /** Clickable and focusable area around the arrow and its texts. */
  hit: Box;
  ariaLabel: string;
  title: string;
}

export interface LaidOutExtraRule {
  index: number;
  y: number;
  cells: { x: number; text: string }[];
  action: 'allow' | 'deny';
  hit: Box;
  ariaLabel: string;
}

export interface LaidOutExtras {
  title: string;
  titleY: number;
  headerY: number;
  headers: { x: number; text: string }[];
  rows: LaidOutExtraRule[];
}

export interface LegendItem {
  status: FlowStatus;
  text: string;
  x: number;
}

export interface DiagramLayout {
  width: number;
  height: number;
  title: string;
  titleY: number;
  summary: string;
  summaryY: number;
  legend: { y: number; items: LegendItem[] };
  zones: LaidOutZone[];
  firewalls: LaidOutFirewall[];
  nodes: LaidOutNode[];
  arrows: LaidOutArrow[];
  extras?: LaidOutExtras;
  /** Shown in the rows area when no flow is required. */
  empty?: { x: number; y: number; text: string };
  ariaLabel: string;
}

export interface LayoutOptions {
  /** Heading of the drawing, e.g. the file name; defaults to the product's name. */
  title?: string;
  /** The language of the drawing's words (render/diagram/texts.ts); English by default. */
  locale?: Locale;
}
