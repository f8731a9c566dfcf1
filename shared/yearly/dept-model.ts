// The 部门整体绩效自评表 of a unit-year. The 部门整体绩效目标 is prose (分项 with their
// 绩效指标 as sentences), so the form keeps the indicator rows it was made from (分项, 指标,
// 年度指标值) beside the actuals; `basis` names the target's revision then. Money in 分,
// points in hundredths.
import { z } from 'zod';
import { fiscalYearSchema, moneySchema, unitCodeSchema } from '../model/filing.ts';
import { hundredthsSchema, selfEvaluationRowSchema } from './model.ts';

const text = (max: number, what: string) =>
  z.string({ error: `${what}必须是文本` }).max(max, { error: `${what}过长（不超过 ${max} 字）` });

const deptSelfEvaluationRowSchema = z.object({
  /** Row identity: `i{分项序号}-{句序号}` of the target it was made from. */
  id: text(64, '指标编号').min(1, { error: '指标编号不能为空' }),
  item: text(300, '分项'),
  level1: text(50, '一级指标').min(1, { error: '一级指标不能为空' }),
  name: text(5000, '绩效指标'),
  target: text(5000, '年度指标值'),
  // 实际完成值, 分值, 完成情况, 按期, 偏差原因 as the project self-evaluation's rows.
  ...selfEvaluationRowSchema.omit({ indicatorId: true }).shape,
});

export const deptSelfEvaluationSchema = z
  .object({
    kind: z.literal('dept-self-evaluation'),
    unitCode: unitCodeSchema,
    year: fiscalYearSchema,
    formId: text(40, '表样').min(1),
    profileId: text(40, '评分方案').default(''),
    /** Revision of the 部门整体绩效目标 the rows were made from. */
    basis: z.object({ revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    status: z.enum(['draft', 'checked'], { error: '状态只能是 草稿 / 已审核' }).default('draft'),
    funds: z
      .object({ initialBudget: moneySchema.default(null), budget: moneySchema.default(null), executed: moneySchema.default(null) })
      .default({ initialBudget: null, budget: null, executed: null }),
    goal: z.object({ expected: text(20000, '预期目标').default(''), achieved: text(20000, '实际完成情况').default('') }).default({ expected: '', achieved: '' }),
    rows: z.array(deptSelfEvaluationRowSchema).max(500).default([]),
    enteredTotal: hundredthsSchema.nullable().default(null),
  })
  .superRefine((d, ctx) => {
    const seen = new Set<string>();
    d.rows.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rows', i, 'id'], message: `第 ${i + 1} 行的指标编号 ${r.id} 重复` });
      seen.add(r.id);
    });
  });
export type DeptSelfEvaluation = z.infer<typeof deptSelfEvaluationSchema>;
