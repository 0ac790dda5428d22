// Renders a laid-out flow diagram as an SVG string. Two variants of the same drawing:
// - standalone (CLI, export): colours inline, so the file looks right anywhere;
// - themed (webview): colours left to CSS classes that use VS Code's theme variables.
// Both carry the same classes, data attributes and ARIA roles. Every text that can come from
// the user's file goes through escapeXml; nothing here builds markup from unescaped input.
import type { Box, DiagramLayout, LaidOutArrow } from './layoutTypes';
import { FONT, SMALL, TITLE_FONT } from './metrics';
import { STANDALONE_PALETTE, STATUS_COLOURS, STATUS_ROLES, type PaintRole } from './palette';
import { escapeXml, textWidth } from './text';
import type { FlowStatus } from '../../types';

export interface RenderOptions {
  /** true: inline colours (a file on its own); false: CSS classes themed by the webview. */
  standalone: boolean;
}

const FONT_FAMILY = "'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif";

export function renderLayoutSvg(layout: DiagramLayout, options: RenderOptions): string {
  const painter = new Painter(options.standalone);
  const out: string[] = [];
  const rootAttributes = [
    'xmlns="http://www.w3.org/2000/svg"',
    `viewBox="0 0 ${layout.width} ${layout.height}"`,
    `width="${layout.width}"`,
    `height="${layout.height}"`,
    'class="lync-diagram"',
    'role="group"',
    `aria-label="${escapeXml(layout.ariaLabel)}"`,
    `font-size="${FONT}"`,
  ];
  if (options.standalone) rootAttributes.push(`font-family="${escapeXml(FONT_FAMILY)}"`);
  if (options.standalone) out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(`<svg ${rootAttributes.join(' ')}>`);
  out.push(`<title>${escapeXml(layout.ariaLabel)}</title>`);
  out.push(
    `<rect ${painter.paint('diagram-background')} x="0" y="0" width="${layout.width}" height="${layout.height}"/>`,
  );

  out.push(
    `<text ${painter.paint('diagram-title')} x="20" y="${layout.titleY}" font-size="${TITLE_FONT}" ` +
      `font-weight="600">${escapeXml(layout.title)}</text>`,
  );
  out.push(`<text ${painter.paint('diagram-muted')} x="20" y="${layout.summaryY}">${escapeXml(layout.summary)}</text>`);
  out.push('<g class="legend" aria-hidden="true">');
  for (const item of layout.legend.items) {
    const y = layout.legend.y;
    out.push(`<g class="flow-${item.status}">`);
    out.push(lineSegment(painter, item.status, item.x, item.x + 26, y, dashFor(item.status)));
    out.push(`<circle ${painter.paint('flow-mark', item.status)} cx="${fmt(item.x + 13)}" cy="${fmt(y)}" r="6"/>`);
    out.push(
      `<path ${painter.paint('flow-glyph', item.status)} d="${glyph(item.status, item.x + 13, y, 0.75)}" ` +
        `fill="none" stroke-width="1.6" stroke-linecap="round"/>`,
    );
    out.push(
      `<text ${painter.paint('diagram-text')} x="${fmt(item.x + 34)}" y="${fmt(y + 4)}" ` +
        `font-size="${SMALL}">${escapeXml(item.text)}</text>`,
    );
    out.push('</g>');
  }
  out.push('</g>');

  out.push('<g class="zones">');
  for (const zone of layout.zones) {
    out.push(`<rect ${painter.paint(`zone-${zone.zone}` as PaintRole)} ${box(zone)} rx="6"/>`);
    out.push(
      `<text ${painter.paint('zone-title')} x="${fmt(zone.x + 10)}" y="${fmt(zone.y + 19)}" ` +
        `font-weight="600">${escapeXml(zone.title)}</text>`,
    );
  }
  out.push('</g>');

  out.push('<g class="firewalls">');
  for (const firewall of layout.firewalls) {
    const interactive = firewall.revealable ? ` role="button" tabindex="0"` : '';
    out.push(
      `<g class="firewall" data-firewall-id="${escapeXml(firewall.id)}"${interactive} ` +
        `aria-label="${escapeXml(firewall.ariaLabel)}">`,
    );
    out.push(`<title>${escapeXml(firewall.ariaLabel)}</title>`);
    out.push(`<rect ${painter.paint('firewall-bar')} ${box(firewall)} rx="2"/>`);
    out.push(
      `<text ${painter.paint('firewall-label')} x="${fmt(firewall.x + firewall.width / 2)}" ` +
        `y="${fmt(firewall.labelY)}" text-anchor="middle" font-weight="600">${escapeXml(firewall.nameText)}</text>`,
    );
    out.push('</g>');
  }
  out.push('</g>');

  out.push('<g class="nodes">');
  for (const node of layout.nodes) {
    const interactive = node.revealable ? ` role="button" tabindex="0"` : '';
    const kindClass = node.kind === 'placeholder' ? ' node-placeholder' : node.active ? '' : ' node-idle';
    const faded = node.active ? '' : ' opacity="0.6"';
    out.push(
      `<g class="node${kindClass}" data-node-id="${escapeXml(node.id)}"${interactive} ` +
        `aria-label="${escapeXml(node.ariaLabel)}"${faded}>`,
    );
    out.push(`<title>${escapeXml(node.ariaLabel)}</title>`);
    out.push(
      `<line ${painter.paint('lifeline')} x1="${fmt(node.lifelineX)}" y1="${fmt(node.lifelineTop)}" ` +
        `x2="${fmt(node.lifelineX)}" y2="${fmt(node.lifelineBottom)}" stroke-dasharray="3 4"/>`,
    );
    out.push(
      `<rect ${painter.paint(node.kind === 'internet' ? 'node-internet' : 'node-box')} ${box(node)} ` +
        `rx="${node.kind === 'internet' ? 14 : 4}"/>`,
    );
    // Label lines and detail, centred in the box as a block.
    const lineCount = node.labelLines.length + (node.detailText ? 1 : 0);
    let baseline = node.y + node.height / 2 - (lineCount * 15) / 2 + 11;
    for (const line of node.labelLines) {
      out.push(
        `<text ${painter.paint('node-label')} x="${fmt(node.lifelineX)}" y="${fmt(baseline)}" ` +
          `text-anchor="middle" font-weight="600">${escapeXml(line)}</text>`,
      );
      baseline += 15;
    }
    if (node.detailText) {
      out.push(
        `<text ${painter.paint('node-detail')} x="${fmt(node.lifelineX)}" y="${fmt(baseline)}" text-anchor="middle" ` +
          `font-size="${SMALL}">${escapeXml(node.detailText)}</text>`,
      );
    }
    out.push('</g>');
  }
  out.push('</g>');

  out.push('<g class="flows">');
  for (const arrow of layout.arrows) out.push(renderArrow(painter, arrow));
  out.push('</g>');

  if (layout.empty) {
    out.push(
      `<text ${painter.paint('diagram-muted')} x="${fmt(layout.empty.x)}" ` +
        `y="${fmt(layout.empty.y)}">${escapeXml(layout.empty.text)}</text>`,
    );
  }

  if (layout.extras) {
    const extras = layout.extras;
    out.push('<g class="extras">');
    out.push(
      `<text ${painter.paint('diagram-title')} x="20" y="${fmt(extras.titleY)}" ` +
        `font-weight="600">${escapeXml(extras.title)}</text>`,
    );
    for (const header of extras.headers) {
      out.push(
        `<text ${painter.paint('extra-header')} x="${fmt(header.x)}" y="${fmt(extras.headerY)}" ` +
          `font-size="${SMALL}" font-weight="600">${escapeXml(header.text)}</text>`,
      );
    }
    for (const row of extras.rows) {
      out.push(
        `<g class="extra extra-${row.action}" data-extra-index="${row.index}" role="button" ` +
          `tabindex="0" aria-label="${escapeXml(row.ariaLabel)}">`,
      );
      out.push(`<title>${escapeXml(row.ariaLabel)}</title>`);
      out.push(`<rect ${painter.paint('hit')} ${box(row.hit)} rx="3"/>`);
      row.cells.forEach((cell, column) => {
        const role: PaintRole = column === row.cells.length - 1 && row.action === 'deny' ? 'extra-deny' : 'extra-text';
        out.push(
          `<text ${painter.paint(role)} x="${fmt(cell.x)}" y="${fmt(row.y + 4)}">${escapeXml(cell.text)}</text>`,
        );
      });
      out.push('</g>');
    }
    out.push('</g>');
  }

  out.push('</svg>');
  return out.join('\n') + '\n';
}

