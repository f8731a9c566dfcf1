// Services of the yearly forms, shared by every host: create the 绩效运行监控表 and the
// 绩效自评表 of a project (or of a whole unit-year) from the filed targets in one action
// (the targets are only read), save, and 审核 with the scores.
import { randomUUID } from 'node:crypto';
import type { FilingStore } from '../store/store.ts';
import type { StoredYearlyForm, YearlyForm } from '../store/yearly.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { createYearlyForms } from '../../shared/yearly/create.ts';
import { approvedVersionText } from '../../shared/yearly/target.ts';
import type { MonitoringForm, SelfEvaluationForm } from '../../shared/yearly/form-types.ts';
import type { MonitoringFiling, SelfEvaluationFiling, YearlyBasis } from '../../shared/yearly/model.ts';
import { STATUS_LABELS } from '../../shared/model/filing.ts';
import { MONITORING_FORM } from '../../shared/yearly/monitoring-form.ts';
import { SELF_EVALUATION_FORM } from '../../shared/yearly/self-evaluation-form.ts';
import { scoringProfile, type ScoringProfile } from '../../shared/scoring/profiles.ts';
import { auditMonitoring } from '../../shared/scoring/monitoring-rules.ts';
import { auditSelfEvaluation } from '../../shared/scoring/self-evaluation-rules.ts';
import type { YearlyFinding } from '../../shared/scoring/rules-common.ts';
import type { SelfEvaluationScore } from '../../shared/scoring/score.ts';
import { ServiceError } from './filing-service.ts';
import { ruleConfigOf, unitYearSettingsOf } from './unit-year-settings.ts';
import type { RuleConfig } from '../../shared/rules/types.ts';

/** The unit-year's 审核规则 (its thresholds apply to the yearly forms as to the targets). */
export const yearlyRuleConfig = (store: FilingStore, p: ProjectFiling): RuleConfig =>
  ruleConfigOf(unitYearSettingsOf(store, p.unitCode, p.year, p).settings.ruleProfile);

export interface YearlyForms {
  monitoring: MonitoringForm;
  selfEvaluation: SelfEvaluationForm;
}
export const DEFAULT_YEARLY_FORMS: YearlyForms = { monitoring: MONITORING_FORM, selfEvaluation: SELF_EVALUATION_FORM };

function requireProject(store: FilingStore, projectId: string): ProjectFiling {
  const p = store.getProject(projectId);
  if (!p) throw new ServiceError(`项目 ${projectId} 不存在`, 'NOT_FOUND');
  return p;
}

/** The version of a table the review loop passed last (an imported return's 通过), with the submission that carried it. */
function approvedVersion(store: FilingStore, p: ProjectFiling): NonNullable<YearlyBasis['approved']> & { revision: number } | null {
  const returns = store.reviews.returns('imported', p.unitCode, p.year);
  for (let i = returns.length - 1; i >= 0; i--) {
    const r = returns[i]!;
    if (!r.doc.tables.some((t) => t.projectId === p.id && t.verdict === 'pass')) continue;
    const sub = store.submissions.list(p.unitCode, p.year).find((s) => s.packageSha256 === r.doc.submissionSha256);
    const revision = sub?.projects.find((x) => x.id === p.id)?.revision;
    if (sub && revision !== undefined) return { submissionNo: sub.submissionNo, submittedAt: sub.submittedAt, returnNo: r.returnNo, revision };
  }
  return null;
}

/**
 * Which target the forms start from: the version the review loop passed (as that submission
 * packed it) where there is one and its content is kept; else the table as stored, named by
 * its status.
 */
export function targetBasis(store: FilingStore, p: ProjectFiling): { basis: YearlyBasis; target: ProjectFiling } {
  const revision = store.getProjectRecord(p.id)?.revision ?? 0;
  const passed = approvedVersion(store, p);
  const version = passed && store.submissions.version(p.id, passed.revision);
  if (passed && version) {
    const { revision: rev, ...approved } = passed;
    const basis: YearlyBasis = { revision: rev, status: 'approved', label: '', approved };
    return { basis: { ...basis, label: `按${approvedVersionText(basis)}` }, target: version };
  }
  const label =
    p.status === 'approved'
      ? `按已通过审核的绩效目标（修订 ${revision}）`
      : passed
        ? `按当前绩效目标（已通过审核的第 ${passed.submissionNo} 次报送的内容本机没有保存，现为“${STATUS_LABELS[p.status]}”，修订 ${revision}）`
        : `按${STATUS_LABELS[p.status]}的绩效目标（尚未通过审核，修订 ${revision}）`;
  return { basis: { revision, status: p.status, label, approved: null }, target: p };
}

