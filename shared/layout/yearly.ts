// The 绩效运行监控表 and the 绩效自评表 in the same layout model as the targets (read by the
// DOCX writer and the HTML print view): their column words from the form templates, the
// targets beside the new columns, money in 万元, scores to 0.01 分; one project's forms or
// a unit-year book of them, 公开稿 or 报送稿 (单位（盖章） line and signature line).
import type { Unit } from '../model/filing.ts';
import { fenToDecimalText } from '../model/money.ts';
import { supervisorText } from '../model/supervisor.ts';
import { hundredthsText as ht } from '../scoring/exact.ts';
import type { SelfEvaluationScore } from '../scoring/score.ts';
import type { MonitoringForm, SelfEvaluationForm } from '../yearly/form-types.ts';
import type { MonitoringFiling, SelfEvaluationFiling } from '../yearly/model.ts';
import type { TargetView } from '../yearly/view.ts';
import { fillPlaceholders, LayoutError } from './documents.ts';
import { PUBLIC_PRINT, sealLine, sealedUnit, signatureLine, type PrintOptions } from './submission.ts';
import type { CellAlign, CellRole, LayoutBlock, LayoutCell, LayoutDocument, LayoutRow, LayoutTable } from './types.ts';
import { pageSetup, scaleGrid, YEARLY_ROW_MIN_TWIPS } from './typesetting.ts';
import { monthLabel } from '../yearly/monitoring-form.ts';
import { paragraphsHeight, rowKeeping } from './row-keeping.ts';

export interface YearlyPrintItem {
  unit: Unit;
  projectId: string;
  name: string;
  monitoring?: { filing: MonitoringFiling; target: TargetView; template: MonitoringForm; rate: number | null };
  selfEvaluation?: { filing: SelfEvaluationFiling; target: TargetView; template: SelfEvaluationForm; score: SelfEvaluationScore };
}

export type YearlyPrintKind = 'monitoring' | 'self-evaluation' | 'both';

const page = pageSetup('landscape');
const wan = (fen: number | null): string => (fen === null ? '' : fenToDecimalText(fen, '万元'));
const pct = (h: number | null): string => (h === null ? '' : `${ht(h)}%`);
const lines = (s: string): string[] => (s.trim() === '' ? [] : s.split(/\r?\n/));

/** A table on a grid of weights; rows are written as (text, span, options) cells left to right. */
export class TableBuilder {
  readonly widths: number[];
  private readonly rows: LayoutCell[][] = [];
  private readonly carry: number[];

  constructor(weights: readonly number[]) {
    this.widths = scaleGrid(weights, page.textWidth);
    this.carry = weights.map(() => 0);
  }

  row(cells: Array<[string, number, { role?: CellRole; align?: CellAlign; down?: number; bold?: boolean }?]>): this {
    const out: LayoutCell[] = [];
    let col = 0;
    const skipCarried = () => {
      while (col < this.widths.length && this.carry[col]! > 0) {
        const span = this.spanAt(col);
        this.carry[col]!--;
        out.push(this.cell(col, span, [], 'label', 'center', 'continue', 1));
        col += span;
      }
    };
    for (const [text, span, o = {}] of cells) {
      skipCarried();
      const down = o.down ?? 1;
      const c = this.cell(col, span, lines(text), o.role ?? 'value', o.align ?? 'center', down > 1 ? 'restart' : 'none', down);
      if (o.bold) c.bold = true;
      out.push(c);
      if (down > 1) {
        this.carry[col] = down - 1;
        this.spans.set(col, span);
      }
      col += span;
    }
    skipCarried();
    if (col !== this.widths.length) throw new LayoutError(`表格行的栏数（${col}）与表格（${this.widths.length}）不符`);
    this.rows.push(out);
    return this;
  }

  private readonly spans = new Map<number, number>();
  private spanAt(col: number): number {
    return this.spans.get(col) ?? 1;
  }

  private cell(col: number, colSpan: number, l: string[], role: CellRole, align: CellAlign, merge: LayoutCell['merge'], rowSpan: number): LayoutCell {
    let width = 0;
    for (let i = col; i < col + colSpan; i++) width += this.widths[i] ?? 0;
    return { lines: l, col, colSpan, merge, rowSpan, width, align, role };
  }

