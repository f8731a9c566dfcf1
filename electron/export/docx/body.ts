// Layout blocks → WordprocessingML of word/document.xml, as strings. Child elements are
// written in schema order (Word refuses pPr/rPr/tcPr children out of order).
import { BlockWriter } from '../../../shared/layout/block-writer.ts';
import { FONTS, PARAGRAPH_LOOKS, TABLE_ROW_MIN_TWIPS } from '../../../shared/layout/index.ts';
import type {
  LayoutCell,
  LayoutContents,
  LayoutHeading,
  LayoutParagraph,
  LayoutRow,
  LayoutTable,
  PageSetup,
} from '../../../shared/layout/index.ts';
import { CONTENTS2_STYLE_ID, FOOTER_REL_ID, JOIN_STYLE_ID, STYLE_IDS, TABLE_STYLE_ID } from './parts.ts';
import { esc, rPr, runs, runsWithBreaks } from './xml.ts';

const JC = { left: 'left', center: 'center', right: 'right', justify: 'both' } as const;

export function sectPr(page: PageSetup): string {
  const m = page.margin;
  const orient = page.orientation === 'landscape' ? ' w:orient="landscape"' : '';
  return (
    `<w:sectPr><w:footerReference w:type="default" r:id="${FOOTER_REL_ID}"/><w:type w:val="nextPage"/>` +
    `<w:pgSz w:w="${page.width}" w:h="${page.height}"${orient}/>` +
    `<w:pgMar w:top="${m.top}" w:right="${m.right}" w:bottom="${m.bottom}" w:left="${m.left}" w:header="851" w:footer="${page.footer}" w:gutter="0"/>` +
    '<w:cols w:space="425"/></w:sectPr>'
  );
}

const TABLE_RPR = () => rPr(FONTS.table);
const TABLE_BOLD_RPR = () => rPr(FONTS.tableBold);
const BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"';
const tblBorders = (top: boolean) =>
  `<w:tblBorders><w:top ${top ? BORDER : 'w:val="nil"'}/><w:left ${BORDER}/><w:bottom ${BORDER}/><w:right ${BORDER}/><w:insideH ${BORDER}/><w:insideV ${BORDER}/></w:tblBorders>`;
const TBL_BORDERS = tblBorders(true);
const TBL_BORDERS_JOINED = tblBorders(false);

/** Writes the body of one document; holds the state that crosses blocks. */
export class BodyWriter extends BlockWriter {
  /** Text width of the current section, twips (for right tab stops). */
  textWidth = 8845;
  private bookmarkId = 0;
  private lastWasTable = false;

  /** Closes a section: a (tiny) paragraph carrying its properties. */
  endSection(page: PageSetup, last: boolean): string {
    this.pendingBreak = false;
    const p = `<w:p><w:pPr><w:pStyle w:val="${JOIN_STYLE_ID}"/>${last ? '' : sectPr(page)}</w:pPr></w:p>`;
    this.lastWasTable = false;
    return last ? p + sectPr(page) : p;
  }

  private pPr(styleId: string, keepNext: boolean, extra = ''): string {
    const brk = this.pendingBreak ? '<w:pageBreakBefore/>' : '';
    this.pendingBreak = false;
    this.lastWasTable = false;
    return `<w:pPr><w:pStyle w:val="${styleId}"/>${keepNext ? '<w:keepNext/>' : ''}${brk}${extra}</w:pPr>`;
  }

  protected paragraph(p: LayoutParagraph): string {
    const font = PARAGRAPH_LOOKS[p.style].font;
    const props = rPr(font);
    if (p.right !== undefined) {
      // Right-aligned text on the same line: a right tab stop at the end of the line.
      const tabs = `<w:tabs><w:tab w:val="right" w:pos="${this.textWidth}"/></w:tabs>`;
      return `<w:p>${this.pPr(STYLE_IDS[p.style], p.keepNext ?? false, tabs)}${runs(p.text, props)}<w:r>${props}<w:tab/></w:r>${runs(p.right, props)}</w:p>`;
    }
    return `<w:p>${this.pPr(STYLE_IDS[p.style], p.keepNext ?? false)}${runsWithBreaks(p.text, props)}</w:p>`;
  }

  protected heading(h: LayoutHeading): string {
    const id = ++this.bookmarkId;
    const props = rPr(PARAGRAPH_LOOKS[h.style].font);
    return (
      `<w:p>${this.pPr(STYLE_IDS[h.style], h.keepNext ?? true)}` +
      `<w:bookmarkStart w:id="${id}" w:name="${esc(h.bookmark)}"/>${runsWithBreaks(h.text, props)}<w:bookmarkEnd w:id="${id}"/></w:p>`
    );
  }

  protected contents(c: LayoutContents): string {
    const title = `<w:p>${this.pPr(STYLE_IDS.contentsTitle, true)}${runs(c.title, rPr(PARAGRAPH_LOOKS.contentsTitle.font))}</w:p>`;
    const props = rPr(PARAGRAPH_LOOKS.contentsEntry.font);
    // A real list of the headings, each a link to its bookmark: it shows in WPS as in Word
    // (a TOC field stays empty until Word updates it). No page numbers: they are not known here.
    const entries = c.entries
      .map(
        (e) =>
          `<w:p><w:pPr><w:pStyle w:val="${e.level === 1 ? STYLE_IDS.contentsEntry : CONTENTS2_STYLE_ID}"/></w:pPr>` +
          `<w:hyperlink w:anchor="${esc(e.bookmark)}" w:history="1">${runs(e.text, props)}</w:hyperlink></w:p>`,
      )
      .join('');
    return title + entries;
  }

