// Both later forms of a project's year, created from its filed target in one step: one
// row per indicator of the target in force (rows refer to it by id), amounts where the
// target has them. The target itself is only read.
import type { ProjectFiling } from '../model/filing.ts';
import type { MonitoringForm, SelfEvaluationForm } from './form-types.ts';
import { monitoringFilingSchema, selfEvaluationFilingSchema, type MonitoringFiling, type SelfEvaluationFiling, type TargetAdjustment, type YearlyBasis } from './model.ts';
import { resolveTarget } from './target.ts';

export interface CreatedForms {
  monitoring: MonitoringFiling;
  selfEvaluation: SelfEvaluationFiling;
}

/** Latest adjustment of the project (by seq), or null. */
export function latestAdjustmentId(projectId: string, adjustments: readonly TargetAdjustment[]): string | null {
  const own = adjustments.filter((a) => a.projectId === projectId).sort((a, b) => b.seq - a.seq);
  return own[0]?.id ?? null;
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
  const selfEvaluation = selfEvaluationFilingSchema.parse({
    ...head,
    id: ids.selfEvaluation,
    kind: 'self-evaluation',
    formId: forms.selfEvaluation.id,
    profileId: forms.selfEvaluation.scoringProfile,
    funds: { total: { initialBudget: resolved.budget, budget: resolved.budget, executed: null } },
    goal: { expected: resolved.goal, achieved: '' },
    rows: resolved.rows.map((r) => ({ indicatorId: r.id })),
  });
  return { monitoring, selfEvaluation };
}
