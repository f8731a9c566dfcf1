// 汇总 of the received submissions: one spreadsheet across units — per unit-year the
// projects, the budget (exact: summed in 分, shown in 元 with two decimals), indicators
// by kind of 指标值 (shared/indicator-value), the 审核 result with the receiver's rules,
// and when it was sent and received; a second sheet lists every project.
import { RULE_CHECK } from '../../shared/rules/check-label.ts';
import type * as XLSX from 'xlsx';
import { loadXlsx } from '../import/spreadsheet/xlsx-lib.ts';
import type { FilingStore } from '../store/store.ts';
import { PERIOD_KEYS, STATUS_LABELS, type ProjectFiling } from '../../shared/model/filing.ts';
import { parseIndicatorValue } from '../../shared/indicator-value/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { fenToDecimalText } from '../../shared/model/money.ts';
import { supervisorText } from '../../shared/model/supervisor.ts';
import { hundredthsText } from '../../shared/scoring/exact.ts';
import type { YearlyUnitSummary } from '../../shared/yearly/view.ts';
import { yearlySummary } from '../services/yearly-view.ts';
import { validateDeptSelfEvaluation } from '../services/dept-self-evaluation.ts';
import { unitYearCounts } from '../services/unit-year-counts.ts';

export const KIND_LABELS = {
  quantity: '定量',
  duration: '时长',
  date: '时间',
  qualitative: '定性',
  notApplicable: '不适用',
  empty: '空',
} as const;
type Kind = keyof typeof KIND_LABELS;
const KINDS = Object.keys(KIND_LABELS) as Kind[];

export interface SummaryRow {
  unitCode: string;
  unitName: string;
  supervisor: string;
  year: number;
  /** The template of the unit-year's tables (money is shown in its unit). */
  templateId: string;
  projects: number;
  budgetFen: number;
  indicators: number;
  kinds: Record<Kind, number>;
  errors: number;
  warnings: number;
  hints: number;
  sentAt: string;
  receivedAt: string;
  /** 绩效自评 of the unit-year (执行率, mean 总分, grade, rows at risk); null when it has no yearly forms. */
  yearly: YearlyUnitSummary | null;
  /** 部门整体绩效自评: 总分 (hundredths) and grade; null when the unit-year has none. */
  dept: { total: number; grade: string } | null;
}

/** Budget of a filing: 预算数 of its last period (年度). */
function budgetOf(p: ProjectFiling): number {
  const t = getTemplate(p.templateId);
  const key = t ? t.periods[t.periods.length - 1]! : 'annual';
  return p.periods[key]?.funding.total ?? 0;
}

function kindsOf(p: ProjectFiling, into: Record<Kind, number>): number {
  let n = 0;
  for (const k of PERIOD_KEYS) {
    for (const r of p.periods[k]?.indicators ?? []) {
      const kind = parseIndicatorValue(r.value).kind as Kind;
      into[kind] = (into[kind] ?? 0) + 1;
      n++;
    }
  }
  return n;
}

const yuan = (fen: number) => Number(fenToDecimalText(fen, '元', 2));

/**
 * Rows of the 汇总: every current received unit-year (of one year if given). The 审核
 * counts are 审核全部's, read from the counts cache with only the unit-year rules run
 * (services/unit-year-counts.ts); each book is read in one query.
 */
export function summaryRows(store: FilingStore, filter: { year?: number } = {}): { rows: SummaryRow[]; projects: Array<Array<string | number>> } {
  const rows: SummaryRow[] = [];
  const projects: Array<Array<string | number>> = [];
  const units = new Map(store.listUnits().map((u) => [u.code, u]));
  for (const pkg of store.received.list({ state: 'current', year: filter.year })) {
    const unit = units.get(pkg.unitCode);
    const records = store.recordsOfUnitYear(pkg.unitCode, pkg.year);
    const list = records.map((r) => r.filing);
    const t = list[0] ? getTemplate(list[0].templateId) : undefined;
    const kinds = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
    let budget = 0;
    let indicators = 0;
    const counts = unitYearCounts(store, pkg.unitCode, pkg.year, records, store.getDeptTarget(pkg.unitCode, pkg.year));
    for (const p of list) {
      const pk = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
      const n = kindsOf(p, pk);
      for (const k of KINDS) kinds[k] += pk[k];
      indicators += n;
      const b = budgetOf(p);
      budget += b;
      const c = counts?.byProject.get(p.id);
      projects.push([pkg.unitCode, unit?.name ?? '', pkg.year, p.seq, p.name, yuan(b), n, ...KINDS.map((k) => pk[k]), c?.errors ?? 0, c?.warnings ?? 0, STATUS_LABELS[p.status]]);
    }
    if (!Number.isSafeInteger(budget)) throw new RangeError('预算合计超出可表示的范围');
    rows.push({
      unitCode: pkg.unitCode,
      unitName: unit?.name ?? '',
      supervisor: supervisorText(unit?.supervisor),
      year: pkg.year,
      templateId: t?.id ?? '',
      projects: list.length,
      budgetFen: budget,
      indicators,
      kinds,
      errors: counts?.summary.errors ?? 0,
      warnings: counts?.summary.warnings ?? 0,
      hints: counts?.summary.hints ?? 0,
      sentAt: pkg.createdAt,
      receivedAt: pkg.receivedAt,
      yearly: store.yearly.ofUnitYear(pkg.unitCode, pkg.year).forms.length ? yearlySummary(store, pkg.unitCode, pkg.year) : null,
      dept: deptScoreOf(store, pkg.unitCode, pkg.year),
    });
  }
  return { rows, projects };
}

