// The 部门整体绩效自评表 of a unit-year, for every host: asked or not (the unit-year's rule
// profile names the region's form), created in one action from the 部门整体绩效目标, saved,
// scored and checked by the project self-evaluation's module. Received data is read-only.
import type { FilingStore } from '../store/store.ts';
import type { DeptSelfEvaluationView } from '../../shared/yearly/dept-view.ts';
import { printOf, ruleProfile } from '../../shared/settings/unit-year.ts';
import { buildDeptSelfEvaluationLayout, type DeptPrintItem } from '../../shared/layout/dept-yearly.ts';
import type { LayoutDocument, PrintOptions } from '../../shared/layout/index.ts';
import { deptSelfEvaluationForm, type DeptSelfEvaluationForm } from '../../shared/yearly/dept-form.ts';
import { createDeptSelfEvaluation } from '../../shared/yearly/dept-create.ts';
import { deptSelfEvaluationSchema, type DeptSelfEvaluation } from '../../shared/yearly/dept-model.ts';
import { auditDeptSelfEvaluation } from '../../shared/scoring/dept-self-evaluation.ts';
import { scoringProfile, type ScoringProfile } from '../../shared/scoring/profiles.ts';
import type { YearlyFinding } from '../../shared/scoring/finding.ts';
import type { SelfEvaluationScore } from '../../shared/scoring/score.ts';
import { ServiceError, requireUnit } from './service-error.ts';
import { ruleConfigOf, unitYearSettingsOf } from './unit-year-settings.ts';

export interface DeptSelfEvaluationOptions {
  /** Region variants beside the built-in forms and profiles (tests, a region's data). */
  forms?: readonly DeptSelfEvaluationForm[];
  profiles?: readonly ScoringProfile[];
}

/** The form the unit-year's region asks for, or null (its rule profile names none). */
export function askedDeptForm(store: FilingStore, unitCode: string, year: number, opts: DeptSelfEvaluationOptions = {}): DeptSelfEvaluationForm | null {
  const id = ruleProfile(unitYearSettingsOf(store, unitCode, year).settings.ruleProfile)?.deptSelfEvaluation;
  return id ? deptSelfEvaluationForm(id, opts.forms) : null;
}


function assess(store: FilingStore, form: DeptSelfEvaluation, opts: DeptSelfEvaluationOptions) {
  const template = deptSelfEvaluationForm(form.formId, opts.forms);
  const profile = scoringProfile(form.profileId || template.scoringProfile, opts.profiles);
  const config = ruleConfigOf(unitYearSettingsOf(store, form.unitCode, form.year).settings.ruleProfile);
  return { template, profile, ...auditDeptSelfEvaluation(form, template, profile, config) };
}

export function deptSelfEvaluationView(store: FilingStore, unitCode: string, year: number, opts: DeptSelfEvaluationOptions = {}): DeptSelfEvaluationView {
  requireUnit(store, unitCode);
  const stored = store.yearly.dept.get(unitCode, year);
  const asked = askedDeptForm(store, unitCode, year, opts);
  const readOnly = store.received.isReceivedUnitYear(unitCode, year);
  if (!stored) return { unitCode, year, asked: asked !== null, template: asked, stored: null, profile: null, score: null, findings: [], targetChanged: false, readOnly };
  const a = assess(store, stored.form, opts);
  const revision = store.getDeptTargetRevised(unitCode, year)?.revision ?? 0;
  return {
    unitCode, year, asked: true, template: a.template, stored, profile: a.profile, score: a.score, findings: a.findings,
    targetChanged: revision !== stored.form.basis.revision, readOnly,
  };
}

function requireOwn(store: FilingStore, unitCode: string, year: number): void {
  if (store.received.isReceivedUnitYear(unitCode, year)) throw new ServiceError('这是从报送包接收的数据，只读，不能修改', 'READ_ONLY');
}

