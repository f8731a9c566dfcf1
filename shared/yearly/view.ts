// What the API answers for the yearly forms of one project (the UI's whole state of the
// 绩效运行监控表 / 绩效自评表 view) and for the forms of a unit-year (list, 汇总).
import { hundredthsText } from '../scoring/exact.ts';
import type { YearlyFinding } from '../scoring/finding.ts';
import type { SelfEvaluationScore } from '../scoring/score.ts';
import type { ScoringProfile } from '../scoring/profiles.ts';
import type { MonitoringForm, SelfEvaluationForm } from './form-types.ts';
import type { MonitoringFiling, SelfEvaluationFiling, TargetAdjustment } from './model.ts';
import type { TargetRow } from './target.ts';

/** The target a form is measured against, as plain data (no Map). */
export interface TargetView {
  rows: TargetRow[];
  budget: number | null;
  goal: string;
  versionLabel: string;
}

export interface FormState<F> {
  form: F;
  revision: number;
  target: TargetView;
  findings: YearlyFinding[];
}

export interface YearlyView {
  projectId: string;
  name: string;
  unitCode: string;
  year: number;
  seq: number;
  /** Status of the target table now, and its revision (forms name the one they were made from). */
  targetStatus: string;
  targetRevision: number;
  /** The target changed since the forms were made (for a passed version: its content, not the status move to 已通过). */
  targetChanged: boolean;
  /** The target the forms score against, without adjustments: the passed version they were made from, else the table as stored. */
  filed: TargetView;
  adjustments: TargetAdjustment[];
  templates: { monitoring: MonitoringForm; selfEvaluation: SelfEvaluationForm };
  profile: ScoringProfile;
  monitoring: (FormState<MonitoringFiling> & { rate: number | null }) | null;
  selfEvaluation: (FormState<SelfEvaluationFiling> & { score: SelfEvaluationScore }) | null;
  /** Received data: shown, never changed. */
  readOnly: boolean;
}

/** One project of a unit-year in the yearly list and the 汇总. */
export interface YearlyRowView {
  projectId: string;
  seq: number;
  name: string;
  hasForms: boolean;
  /** Every row of the self-evaluation has its 实际完成值 / 完成情况 (an 执行数 alone is not enough): only those count in the 汇总. */
  filled: boolean;
  /** 错误 of each form's 审核 (null: no form). */
  monitoringErrors: number | null;
  selfEvaluationErrors: number | null;
  /** 1—N月执行数 ÷ 年初预算数 of the monitoring, hundredths of a percent (null: no form or no amounts). */
  monitoringRate: number | null;
  /** Cut-off month of the monitoring form and its 执行数 column's words (`1—7月执行数`); null: no form. */
  monitoringExecuted: { month: number; label: string } | null;
  /** 自评 total in hundredths and grade; 执行率 in hundredths of a percent. */
  total: number | null;
  grade: string | null;
  rate: number | null;
  /** Monitoring rows behind schedule (预计不能完成) plus self-evaluation rows below target. */
  atRisk: number;
  /** 全年预算数 and 全年执行数 of the self-evaluation (分). */
  budget: number | null;
  executed: number | null;
}

/** Per unit-year: what the 汇总 shows (执行率 over all projects, mean total, grade, rows at risk). */
export interface YearlyUnitSummary {
  projects: number;
  /** Self-evaluations filled in (the mean 总分 is over these). */
  evaluated: number;
  /** Σ 全年执行数 ÷ Σ 全年预算数 of the self-evaluations, hundredths of a percent. */
  rate: number | null;
  /** Mean 总分 of the self-evaluations (hundredths, half-up), and its grade. */
  total: number | null;
  grade: string | null;
  atRisk: number;
}

/** The 汇总's 自评总分: the mean, with how many of the tables it is over when not all are filled in. */
export function yearlyTotalText(y: YearlyUnitSummary): string {
  if (y.total === null) return y.projects ? `未填完（0/${y.projects} 张）` : '';
  const t = hundredthsText(y.total);
  return y.evaluated < y.projects ? `${t}（${y.evaluated}/${y.projects} 张已填完）` : t;
}