  /** Cuts the rows into the head part and the indicator part (its header repeats on each page);
   *  the indicator part's last `keepTail` rows keep with the row before them. `lead`: height of
   *  what prints with the form on its page (title, unit line; signature line of the 报送稿). */
  parts(projectId: string, indicatorStart: number, keepTail = 0, lead = FORM_LEAD): LayoutTable[] {
    const split = [this.rows.slice(0, indicatorStart), this.rows.slice(indicatorStart)];
    // By the estimated height of the rows, as the targets: a form that fits stays on its page,
    // a longer one (or one of few but tall rows) flows.
    const { keepTogether, cantSplit } = rowKeeping(split, page.textHeight, lead, YEARLY_ROW_MIN_TWIPS);
    const mk = (rows: LayoutCell[][], headerRows: number, part: number): LayoutTable => ({
      widths: this.widths,
      rows: rows.map((cells, i): LayoutRow => ({ cells, header: i < headerRows, cantSplit: cantSplit[part]?.[i] ?? true })),
      headerRows,
      keepTogether,
      rowHeight: YEARLY_ROW_MIN_TWIPS,
      ...(part > 0 && keepTail > 0 ? { keepTail } : {}),
      joinPrevious: part > 0,
      project: { id: projectId, part, parts: 2 },
    });
    return [mk(split[0]!, 0, 0), mk(split[1]!, 1, 1)];
  }

  get length(): number {
    return this.rows.length;
  }
}

/** Title and unit line above every yearly form; the 报送稿 adds its signature line below. */
const FORM_LEAD = paragraphsHeight(['formTitle', 'unitLine']);
export const formLead = (print: PrintOptions): number => FORM_LEAD + (print.kind === 'submission' ? paragraphsHeight(['signature']) : 0);

export const H = { role: 'header' as CellRole, bold: true };
export const L = { role: 'label' as CellRole };

function headRows(t: TableBuilder, item: YearlyPrintItem): void {
  t.row([['项目名称', 2, L], [item.name, 8, { align: 'left' }]]);
  t.row([
    ['主管部门', 2, L],
    [supervisorText(item.unit.supervisor), 3, { align: 'left' }],
    ['实施单位', 2, L],
    [`${item.unit.code}${item.unit.name}`, 3, { align: 'left' }],
  ]);
}

type Cell = [string, number, object];

/** Indicator rows: 一级 merged over its run, 二级 (the 分项 of the 部门整体 form) over its run
 *  within it, as in the target table; `cellsOf` gives the cells right of 二级. */
export function indicatorRows(t: TableBuilder, target: TargetView, cellsOf: (row: TargetView['rows'][number]) => Cell[], level2Align: CellAlign = 'center'): void {
  const rows = target.rows;
  if (rows.length === 0) throw new LayoutError('绩效目标没有年度指标，无法打印');
  /** Rows from `i` on with the same 一级 (and, for `level2`, the same non-empty 二级). */
  const runOf = (i: number, level2: boolean): number => {
    const r = rows[i]!;
    let run = 1;
    while (i + run < rows.length && rows[i + run]!.level1 === r.level1 && (!level2 || (r.level2 !== '' && rows[i + run]!.level2 === r.level2))) run++;
    return run;
  };
  let left1 = 0;
  let left2 = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const cells: Cell[] = [];
    if (left1-- <= 0) {
      left1 = runOf(i, false) - 1;
      left2 = 0;
      cells.push([r.level1, 1, { role: 'level1', down: left1 + 1 }]);
    }
    if (left2-- <= 0) {
      left2 = runOf(i, true) - 1;
      cells.push([r.level2, 1, { role: 'level2', align: level2Align, down: left2 + 1 }]);
    }
    t.row([...cells, ...cellsOf(r)] as never);
  }
}

/** 绩效运行监控表 of one project. */
export function monitoringTables(item: YearlyPrintItem, lead = FORM_LEAD): LayoutTable[] {
  const m = item.monitoring;
  if (!m) throw new LayoutError(`项目“${item.name}”还没有绩效运行监控表`);
  const col = (k: string, list: { key: string; label: string }[]) => monthLabel(list, k, m.filing.cutOffMonth);
  const t = new TableBuilder([10, 10, 16, 11, 11, 11, 10, 9, 16, 16]);
  headRows(t, item);
  const f = m.filing;
  const fc = m.template.fundColumns;
  t.row([['项目资金（万元）', 2, { ...L, down: 2 }], ...fc.map((c, i): [string, number, object] => [col(c.key, fc), i === fc.length - 1 ? 8 - 2 * (fc.length - 1) : 2, H])]);
  const rate = f.funds.rate.trim() || pct(m.rate);
  const fundValue: Record<string, string> = { budget: wan(f.funds.budget), executed: wan(f.funds.executed), rate, projected: wan(f.funds.projected) };
  t.row(fc.map((c, i): [string, number] => [fundValue[c.key] ?? '', i === fc.length - 1 ? 8 - 2 * (fc.length - 1) : 2]));
  const start = t.length;
  const ic = m.template.indicatorColumns;
  t.row([['一级指标', 1, H], ['二级指标', 1, H], ['三级指标', 1, H], ...ic.map((c): [string, number, object] => [col(c.key, ic), 1, H])]);
  const byId = new Map(f.rows.map((r) => [r.indicatorId, r]));
  indicatorRows(t, m.target, (r) => {
    const row = byId.get(r.id);
    const value: Record<string, string> = {
      target: r.value,
      actual: row?.actual ?? '',
      projected: row?.projected ?? '',
      reason: row?.reasons.join('、') ?? '',
      likelihood: row?.likelihood ?? '',
      explanation: row?.explanation ?? '',
      correction: row?.correction ?? '',
    };
    return [[r.name, 1, { role: 'indicator', align: 'left' }], ...ic.map((c): Cell => [value[c.key] ?? '', 1, { align: c.key === 'explanation' || c.key === 'correction' ? 'left' : 'center' }])];
  });
  if (ic.length !== 7) throw new LayoutError(`监控表样“${m.template.name}”的指标栏目应为 7 栏，现为 ${ic.length} 栏`);
  return t.parts(item.projectId, start, 0, lead);
}