function renderArrow(painter: Painter, arrow: LaidOutArrow): string {
  const { x1, x2, y, crossX, status } = arrow;
  const direction = x2 >= x1 ? 1 : -1;
  const out: string[] = [];
  out.push(
    `<g class="flow flow-${status}" data-flow-id="${escapeXml(arrow.flowId)}" data-status="${status}" ` +
      `role="button" tabindex="0" aria-label="${escapeXml(arrow.ariaLabel)}">`,
  );
  out.push(`<title>${escapeXml(arrow.title)}</title>`);
  out.push(`<rect ${painter.paint('hit')} ${box(arrow.hit)} rx="4"/>`);
  const end = x2 - direction * 8;
  if (status === 'blocked') {
    // Stopped at the firewall: solid up to the bar, faint beyond it.
    out.push(lineSegment(painter, status, x1, crossX, y, undefined));
    out.push(lineSegment(painter, status, crossX, end, y, '4 4', 0.45));
  } else {
    out.push(lineSegment(painter, status, x1, end, y, dashFor(status)));
  }
  const headOpacity = status === 'blocked' ? ' opacity="0.45"' : '';
  out.push(
    `<polygon ${painter.paint('flow-head', status)} points="${fmt(x2)},${fmt(y)} ` +
      `${fmt(x2 - direction * 10)},${fmt(y - 5)} ${fmt(x2 - direction * 10)},${fmt(y + 5)}"${headOpacity}/>`,
  );
  out.push(`<circle ${painter.paint('flow-head', status)} cx="${fmt(x1)}" cy="${fmt(y)}" r="3"/>`);
  out.push(`<circle ${painter.paint('flow-mark', status)} cx="${fmt(crossX)}" cy="${fmt(y)}" r="8"/>`);
  out.push(
    `<path ${painter.paint('flow-glyph', status)} d="${glyph(status, crossX, y, 1)}" fill="none" ` +
      `stroke-width="2" stroke-linecap="round" stroke-linejoin="round"/>`,
  );
  out.push(halo(painter, arrow.textX, y - 6, textWidth(arrow.labelText, FONT), FONT));
  out.push(
    `<text ${painter.paint('flow-label')} x="${fmt(arrow.textX)}" y="${fmt(y - 6)}" text-anchor="middle" ` +
      `font-weight="600">${escapeXml(arrow.labelText)}</text>`,
  );
  out.push(halo(painter, arrow.textX, y + 15, textWidth(arrow.noteText, SMALL), SMALL));
  out.push(
    `<text ${painter.paint('flow-note', status)} x="${fmt(arrow.textX)}" y="${fmt(y + 15)}" ` +
      `text-anchor="middle" font-size="${SMALL}">${escapeXml(arrow.noteText)}</text>`,
  );
  out.push('</g>');
  return out.join('');
}

