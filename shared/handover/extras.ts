// What a version-2 handover package may carry besides the filings, each optional:
//   yearly.json    the unit-year's 绩效运行监控表 / 绩效自评表 and 调整绩效目标 records; optional
//                  in it: the 部门整体绩效自评表 (`dept`) and the passed versions of the targets
//                  the forms score against (`versions`: revision and content), so the receiver
//                  scores on the same basis (packages without them still read)
//   settings.json  the unit-year's settings record (表样 / 指标体系 / 审核规则 …), whole,
//                  validated by its own schema (shared/settings/unit-year.ts)
// Checked against the package's own filings before anything is stored: every form and
// adjustment belongs to the package's unit-year and to one of its projects, every row to
// an indicator row of that project, every version named to an adjustment of the package.
import { z } from 'zod';
import { projectFilingSchema, type ProjectFiling } from '../model/filing.ts';
import { deptSelfEvaluationSchema, type DeptSelfEvaluation } from '../yearly/dept-model.ts';
import { DEPT_SELF_EVALUATION_FORMS } from '../yearly/dept-form.ts';
import { SCORING_PROFILES } from '../scoring/profiles.ts';
import { monitoringFilingSchema, selfEvaluationFilingSchema, targetAdjustmentSchema, type MonitoringFiling, type SelfEvaluationFiling, type TargetAdjustment } from '../yearly/model.ts';
import { yearPeriod } from '../yearly/target.ts';

export const yearlyMemberSchema = z
  .object({
    forms: z.array(z.discriminatedUnion('kind', [monitoringFilingSchema, selfEvaluationFilingSchema], { error: '表的类型只能是 monitoring / self-evaluation' })).max(100_000),
    adjustments: z.array(targetAdjustmentSchema).max(100_000),
    dept: deptSelfEvaluationSchema.optional(),
    versions: z
      .array(z.object({ projectId: z.string().min(1).max(64), revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), filing: projectFilingSchema }).strict())
      .max(100_000)
      .optional(),
  })
  .strict();
export interface ScoredVersion {
  projectId: string;
  revision: number;
  filing: ProjectFiling;
}
export type YearlyMember = {
  forms: Array<MonitoringFiling | SelfEvaluationFiling>;
  adjustments: TargetAdjustment[];
  dept?: DeptSelfEvaluation;
  versions?: ScoredVersion[];
};

/** Problems of the yearly member against the package's unit-year and projects (Chinese; empty when none). */
export function yearlyProblems(y: YearlyMember, unitCode: string, year: number, projects: readonly ProjectFiling[]): string[] {
  const out: string[] = [];
  const byId = new Map(projects.map((p) => [p.id, p]));
  const versions = new Map<string, ProjectFiling>();
  for (const v of y.versions ?? []) {
    const p = byId.get(v.projectId);
    if (!p) out.push(`目标版本所属的项目 ${v.projectId} 不在本包中`);
    else if (v.filing.id !== p.id || v.filing.unitCode !== unitCode || v.filing.year !== year) out.push(`项目“${p.name}”的目标版本（修订 ${v.revision}）不属于该项目`);
    versions.set(`${v.projectId}@${v.revision}`, v.filing);
  }
  if (y.dept && (y.dept.unitCode !== unitCode || y.dept.year !== year)) out.push(`部门整体绩效自评表属于 ${y.dept.unitCode} ${y.dept.year} 年度，不属于本包`);
  if (y.dept && !DEPT_SELF_EVALUATION_FORMS.some((f) => f.id === y.dept!.formId)) out.push(`部门整体绩效自评表的表样“${y.dept.formId}”本程序没有，请升级后再接收`);
  if (y.dept?.profileId && !SCORING_PROFILES.some((p) => p.id === y.dept!.profileId)) out.push(`部门整体绩效自评表的评分方案“${y.dept.profileId}”本程序没有，请升级后再接收`);
  const rowsOf = (p: ProjectFiling) => new Set((yearPeriod(p)?.indicators ?? []).map((r) => r.id));
  /** A form made from a passed version whose content travels is checked against that version. */
  const targetOf = (p: ProjectFiling, f: MonitoringFiling | SelfEvaluationFiling) => (f.basis?.approved && versions.get(`${p.id}@${f.basis.revision}`)) || p;
  const ids = new Set<string>();
  const seqs = new Map<string, number[]>();
  const adjustmentOf = new Map<string, string>();
  for (const a of y.adjustments) {
    const p = byId.get(a.projectId);
    if (a.unitCode !== unitCode || a.year !== year) out.push(`调整记录 ${a.id} 属于 ${a.unitCode} ${a.year} 年度，不属于本包`);
    else if (!p) out.push(`调整记录 ${a.id} 所属的项目 ${a.projectId} 不在本包中`);
    else {
      const rows = rowsOf(p);
      const bad = a.changes.find((c) => !rows.has(c.indicatorId));
      if (bad) out.push(`项目“${p.name}”的第 ${a.seq} 次调整改动的指标 ${bad.indicatorId} 不在该项目的绩效目标中`);
    }
    if (ids.has(a.id)) out.push(`调整记录标识 ${a.id} 重复`);
    ids.add(a.id);
    seqs.set(a.projectId, [...(seqs.get(a.projectId) ?? []), a.seq]);
    adjustmentOf.set(a.id, a.projectId);
  }
  for (const [projectId, s] of seqs) {
    const sorted = [...s].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1)) out.push(`项目 ${projectId} 的调整记录序号应为 1、2、3……，实为 ${sorted.join('、')}`);
  }
  const kinds = new Set<string>();
  for (const f of y.forms) {
    const p = byId.get(f.projectId);
    const what = f.kind === 'monitoring' ? '绩效运行监控表' : '绩效自评表';
    if (f.unitCode !== unitCode || f.year !== year) out.push(`${what} ${f.id} 属于 ${f.unitCode} ${f.year} 年度，不属于本包`);
    else if (!p) out.push(`${what} ${f.id} 所属的项目 ${f.projectId} 不在本包中`);
    else {
      const rows = rowsOf(targetOf(p, f));
      const bad = f.rows.find((r) => !rows.has(r.indicatorId));
      if (bad) out.push(`项目“${p.name}”的${what}有一行对应的指标 ${bad.indicatorId} 不在该项目的绩效目标中`);
      if (f.adjustmentId !== null && adjustmentOf.get(f.adjustmentId) !== f.projectId) out.push(`项目“${p.name}”的${what}所依据的调整记录 ${f.adjustmentId} 不在本包中`);
    }
    const k = `${f.kind}/${f.projectId}`;
    if (kinds.has(k)) out.push(`项目 ${f.projectId} 有不止一张${what}`);
    kinds.add(k);
    if (ids.has(f.id)) out.push(`表标识 ${f.id} 重复`);
    ids.add(f.id);
  }
  return out.slice(0, 10);
}