/** 生成部门整体绩效自评表 from the unit-year's 部门整体绩效目标, in one action. */
export function createDeptSelfEvaluationForm(store: FilingStore, unitCode: string, year: number, opts: DeptSelfEvaluationOptions = {}): DeptSelfEvaluationView {
  requireUnit(store, unitCode);
  requireOwn(store, unitCode, year);
  const form = askedDeptForm(store, unitCode, year, opts);
  if (!form) throw new ServiceError(`单位 ${unitCode} ${year} 年度的审核规则不要求部门整体绩效自评（在单位年度设置中选择要求部门整体自评的审核规则）`, 'NOT_ASKED');
  if (store.yearly.dept.get(unitCode, year)) throw new ServiceError(`单位 ${unitCode} ${year} 年度已有部门整体绩效自评表`, 'EXISTS');
  const t = store.getDeptTargetRevised(unitCode, year);
  if (!t) throw new ServiceError(`单位 ${unitCode} ${year} 年度没有部门整体绩效目标，无法生成部门整体绩效自评表`, 'NOT_FOUND');
  const made = createDeptSelfEvaluation(t.target, t.revision, form);
  if (made.rows.length === 0) throw new ServiceError('部门整体绩效目标的分项中没有绩效指标，无法生成部门整体绩效自评表', 'INVALID');
  store.yearly.dept.put(made, 0);
  return deptSelfEvaluationView(store, unitCode, year, opts);
}

/**
 * Saves the form from outside: validated by the store (nothing changes on bad input); the rows
 * stay those made from the target (same ids, 分项, 指标 and 年度指标值; 一级指标 among the form's options).
 */
export function saveDeptSelfEvaluation(store: FilingStore, input: unknown, expectedRevision: number, opts: DeptSelfEvaluationOptions = {}): DeptSelfEvaluationView {
  const r = deptSelfEvaluationSchema.safeParse(input);
  if (!r.success) throw new ServiceError(`部门整体绩效自评表有误，未保存：${r.error.issues.map((i) => i.message).join('；')}`, 'INVALID');
  const next = r.data;
  const { unitCode, year } = next;
  requireOwn(store, unitCode, year);
  const old = store.yearly.dept.get(unitCode, year);
  if (!old) throw new ServiceError(`单位 ${unitCode} ${year} 年度还没有部门整体绩效自评表`, 'NOT_FOUND');
  // Rows must be the target's: a save may fill them, not rewrite what they measure.
  const template = deptSelfEvaluationForm(old.form.formId, opts.forms);
  if (next.rows.length !== old.form.rows.length || next.basis.revision !== old.form.basis.revision || next.formId !== old.form.formId) {
    throw new ServiceError('部门整体绩效自评表的指标行、表样或目标版本不能改动，未保存', 'INVALID');
  }
  const bad = next.rows.findIndex((row, i) => {
    const o = old.form.rows[i]!;
    return o.id !== row.id || o.item !== row.item || o.name !== row.name || o.target !== row.target || !template.level1Options.includes(row.level1);
  });
  if (bad >= 0) throw new ServiceError(`第 ${bad + 1} 行的指标、年度指标值或一级指标与部门整体绩效目标生成的不一致（一级指标只能是 ${template.level1Options.join(' / ')}），未保存`, 'INVALID');
  store.yearly.dept.put(next, expectedRevision);
  return deptSelfEvaluationView(store, unitCode, year, opts);
}

/** 审核 of the stored form with its score. */
export function validateDeptSelfEvaluation(store: FilingStore, unitCode: string, year: number, opts: DeptSelfEvaluationOptions = {}): { findings: YearlyFinding[]; score: SelfEvaluationScore } {
  const stored = store.yearly.dept.get(unitCode, year);
  if (!stored) throw new ServiceError(`单位 ${unitCode} ${year} 年度还没有部门整体绩效自评表`, 'NOT_FOUND');
  const { findings, score } = assess(store, stored.form, opts);
  return { findings, score };
}

/** The stored form as the layout prints it; null when the unit-year has none. */
export function deptPrintItem(store: FilingStore, unitCode: string, year: number, opts: DeptSelfEvaluationOptions = {}): DeptPrintItem | null {
  const unit = requireUnit(store, unitCode);
  const stored = store.yearly.dept.get(unitCode, year);
  if (!stored) return null;
  const { template, score } = assess(store, stored.form, opts);
  return { unit, filing: stored.form, template, score };
}

/** The stored form as a document (公开稿 / 报送稿 as the unit-year's print setting, unless given). */
export function deptSelfEvaluationLayout(store: FilingStore, unitCode: string, year: number, print?: PrintOptions, opts: DeptSelfEvaluationOptions = {}): LayoutDocument {
  const item = deptPrintItem(store, unitCode, year, opts);
  if (!item) throw new ServiceError(`单位 ${unitCode} ${year} 年度还没有部门整体绩效自评表`, 'NOT_FOUND');
  return buildDeptSelfEvaluationLayout(item, print ?? printOf(unitYearSettingsOf(store, unitCode, year).settings));
}