/** Grid of the 绩效自评表 (project and 部门整体): 一级 holds 满意度指标, 二级 社会效益指标 and 三级
 *  eight characters on one line, 实际完成值 a date (2025年11月); the fund header's 全年预算数 / 全年执行数 do not wrap. */
export const SELF_EVALUATION_GRID = [9.5, 11, 15, 11, 11.5, 9.5, 9.5, 7, 8, 8];

/** The self-evaluation's own columns of an indicator row (年度指标值, 实际完成值 or 完成情况, 分值, 得分, 偏差原因). */
export function scoredCells(
  ic: readonly { key: string }[],
  target: string,
  row: { actual: string; achievement: { level: string } | null; deviation: string } | undefined,
  rs: { points: number; score: number } | undefined,
): Cell[] {
  const value: Record<string, string> = {
    target,
    actual: row?.achievement && !row.actual.trim() ? row.achievement.level : (row?.actual ?? ''),
    points: rs ? ht(rs.points) : '',
    score: rs ? ht(rs.score) : '',
    deviation: row?.deviation ?? '',
  };
  return ic.map((c, i): Cell => [value[c.key] ?? '', i === ic.length - 1 ? 3 : 1, { align: c.key === 'deviation' ? 'left' : 'center' }]);
}

/** 总分 row: 分值 total, 总分, grade (with how caps and deductions changed it). */
export function totalRow(t: TableBuilder, sc: SelfEvaluationScore): void {
  t.row([['总分', 5, { ...L, bold: true }], [ht(sc.pointsTotal), 1], [ht(sc.total), 1, { bold: true }], [`等级：${sc.grade}${sc.deduction || sc.cap !== null ? `（${sc.explanation}）` : ''}`, 3, { align: 'left' }]]);
}

/** 绩效自评表 of one project, with the score of every row, 总分 and the grade. */
export function selfEvaluationTables(item: YearlyPrintItem, lead = FORM_LEAD): LayoutTable[] {
  const s = item.selfEvaluation;
  if (!s) throw new LayoutError(`项目“${item.name}”还没有绩效自评表`);
  const f = s.filing;
  const sc = s.score;
  const t = new TableBuilder(SELF_EVALUATION_GRID);
  headRows(t, item);
  const fc = s.template.fundColumns;
  if (fc.length !== 6) throw new LayoutError(`自评表样“${s.template.name}”的资金栏目应为 6 栏，现为 ${fc.length} 栏`);
  const lines = s.template.fundLines;
  t.row([['项目资金（万元）', 2, { ...L, down: lines.length + 1 }], ['', 2, H], ...fc.map((c): [string, number, object] => [c.label, 1, H])]);
  for (const l of lines) {
    const v = f.funds[l.key];
    const total = l.key === 'total';
    const rate = v.budget && v.executed !== null ? pct(Number((2n * BigInt(v.executed) * 10000n + BigInt(v.budget)) / (2n * BigInt(v.budget)))) : '';
    const value: Record<string, string> = {
      initialBudget: wan(v.initialBudget),
      budget: wan(v.budget),
      executed: wan(v.executed),
      rate: total ? (sc.execution.rate ?? '') : rate,
      points: total ? ht(sc.execution.points) : '—',
      score: total ? ht(sc.execution.score) : '—',
    };
    t.row([[l.label, 2, { ...L, align: 'left' }], ...fc.map((c): [string, number] => [value[c.key] ?? '', 1])]);
  }
  t.row([['年度总体目标', 2, { ...L, down: 2 }], ['预期目标', 4, H], ['实际完成情况', 4, H]]);
  t.row([[f.goal.expected, 4, { align: 'left' }], [f.goal.achieved, 4, { align: 'left' }]]);
  const start = t.length;
  const ic = s.template.indicatorColumns;
  if (ic.length !== 5) throw new LayoutError(`自评表样“${s.template.name}”的指标栏目应为 5 栏，现为 ${ic.length} 栏`);
  t.row([['一级指标', 1, H], ['二级指标', 1, H], ['三级指标', 1, H], ...ic.map((c, i): [string, number, object] => [c.label, i === ic.length - 1 ? 3 : 1, H])]);
  const scored = new Map(sc.rows.map((r) => [r.indicatorId, r]));
  const byId = new Map(f.rows.map((r) => [r.indicatorId, r]));
  indicatorRows(t, s.target, (r) => [[r.name, 1, { role: 'indicator', align: 'left' }], ...scoredCells(ic, r.value, byId.get(r.id), scored.get(r.id))]);
  totalRow(t, sc);
  // 总分 never alone on a page: it and the last indicator row go with the row before them.
  return t.parts(item.projectId, start, 2, lead);
}

