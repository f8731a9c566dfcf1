// Page geometry and type styles of the printed documents (GB/T 9704-2012 and common
// practice; see docs formats.md). Both renderers (DOCX, HTML) read these numbers, so the
// preview and the Word file agree. Lengths are twips (1/20 pt, 1/1440 inch).
import type { Orientation, PageSetup, ParagraphStyle } from './types.ts';

export const TWIPS_PER_MM = 1440 / 25.4;
export const mmToTwips = (mm: number): number => Math.round(mm * TWIPS_PER_MM);

const A4_SHORT = 11906; // 210 mm
const A4_LONG = 16838; // 297 mm

/** A4 portrait: top 37, bottom 35, left 28, right 26 mm (text 156 × 225 mm). Landscape turns
 *  the same margins with the page: left 37, right 35, top 28, bottom 26 (text 225 × 156 mm). */
export function pageSetup(orientation: Orientation): PageSetup {
  if (orientation === 'landscape') {
    const m = { top: mmToTwips(28), bottom: mmToTwips(26), left: mmToTwips(37), right: mmToTwips(35) };
    return {
      orientation,
      width: A4_LONG,
      height: A4_SHORT,
      margin: m,
      footer: mmToTwips(14),
      textWidth: A4_LONG - m.left - m.right,
      textHeight: A4_SHORT - m.top - m.bottom,
    };
  }
  const m = { top: mmToTwips(37), bottom: mmToTwips(35), left: mmToTwips(28), right: mmToTwips(26) };
  return {
    orientation,
    width: A4_SHORT,
    height: A4_LONG,
    margin: m,
    footer: mmToTwips(23),
    textWidth: A4_SHORT - m.left - m.right,
    textHeight: A4_LONG - m.top - m.bottom,
  };
}

/** Scales template grid widths (mm, any unit) to the text width in twips; the sum is exact. */
export function scaleGrid(grid: readonly number[], textWidth: number): number[] {
  const total = grid.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new RangeError('表格栏宽之和必须大于 0');
  const out: number[] = [];
  let acc = 0;
  let used = 0;
  for (const w of grid) {
    acc += w;
    const edge = Math.round((acc / total) * textWidth);
    out.push(edge - used);
    used = edge;
  }
  return out;
}

export interface FontSpec {
  /** East Asian font (w:eastAsia). */
  eastAsia: string;
  /** Latin font (w:ascii / w:hAnsi). */
  latin: string;
  /** Size in half-points (Word's w:sz): 32 = 16 pt (三号). */
  halfPoints: number;
  bold?: boolean;
  /** Fallbacks for the HTML view, after eastAsia and latin. */
  css: string;
}

const FANGSONG_GB = '仿宋_GB2312';
const FANGSONG = '仿宋';
const LATIN = 'Times New Roman';
const CSS_FANGSONG = '"仿宋_GB2312", "仿宋", FangSong, STFangsong, "Noto Serif CJK SC", "AR PL UMing CN", serif';
const CSS_HEI = '"黑体", SimHei, "Heiti SC", "Noto Sans CJK SC", sans-serif';
const CSS_XBS = '"方正小标宋简体", "方正小标宋_GBK", "华文中宋", STZhongsong, "宋体", SimSun, "Noto Serif CJK SC", serif';
const CSS_SONG = '"宋体", SimSun, "Noto Serif CJK SC", "AR PL UMing CN", serif';
const CSS_KAI = '"楷体_GB2312", "楷体", KaiTi, STKaiti, "AR PL UKai CN", serif';

export const FONTS = {
  body: { eastAsia: FANGSONG_GB, latin: LATIN, halfPoints: 32, css: CSS_FANGSONG },
  title: { eastAsia: '方正小标宋简体', latin: LATIN, halfPoints: 44, css: CSS_XBS },
  formTitle: { eastAsia: '方正小标宋简体', latin: LATIN, halfPoints: 36, css: CSS_XBS },
  heading: { eastAsia: '黑体', latin: LATIN, halfPoints: 32, css: CSS_HEI },
  kai: { eastAsia: '楷体_GB2312', latin: LATIN, halfPoints: 32, css: CSS_KAI },
  table: { eastAsia: FANGSONG, latin: LATIN, halfPoints: 21, css: CSS_FANGSONG },
  tableBold: { eastAsia: FANGSONG, latin: LATIN, halfPoints: 21, bold: true, css: CSS_FANGSONG },
  pageNumber: { eastAsia: '宋体', latin: LATIN, halfPoints: 28, css: CSS_SONG },
} satisfies Record<string, FontSpec>;

export interface ParagraphLook {
  font: FontSpec;
  align: 'left' | 'center' | 'right' | 'justify';
  /** First-line indent in characters of the font (2 = 两字缩进). */
  firstLineChars?: number;
  /** Line spacing: exact twips, or undefined for single. */
  lineExact?: number;
  /** Space before / after in twips. */
  before?: number;
  after?: number;
  /** Outline level for headings (0-based, Word's w:outlineLvl). */
  outline?: number;
}

/** How each paragraph style of the layout model looks on paper. */
export const PARAGRAPH_LOOKS: Record<ParagraphStyle, ParagraphLook> = {
  title: { font: FONTS.title, align: 'center', lineExact: 700, before: 0, after: 280 },
  formTitle: { font: FONTS.formTitle, align: 'center', lineExact: 560, before: 0, after: 120 },
  part: { font: FONTS.title, align: 'center', lineExact: 700, before: 0, after: 280, outline: 0 },
  heading: { font: FONTS.heading, align: 'left', firstLineChars: 2, lineExact: 580, outline: 1 },
  tableTitle: { font: FONTS.heading, align: 'center', lineExact: 560, before: 240, after: 120, outline: 1 },
  attachment: { font: FONTS.heading, align: 'left', lineExact: 580, after: 120 },
  projectHeading: { font: FONTS.heading, align: 'left', lineExact: 580, before: 120, outline: 1 },
  caption: { font: FONTS.body, align: 'center', lineExact: 480, after: 120 },
  body: { font: FONTS.body, align: 'justify', firstLineChars: 2, lineExact: 580 },
  itemTitle: { font: FONTS.kai, align: 'justify', firstLineChars: 2, lineExact: 580 },
  unitLine: { font: FONTS.table, align: 'left', lineExact: 320, after: 60 },
  contentsTitle: { font: FONTS.title, align: 'center', lineExact: 700, after: 280 },
  contentsEntry: { font: FONTS.body, align: 'left', lineExact: 520 },
  coverTitle: { font: FONTS.title, align: 'center', lineExact: 700, before: 2880, after: 560 },
  seal: { font: FONTS.body, align: 'left', lineExact: 580, before: 120, after: 120 },
  signature: { font: FONTS.table, align: 'left', lineExact: 400, before: 120, after: 240 },
};

/** Line height of table text (single spacing of 五号) used to estimate row heights, in twips:
 *  as LibreOffice sets it with the CJK fallback font (15.2 pt, measured); Word and WPS with
 *  仿宋 set lines no taller, so a table estimated to fit does fit there. */
export const TABLE_LINE_TWIPS = 304;
/** Minimum height of a table row (7 mm, as on the printed forms), in twips. */
export const TABLE_ROW_MIN_TWIPS = 397;
/** Minimum row height of the yearly forms (6 mm: one 五号 line and its borders): their head is
 *  nine rows, so that a form of six indicator rows fits one landscape page with it. */
export const YEARLY_ROW_MIN_TWIPS = 340;
/** Left + right padding of a table cell, in twips. */
export const CELL_PADDING_TWIPS = 2 * 57;
