// 审核 of a 绩效运行监控表: 1—N月实际完成值 missing or not comparable (unit mismatch with
// the fix), a deviation (全年预计完成值 short of the target, or 完成目标可能性 other than
// 确定能) without 偏差原因 / 原因说明, 完全不可能 without 纠偏措施, 执行率 against the amounts.
import { monthLabel } from '../yearly/monitoring-form.ts';
import { isMeasure, parseIndicatorValue } from '../indicator-value/parse.ts';
import type { RuleConfig } from '../rules/types.ts';
import type { ProjectFiling } from '../model/filing.ts';
import type { MonitoringForm } from '../yearly/form-types.ts';
import type { MonitoringFiling, MonitoringRow, TargetAdjustment } from '../yearly/model.ts';
import { resolveTarget, type ResolvedTarget, type TargetRow } from '../yearly/target.ts';
import { isProblem, meets, pairMeasure, type ActualProblem } from './compare.ts';
import { magnitudeDrafts } from './magnitude.ts';
import { decimalOf, divHalfUp, hundredthsText as ht } from './exact.ts';
import { FORM_LABELS, rowKey, rowLabel, runYearlyRules, type YearlyDraft, type YearlyFinding, type YearlyRule } from './rules-common.ts';

export interface MonitoringRowView {
  target: TargetRow;
  row: MonitoringRow;
  formIndex: number;
  /** Problems of 实际完成值 and 全年预计完成值 (null: fine or not a figure target). */
  actual: ActualProblem | null;
  projected: ActualProblem | null;
  /** Behind: 全年预计完成值 short of the target, or 完成目标可能性 not 确定能, or over a ≤ target already. */
  behind: boolean;
  /** The 1—N月实际完成值 already exceeds a ≤ / < target (a cost or rate cap): behind whatever is projected. */
  overCap?: boolean;
}

export interface MonitoringContext {
  mo: MonitoringFiling;
  form: MonitoringForm;
  target: ResolvedTarget;
  rows: MonitoringRowView[];
  orphans: number[];
  /** 执行率 computed from the amounts, in hundredths of a percent; null when not computable. */
  rate: number | null;
  /** The region's rule config (thresholds of the magnitude check). */
  config?: RuleConfig;
}

const TOLERANCE = 0;

function view(target: TargetRow, row: MonitoringRow, formIndex: number, cut: string): MonitoringRowView {
  const t = parseIndicatorValue(target.value);
  let actual: ActualProblem | null = null;
  let projected: ActualProblem | null = null;
  let projectedShort = false;
  let overCap = false;
  if (isMeasure(t)) {
    const a = pairMeasure(t, row.actual, `${cut}实际完成值`);
    if (isProblem(a)) actual = a;
    else overCap = (a.comparator === '≤' || a.comparator === '<') && !a.upper && !meets(a, TOLERANCE);
    const p = pairMeasure(t, row.projected, '全年预计完成值');
    if (isProblem(p)) projected = p.code === 'missing' ? null : p;
    else projectedShort = !meets(p, TOLERANCE);
  } else if (t.kind !== 'notApplicable' && row.actual.trim() === '') {
    actual = { code: 'missing', message: `${cut}实际完成值未填写` };
  }
  const behind = projectedShort || overCap || (row.likelihood !== null && row.likelihood !== '确定能');
  return { target, row, formIndex, actual, projected, behind, ...(overCap ? { overCap } : {}) };
}

const at = (v: MonitoringRowView, field: string): Pick<YearlyDraft, 'field' | 'row' | 'keyPath'> => ({
  field: `rows[${v.formIndex}].${field}`,
  row: v.formIndex,
  keyPath: rowKey(v.target.id, field),
});
const label = (v: MonitoringRowView): string => rowLabel(v.target.index, v.target.name);

const problems = (codes: readonly string[]) => (ctx: MonitoringContext): YearlyDraft[] =>
  ctx.rows.flatMap((v) =>
    (['actual', 'projected'] as const).flatMap((k) => {
      const p = v[k];
      return p && codes.includes(p.code) ? [{ message: `${label(v)}：${p.message}`, ...at(v, k) }] : [];
    }),
  );