/** A background behind a text so lifelines it crosses do not cut through its letters. */
function halo(painter: Painter, centerX: number, baseline: number, width: number, size: number): string {
  return (
    `<rect ${painter.paint('flow-halo')} x="${fmt(centerX - width / 2 - 3)}" y="${fmt(baseline - size + 1)}" ` +
    `width="${fmt(width + 6)}" height="${fmt(size + 3)}" rx="2"/>`
  );
}

function lineSegment(
  painter: Painter,
  status: FlowStatus,
  from: number,
  to: number,
  y: number,
  dash: string | undefined,
  opacity?: number,
): string {
  const dashAttribute = dash ? ` stroke-dasharray="${dash}"` : '';
  const opacityAttribute = opacity !== undefined ? ` opacity="${opacity}"` : '';
  return (
    `<line ${painter.paint('flow-line', status)} x1="${fmt(from)}" y1="${fmt(y)}" x2="${fmt(to)}" y2="${fmt(y)}" ` +
    `stroke-width="2"${dashAttribute}${opacityAttribute}/>`
  );
}

/** Line patterns tell the statuses apart without colour. */
function dashFor(status: FlowStatus): string | undefined {
  switch (status) {
    case 'missing':
      return '6 4';
    case 'misconfigured':
      return '10 3 2 3';
    default:
      return undefined;
  }
}

/** The symbol in a status mark: a tick, a cross, an exclamation mark, a bar (no entry). */
function glyph(status: FlowStatus, cx: number, cy: number, scale: number): string {
  const p = (dx: number, dy: number) => `${fmt(cx + dx * scale)} ${fmt(cy + dy * scale)}`;
  switch (status) {
    case 'allowed':
      return `M${p(-4, 0)} L${p(-1, 3)} L${p(4, -3)}`;
    case 'missing':
      return `M${p(-3.5, -3.5)} L${p(3.5, 3.5)} M${p(3.5, -3.5)} L${p(-3.5, 3.5)}`;
    case 'misconfigured':
      return `M${p(0, -4.5)} L${p(0, 1)} M${p(0, 4)} L${p(0, 4.2)}`;
    case 'blocked':
      return `M${p(-4.5, 0)} L${p(4.5, 0)}`;
    default:
      return '';
  }
}

class Painter {
  constructor(private readonly standalone: boolean) {}

  /** The class attribute, plus inline colours for the standalone variant. */
  paint(role: PaintRole, status?: FlowStatus): string {
    const attributes = [`class="${role}"`];
    if (!this.standalone) return attributes[0];
    const paint = STANDALONE_PALETTE[role];
    const statusChannel = STATUS_ROLES[role];
    const statusColour = status ? STATUS_COLOURS[status] : undefined;
    const fill = statusChannel === 'fill' && statusColour ? statusColour : paint.fill;
    const stroke = statusChannel === 'stroke' && statusColour ? statusColour : paint.stroke;
    if (fill) attributes.push(`fill="${fill}"`);
    if (stroke) attributes.push(`stroke="${stroke}"`);
    if (paint.fillOpacity !== undefined) attributes.push(`fill-opacity="${paint.fillOpacity}"`);
    return attributes.join(' ');
  }
}

function box(b: Box): string {
  return `x="${fmt(b.x)}" y="${fmt(b.y)}" width="${fmt(b.width)}" height="${fmt(b.height)}"`;
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}
