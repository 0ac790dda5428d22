// The report's one stylesheet: readable on screen, and printed to PDF from any browser (tables
// repeat their headers on each page, the diagram scales to the page width).

export const REPORT_CSS = `
:root { color-scheme: light; }
body { font-family: 'Segoe UI', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif; color: #1f2328;
  margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem; }
.muted { color: #59636e; }
table { border-collapse: collapse; width: 100%; font-size: 0.85rem; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; }
tr.deny td { background: #fff5f5; }
.error { color: #b42318; font-weight: 600; }
.warning { color: #9a6700; font-weight: 600; }
.info { color: #0969da; font-weight: 600; }
.summary { display: flex; flex-wrap: wrap; gap: 0.5rem 2rem; margin: 0.5rem 0; padding: 0; list-style: none; }
.diagram svg { width: 100%; height: auto; }
@media print {
  body { margin: 0; max-width: none; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr, .diagram { break-inside: avoid; }
  a { color: inherit; }
}
`;
