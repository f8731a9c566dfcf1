// The layout model: what a printed document looks like, independent of the file format.
// Built from a template definition + filing + unit (table.ts, documents.ts) and read by
// the two renderers (DOCX writer in electron/export/docx, HTML print view in
// shared/print-html). Lengths are twips (1/20 pt).

export type Orientation = 'portrait' | 'landscape';

export interface PageSetup {
  orientation: Orientation;
  width: number;
  height: number;
  margin: { top: number; bottom: number; left: number; right: number };
  /** Distance of the footer (page number) from the bottom edge. */
  footer: number;
  textWidth: number;
  textHeight: number;
}

export type ParagraphStyle =
  | 'title' // document title, 方正小标宋简体 二号
  | 'formTitle' // title of a 申报表 form
  | 'part' // 第一部分 / 部门整体绩效目标
  | 'heading' // 一、总体绩效目标 (黑体 三号)
  | 'tableTitle' // N.<项目名称>绩效目标表
  | 'projectHeading' // N. “…”项目 (D)
  | 'attachment' // 附件
  | 'caption' // （2024 年度） / 项目支出绩效目标表
  | 'body' // prose, 仿宋_GB2312 三号, two-character indent
  | 'itemTitle' // numbered item title in 分项绩效目标
  | 'unitLine' // `619001唐山市医疗保障局本级 … 单位：万元`
  | 'contentsTitle'
  | 'contentsEntry'
  | 'coverTitle' // title on the cover of a 报送稿
  | 'seal' // 单位（盖章）：… (报送稿)
  | 'signature'; // 负责人：… 经办人：… 联系电话：… 填报日期：… (报送稿)

export interface LayoutParagraph {
  kind: 'paragraph';
  style: ParagraphStyle;
  text: string;
  /** Text printed flush right on the same line (after a right tab). */
  right?: string;
  keepNext?: boolean;
}

export interface LayoutHeading {
  kind: 'heading';
  style: ParagraphStyle;
  /** 1 = part, 2 = section or table heading (outline level in Word). */
  level: 1 | 2;
  text: string;
  /** Bookmark name (Word TOC style `_Toc…`), unique in the document; target of the contents list. */
  bookmark: string;
  /** Text of the contents entry when it differs from the heading (申报表 forms all share one title). */
  tocText?: string;
  keepNext?: boolean;
}

export interface ContentsEntry {
  text: string;
  bookmark: string;
  level: 1 | 2;
}

/** A printed list of the document's headings (no page numbers: they are not known here). */
export interface LayoutContents {
  kind: 'contents';
  title: string;
  entries: ContentsEntry[];
}

export interface LayoutPageBreak {
  kind: 'pageBreak';
}

export type CellAlign = 'left' | 'center' | 'right' | 'justify';
export type CellRole = 'label' | 'value' | 'header' | 'level1' | 'level2' | 'indicator' | 'side';

export interface LayoutCell {
  /** Paragraphs of the cell ([] = blank). */
  lines: string[];
  /** First grid column (0-based). */
  col: number;
  colSpan: number;
  /** Vertical merge: 'restart' starts a cell covering `rowSpan` rows; 'continue' rows below it. */
  merge: 'none' | 'restart' | 'continue';
  /** Rows covered by a 'restart' cell (1 otherwise). */
  rowSpan: number;
  /** Sum of the spanned grid widths, twips. */
  width: number;
  align: CellAlign;
  role: CellRole;
  bold?: boolean;
  /** The filing field a value cell shows (`name`, `periods.annual.indicators.3.value`), for the import preview. */
  field?: string;
}

export interface LayoutRow {
  cells: LayoutCell[];
  /** Repeated at the top of each page (must be the first rows of the table). */
  header: boolean;
  /** Never split across pages (false only for rows estimated taller than a large part of a page). */
  cantSplit: boolean;
}

export interface LayoutTable {
  /** Grid column widths in twips, summing to the page text width. */
  widths: number[];
  rows: LayoutRow[];
  headerRows: number;
  /** Keep the rows together with the next part / paragraph where the page allows. */
  keepTogether: boolean;
  /** Minimum height of its rows, twips (default TABLE_ROW_MIN_TWIPS, 7 mm). */
  rowHeight?: number;
  /** The last `keepTail` rows each stay on the page of the row before them (a closing 总分
   *  row never lands alone under a repeated header); 0 or absent: none. */
  keepTail?: number;
  /** Printed flush under the previous table (one form split in parts so that its
   *  indicator header can repeat on each page). */
  joinPrevious: boolean;
  /** The project this part belongs to: part k of n. */
  project?: { id: string; part: number; parts: number };
}

export interface LayoutTableBlock {
  kind: 'table';
  table: LayoutTable;
}

export type LayoutBlock = LayoutParagraph | LayoutHeading | LayoutContents | LayoutPageBreak | LayoutTableBlock;

export interface LayoutSection {
  page: PageSetup;
  /** Blocks in print order. A book built with `lazy` gives an iterable that builds each
   *  table's layout while it is read, so a renderer never holds all tables at once. */
  blocks: Iterable<LayoutBlock>;
}

export interface LayoutDocument {
  title: string;
  sections: LayoutSection[];
  /** Project tables in the document (progress: done / tableCount). */
  tableCount: number;
}
