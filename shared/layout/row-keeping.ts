// How a table keeps on the page, for every table of the layout model (targets, yearly forms):
// the whole table stays on one page when its estimated height fits (keep-with-next through
// its rows), and a row may not split across pages unless it is too tall to move (a row of a
// long 原因说明 kept whole would push the table off a page and leave that page empty).
import type { LayoutCell } from './types.ts';
import { CELL_PADDING_TWIPS, FONTS, TABLE_LINE_TWIPS, TABLE_ROW_MIN_TWIPS } from './typesetting.ts';

/** Rough height of a row (twips) from its text, for deciding whether it may stay unsplit. */
function estimateRowHeight(cells: readonly LayoutCell[]): number {
  let max = 0;
  const charW = FONTS.table.halfPoints * 10; // a CJK character is one em wide: half-points × 10 twips
  for (const c of cells) {
    if (c.merge !== 'none' || c.lines.length === 0) continue;
    const perLine = Math.max(1, Math.floor((c.width - CELL_PADDING_TWIPS) / charW));
    let lines = 0;
    for (const l of c.lines) lines += Math.max(1, Math.ceil(visualLength(l) / perLine));
    max = Math.max(max, lines * TABLE_LINE_TWIPS);
  }
  return max;
}

/** Width of a string in em: CJK characters count 1, Latin letters and digits about 0.55. */
function visualLength(s: string): number {
  let n = 0;
  for (const ch of s) n += ch.charCodeAt(0) > 0x2e7f ? 1 : 0.55;
  return n;
}

/** Keeping of a table's parts on a page of `textHeight` twips: together when the whole fits in
 *  80 % of the page; each row unsplit when it takes at most 40 % of it. */
export function rowKeeping(parts: readonly (readonly LayoutCell[][])[], textHeight: number): { keepTogether: boolean; cantSplit: boolean[][] } {
  let height = 0;
  const cantSplit = parts.map((rows) =>
    rows.map((cells) => {
      const h = estimateRowHeight(cells);
      height += Math.max(TABLE_ROW_MIN_TWIPS, h + 60);
      return h <= textHeight * 0.4;
    }),
  );
  return { keepTogether: height <= textHeight * 0.8, cantSplit };
}
