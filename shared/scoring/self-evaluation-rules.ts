// 审核 of a 绩效自评表 over its score: 实际完成值 missing or not comparable, unit
// mismatches (with the fix), deviations without 偏差原因分析及改进措施, amounts and
// 执行率, 分值 and 总分 that do not add up.
import type { RuleConfig } from '../rules/types.ts';
import type { ProjectFiling } from '../model/filing.ts';
import { FUND_LINE_KEYS, type SelfEvaluationForm } from '../yearly/form-types.ts';
import type { SelfEvaluationFiling, TargetAdjustment } from '../yearly/model.ts';
import { hundredthsText as ht } from './exact.ts';
import { magnitudeDrafts } from './magnitude.ts';
import type { ScoringProfile } from './profiles.ts';
import { scoreSelfEvaluation, type RowScore, type SelfEvaluationScore } from './score.ts';
import { FORM_LABELS, rowKey, rowLabel, runYearlyRules, type YearlyDraft, type YearlyFinding, type YearlyRule } from './rules-common.ts';

export interface SelfEvaluationContext {
  se: SelfEvaluationFiling;
  score: SelfEvaluationScore;
  form: SelfEvaluationForm;
  config?: RuleConfig;
}

const rowField = (r: RowScore, field: string): Pick<YearlyDraft, 'field' | 'row' | 'keyPath'> =>
  r.formIndex === undefined
    ? { field: 'rows', keyPath: rowKey(r.indicatorId, field) }
    : { field: `rows[${r.formIndex}].${field}`, row: r.formIndex, keyPath: rowKey(r.indicatorId, field) };

const byProblem = (codes: readonly string[]) => (ctx: SelfEvaluationContext): YearlyDraft[] =>
  ctx.score.rows.flatMap((r) =>
    r.problem && codes.includes(r.problem.code) ? [{ message: `${rowLabel(r.index, r.name)}：${r.problem.message}`, ...rowField(r, 'actual') }] : [],
  );