const MONEY_FMT = '#,##0.00';
const YEARLY_HEAD = ['自评项目数', '执行率', '自评总分（平均）', '自评等级', '未达标或有风险的指标', '部门整体自评总分', '部门整体自评等级'];
const yearlyCells = (y: YearlyUnitSummary | null, d: SummaryRow['dept']): Array<string | number> => [
  ...(y ? [y.evaluated, y.rate === null ? '' : `${hundredthsText(y.rate)}%`, y.total === null ? '' : hundredthsText(y.total), y.grade ?? '', y.atRisk] : ['', '', '', '', '']),
  d ? hundredthsText(d.total) : '',
  d?.grade ?? '',
];

/** 总分 and grade of the unit-year's 部门整体绩效自评表, scored as the unit's own. */
function deptScoreOf(store: FilingStore, unitCode: string, year: number): SummaryRow['dept'] {
  if (!store.yearly.dept.get(unitCode, year)) return null;
  const { score } = validateDeptSelfEvaluation(store, unitCode, year);
  return { total: score.total, grade: score.grade };
}

/** The 汇总 workbook (xlsx bytes). */
export async function buildSummaryWorkbook(store: FilingStore, filter: { year?: number } = {}): Promise<{ bytes: Uint8Array; rows: SummaryRow[] }> {
  const xl = await loadXlsx();
  const { rows, projects } = summaryRows(store, filter);
  const head = ['单位编码', '单位名称', '主管部门', '年度', '项目数', '预算数合计（元）', '指标数', ...KINDS.map((k) => `${KIND_LABELS[k]}指标`), '错误', '警告', '提示', `${RULE_CHECK}结果`, '报送时间', '接收时间', ...YEARLY_HEAD];
  const aoa: Array<Array<string | number>> = [head];
  let total = 0;
  for (const r of rows) {
    total += r.budgetFen;
    aoa.push([
      r.unitCode,
      r.unitName,
      r.supervisor,
      r.year,
      r.projects,
      yuan(r.budgetFen),
      r.indicators,
      ...KINDS.map((k) => r.kinds[k]),
      r.errors,
      r.warnings,
      r.hints,
      r.errors ? '未通过' : '通过',
      r.sentAt,
      r.receivedAt,
      ...yearlyCells(r.yearly, r.dept),
    ]);
  }
  aoa.push(['合计', `${rows.length} 个单位`, '', '', rows.reduce((n, r) => n + r.projects, 0), yuan(total), rows.reduce((n, r) => n + r.indicators, 0)]);
  const ws = xl.utils.aoa_to_sheet(aoa);
  for (let r = 1; r < aoa.length; r++) {
    const c = ws[xl.utils.encode_cell({ r, c: 5 })] as XLSX.CellObject | undefined;
    if (c) c.z = MONEY_FMT;
  }
  ws['!cols'] = head.map((h, i) => ({ wch: i === 1 || i === 2 ? 28 : Math.max(8, h.length * 2) }));
  const ph = ['单位编码', '单位名称', '年度', '序号', '项目名称', '预算数（元）', '指标数', ...KINDS.map((k) => `${KIND_LABELS[k]}指标`), '错误', '警告', '状态'];
  const ps = xl.utils.aoa_to_sheet([ph, ...projects]);
  for (let r = 1; r <= projects.length; r++) {
    const c = ps[xl.utils.encode_cell({ r, c: 5 })] as XLSX.CellObject | undefined;
    if (c) c.z = MONEY_FMT;
  }
  const wb = xl.utils.book_new();
  xl.utils.book_append_sheet(wb, ws, '汇总');
  xl.utils.book_append_sheet(wb, ps, '项目明细');
  return { bytes: new Uint8Array(xl.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer), rows };
}
