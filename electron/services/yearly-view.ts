// The yearly forms as the UI and the 汇总 see them: one project's target (filed and in
// force for each form), both forms with their 审核 and score; saving, fixes and
// 调整绩效目标 answer with the same view. Received data is read-only.
import { randomUUID } from 'node:crypto';
import type { FilingStore } from '../store/store.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { Fix } from '../../shared/rules/types.ts';
import { applyYearlyFix } from '../../shared/scoring/rules-common.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import { divHalfUp } from '../../shared/scoring/exact.ts';
import { gradeOf, scoringProfile, type ScoringProfile } from '../../shared/scoring/profiles.ts';
import type { MonitoringFiling, SelfEvaluationFiling, TargetAdjustment, YearlyBasis } from '../../shared/yearly/model.ts';
import { resolveTarget, type ResolvedTarget } from '../../shared/yearly/target.ts';
import { monthLabel } from '../../shared/yearly/monitoring-form.ts';
import type { TargetView, YearlyRowView, YearlyUnitSummary, YearlyView } from '../../shared/yearly/view.ts';
import type { YearlyKind } from '../store/yearly.ts';
import { ServiceError } from './service-error.ts';
import { createProjectYearlyForms, DEFAULT_YEARLY_FORMS, scoredTarget, yearlyRuleConfig, type YearlyForms } from './yearly-service.ts';

const plain = (t: ResolvedTarget): TargetView => ({ rows: t.rows, budget: t.budget, goal: t.goal, versionLabel: t.versionLabel });

function project(store: FilingStore, projectId: string): { p: ProjectFiling; revision: number } {
  const rec = store.getProjectRecord(projectId);
  if (!rec) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
  return { p: rec.filing, revision: rec.revision };
}

const profileOf = (se: SelfEvaluationFiling | null, forms: YearlyForms): ScoringProfile =>
  scoringProfile((se?.profileId || forms.selfEvaluation.scoringProfile) ?? 'default');

/** 审核 and score of both forms, each against the target it scores against (the passed version it was made from, or the table). */
function assess(store: FilingStore, p: ProjectFiling, adjustments: readonly TargetAdjustment[], mo: MonitoringFiling | null, se: SelfEvaluationFiling | null, forms: YearlyForms) {
  const profile = profileOf(se, forms);
  const moTarget = mo ? scoredTarget(store, p, mo) : p;
  const seTarget = se ? scoredTarget(store, p, se) : p;
  const config = yearlyRuleConfig(store, p);
  const m = mo ? auditMonitoring(mo, moTarget, forms.monitoring, { adjustments, config }) : null;
  const s = se ? auditSelfEvaluation(se, seTarget, forms.selfEvaluation, profile, { adjustments, config }) : null;
  return { profile, m, s, seTarget, filed: se ? seTarget : moTarget };
}

/** Whether the target moved on since the forms' basis: a passed version by its content (name, periods), else by revision. */
function changedSince(p: ProjectFiling, revision: number, scored: ProjectFiling, basis: YearlyBasis | null): boolean {
  if (!basis) return false;
  if (!basis.approved) return basis.revision !== revision;
  return scored.name !== p.name || JSON.stringify(scored.periods) !== JSON.stringify(p.periods);
}

/** Both forms of a project with the target they score against, their 审核 and the score. */
export function yearlyView(store: FilingStore, projectId: string, forms: YearlyForms = DEFAULT_YEARLY_FORMS): YearlyView {
  const { p, revision } = project(store, projectId);
  const adjustments = store.yearly.adjustments(projectId);
  const mo = store.yearly.get('monitoring', projectId);
  const se = store.yearly.get('self-evaluation', projectId);
  const { profile, m, s, seTarget, filed } = assess(store, p, adjustments, mo?.form ?? null, se?.form ?? null, forms);
  return {
    projectId,
    name: p.name,
    unitCode: p.unitCode,
    year: p.year,
    seq: p.seq,
    targetStatus: p.status,
    targetRevision: revision,
    targetChanged: changedSince(p, revision, filed, (se ?? mo)?.form.basis ?? null),
    filed: plain(resolveTarget(filed)),
    adjustments,
    templates: forms,
    profile,
    monitoring: mo && m ? { form: mo.form, revision: mo.revision, target: plain(m.context.target), findings: m.findings, rate: m.context.rate } : null,
    selfEvaluation:
      se && s ? { form: se.form, revision: se.revision, target: plain(resolveTarget(seTarget, adjustments, se.form.adjustmentId, se.form.basis)), findings: s.findings, score: s.score } : null,
    readOnly: store.received.isReceivedProject(projectId),
  };
}

function requireOwn(store: FilingStore, projectId: string): void {
  if (store.received.isReceivedProject(projectId)) throw new ServiceError('这是从报送包接收的数据，只读，不能修改', 'READ_ONLY');
}

/** 生成: both forms of the project from its target, in one action. */
export function createYearlyView(store: FilingStore, projectId: string): YearlyView {
  requireOwn(store, projectId);
  createProjectYearlyForms(store, projectId);
  return yearlyView(store, projectId);
}

/** Saves one form (validated; CONFLICT when someone saved since `expectedRevision`). */
export function saveYearlyView(store: FilingStore, input: unknown, expectedRevision: number): YearlyView {
  const projectId = (input as { projectId?: unknown } | null)?.projectId;
  if (typeof projectId !== 'string') throw new ServiceError('表缺少项目标识', 'INVALID');
  requireOwn(store, projectId);
  store.yearly.put(input, expectedRevision);
  return yearlyView(store, projectId);
}

