import { EXTRA_TABLE, FONT, MARGIN, SMALL, SUMMARY_Y } from './metrics';
import { fitText, textWidth } from './text';
import { type DiagramTexts, fill } from './texts';
import type { LaidOutExtras, LegendItem } from './layoutTypes';
import type { ExtraRule, FlowModel, FlowStatus } from '../../types';

// Below the drawing, the rules the port catalog does not require; beside the summary, the legend.

export function layoutLegend(startX: number, words: DiagramTexts): { y: number; items: LegendItem[] } {
  const items: LegendItem[] = [];
  let x = startX;
  for (const status of ['allowed', 'missing', 'misconfigured', 'blocked'] as FlowStatus[]) {
    items.push({ status, text: words.status[status], x });
    x += 34 + textWidth(words.status[status], SMALL) + 18;
  }
  return { y: SUMMARY_Y - 4, items };
}

export function layoutExtras(rules: ExtraRule[], model: FlowModel, top: number, words: DiagramTexts): LaidOutExtras {
  const firewallName = (id: string) => model.firewalls.find((firewall) => firewall.id === id)?.name ?? id;
  const headers = words.extraHeaders;
  const rows = rules.map((rule) => [
    firewallName(rule.firewall),
    rule.name || words.unnamed,
    rule.service,
    rule.from,
    rule.to,
    rule.action,
  ]);
  const widths = headers.map((header, column) =>
    Math.min(
      EXTRA_TABLE.cellMaxWidth,
      Math.max(textWidth(header, SMALL), ...rows.map((row) => textWidth(row[column], FONT))),
    ),
  );
  const columnX: number[] = [];
  let x = MARGIN + 10;
  for (const width of widths) {
    columnX.push(x);
    x += width + 22;
  }
  const right = x - 22 + 10;
  const headerY = top + 26;
  return {
    title: fill(words.extraTitle, { count: rules.length }),
    titleY: top,
    headerY,
    headers: headers.map((text, column) => ({ x: columnX[column], text })),
    rows: rows.map((cells, index) => {
      const y = headerY + 8 + index * EXTRA_TABLE.rowHeight + EXTRA_TABLE.rowHeight / 2;
      const rule = rules[index];
      return {
        index,
        y,
        cells: cells.map((text, column) => ({ x: columnX[column], text: fitText(text, FONT, widths[column]) })),
        action: rule.action,
        hit: { x: MARGIN, y: y - EXTRA_TABLE.rowHeight / 2, width: right - MARGIN, height: EXTRA_TABLE.rowHeight },
        ariaLabel: fill(words.extraRule, {
          name: rule.name || words.unnamed,
          firewall: cells[0],
          action: rule.action,
          service: rule.service,
          from: rule.from,
          to: rule.to,
        }),
      };
    }),
  };
}
