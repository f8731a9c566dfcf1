// The naive implementation the benchmark compares against: the docx library with one
// `Table` object per project (13 rows × 6 columns, every cell a Paragraph/TextRun object),
// packed with Packer. Used only by tests/bench/docx.ts.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, VerticalMergeType, WidthType } from 'docx';
import type { ProjectFiling } from '../../shared/model/filing.ts';

const WIDTHS = [1300, 1400, 1700, 1700, 1400, 1345];
const run = (text: string) => new TextRun({ text, font: { eastAsia: '仿宋', ascii: 'Times New Roman', hAnsi: 'Times New Roman' }, size: 21 });
const cell = (text: string, i: number, merge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType]) =>
  new TableCell({
    width: { size: WIDTHS[i]!, type: WidthType.DXA },
    ...(merge ? { verticalMerge: merge } : {}),
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text)] })],
  });

function projectTable(p: ProjectFiling): Table {
  const period = p.periods.annual ?? Object.values(p.periods)[0];
  const rows: TableRow[] = [
    new TableRow({ children: ['项目名称', p.name, '', '', '', ''].map((t, i) => cell(t, i)) }),
    new TableRow({ children: ['预算数', String(period?.funding.total ?? ''), '财政资金', String(period?.funding.fiscal ?? ''), '其他资金', ''].map((t, i) => cell(t, i)) }),
    new TableRow({ children: ['绩效目标', period?.goal ?? '', '', '', '', ''].map((t, i) => cell(t, i)) }),
    new TableRow({ tableHeader: true, children: ['一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'].map((t, i) => cell(t, i)) }),
  ];
  const ind = period?.indicators ?? [];
  for (let r = 0; r < 9; r++) {
    const x = ind[r % Math.max(1, ind.length)];
    const merge = r === 0 ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE;
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [cell(r === 0 ? (x?.level1 ?? '') : '', 0, merge), ...[x?.level2, x?.name, x?.description, x?.value, x?.basis].map((t, i) => cell(t ?? '', i + 1))],
      }),
    );
  }
  return new Table({ columnWidths: WIDTHS, width: { size: 8845, type: WidthType.DXA }, rows });
}

/** DOCX bytes of a book with one heading + table per project, the way a naive exporter builds it. */
export async function baselineDocx(projects: readonly ProjectFiling[]): Promise<Uint8Array> {
  const children: Array<Paragraph | Table> = [];
  projects.forEach((p, k) => {
    children.push(new Paragraph({ children: [run(`${k + 1}.${p.name}绩效目标表`)] }));
    children.push(projectTable(p));
  });
  const doc = new Document({ sections: [{ children }] });
  return new Uint8Array(await Packer.toBuffer(doc));
}
