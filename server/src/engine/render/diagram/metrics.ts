// The diagram's sizes, in px: fonts, margins, boxes, gaps, rows. Text widths are in text.ts.

export const FONT = 12;
export const SMALL = 11;
export const TITLE_FONT = 16;
/** Bold text runs about 8 % wider. */
export const BOLD = 1.08;

/** Around the drawing; and from its top, the heading lines and the zones. */
export const MARGIN = 20;
export const TITLE_Y = MARGIN + 14;
export const SUMMARY_Y = MARGIN + 36;
export const FIREWALL_LABEL_Y = MARGIN + 66;
export const ZONES_TOP = MARGIN + 76;
export const ZONE_TITLE_HEIGHT = 30;

/** A node's box. A pool's column may grow a little, so that `2 × webConferencingEdge` is read whole. */
export const NODE = { height: 56, minWidth: 96, maxWidth: 168, groupMaxWidth: 190 } as const;

/** The x axis: padding in a zone's band, gaps between columns and at a zone boundary, the firewall bars. */
export const AXIS = { bandPadding: 12, columnGap: 16, boundaryGap: 30, barWidth: 14, barSpacing: 30 } as const;

/** An arrow: room for its label before the bar and for its head after it; the widest label. */
export const ARROW = { labelPadding: 30, targetSegmentMin: 44, labelMaxWidth: 260 } as const;

/** The rows of arrows: their height, the least room between two arrows of one row, the first row's top. */
const ROWS_GAP = 22;
export const ROW = { height: 40, separation: 14, top: ZONES_TOP + ZONE_TITLE_HEIGHT + NODE.height + ROWS_GAP } as const;

/** The table of the rules the catalog does not require. */
export const EXTRA_TABLE = { rowHeight: 22, cellMaxWidth: 240 } as const;
