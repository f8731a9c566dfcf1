// Score and 审核 of a 部门整体绩效自评表 by the very module of the project self-evaluation: the
// form is read as a self-evaluation (its 部门预算 the 年度资金总额) of a target whose 年度
// indicators are the form's rows, then scored and checked with the same rules; findings name
// the fields of the dept form.
import { projectFilingSchema, type ProjectFiling } from '../model/filing.ts';
import type { RuleConfig } from '../rules/types.ts';
import type { DeptSelfEvaluationForm } from '../yearly/dept-form.ts';
import type { DeptSelfEvaluation } from '../yearly/dept-model.ts';
import { SELF_EVALUATION_FORM } from '../yearly/self-evaluation-form.ts';
import { selfEvaluationFilingSchema, type SelfEvaluationFiling } from '../yearly/model.ts';
import type { YearlyFinding } from './finding.ts';
import { FORM_LABELS } from './finding.ts';
import type { ScoringProfile } from './profiles.ts';
import type { SelfEvaluationScore } from './score.ts';
import { auditSelfEvaluation } from './self-evaluation-rules.ts';

const deptId = (d: Pick<DeptSelfEvaluation, 'unitCode' | 'year'>): string => `dept:${d.unitCode}/${d.year}`;

/** The target and the self-evaluation the scoring module reads for a dept form. */
export function asProjectSelfEvaluation(d: DeptSelfEvaluation): { target: ProjectFiling; se: SelfEvaluationFiling } {
  const id = deptId(d);
  const target = projectFilingSchema.parse({
    id,
    templateId: 'dept',
    unitCode: d.unitCode,
    year: d.year,
    name: '部门整体',
    periods: {
      annual: {
        funding: { total: d.funds.budget },
        goal: d.goal.expected,
        indicators: d.rows.map((r) => ({ id: r.id, level1: r.level1, level2: r.item.slice(0, 50), name: r.name.slice(0, 300), value: r.target.slice(0, 300) })),
      },
    },
  });
  const se = selfEvaluationFilingSchema.parse({
    id,
    kind: 'self-evaluation',
    projectId: id,
    unitCode: d.unitCode,
    year: d.year,
    formId: d.formId,
    profileId: d.profileId,
    funds: { total: d.funds },
    goal: d.goal,
    rows: d.rows.map((r) => ({ indicatorId: r.id, actual: r.actual, points: r.points, achievement: r.achievement, met: r.met, deviation: r.deviation })),
    enteredTotal: d.enteredTotal,
  });
  return { target, se };
}

/** `funds.total.executed` of the project form is `funds.executed` of the dept form. */
const deptField = (f: string): string => (f.startsWith('funds.total') ? f.replace('funds.total', 'funds').replace(/\.$/, '') : f);

export function auditDeptSelfEvaluation(
  d: DeptSelfEvaluation,
  form: DeptSelfEvaluationForm,
  profile: ScoringProfile,
  config?: RuleConfig,
): { score: SelfEvaluationScore; findings: YearlyFinding[] } {
  const { target, se } = asProjectSelfEvaluation(d);
  const { score, findings } = auditSelfEvaluation(se, target, { ...SELF_EVALUATION_FORM, fundLines: [{ key: 'total', label: form.fundLine }] }, profile, config ? { config } : {});
  const table = FORM_LABELS['dept-self-evaluation'];
  return {
    score,
    findings: findings.map((f) => ({
      ...f,
      message: f.message.replace(/^年度资金总额：/u, `${form.fundLine}：`),
      location: { ...f.location, form: 'dept-self-evaluation', table, field: deptField(f.location.field) },
      ...(f.fix ? { fix: { ...f.fix, patch: { ...f.fix.patch, path: deptField(f.fix.patch.path) } } } : {}),
      key: f.key.replace('@funds.total', '@funds'),
    })),
  };
}