/** Applies a 审核 fix to a form (refused when the field changed since the finding). */
export function applyYearlyFixView(store: FilingStore, kind: YearlyKind, projectId: string, fix: Fix, expectedRevision: number): YearlyView {
  requireOwn(store, projectId);
  const stored = store.yearly.get(kind, projectId);
  if (!stored) throw new ServiceError('该表还没有生成', 'NOT_FOUND');
  const fixed = applyYearlyFix(stored.form, fix);
  store.yearly.put(fixed, expectedRevision);
  return yearlyView(store, projectId);
}

export interface AdjustInput {
  projectId: string;
  reason: string;
  approvedOn?: string;
  changes: { indicatorId: string; value: string }[];
  budget?: number | null;
  /** Score both forms against the new version (default true). */
  apply?: boolean;
}

/** 调整绩效目标: a new numbered record (the filed target is not rewritten); the forms move to it. */
export function adjustTarget(store: FilingStore, input: AdjustInput): YearlyView {
  const { p } = project(store, input.projectId);
  requireOwn(store, p.id);
  const scored = scoredTarget(store, p, store.yearly.get('self-evaluation', p.id)?.form ?? store.yearly.get('monitoring', p.id)?.form);
  const known = new Set(resolveTarget(scored).rows.map((r) => r.id));
  const unknown = input.changes.find((c) => !known.has(c.indicatorId));
  if (unknown) throw new ServiceError(`调整的指标（${unknown.indicatorId}）不在该项目的绩效目标中`, 'INVALID');
  const seq = store.yearly.adjustments(p.id).length + 1;
  const made = store.yearly.addAdjustment({
    id: randomUUID(),
    projectId: p.id,
    unitCode: p.unitCode,
    year: p.year,
    seq,
    reason: input.reason,
    approvedOn: input.approvedOn ?? '',
    changes: input.changes,
    budget: input.budget ?? null,
  });
  if (input.apply !== false) {
    for (const kind of ['monitoring', 'self-evaluation'] as const) {
      const stored = store.yearly.get(kind, p.id);
      if (!stored) continue;
      const form = { ...stored.form, adjustmentId: made.id };
      // 全年预算数 of the self-evaluation follows an adjusted budget (年初预算数 stays as filed).
      if (form.kind === 'self-evaluation' && made.budget !== null) form.funds = { ...form.funds, total: { ...form.funds.total, budget: made.budget } };
      store.yearly.put(form, stored.revision);
    }
  }
  return yearlyView(store, p.id);
}

/** Evaluated: every indicator row has its 实际完成值 / 完成情况 (执行数 alone, e.g. from the treasury export, is not a self-evaluation). */
const filledIn = (se: SelfEvaluationFiling | undefined): boolean =>
  !!se && se.rows.length > 0 && se.rows.every((r) => r.actual.trim() !== '' || r.achievement !== null || r.met !== null);

const errorsOf = (f: readonly { severity: string }[]): number => f.filter((x) => x.severity === 'error').length;

/** One row per project of the unit-year: forms made, 审核 errors, 总分, grade, 执行率, rows at risk. */
export function yearlyRows(store: FilingStore, unitCode: string, year: number, forms: YearlyForms = DEFAULT_YEARLY_FORMS): YearlyRowView[] {
  const { forms: stored, adjustments } = store.yearly.ofUnitYear(unitCode, year);
  const mos = new Map(stored.filter((f) => f.kind === 'monitoring').map((f) => [f.projectId, f as MonitoringFiling]));
  const ses = new Map(stored.filter((f) => f.kind === 'self-evaluation').map((f) => [f.projectId, f as SelfEvaluationFiling]));
  return store.projectsOfUnitYear(unitCode, year).map((p) => {
    const own = adjustments.filter((a) => a.projectId === p.id);
    const mo = mos.get(p.id) ?? null;
    const { m, s } = assess(store, p, own, mo, ses.get(p.id) ?? null, forms);
    const atRisk = (m?.context.rows.filter((r) => r.behind).length ?? 0) + (s?.score.rows.filter((r) => r.behind).length ?? 0);
    return {
      projectId: p.id,
      seq: p.seq,
      name: p.name,
      hasForms: m !== null || s !== null,
      filled: filledIn(ses.get(p.id)),
      monitoringErrors: m ? errorsOf(m.findings) : null,
      selfEvaluationErrors: s ? errorsOf(s.findings) : null,
      monitoringRate: m?.context.rate ?? null,
      monitoringExecuted: mo ? { month: mo.cutOffMonth, label: monthLabel(forms.monitoring.fundColumns, 'executed', mo.cutOffMonth) } : null,
      total: s?.score.total ?? null,
      grade: s?.score.grade ?? null,
      rate: s?.score.execution.rateHundredths ?? null,
      atRisk,
      budget: s?.score.execution.budget ?? null,
      executed: s?.score.execution.executed ?? null,
    };
  });
}

/** The unit-year's line in the 汇总: 执行率 of all self-evaluations, mean 总分 and its grade, rows at risk. */
export function yearlySummary(store: FilingStore, unitCode: string, year: number): YearlyUnitSummary {
  const rows = yearlyRows(store, unitCode, year);
  const scored = rows.filter((r) => r.total !== null && r.filled);
  let budget = 0n;
  let executed = 0n;
  for (const r of rows) {
    if (r.budget !== null && r.executed !== null) {
      budget += BigInt(r.budget);
      executed += BigInt(r.executed);
    }
  }
  const total = scored.length ? Number(divHalfUp(BigInt(scored.reduce((a, r) => a + r.total!, 0)), BigInt(scored.length))) : null;
  return {
    projects: rows.length,
    evaluated: scored.length,
    rate: budget > 0n ? Number(divHalfUp(executed * 10000n, budget)) : null,
    total,
    grade: total === null ? null : gradeOf(total, scoringProfile('default')),
    atRisk: rows.reduce((a, r) => a + r.atRisk, 0),
  };
}