export const MONITORING_RULES: readonly YearlyRule<MonitoringContext>[] = [
  { code: 'Y-MO-ACTUAL-MISSING', severity: 'error', title: '实际完成值未填写', check: problems(['missing']) },
  { code: 'Y-MO-ACTUAL-NOT-COMPARABLE', severity: 'error', title: '实际完成值无法与指标值比较', check: problems(['not-comparable']) },
  {
    code: 'Y-MO-UNIT',
    severity: 'error',
    title: '完成值与指标值单位不一致',
    check: (ctx) =>
      ctx.rows.flatMap((v) =>
        (['actual', 'projected'] as const).flatMap((k) => {
          const p = v[k];
          if (p?.code !== 'unit-mismatch') return [];
          const f = at(v, k);
          return [{ message: `${label(v)}：${p.message}`, ...f, fix: { description: p.fix.description, patch: { path: f.field, value: p.fix.replacement, expect: v.row[k] } } }];
        }),
      ),
  },
  {
    code: 'Y-MO-LIKELIHOOD',
    severity: 'warning',
    title: '未选择完成目标可能性',
    check: (ctx) => ctx.rows.flatMap((v) => (v.row.likelihood === null ? [{ message: `${label(v)}：未选择完成目标可能性（确定能 / 有可能 / 完全不可能）`, ...at(v, 'likelihood') }] : [])),
  },
  {
    code: 'Y-MO-DEVIATION',
    severity: 'error',
    title: '有偏差却未写偏差原因和原因说明',
    check: (ctx) =>
      ctx.rows.flatMap((v) => {
        if (!v.behind) return [];
        const out: YearlyDraft[] = [];
        const why = v.overCap ? `1—${ctx.mo.cutOffMonth}月实际完成值“${v.row.actual.trim()}”已超过指标值“${v.target.value.trim()}”` : '预计不能完成年度指标值';
        if (v.row.reasons.length === 0) out.push({ message: `${label(v)}${why}，请选择偏差原因（${ctx.form.deviationReasons.join(' / ')}）`, ...at(v, 'reasons') });
        if (v.row.explanation.trim() === '') out.push({ message: `${label(v)}${why}，请填写原因说明`, ...at(v, 'explanation') });
        return out;
      }),
  },
  {
    code: 'Y-MO-REASON-UNKNOWN',
    severity: 'error',
    title: '偏差原因不在表样的选项中',
    check: (ctx) =>
      ctx.rows.flatMap((v) =>
        v.row.reasons.filter((r) => !ctx.form.deviationReasons.includes(r)).map((r) => ({ message: `${label(v)}：偏差原因“${r}”不是可选项（${ctx.form.deviationReasons.join(' / ')}）`, ...at(v, 'reasons') })),
      ),
  },
  {
    code: 'Y-MO-CORRECTION',
    severity: 'error',
    title: '完全不可能完成却未写纠偏措施',
    check: (ctx) =>
      ctx.rows.flatMap((v) => (v.row.likelihood === '完全不可能' && v.row.correction.trim() === '' ? [{ message: `${label(v)}完成目标可能性为“完全不可能”，请填写纠偏措施`, ...at(v, 'correction') }] : [])),
  },
  {
    code: 'Y-MO-ORPHAN',
    severity: 'error',
    title: '监控表的指标行在绩效目标中不存在',
    check: (ctx) => ctx.orphans.map((i) => ({ message: `监控表第 ${i + 1} 行对应的指标已不在绩效目标中，请删除该行`, field: `rows[${i}]`, row: i })),
  },
  {
    code: 'Y-MO-ROW-MISSING',
    severity: 'error',
    title: '绩效目标的指标没有监控行',
    check: (ctx) => {
      const have = new Set(ctx.mo.rows.map((r) => r.indicatorId));
      return ctx.target.rows.filter((t) => !have.has(t.id) && parseIndicatorValue(t.value).kind !== 'notApplicable').map((t) => ({ message: `${rowLabel(t.index, t.name)}没有监控行`, field: 'rows', keyPath: rowKey(t.id, 'actual') }));
    },
  },
  {
    code: 'Y-MO-RATE',
    severity: 'error',
    title: '执行率与金额不符',
    check: (ctx) => {
      const written = ctx.mo.funds.rate.trim();
      if (written === '') return [];
      const d = decimalOf(written.replace(/[%％]$/, ''));
      if (!d) return [{ message: `执行率“${written}”不是百分数`, field: 'funds.rate' }];
      if (ctx.rate === null) return [{ message: `填写了执行率“${written}”，但年初预算数或执行数未填写`, field: 'funds.rate' }];
      // Compared at the precision written (`58.3%` matches 58.33%).
      const { budget, executed } = ctx.mo.funds as { budget: number; executed: number };
      const computedAtScale = divHalfUp(BigInt(executed) * 100n * 10n ** BigInt(d.scale), BigInt(budget));
      return computedAtScale === d.int
        ? []
        : [{ message: `执行率“${written}”与执行数 ÷ 年初预算数（${ht(ctx.rate)}%）不符`, field: 'funds.rate', fix: { description: `改为“${ht(ctx.rate)}%”`, patch: { path: 'funds.rate', value: `${ht(ctx.rate)}%`, expect: ctx.mo.funds.rate } } }];
    },
  },
  {
    code: 'Y-MO-EXECUTION-OVER',
    severity: 'warning',
    title: '执行数或全年预计执行数大于年初预算数',
    check: (ctx) => {
      const { budget, executed, projected } = ctx.mo.funds;
      if (budget === null) return [];
      const out: YearlyDraft[] = [];
      if (executed !== null && executed > budget) out.push({ message: `${executedLabel(ctx)}大于年初预算数`, field: 'funds.executed' });
      if (projected !== null && projected > budget) out.push({ message: '全年预计执行数大于年初预算数', field: 'funds.projected' });
      return out;
    },
  },
  {
    code: 'Y-MO-MAGNITUDE',
    severity: 'warning',
    title: '执行数的数量级（按元填入万元表）',
    check: (ctx) => {
      const { budget, executed, projected } = ctx.mo.funds;
      const vs = { budget, budgetLabel: '年初预算数' };
      return magnitudeDrafts(
        [
          { field: 'funds.executed', label: executedLabel(ctx), fen: executed, rated: true, ...vs },
          { field: 'funds.projected', label: '全年预计执行数', fen: projected, ...vs },
        ],
        ctx.config,
      );
    },
  },
];