/** The target a stored form scores against: the passed version it was made from (kept with its submission), else the table as it is. */
export function scoredTarget(store: FilingStore, p: ProjectFiling, form: { basis: YearlyBasis | null } | null | undefined): ProjectFiling {
  const b = form?.basis;
  return (b?.approved && store.submissions.version(p.id, b.revision)) || p;
}

function formsOf(store: FilingStore, p: ProjectFiling, forms: YearlyForms): YearlyForm[] {
  if (store.yearly.get('monitoring', p.id) || store.yearly.get('self-evaluation', p.id)) return [];
  const { basis, target } = targetBasis(store, p);
  const made = createYearlyForms(target, forms, { monitoring: randomUUID(), selfEvaluation: randomUUID() }, store.yearly.adjustments(p.id), basis);
  return [made.monitoring, made.selfEvaluation];
}

/** Creates both forms of one project; refused when the project already has them. */
export function createProjectYearlyForms(store: FilingStore, projectId: string, forms = DEFAULT_YEARLY_FORMS): StoredYearlyForm[] {
  const p = requireProject(store, projectId);
  const made = formsOf(store, p, forms);
  if (made.length === 0) throw new ServiceError(`项目「${p.name}」已有绩效运行监控表和绩效自评表`, 'EXISTS');
  return store.yearly.putAll(made);
}

/** Creates both forms for every project of a unit-year that has none yet, in one transaction. */
export function createUnitYearYearlyForms(store: FilingStore, unitCode: string, year: number, forms = DEFAULT_YEARLY_FORMS): { created: number; skipped: number } {
  const projects = store.projectsOfUnitYear(unitCode, year);
  if (projects.length === 0) throw new ServiceError(`单位 ${unitCode} ${year} 年度没有绩效目标表`, 'NOT_FOUND');
  const made = projects.map((p) => formsOf(store, p, forms));
  const all = made.flat();
  if (all.length > 0) store.yearly.putAll(all);
  const created = made.filter((m) => m.length > 0).length;
  return { created, skipped: projects.length - created };
}

/** Saves a form from outside (validated by the store; nothing changes on bad input). */
export function saveYearlyForm(store: FilingStore, input: unknown, expectedRevision?: number): StoredYearlyForm {
  return store.yearly.put(input, expectedRevision);
}

export interface YearlyReport {
  findings: YearlyFinding[];
  score?: SelfEvaluationScore;
}

/** 审核 of one stored form (with the score for a self-evaluation). */
export function validateYearlyForm(
  store: FilingStore,
  kind: YearlyForm['kind'],
  projectId: string,
  forms = DEFAULT_YEARLY_FORMS,
  profiles: readonly ScoringProfile[] = [],
): YearlyReport {
  const p = requireProject(store, projectId);
  const stored = store.yearly.get(kind, projectId);
  if (!stored) throw new ServiceError(`项目「${p.name}」还没有${kind === 'monitoring' ? '绩效运行监控表' : '绩效自评表'}`, 'NOT_FOUND');
  const adjustments = store.yearly.adjustments(projectId);
  if (stored.form.kind === 'monitoring') {
    return { findings: auditMonitoring(stored.form as MonitoringFiling, scoredTarget(store, p, stored.form), forms.monitoring, { adjustments, config: yearlyRuleConfig(store, p) }).findings };
  }
  const se = stored.form as SelfEvaluationFiling;
  const profile = scoringProfile(se.profileId || forms.selfEvaluation.scoringProfile, profiles);
  const { score, findings } = auditSelfEvaluation(se, scoredTarget(store, p, se), forms.selfEvaluation, profile, { adjustments, config: yearlyRuleConfig(store, p) });
  return { findings, score };
}
