// The words of the diagram webview. The page cannot call vscode.l10n, so the extension translates
// them and hands them over in the page (webviewHtml.ts); the English ones stand in for anything missing.

export interface WebviewTexts {
  title: string;
  fitWidth: string;
  fitWidthTitle: string;
  zoomIn: string;
  zoomOut: string;
  zoomTitle: string;
  exportSvg: string;
  exportSvgTitle: string;
  filterFirewall: string;
  filterFeature: string;
  allFirewalls: string;
  allFeatures: string;
  /** {0} allowed, {1} required. */
  summary: string;
  /** {0} shown, {1} all: when a filter hides flows. */
  filtered: string;
  noModel: string;
  cannotDraw: string;
  /** The banner while the YAML does not parse. */
  stale: string;
  diagramLabel: string;
  /** Feature names (xmppFederation) to their titles. */
  features: Record<string, string>;
}

export const ENGLISH_TEXTS: WebviewTexts = {
  title: 'Firewall flow diagram',
  fitWidth: 'Fit Width',
  fitWidthTitle: 'Scale the drawing to the width of the panel',
  zoomIn: 'Zoom in',
  zoomOut: 'Zoom out',
  zoomTitle: 'Zoom (Ctrl+mouse wheel)',
  exportSvg: 'Export SVG…',
  exportSvgTitle: 'Save the drawing as an SVG file',
  filterFirewall: 'Firewall',
  filterFeature: 'Feature',
  allFirewalls: 'All firewalls',
  allFeatures: 'All features',
  summary: 'required flows allowed: {0}/{1}',
  filtered: 'showing {0} of {1} flows',
  noModel: 'No flow model for this file yet.',
  cannotDraw: 'The diagram could not be drawn for this file.',
  stale: 'The YAML of this file does not parse: showing the last good check until it parses again.',
  diagramLabel: 'Firewall flow diagram',
  features: {},
};

/** `{0}`, `{1}`... replaced by the arguments, as vscode.l10n.t does. */
export function format(text: string, ...args: (string | number)[]): string {
  return text.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** The texts the page was given, each checked to be a string; English for the rest. */
export function readTexts(json: string | null | undefined): WebviewTexts {
  let given: unknown;
  try {
    given = JSON.parse(json ?? '{}');
  } catch {
    given = {};
  }
  const texts: WebviewTexts = { ...ENGLISH_TEXTS, features: {} };
  if (typeof given !== 'object' || given === null) return texts;
  const record = given as Record<string, unknown>;
  for (const key of Object.keys(ENGLISH_TEXTS) as (keyof WebviewTexts)[]) {
    const value = record[key];
    if (key === 'features') {
      if (typeof value === 'object' && value !== null)
        for (const [name, title] of Object.entries(value)) if (typeof title === 'string') texts.features[name] = title;
    } else if (typeof value === 'string') {
      texts[key] = value;
    }
  }
  return texts;
}
