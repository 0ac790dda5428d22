import { flatten } from '../export/safeText';

// Text from the topology file, made inert in HTML: every character that can open markup or end
// an attribute becomes an entity, and control characters are flattened first.

export function htmlText(value: string | number): string {
  return flatten(String(value))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A link to one of Microsoft's pages: only https URLs from the catalog become links. */
export function pageLink(url: string, title: string): string {
  return /^https:\/\/[^\s"'<>]+$/.test(url) ? `<a href="${htmlText(url)}">${htmlText(title)}</a>` : htmlText(title);
}
