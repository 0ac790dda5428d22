// Text helpers for the flow diagram: XML escaping and a width estimate good enough for layout.
// The diagram is computed in Node (CLI, extension host) where no font metrics exist, so widths
// are estimated per character class (on the wide side: DejaVu Sans, the usual Linux fallback,
// is wider than Segoe UI) and rounded up; long user strings are cut with an ellipsis
// and the full text stays available in <title> and aria-label.

/** Escapes text for XML content and for double- or single-quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ENTITIES[char]).replace(INVALID_XML_CHARS, '\uFFFD');
}

const XML_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// Characters XML 1.0 forbids even when escaped (a YAML file may hold them in a quoted string);
// one of them would make the whole SVG unparsable.
const CONTROL_OR_NONCHARACTER = '[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]';
const HIGH_SURROGATE_ALONE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])';
const LOW_SURROGATE_ALONE = '(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const INVALID_XML_CHARS = new RegExp(
  [CONTROL_OR_NONCHARACTER, HIGH_SURROGATE_ALONE, LOW_SURROGATE_ALONE].join('|'),
  'g',
);

const NARROW = new Set(Array.from("il.,:;|!'`()[]{}/\\ jtfrI1"));
const WIDE = new Set(Array.from('MWmw@%&'));

/** Estimated advance width in pixels of `text` in a proportional UI font at `size` px. */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const char of text) {
    if (NARROW.has(char)) em += 0.34;
    else if (WIDE.has(char)) em += 0.9;
    else if (char >= 'A' && char <= 'Z') em += 0.7;
    else if (char >= '0' && char <= '9') em += 0.64;
    else if (char.charCodeAt(0) > 0x2e80)
      em += 1; // CJK and other full-width scripts
    else em += 0.61;
  }
  return Math.ceil(em * size);
}

/** `text` shortened with an ellipsis so that its estimated width is at most `maxWidth`. */
export function fitText(text: string, size: number, maxWidth: number): string {
  if (textWidth(text, size) <= maxWidth) return text;
  const chars = Array.from(text);
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (textWidth(chars.slice(0, mid).join('') + '…', size) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return chars.slice(0, low).join('').trimEnd() + '…';
}
