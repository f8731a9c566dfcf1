// 部门整体绩效自评表 as template data (a region's variant is one more object): its title, the
// 部门预算 columns, the indicator columns, the scoring profile and the 一级指标 a row starts in.
// Which unit-years file one is a property of the rule profile (shared/settings/unit-year.ts).
import { z } from 'zod';
import { SELF_EVALUATION_FORM } from './self-evaluation-form.ts';

const label = (what: string) => z.string({ error: `${what}必须是文本` }).min(1, { error: `${what}不能为空` }).max(100);
const columnSchema = z.object({ key: z.string().min(1).max(40), label: label('栏目名称') });

export const deptSelfEvaluationFormSchema = z.object({
  kind: z.literal('dept-self-evaluation'),
  id: z.string().min(1).max(40),
  name: label('表名'),
  /** `{year}` filled in. */
  title: label('标题'),
  basis: z.string().max(200).default(''),
  /** Label of the funds line (部门预算). */
  fundLine: label('资金行名称'),
  /** 年初预算数, 全年预算数, 全年执行数, 执行率, 分值, 得分 (keys as the project form's). */
  fundColumns: z.array(columnSchema).min(1),
  /** Columns after 分项 / 一级指标 / 绩效指标. */
  indicatorColumns: z.array(columnSchema).min(1),
  scoringProfile: z.string().min(1).max(40),
  /** 一级指标 of a row made from the 部门整体绩效目标 (whose 分项 text has none); the user may change it. */
  defaultLevel1: label('一级指标'),
  /** 一级指标 a row may be put under. */
  level1Options: z.array(label('一级指标')).min(1),
});
export type DeptSelfEvaluationForm = z.infer<typeof deptSelfEvaluationFormSchema>;

export const DEPT_SELF_EVALUATION_FORM: DeptSelfEvaluationForm = deptSelfEvaluationFormSchema.parse({
  kind: 'dept-self-evaluation',
  id: 'dept-self-evaluation',
  name: '部门整体绩效自评表',
  title: '部门整体绩效自评表（{year}年度）',
  basis: '财预〔2020〕10号',
  fundLine: '部门预算',
  // The columns of the project self-evaluation.
  fundColumns: SELF_EVALUATION_FORM.fundColumns,
  indicatorColumns: SELF_EVALUATION_FORM.indicatorColumns,
  scoringProfile: 'dept',
  defaultLevel1: '绩效指标',
  level1Options: ['绩效指标'],
});

export const DEPT_SELF_EVALUATION_FORMS: readonly DeptSelfEvaluationForm[] = [DEPT_SELF_EVALUATION_FORM];

export function deptSelfEvaluationForm(id: string, extra: readonly DeptSelfEvaluationForm[] = []): DeptSelfEvaluationForm {
  const f = [...extra, ...DEPT_SELF_EVALUATION_FORMS].find((x) => x.id === id);
  if (!f) throw new Error(`未知的部门整体绩效自评表样：${id}`);
  return f;
}
