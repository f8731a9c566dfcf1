// Where a seed's cell sequence differs from the form because of how the published
// document was made or extracted — not because our output is wrong. Each entry names the
// tables it applies to and turns the seed's cells into the form's cells; the comparison
// itself stays exact (whitespace removed). Every other table must match as printed.

/** Whitespace-insensitive comparison form of a cell. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

export interface KnownDifference {
  seed: string;
  tables: number[];
  why: string;
  /** Seed cells (squashed) → form cells (squashed). */
  apply(cells: string[]): string[];
}

/** Replaces whole cells (exact match after squashing). */
const replaceCells =
  (pairs: Record<string, string>) =>
  (cells: string[]): string[] =>
    cells.map((c) => pairs[c] ?? c);

const moveBefore =
  (cell: string, before: string) =>
  (cells: string[]): string[] => {
    const from = cells.indexOf(cell);
    const to = cells.indexOf(before);
    if (from < 0 || to < 0 || to > from) throw new Error(`known difference no longer applies: ${cell} / ${before}`);
    const out = [...cells];
    out.splice(from, 1);
    out.splice(to, 0, cell);
    return out;
  };

const removeSecond =
  (cell: string) =>
  (cells: string[]): string[] => {
    const first = cells.indexOf(cell);
    const second = cells.indexOf(cell, first + 1);
    if (second < 0) throw new Error(`known difference no longer applies: second ${cell}`);
    return [...cells.slice(0, second), ...cells.slice(second + 1)];
  };

/** Removes the n-th occurrences (1-based) of a cell. */
const removeOccurrences =
  (cell: string, nth: number[]) =>
  (cells: string[]): string[] => {
    let k = 0;
    const out = cells.filter((c) => c !== cell || !nth.includes(++k));
    if (Math.max(...nth) > k) throw new Error(`known difference no longer applies: ${cell} ×${k}`);
    return out;
  };

// Labels of the 项目资金 block as the C form prints them (full-width, GB/T 15834).
const C_HALF_WIDTH_LABELS = {
  '项目资金(元)': '项目资金（元）',
  '实施期资金总额:': '实施期资金总额：',
  '年度资金总额:': '年度资金总额：',
  '其中:中央财政资金': '其中：中央财政资金',
  '市县(区)财政资金': '市县（区）财政资金',
  '负责人:': '负责人：',
  '经办人:': '经办人：',
  '联系电话:': '联系电话：',
  '填报日期:': '填报日期：',
};

const D_HALF_WIDTH_LABELS = {
  '项目资金(万元)': '项目资金（万元）',
  '中期资金总额:': '中期资金总额：',
  '年度资金总额:': '年度资金总额：',
  '其中:财政拨款': '其中：财政拨款',
};

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    seed: '001',
    tables: [1, 6, 7, 8],
    why:
      'These four forms of the PDF print the labels of 项目资金 and the signature line with half-width ' +
      '“(”“:” while forms 2–5 of the same document print the full-width “（”“：” the template uses.',
    apply: replaceCells(C_HALF_WIDTH_LABELS),
  },
  {
    seed: '001',
    tables: [6],
    why: 'The wrapped label 市县（区）财政资金 of the 年度 column was extracted with its two lines swapped (`资金 市县(区)财政`).',
    apply: replaceCells({ '资金市县(区)财政': '市县（区）财政资金' }),
  },
  {
    seed: '001',
    tables: [1, 2, 3, 4, 5, 6, 7, 8],
    why:
      '总体目标 is one cell merged over the 实施期目标/年度目标 row and the goal row, centred vertically; ' +
      'the PDF extraction puts its text with the taller second row. In the DOCX the text belongs to the first row of the merge.',
    apply: moveBefore('总体目标', '实施期目标'),
  },
  {
    seed: '001',
    tables: [7],
    why:
      'Document defect: the three 质量指标 rows are merged as 1 + 2 on both sides (质量指标 printed twice); ' +
      'the 申报表 template merges every run of equal 二级, so the form prints it once per side.',
    apply: removeOccurrences('质量指标', [3, 4]),
  },
  {
    seed: '001',
    tables: [8],
    why:
      'Document defect: the 年度 side merges its three 质量指标 rows as 1 + 2 (printed twice); ' +
      'the template merges the run of equal 二级 once.',
    apply: removeOccurrences('质量指标', [3]),
  },
  {
    seed: '003',
    tables: [5],
    why: 'The side label 绩效指标 (merged over the header and all indicator rows) was read by the OCR on the first indicator row.',
    apply: moveBefore('绩效指标', '一级指标'),
  },
  {
    seed: '003',
    tables: [1, 2, 3, 4, 5, 6],
    why: 'Seed 003 is OCR output: full-width “（”“：” in the labels came out half-width.',
    apply: replaceCells(D_HALF_WIDTH_LABELS),
  },
  {
    seed: '003',
    tables: [3, 4, 5, 6],
    why: 'OCR turned the full-width brackets around the 中期 range into half-width ones (tables 1–2 keep “（…）”).',
    apply: (cells) => cells.map((c) => (/^中期目标\(.*\)$/.test(c) ? c.replace('(', '（').replace(/\)$/, '）') : c)),
  },
  {
    seed: '003',
    tables: [1],
    why:
      'The merged 一级 cell 产出指标 was read twice by the OCR where the table crosses a page ' +
      '(`产出指标` before 质量指标); the form prints it once over its group.',
    apply: removeSecond('产出指标'),
  },
  {
    seed: '003',
    tables: [1],
    why:
      'Form 1 leaves 其他资金 blank where forms 2–6 print 0; the template prints 其他资金 one way in ' +
      'every table (rule `otherFunding: zero`), so the form prints 0 on both sides.',
    apply: (cells) => {
      const out = cells.flatMap((c) => (c === '其他资金' ? [c, '0'] : [c]));
      if (out.length !== cells.length + 2) throw new Error('known difference no longer applies: 其他资金 ×2');
      return out;
    },
  },
];

/** The seed table's cells as the form prints them: squashed, known differences applied. */
export function expectedCells(seed: string, index: number, cells: readonly string[]): string[] {
  let out = cells.map(squash);
  for (const d of KNOWN_DIFFERENCES) if (d.seed === seed && d.tables.includes(index)) out = d.apply(out);
  return out;
}
