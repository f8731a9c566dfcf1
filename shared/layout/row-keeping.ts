// How a table keeps on the page, for every table of the layout model (targets, yearly forms):
// the whole table stays on one page when its estimated height fits (keep-with-next through
// its rows), and a row may not split across pages unless it is too tall to move (a row of a
// long 原因说明 kept whole would push the table off a page and leave that page empty).
import type { LayoutCell, ParagraphStyle } from './types.ts';
import { CELL_PADDING_TWIPS, FONTS, PARAGRAPH_LOOKS, TABLE_LINE_TWIPS, TABLE_ROW_MIN_TWIPS } from './typesetting.ts';

/** Vertical room a row takes beyond its lines (cell borders, LibreOffice's rounding), twips. */
const ROW_EXTRA_TWIPS = 20;
/** What an estimate may miss on a page (wrapping it counts one line short), twips: 5 mm. */
const SLACK_TWIPS = 283;

/** Height of a cell's text (twips). */
function textHeight(c: LayoutCell): number {
  const room = (c.width - CELL_PADDING_TWIPS) / CHAR_TWIPS;
  let lines = 0;
  for (const l of c.lines) lines += wrappedLines(l, room);
  return lines * TABLE_LINE_TWIPS;
}

/** Rough height of a row (twips) from its text, for deciding whether it may stay unsplit. */
function estimateRowHeight(cells: readonly LayoutCell[]): number {
  let max = 0;
  for (const c of cells) if (c.merge === 'none' && c.lines.length > 0) max = Math.max(max, textHeight(c));
  return max;
}

const CHAR_TWIPS = FONTS.table.halfPoints * 10; // a CJK character is one em wide: half-points × 10 twips

/** Lines a text takes in `room` em, filled character by character (as CJK text breaks): CJK
 *  characters are 1 em wide, Latin letters and digits about 0.55. */
function wrappedLines(s: string, room: number): number {
  let lines = 1;
  let used = 0;
  for (const ch of s) {
    const w = ch.charCodeAt(0) > 0x2e7f ? 1 : 0.55;
    if (used + w > room && used > 0) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return lines;
}

/** Height of one-line paragraphs of these styles (a form's title and unit line), twips. */
export function paragraphsHeight(styles: readonly ParagraphStyle[]): number {
  let h = 0;
  for (const s of styles) {
    const l = PARAGRAPH_LOOKS[s];
    h += (l.lineExact ?? TABLE_LINE_TWIPS) + (l.before ?? 0) + (l.after ?? 0);
  }
  return h;
}

/** Keeping of a table's parts on a page of `pageHeight` twips (its text height): together when the whole fits in
 *  what `lead` (the blocks printed with it on its page: title, unit line; by default a fifth of
 *  the page) leaves; each row unsplit when it takes at most 40 % of the page. */
export function rowKeeping(
  parts: readonly (readonly LayoutCell[][])[],
  pageHeight: number,
  lead?: number,
  rowMin = TABLE_ROW_MIN_TWIPS,
): { keepTogether: boolean; cantSplit: boolean[][]; height: number } {
  let height = 0;
  // A merged cell (一级, a long 分项) taller than the rows it spans makes them taller.
  let merged: Array<{ need: number; rows: number }> = [];
  const cantSplit = parts.map((rows) =>
    rows.map((cells) => {
      for (const c of cells) if (c.merge === 'restart' && c.lines.length > 0) merged.push({ need: textHeight(c) + ROW_EXTRA_TWIPS, rows: c.rowSpan });
      const h = estimateRowHeight(cells);
      const row = Math.max(rowMin, h + ROW_EXTRA_TWIPS);
      height += row;
      for (const m of merged) {
        m.need -= row;
        if (--m.rows === 0 && m.need > 0) height += m.need;
      }
      merged = merged.filter((m) => m.rows > 0);
      return h <= pageHeight * 0.4;
    }),
  );
  const room = lead === undefined ? pageHeight * 0.8 : pageHeight - lead - SLACK_TWIPS;
  return { keepTogether: height <= room, cantSplit, height };
}
