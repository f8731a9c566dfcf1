// The 绩效目标审核意见表 of one unit-year as the layout model: per table the 审核内容 by
// criterion (完整性、相关性、适当性、可行性) with its grade and 审核意见, the comments, the
// 审核结论; the overall grade and opinion; reviewer, date and 单位（盖章）. The DOCX writer and
// the HTML print view render it as they render the books. Texts are plain: both writers escape.
import type { LayoutBlock, LayoutCell, LayoutDocument, LayoutRow, LayoutTable } from './types.ts';
import { pageSetup, scaleGrid } from './typesetting.ts';

export interface ReviewSheetTable {
  seq: number;
  name: string;
  grade: string | null;
  criteria: Partial<Record<string, string>>;
  criteriaGrades: Partial<Record<string, string>>;
  verdictLabel: string;
  /** Printed after the 审核结论: `沿用第 1 次报送的审核结论（本表未修改）`. */
  note?: string;
  /** The row naming the item where it is not a table (`审核对象`, `部门整体绩效目标`). */
  head?: { label: string; text: string };
  /** The criteria it is graded by where not all (the 部门整体绩效目标 has no 适当性). */
  gradedBy?: readonly string[];
  /** `位置：意见` lines, in order. */
  comments: Array<{ where: string; text: string; answer?: string }>;
}

export interface ReviewSheetInput {
  unit: { code: string; name: string };
  year: number;
  criteria: readonly string[];
  submission: { no: number | null; sha256: string };
  overall: { grade: string | null; opinion: string } | null;
  reviewer: string;
  /** `2026年12月2日`. */
  date: string;
  tables: ReviewSheetTable[];
}

const GRID_MM = [30, 18, 108];
const BLANK = '　'.repeat(6);

export function buildReviewSheet(input: ReviewSheetInput): LayoutDocument {
  const page = pageSetup('portrait');
  const widths = scaleGrid(GRID_MM, page.textWidth);
  const cell = (col: number, colSpan: number, lines: string[], role: LayoutCell['role'], align: LayoutCell['align'] = role === 'value' ? 'left' : 'center'): LayoutCell => ({
    lines,
    col,
    colSpan,
    merge: 'none',
    rowSpan: 1,
    width: widths.slice(col, col + colSpan).reduce((a, b) => a + b, 0),
    align,
    role,
    ...(role === 'header' ? { bold: true } : {}),
  });
  const row = (cells: LayoutCell[], header = false): LayoutRow => ({ cells, header, cantSplit: true });
  const pair = (label: string, lines: string[]) => row([cell(0, 1, [label], 'label'), cell(1, 2, lines.length ? lines : [''], 'value')]);

  const blocks: LayoutBlock[] = [
    { kind: 'paragraph', style: 'title', text: '绩效目标审核意见表' },
    { kind: 'paragraph', style: 'caption', text: `（${input.year}年度）` },
    {
      kind: 'paragraph',
      style: 'unitLine',
      text: `被审核单位：${input.unit.code}${input.unit.name}`,
      right: `第 ${input.submission.no ?? '?'} 次报送（${input.submission.sha256.slice(0, 12)}）`,
      keepNext: true,
    },
  ];
  for (const t of input.tables) {
    const rows: LayoutRow[] = [
      t.head ? pair(t.head.label, [t.head.text]) : pair('项目名称', [`${t.seq}. ${t.name}`]),
      row([cell(0, 1, ['审核内容'], 'header'), cell(1, 1, ['等级'], 'header'), cell(2, 1, ['审核意见'], 'header')]),
      ...(t.gradedBy ?? input.criteria).map((c) => row([cell(0, 1, [c], 'label'), cell(1, 1, [t.criteriaGrades[c] ?? ''], 'value', 'center'), cell(2, 1, (t.criteria[c] ?? '').split('\n'), 'value')])),
      pair(
        '具体意见',
        // A comment or answer of several lines prints as several lines of the cell.
        t.comments.flatMap((c, i) => `${i + 1}. ${c.where}：${c.text}${c.answer ? `（单位答复：${c.answer}）` : ''}`.split('\n')),
      ),
      pair('审核结论', [`${t.verdictLabel}${t.grade ? `（等级：${t.grade}）` : ''}${t.note ? `；${t.note}` : ''}`]),
    ];
    const table: LayoutTable = { widths, rows, headerRows: 0, keepTogether: true, joinPrevious: false };
    blocks.push({ kind: 'table', table });
    blocks.push({ kind: 'paragraph', style: 'body', text: '' });
  }
  const o = input.overall;
  blocks.push({
    kind: 'table',
    table: { widths, rows: [pair('总体等级', [o?.grade ?? '']), pair('总体意见', (o?.opinion ?? '').split('\n'))], headerRows: 0, keepTogether: true, joinPrevious: false },
  });
  blocks.push({ kind: 'paragraph', style: 'signature', text: `审核人：${input.reviewer || BLANK}　　审核日期：${input.date}` });
  // Set like the 审核人 line above it (the 'seal' style is the cover's 三号).
  blocks.push({ kind: 'paragraph', style: 'signature', text: `审核单位（盖章）：${BLANK}` });
  return { title: `${input.unit.name}${input.year}年度绩效目标审核意见表`, tableCount: input.tables.length, sections: [{ page, blocks }] };
}
