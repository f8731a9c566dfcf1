// What the API answers for the 部门整体绩效自评表 of a unit-year (the UI's whole state of it).
import type { YearlyFinding } from '../scoring/finding.ts';
import type { ScoringProfile } from '../scoring/profiles.ts';
import type { SelfEvaluationScore } from '../scoring/score.ts';
import type { DeptSelfEvaluationForm } from './dept-form.ts';
import type { DeptSelfEvaluation } from './dept-model.ts';

export interface DeptSelfEvaluationView {
  unitCode: string;
  year: number;
  /** The region asks for one (the unit-year's 审核规则 names its form). */
  asked: boolean;
  template: DeptSelfEvaluationForm | null;
  stored: { form: DeptSelfEvaluation; revision: number; updatedAt: string } | null;
  profile: ScoringProfile | null;
  score: SelfEvaluationScore | null;
  findings: YearlyFinding[];
  /** The 部门整体绩效目标 changed since the form was made (its revision moved on). */
  targetChanged: boolean;
  /** Received data: shown, never changed. */
  readOnly: boolean;
}
