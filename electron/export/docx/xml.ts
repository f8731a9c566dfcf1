// WordprocessingML string helpers: escaping, run properties, namespaces.
import type { FontSpec } from '../../../shared/layout/index.ts';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
export const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Characters XML 1.0 forbids, and lone surrogates (they would make the file unreadable).
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text or attribute value escaped for XML; forbidden control characters dropped. */
export function esc(s: string): string {
  let t = s;
  INVALID.lastIndex = 0;
  if (INVALID.test(t)) t = t.replace(INVALID, '');
  return SPECIAL.test(t) ? t.replace(/[&<>"]/g, (c) => ESCAPES[c]!) : t;
}

const rPrCache = new Map<FontSpec, string>();

/** Run properties with both the East Asian and the Latin font, and the size. */
export function rPr(font: FontSpec): string {
  let s = rPrCache.get(font);
  if (s === undefined) {
    s =
      `<w:rPr><w:rFonts w:ascii="${esc(font.latin)}" w:hAnsi="${esc(font.latin)}" w:eastAsia="${esc(font.eastAsia)}" w:cs="${esc(font.latin)}"/>` +
      (font.bold ? '<w:b/><w:bCs/>' : '') +
      `<w:sz w:val="${font.halfPoints}"/><w:szCs w:val="${font.halfPoints}"/></w:rPr>`;
    rPrCache.set(font, s);
  }
  return s;
}

/** Runs of one line of text: tabs become <w:tab/>. */
export function runs(text: string, props: string): string {
  if (text === '') return '';
  if (!text.includes('\t')) return `<w:r>${props}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
  return text
    .split('\t')
    .map((part, i) => `<w:r>${props}${i > 0 ? '<w:tab/>' : ''}${part ? `<w:t xml:space="preserve">${esc(part)}</w:t>` : ''}</w:r>`)
    .join('');
}

/** Runs of text that may hold line breaks ('\n' → <w:br/>). */
export function runsWithBreaks(text: string, props: string): string {
  const lines = text.split(/\r?\n/);
  return lines.map((l, i) => (i > 0 ? `<w:r>${props}<w:br/></w:r>` : '') + runs(l, props)).join('');
}
