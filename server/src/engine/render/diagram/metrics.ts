// The diagram's sizes, in px: fonts, margins, boxes, gaps, rows. Text widths are in text.ts.

export const FONT = 12;
export const SMALL = 11;
export const TITLE_FONT = 16;
export const MARGIN = 20;
export const TITLE_Y = MARGIN + 14;
export const SUMMARY_Y = MARGIN + 36;
export const FIREWALL_LABEL_Y = MARGIN + 66;
export const ZONES_TOP = MARGIN + 76;
export const ZONE_TITLE_HEIGHT = 30;
export const NODE_HEIGHT = 56;
export const NODE_MIN_WIDTH = 96;
export const NODE_MAX_WIDTH = 168;
/** A pool's column may grow a little, so that `2 × webConferencingEdge` is read whole. */
export const GROUP_MAX_WIDTH = 190;
const ROWS_GAP = 22;
export const ROW_HEIGHT = 40;
/** Where the first row of arrows starts: below the zone titles and the node boxes. */
export const ROWS_TOP = ZONES_TOP + ZONE_TITLE_HEIGHT + NODE_HEIGHT + ROWS_GAP;
export const BAND_PADDING = 12;
export const COLUMN_GAP = 16;
export const BOUNDARY_GAP = 30;
export const BAR_WIDTH = 14;
export const BAR_SPACING = 30;
export const LABEL_PADDING = 30;
export const TARGET_SEGMENT_MIN = 44;
export const ROW_SEPARATION = 14;
export const LABEL_MAX_WIDTH = 260;
export const EXTRA_ROW_HEIGHT = 22;
export const EXTRA_CELL_MAX = 240;

/** Bold text runs about 8 % wider. */
export const BOLD = 1.08;