const executedLabel = (ctx: MonitoringContext): string => monthLabel(ctx.form.fundColumns, 'executed', ctx.mo.cutOffMonth);

/** Builds the context (target in force, rows paired by indicator id) and checks a monitoring form. */
export function auditMonitoring(
  mo: MonitoringFiling,
  filing: ProjectFiling,
  form: MonitoringForm,
  opts: { adjustments?: readonly TargetAdjustment[]; config?: RuleConfig } = {},
): { context: MonitoringContext; findings: YearlyFinding[] } {
  const target = resolveTarget(filing, opts.adjustments, mo.adjustmentId, mo.basis);
  const cut = `1—${mo.cutOffMonth}月`;
  const rows: MonitoringRowView[] = [];
  const orphans: number[] = [];
  mo.rows.forEach((row, i) => {
    const t = target.byId.get(row.indicatorId);
    if (t) rows.push(view(t, row, i, cut));
    else orphans.push(i);
  });
  const { budget, executed } = mo.funds;
  const rate = budget && executed !== null ? Number(divHalfUp(BigInt(executed) * 10000n, BigInt(budget))) : null;
  const context: MonitoringContext = { mo, form, target, rows, orphans, rate, ...(opts.config ? { config: opts.config } : {}) };
  const head = { form: 'monitoring' as const, filingId: mo.id, projectId: mo.projectId, table: `「${filing.name}」${FORM_LABELS.monitoring}` };
  return { context, findings: runYearlyRules(MONITORING_RULES, context, head, opts.config) };
}
