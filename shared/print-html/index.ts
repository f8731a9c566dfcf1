// HTML print view of a layout document: one self-contained HTML string with embedded CSS
// (A4 @page with the GB/T 9704 margins, landscape pages for landscape sections, page
// numbers `— N —` at the foot, fonts, table borders, indicator header rows repeated via
// <thead>, page-break rules). Pure: no DOM, no Node. The desktop app shows it for
// preview, printing and PDF.
import { BlockWriter } from '../layout/block-writer.ts';
import type {
  LayoutCell,
  LayoutContents,
  LayoutDocument,
  LayoutHeading,
  LayoutParagraph,
  LayoutTable,
  PageSetup,
  ParagraphStyle,
} from '../layout/types.ts';
import { CELL_PADDING_TWIPS, FONTS, PARAGRAPH_LOOKS, TABLE_ROW_MIN_TWIPS, YEARLY_ROW_MIN_TWIPS } from '../layout/typesetting.ts';

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
export const escapeHtml = (s: string): string => s.replace(INVALID, '').replace(/[&<>"']/g, (c) => ESC[c]!);

const pt = (twips: number) => `${+(twips / 20).toFixed(2)}pt`;
const mm = (twips: number) => `${+((twips / 1440) * 25.4).toFixed(1)}mm`;

function pageRule(name: string, p: PageSetup): string {
  const m = p.margin;
  const footer = FONTS.pageNumber;
  return (
    `@page ${name}{size:A4 ${p.orientation};margin:${mm(m.top)} ${mm(m.right)} ${mm(m.bottom)} ${mm(m.left)};` +
    `@bottom-center{content:"— " counter(page) " —";font-family:${footer.css};font-size:${footer.halfPoints / 2}pt;vertical-align:top;padding-top:7mm}}`
  );
}

function styleRules(): string {
  return (Object.keys(PARAGRAPH_LOOKS) as ParagraphStyle[])
    .map((s) => {
      const l = PARAGRAPH_LOOKS[s];
      return (
        `.p-${s}{font-family:${l.font.css};font-size:${l.font.halfPoints / 2}pt;font-weight:${l.font.bold ? 700 : 400};` +
        `text-align:${l.align};margin:${pt(l.before ?? 0)} 0 ${pt(l.after ?? 0)};` +
        (l.lineExact ? `line-height:${pt(l.lineExact)};` : 'line-height:1.3;') +
        (l.firstLineChars ? `text-indent:${l.firstLineChars}em;` : '') +
        '}'
      );
    })
    .join('\n');
}

function css(pages: PageSetup[]): string {
  const portrait = pages.find((p) => p.orientation === 'portrait');
  const landscape = pages.find((p) => p.orientation === 'landscape');
  const t = FONTS.table;
  return [
    portrait ? pageRule('', portrait) : '',
    portrait ? pageRule('portrait', portrait) : '',
    landscape ? pageRule('landscape', landscape) : '',
    'html{-webkit-print-color-adjust:exact;print-color-adjust:exact}',
    `body{margin:0;font-family:${FONTS.body.css};color:#000}`,
    'section.portrait{page:portrait}section.landscape{page:landscape}',
    'section+section{break-before:page}',
    'h1,h2{font-weight:400}',
    '.p-unitLine,.p-seal{display:flex;justify-content:space-between;gap:1em}',
    '.p-signature{white-space:pre-wrap}',
    '.contents a{color:inherit;text-decoration:none}.contents .lv2{padding-left:2em}',
    '.keep-next{break-after:avoid}.pb{break-before:page}',
    `table.form{border-collapse:collapse;table-layout:fixed;margin:0 auto;font-family:${t.css};font-size:${t.halfPoints / 2}pt;line-height:1.3}`,
    `table.form td,table.form th{border:0.5pt solid #000;padding:0 ${pt(CELL_PADDING_TWIPS / 2)};height:${pt(TABLE_ROW_MIN_TWIPS)};vertical-align:middle;font-weight:400;overflow-wrap:anywhere}`,
    `table.form.compact td,table.form.compact th{height:${pt(YEARLY_ROW_MIN_TWIPS)}}`,
    'table.form th.b{font-weight:700}',
    'table.form .l{text-align:left}table.form .c{text-align:center}table.form .r{text-align:right}table.form .j{text-align:justify}',
    // The second part of a form sits flush under the first: no second line between them.
    'table.form.joined>thead>tr:first-child>*,table.form.joined>tbody:first-child>tr:first-child>*,table.form.joined>colgroup+tbody>tr:first-child>*{border-top:none}',
    'table.form.keep{break-inside:avoid}table.form.joined{break-before:avoid}',
    'table.form tr.nosplit{break-inside:avoid}',
    'table.form thead{display:table-header-group}',
    'table.form .mt{border-bottom:none}table.form .mb{border-top:none}',
    'table.form .line{min-height:1em}',
    styleRules(),
    '@media screen{body{background:#dcdcdc;padding:6mm 0}' +
      (portrait ? `section.portrait{width:${mm(portrait.width)};padding:${mm(portrait.margin.top)} ${mm(portrait.margin.right)} ${mm(portrait.margin.bottom)} ${mm(portrait.margin.left)}}` : '') +
      (landscape ? `section.landscape{width:${mm(landscape.width)};padding:${mm(landscape.margin.top)} ${mm(landscape.margin.right)} ${mm(landscape.margin.bottom)} ${mm(landscape.margin.left)}}` : '') +
      'section{box-sizing:border-box;background:#fff;margin:0 auto 6mm;box-shadow:0 1px 4px rgba(0,0,0,.3)}.pb{margin-top:14mm;border-top:1px dashed #999;padding-top:8mm}}',
  ].join('\n');
}

const ALIGN = { left: 'l', center: 'c', right: 'r', justify: 'j' } as const;

class HtmlWriter extends BlockWriter {
  private lastWasTable = false;

  private cls(base: string, keepNext?: boolean): string {
    let c = base;
    if (keepNext) c += ' keep-next';
    if (this.pendingBreak) c += ' pb';
    this.pendingBreak = false;
    this.lastWasTable = false;
    return c;
  }

  protected paragraph(p: LayoutParagraph): string {
    const c = this.cls(`p-${p.style}`, p.keepNext);
    const text = escapeHtml(p.text).replace(/\r?\n/g, '<br>');
    if (p.right !== undefined) return `<p class="${c}"><span>${text}</span><span>${escapeHtml(p.right)}</span></p>`;
    return `<p class="${c}">${text}</p>`;
  }

  protected heading(h: LayoutHeading): string {
    const tag = h.level === 1 ? 'h1' : 'h2';
    return `<${tag} id="${escapeHtml(h.bookmark)}" class="${this.cls(`p-${h.style}`, h.keepNext ?? true)}">${escapeHtml(h.text).replace(/\r?\n/g, '<br>')}</${tag}>`;
  }

  protected contents(c: LayoutContents): string {
    const items = c.entries
      .map((e) => `<li class="p-contentsEntry lv${e.level}"><a href="#${escapeHtml(e.bookmark)}">${escapeHtml(e.text)}</a></li>`)
      .join('');
    return `<nav class="${this.cls('contents')}"><p class="p-contentsTitle">${escapeHtml(c.title)}</p><ul style="list-style:none;margin:0;padding:0">${items}</ul></nav>`;
  }

  protected table(t: LayoutTable): string {
    const joined = t.joinPrevious && this.lastWasTable;
    let c = 'form';
    if (joined) c += ' joined';
    if (t.keepTogether) c += ' keep';
    if (t.rowHeight === YEARLY_ROW_MIN_TWIPS) c += ' compact';
    if (this.pendingBreak) c += ' pb';
    this.pendingBreak = false;
    const total = t.widths.reduce((a, b) => a + b, 0);
    let s = `<table class="${c}" style="width:${pt(total)}"><colgroup>${t.widths.map((w) => `<col style="width:${pt(w)}">`).join('')}</colgroup>`;

    // A cell merged from a header row down into the body cannot span <thead> and <tbody>:
    // it is drawn as two cells without the border between them (text in the header part).
    const crossing = new Map<number, number>(); // column → body rows still covered
    t.rows.forEach((row, ri) => {
      if (ri >= t.headerRows) return;
      for (const cell of row.cells) {
        if (cell.merge === 'restart' && ri + cell.rowSpan > t.headerRows) crossing.set(cell.col, ri + cell.rowSpan - t.headerRows);
      }
    });

    t.rows.forEach((row, ri) => {
      if (ri === 0 && t.headerRows > 0) s += '<thead>';
      if (ri === t.headerRows) s += '<tbody>';
      const tail = ri < t.rows.length - 1 && ri >= t.rows.length - 1 - (t.keepTail ?? 0);
      const rc = [row.cantSplit ? 'nosplit' : '', tail ? 'keep-next' : ''].filter(Boolean).join(' ');
      s += rc ? `<tr class="${rc}">` : '<tr>';
      const inHeader = ri < t.headerRows;
      for (const cell of row.cells) {
        if (cell.merge === 'continue') {
          const rest = crossing.get(cell.col);
          if (ri === t.headerRows && rest !== undefined) s += `<td class="mb" colspan="${cell.colSpan}"${rest > 1 ? ` rowspan="${rest}"` : ''}></td>`;
          continue;
        }
        s += this.cell(cell, inHeader, inHeader ? Math.min(cell.rowSpan, t.headerRows - ri) : cell.rowSpan, inHeader && crossing.has(cell.col) && cell.merge === 'restart');
      }
      s += '</tr>';
      if (ri === t.headerRows - 1) s += '</thead>';
    });
    if (t.rows.length > t.headerRows) s += '</tbody>';
    this.lastWasTable = true;
    return s + '</table>';
  }

  private cell(c: LayoutCell, header: boolean, rowSpan: number, mergeTop: boolean): string {
    const tag = header ? 'th' : 'td';
    let cls = ALIGN[c.align];
    if (c.bold) cls += ' b';
    if (mergeTop) cls += ' mt';
    const attrs = (c.colSpan > 1 ? ` colspan="${c.colSpan}"` : '') + (rowSpan > 1 ? ` rowspan="${rowSpan}"` : '');
    const body = c.lines.map((l) => `<div class="line">${escapeHtml(l)}</div>`).join('');
    return `<${tag} class="${cls}"${attrs}>${body}</${tag}>`;
  }
}

/** The document as one HTML page for preview and printing (A4, fonts and borders embedded). */
export function renderHtml(doc: LayoutDocument): string {
  const w = new HtmlWriter();
  const sections = doc.sections
    .map((sec) => {
      let inner = '';
      for (const b of sec.blocks) inner += w.block(b);
      return `<section class="${sec.page.orientation}">${inner}</section>`;
    })
    .join('\n');
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">' +
    `<title>${escapeHtml(doc.title)}</title><style>\n${css(doc.sections.map((s) => s.page))}\n</style></head>` +
    `<body>\n${sections}\n</body></html>\n`
  );
}