export const SELF_EVALUATION_RULES: readonly YearlyRule<SelfEvaluationContext>[] = [
  { code: 'Y-SE-ACTUAL-MISSING', severity: 'error', title: '实际完成值未填写', check: byProblem(['missing', 'no-achievement']) },
  { code: 'Y-SE-ACTUAL-NOT-COMPARABLE', severity: 'error', title: '实际完成值无法与指标值比较', check: byProblem(['not-comparable', 'band', 'no-target', 'no-group']) },
  {
    code: 'Y-SE-UNIT',
    severity: 'error',
    title: '实际完成值与指标值单位不一致',
    check: (ctx) =>
      ctx.score.rows.flatMap((r) => {
        if (r.problem?.code !== 'unit-mismatch' || r.formIndex === undefined) return [];
        const f = rowField(r, 'actual');
        return [{ message: `${rowLabel(r.index, r.name)}：${r.problem.message}`, ...f, fix: { description: r.problem.fix.description, patch: { path: f.field, value: r.problem.fix.replacement, expect: r.actual } } }];
      }),
  },
  {
    code: 'Y-SE-DEVIATION',
    severity: 'error',
    title: '未完成目标却未写偏差原因分析及改进措施',
    check: (ctx) =>
      ctx.score.rows.flatMap((r) => {
        const row = r.formIndex === undefined ? undefined : ctx.se.rows[r.formIndex];
        if (!r.behind || !row || row.deviation.trim() !== '') return [];
        return [{ message: `${rowLabel(r.index, r.name)}未完成年度指标值（得 ${ht(r.score)} / ${ht(r.points)} 分），请填写偏差原因分析及改进措施`, ...rowField(r, 'deviation') }];
      }),
  },
  {
    code: 'Y-SE-ORPHAN',
    severity: 'error',
    title: '自评表的指标行在绩效目标中不存在',
    check: (ctx) => ctx.score.orphans.map((i) => ({ message: `自评表第 ${i + 1} 行对应的指标已不在绩效目标中，请删除该行`, field: `rows[${i}]`, row: i })),
  },
  {
    code: 'Y-SE-EXECUTION',
    severity: 'error',
    title: '预算执行率无法计算',
    check: (ctx) => (ctx.score.execution.problem ? [{ message: `年度资金总额：${ctx.score.execution.problem}`, field: 'funds.total' }] : []),
  },
  {
    code: 'Y-SE-EXECUTION-OVER',
    severity: 'warning',
    title: '全年执行数大于全年预算数',
    check: (ctx) =>
      FUND_LINE_KEYS.flatMap((k) => {
        const l = ctx.se.funds[k];
        return l.budget !== null && l.executed !== null && l.executed > l.budget
          ? [{ message: `${lineLabel(ctx, k)}：全年执行数大于全年预算数`, field: `funds.${k}.executed` }]
          : [];
      }),
  },
  {
    code: 'Y-SE-MAGNITUDE',
    severity: 'warning',
    title: '执行数的数量级（按元填入万元表）',
    check: (ctx) =>
      magnitudeDrafts(
        ctx.form.fundLines.flatMap(({ key: k, label: line }) => {
          const l = ctx.se.funds[k];
          return [
            { field: `funds.${k}.budget`, label: `${line}全年预算数`, fen: l.budget, budget: l.initialBudget, budgetLabel: '年初预算数' },
            { field: `funds.${k}.executed`, label: `${line}全年执行数`, fen: l.executed, rated: l.budget !== null, ...(l.budget === null ? { budget: l.initialBudget, budgetLabel: '年初预算数' } : { budget: l.budget, budgetLabel: '全年预算数' }) },
          ];
        }),
        ctx.config,
      ),
  },
  {
    code: 'Y-SE-FUNDS-SUM',
    severity: 'error',
    title: '资金来源之和不等于年度资金总额',
    check: (ctx) =>
      (['initialBudget', 'budget', 'executed'] as const).flatMap((col) => {
        const total = ctx.se.funds.total[col];
        const parts = (['fiscal', 'carryOver', 'other'] as const).map((k) => ctx.se.funds[k][col]);
        if (total === null || parts.every((p) => p === null)) return [];
        const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
        return sum === total ? [] : [{ message: `${COLUMN[col]}：当年财政拨款、上年结转资金、其他资金之和（${yuan(sum)}）不等于年度资金总额（${yuan(total)}）`, field: `funds.total.${col}` }];
      }),
  },
  {
    code: 'Y-SE-POINTS-SUM',
    severity: 'error',
    title: '分值合计不等于 100 分',
    check: (ctx) =>
      ctx.score.pointsTotal === 10_000 ? [] : [{ message: `各项分值合计 ${ht(ctx.score.pointsTotal)} 分，应为 100 分（检查各一级指标是否都有指标、设定的分值是否超出）`, field: 'rows' }],
  },
  {
    code: 'Y-SE-TOTAL',
    severity: 'error',
    title: '填写的总分与各项得分之和不符',
    check: (ctx) =>
      ctx.se.enteredTotal === null || ctx.se.enteredTotal === ctx.score.total
        ? []
        : [{ message: `填写的总分 ${ht(ctx.se.enteredTotal)} 与计算的总分 ${ht(ctx.score.total)} 不符`, field: 'enteredTotal', fix: { description: `改为 ${ht(ctx.score.total)}`, patch: { path: 'enteredTotal', value: ctx.score.total, expect: ctx.se.enteredTotal } } }],
  },
];

const COLUMN = { initialBudget: '年初预算数', budget: '全年预算数', executed: '全年执行数' } as const;
const yuan = (fen: number): string => `${ht(fen)} 元`;
const lineLabel = (ctx: SelfEvaluationContext, k: string): string => ctx.form.fundLines.find((l) => l.key === k)?.label ?? k;

/** Scores and checks a self-evaluation; the score is returned with the findings (one computation). */
export function auditSelfEvaluation(
  se: SelfEvaluationFiling,
  target: ProjectFiling,
  form: SelfEvaluationForm,
  profile: ScoringProfile,
  opts: { adjustments?: readonly TargetAdjustment[]; config?: RuleConfig } = {},
): { score: SelfEvaluationScore; findings: YearlyFinding[] } {
  const score = scoreSelfEvaluation(se, target, profile, opts.adjustments);
  const head = { form: 'self-evaluation' as const, filingId: se.id, projectId: se.projectId, table: `「${target.name}」${FORM_LABELS['self-evaluation']}` };
  return { score, findings: runYearlyRules(SELF_EVALUATION_RULES, { se, score, form, ...(opts.config ? { config: opts.config } : {}) }, head, opts.config) };
}