  protected table(t: LayoutTable): string {
    const out: string[] = [];
    const joined = t.joinPrevious && this.lastWasTable;
    if (joined) {
      // A hairline paragraph keeps the parts apart as two tables (so that the second's header
      // row can repeat on each page) while they print as one form: the second part has no
      // top border and sits under the first one's bottom border.
      out.push(`<w:p><w:pPr><w:pStyle w:val="${JOIN_STYLE_ID}"/>${t.keepTogether ? '<w:keepNext/>' : ''}</w:pPr></w:p>`);
    } else if (this.pendingBreak) {
      out.push('<w:p><w:pPr><w:pStyle w:val="JxJoin"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>');
      this.pendingBreak = false;
    }
    const total = t.widths.reduce((a, b) => a + b, 0);
    out.push(
      `<w:tbl><w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/>${joined ? TBL_BORDERS_JOINED : TBL_BORDERS}<w:tblLayout w:type="fixed"/>` +
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr>' +
        `<w:tblGrid>${t.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    );
    const lastPart = !t.project || t.project.part === t.project.parts - 1;
    // A cell merged from the header row down into the body (the side label 绩效指标) is
    // written as two merges without the border between them: a repeated header row must
    // not carry the top of a merge that continues below it (LibreOffice then draws the
    // merge one row too long on the next page).
    const crossing = new Map<number, number>(); // grid column → body rows it still covers
    t.rows.forEach((row, ri) => {
      if (ri >= t.headerRows) return;
      for (const c of row.cells) if (c.merge === 'restart' && ri + c.rowSpan > t.headerRows) crossing.set(c.col, ri + c.rowSpan - t.headerRows);
    });
    t.rows.forEach((row, i) => {
      // Keep-with-next through the rows keeps a table on one page; a longer one at least
      // keeps its header rows with the first body row.
      // keepTail: the rows before the last `keepTail` ones keep with their next row.
      const tail = lastPart && i < t.rows.length - 1 && i >= t.rows.length - 1 - (t.keepTail ?? 0);
      const keep = t.keepTogether ? !(lastPart && i === t.rows.length - 1) : row.header || tail;
      let cells = row.cells;
      if (crossing.size && (i < t.headerRows || i === t.headerRows)) {
        cells = row.cells.map((c) => {
          const rest = crossing.get(c.col);
          if (rest === undefined) return c;
          if (i < t.headerRows && c.merge === 'restart') {
            const inHeader = t.headerRows - i;
            return { ...c, merge: inHeader > 1 ? 'restart' : 'none', rowSpan: inHeader, openBottom: true };
          }
          if (i === t.headerRows && c.merge === 'continue') return { ...c, merge: rest > 1 ? 'restart' : 'none', rowSpan: rest, openTop: true };
          return c;
        });
      }
      out.push(this.row({ ...row, cells }, keep, t.rowHeight ?? TABLE_ROW_MIN_TWIPS));
    });
    out.push('</w:tbl>');
    this.lastWasTable = true;
    return out.join('');
  }

  private row(row: LayoutRow & { cells: Array<LayoutCell & { openTop?: boolean; openBottom?: boolean }> }, keepNext: boolean, height: number): string {
    let s = '<w:tr><w:trPr>' + (row.cantSplit ? '<w:cantSplit/>' : '') + `<w:trHeight w:val="${height}"/>` + (row.header ? '<w:tblHeader/>' : '') + '</w:trPr>';
    for (const c of row.cells) s += this.cell(c, keepNext);
    return s + '</w:tr>';
  }

  private cell(c: LayoutCell & { openTop?: boolean; openBottom?: boolean }, keepNext: boolean): string {
    const tcPr =
      `<w:tcPr><w:tcW w:w="${c.width}" w:type="dxa"/>` +
      (c.colSpan > 1 ? `<w:gridSpan w:val="${c.colSpan}"/>` : '') +
      (c.merge === 'restart' ? '<w:vMerge w:val="restart"/>' : c.merge === 'continue' ? '<w:vMerge/>' : '') +
      (c.openTop ? '<w:tcBorders><w:top w:val="nil"/></w:tcBorders>' : c.openBottom ? '<w:tcBorders><w:bottom w:val="nil"/></w:tcBorders>' : '') +
      `<w:vAlign w:val="${c.openBottom ? 'bottom' : 'center'}"/></w:tcPr>`;
    const pPr = `<w:pPr><w:pStyle w:val="${TABLE_STYLE_ID}"/>${keepNext ? '<w:keepNext/>' : ''}<w:jc w:val="${JC[c.align]}"/></w:pPr>`;
    const props = c.bold ? TABLE_BOLD_RPR() : TABLE_RPR();
    if (c.lines.length === 0 || c.merge === 'continue') return `<w:tc>${tcPr}<w:p>${pPr}</w:p></w:tc>`;
    let s = `<w:tc>${tcPr}`;
    for (const line of c.lines) s += `<w:p>${pPr}${runs(line, props)}</w:p>`;
    return s + '</w:tc>';
  }
}