function* formBlocks(item: YearlyPrintItem, kind: YearlyPrintKind, year: number, n: number, print: PrintOptions, bookmark: () => string): Generator<LayoutBlock> {
  const one = (title: string, version: string, tables: LayoutTable[]): LayoutBlock[] => [
    { kind: 'heading', style: 'formTitle', level: 2, text: title, bookmark: bookmark(), tocText: `${n}. ${item.name}`, keepNext: true },
    { kind: 'paragraph', style: 'unitLine', text: `${item.unit.code}${item.unit.name}　${version}`, right: '单位：万元', keepNext: true },
    ...tables.map((table): LayoutBlock => ({ kind: 'table', table })),
    ...(print.kind === 'submission' ? [signatureLine({ head: '', handler: '', phone: '', date: '' })] : []),
  ];
  if (kind !== 'self-evaluation' && item.monitoring) {
    const m = item.monitoring;
    yield* one(fillPlaceholders(m.template.title, { year, month: m.filing.cutOffMonth }), m.target.versionLabel, monitoringTables(item, formLead(print)));
  }
  if (kind === 'both' && item.monitoring && item.selfEvaluation) yield { kind: 'pageBreak' };
  if (kind !== 'monitoring' && item.selfEvaluation) {
    const s = item.selfEvaluation;
    yield* one(fillPlaceholders(s.template.title, { year }), s.target.versionLabel, selfEvaluationTables(item, formLead(print)));
  }
}

const KIND_WORDS: Record<YearlyPrintKind, string> = { monitoring: '绩效运行监控表', 'self-evaluation': '绩效自评表', both: '绩效运行监控表和绩效自评表' };

/** One project's form(s), or a unit-year book of them (each project on its own page); `lead`: blocks
 *  before the projects' (the 部门整体绩效自评表 of the unit-year, shared/layout/dept-yearly.ts). */
export function buildYearlyLayout(items: readonly YearlyPrintItem[], kind: YearlyPrintKind, year: number, print: PrintOptions = PUBLIC_PRINT, lead?: { unit: Unit; blocks: LayoutBlock[] }): LayoutDocument {
  const has = (i: YearlyPrintItem) => (kind === 'monitoring' ? !!i.monitoring : kind === 'self-evaluation' ? !!i.selfEvaluation : !!(i.monitoring || i.selfEvaluation));
  const shown = items.filter(has);
  if (shown.length === 0 && !lead?.blocks.length) throw new LayoutError(`没有可打印的${KIND_WORDS[kind]}（先生成并填写）`);
  let bm = 0;
  const bookmark = () => `_Toc_jy_${++bm}`;
  const blocks: LayoutBlock[] = [];
  const unit = shown[0]?.unit ?? lead!.unit;
  if (print.kind === 'submission') blocks.push(sealLine(sealedUnit(unit), year));
  const leading = lead?.blocks ?? [];
  blocks.push(...leading);
  shown.forEach((item, k) => {
    if (k > 0 || leading.length) blocks.push({ kind: 'pageBreak' });
    blocks.push(...formBlocks(item, kind, year, k + 1, print, bookmark));
  });
  const title = shown.length === 1 && !leading.length ? `${shown[0]!.name}${KIND_WORDS[kind]}` : `${unit.code}${unit.name}${year}年度${KIND_WORDS[kind]}`;
  return { title, tableCount: shown.length + (leading.length ? 1 : 0), sections: [{ page, blocks }] };
}
