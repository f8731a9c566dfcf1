// Both later forms of a project's year, created from its filed target in one step: one
// row per indicator of the target in force (rows refer to it by id), amounts where the
// target has them. The target itself is only read.
import type { ProjectFiling } from '../model/filing.ts';
import type { MonitoringForm, SelfEvaluationForm } from './form-types.ts';
import { monitoringFilingSchema, selfEvaluationFilingSchema, type MonitoringFiling, type SelfEvaluationFiling, type TargetAdjustment, type YearlyBasis } from './model.ts';
import { resolveTarget, yearPeriod } from './target.ts';
import type { Funding } from '../model/filing.ts';

export interface CreatedForms {
  monitoring: MonitoringFiling;
  selfEvaluation: SelfEvaluationFiling;
}

/** Latest adjustment of the project (by seq), or null. */
export function latestAdjustmentId(projectId: string, adjustments: readonly TargetAdjustment[]): string | null {
  const own = adjustments.filter((a) => a.projectId === projectId).sort((a, b) => b.seq - a.seq);
  return own[0]?.id ?? null;
}

type FundLine = { initialBudget: number | null; budget: number | null; executed: null };

/**
 * 其中：当年财政拨款 and 其他资金 from the target's funding (财政资金, or the sum of its
 * 中央/省级/市县 lines; 其他资金 with 单位自筹), only where they add up to its total; their
 * 全年预算数 too unless an adjustment changed the budget.
 */
export function sourceFundLines(funding: Funding | undefined, budget: number | null): { fiscal?: FundLine; other?: FundLine } {
  if (!funding || funding.total === null) return {};
  const sum = (xs: Array<number | null>): number | null => (xs.every((x) => x === null) ? null : xs.reduce<number>((s, x) => s + (x ?? 0), 0));
  const fiscal = funding.fiscal ?? sum([funding.central, funding.provincial, funding.local]);
  const other = sum([funding.other, funding.selfRaised]);
  if ((fiscal === null && other === null) || (fiscal ?? 0) + (other ?? 0) !== funding.total) return {};
  const line = (fen: number | null): FundLine | undefined => (fen === null ? undefined : { initialBudget: fen, budget: budget === funding.total ? fen : null, executed: null });
  const f = line(fiscal);
  const o = line(other);
  return { ...(f ? { fiscal: f } : {}), ...(o ? { other: o } : {}) };
}

export function createYearlyForms(
  target: ProjectFiling,
  forms: { monitoring: MonitoringForm; selfEvaluation: SelfEvaluationForm },
  ids: { monitoring: string; selfEvaluation: string },
  adjustments: readonly TargetAdjustment[] = [],
  basis: YearlyBasis | null = null,
): CreatedForms {
  const adjustmentId = latestAdjustmentId(target.id, adjustments);
  const resolved = resolveTarget(target, adjustments, adjustmentId, basis);
  const head = { projectId: target.id, unitCode: target.unitCode, year: target.year, adjustmentId, basis };
  const monitoring = monitoringFilingSchema.parse({
    ...head,
    id: ids.monitoring,
    kind: 'monitoring',
    formId: forms.monitoring.id,
    cutOffMonth: forms.monitoring.cutOffMonth,
    funds: { budget: resolved.budget, executed: null, rate: '', projected: null },
    rows: resolved.rows.map((r) => ({ indicatorId: r.id })),
  });
  const funding = yearPeriod(target)?.funding;
  const selfEvaluation = selfEvaluationFilingSchema.parse({
    ...head,
    id: ids.selfEvaluation,
    kind: 'self-evaluation',
    formId: forms.selfEvaluation.id,
    profileId: forms.selfEvaluation.scoringProfile,
    // 年初预算数 is the filed budget; an adjustment changes 全年预算数 only.
    funds: { total: { initialBudget: funding?.total ?? resolved.budget, budget: resolved.budget, executed: null }, ...sourceFundLines(funding, resolved.budget) },
    goal: { expected: resolved.goal, achieved: '' },
    rows: resolved.rows.map((r) => ({ indicatorId: r.id })),
  });
  return { monitoring, selfEvaluation };
}
