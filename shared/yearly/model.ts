// Models of the two later filings of a project's year and of a target adjustment. Rows
// refer to the target's indicator rows by id (the target stays the record; these forms
// never copy or change it). Money is integer 分; points are integer hundredths (0.01 分).
import { z } from 'zod';
import { fiscalYearSchema, moneySchema, unitCodeSchema } from '../model/filing.ts';
import { likelihoodSchema } from './form-types.ts';

const text = (max: number, what: string) =>
  z.string({ error: `${what}必须是文本` }).max(max, { error: `${what}过长（不超过 ${max} 字）` });
const id = (what: string) => text(64, what).min(1, { error: `${what}不能为空` });

/** Points in hundredths: 1000 is 10.00 分. */
export const hundredthsSchema = z
  .number({ error: '分值必须是数字' })
  .int({ error: '分值必须以 0.01 分为单位' })
  .min(0, { error: '分值不能为负数' })
  .max(10_000, { error: '分值不能超过 100 分' });

const common = {
  id: id('表标识'),
  /** The target (项目支出绩效目标表) this form measures. */
  projectId: id('项目标识'),
  unitCode: unitCodeSchema,
  year: fiscalYearSchema,
  formId: text(40, '表样').min(1),
  /** The 调整绩效目标 record scored against; null: the target as filed. */
  adjustmentId: text(64, '调整记录').nullable().default(null),
  status: z.enum(['draft', 'checked'], { error: '状态只能是 草稿 / 已审核' }).default('draft'),
  /** Which target the form was made from: its revision and status then; `approved` when it is
   *  the version a return passed (第 n 次报送 of that date, 第 m 次退回): the form scores against it. */
  basis: z
    .object({
      revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      status: text(20, '绩效目标状态'),
      label: text(200, '目标版本说明'),
      approved: z
        .object({
          submissionNo: z.number().int().min(1).max(1_000_000_000),
          submittedAt: text(40, '报送时间'),
          returnNo: z.number().int().min(1).max(1_000_000_000),
        })
        .nullable()
        .default(null),
    })
    .nullable()
    .default(null),
};

export type YearlyBasis = NonNullable<z.output<typeof common.basis>>;

export const monitoringRowSchema = z.object({
  indicatorId: id('指标编号'),
  /** 1—N月实际完成值, written like a 指标值. */
  actual: text(300, '实际完成值').default(''),
  /** 全年预计完成值. */
  projected: text(300, '全年预计完成值').default(''),
  /** 偏差原因: options of the form template. */
  reasons: z.array(text(50, '偏差原因').min(1)).max(10).default([]),
  likelihood: likelihoodSchema.nullable().default(null),
  explanation: text(2000, '原因说明').default(''),
  correction: text(2000, '纠偏措施').default(''),
});
export type MonitoringRow = z.infer<typeof monitoringRowSchema>;

export const monitoringFilingSchema = z.object({
  ...common,
  kind: z.literal('monitoring'),
  cutOffMonth: z.number().int().min(1).max(11).default(7),
  funds: z
    .object({
      budget: moneySchema.default(null), // 年初预算数
      executed: moneySchema.default(null), // 1—N月执行数
      /** 执行率 as written on an imported form ('' = computed from the amounts). */
      rate: text(20, '执行率').default(''),
      projected: moneySchema.default(null), // 全年预计执行数
    })
    .default({ budget: null, executed: null, rate: '', projected: null }),
  rows: z.array(monitoringRowSchema).max(500).default([]),
});
export type MonitoringFiling = z.infer<typeof monitoringFilingSchema>;

export const ACHIEVEMENT_LEVELS = ['达成', '部分达成', '未达成'] as const;
export const achievementSchema = z.object({
  level: z.enum(ACHIEVEMENT_LEVELS, { error: '完成情况只能是 达成 / 部分达成 / 未达成' }),
  /** Share of the row's points within the level's band (0–100); null: the profile's default. */
  percent: z.number().int().min(0).max(100).nullable().default(null),
});

export const selfEvaluationRowSchema = z.object({
  indicatorId: id('指标编号'),
  actual: text(300, '实际完成值').default(''),
  /** 分值 set by the user; null: the group's points split evenly. */
  points: hundredthsSchema.nullable().default(null),
  /** For a qualitative target. */
  achievement: achievementSchema.nullable().default(null),
  /** For a date target whose 实际完成值 is not a date (`按期完成`). */
  met: z.boolean().nullable().default(null),
  /** 偏差原因分析及改进措施. */
  deviation: text(2000, '偏差原因分析及改进措施').default(''),
});
export type SelfEvaluationRow = z.infer<typeof selfEvaluationRowSchema>;

const fundLineSchema = z
  .object({ initialBudget: moneySchema.default(null), budget: moneySchema.default(null), executed: moneySchema.default(null) })
  .default({ initialBudget: null, budget: null, executed: null });

export const selfEvaluationFilingSchema = z.object({
  ...common,
  kind: z.literal('self-evaluation'),
  /** Scoring profile id; '' takes the form's. */
  profileId: text(40, '评分方案').default(''),
  funds: z
    .object({ total: fundLineSchema, fiscal: fundLineSchema, carryOver: fundLineSchema, other: fundLineSchema })
    .default(() => ({
      total: { initialBudget: null, budget: null, executed: null },
      fiscal: { initialBudget: null, budget: null, executed: null },
      carryOver: { initialBudget: null, budget: null, executed: null },
      other: { initialBudget: null, budget: null, executed: null },
    })),
  /** 预期目标 (from the target's goal) and 实际完成情况. */
  goal: z.object({ expected: text(5000, '预期目标').default(''), achieved: text(5000, '实际完成情况').default('') }).default({ expected: '', achieved: '' }),
  rows: z.array(selfEvaluationRowSchema).max(500).default([]),
  /** 总分 as written on an imported form, in hundredths; null: computed only. */
  enteredTotal: hundredthsSchema.nullable().default(null),
});
export type SelfEvaluationFiling = z.infer<typeof selfEvaluationFilingSchema>;

/** 调整绩效目标: a recorded change of the target, with its reason; the filed target is not rewritten. */
export const targetAdjustmentSchema = z.object({
  id: id('调整记录标识'),
  projectId: id('项目标识'),
  unitCode: unitCodeSchema,
  year: fiscalYearSchema,
  /** 1, 2, … in the order made; each applies on top of the ones before. */
  seq: z.number().int().min(1).max(1000),
  reason: text(2000, '调整原因').refine((s) => s.trim() !== '', { error: '调整绩效目标必须写明调整原因' }),
  /** Approved on (text as on the document), optional. */
  approvedOn: text(50, '批复日期').default(''),
  changes: z
    .array(z.object({ indicatorId: id('指标编号'), value: text(300, '调整后指标值').min(1, { error: '调整后指标值不能为空' }) }))
    .max(500)
    .default([]),
  /** 调整后全年预算数 (分), if the budget changed. */
  budget: moneySchema.default(null),
}).refine((a) => a.changes.length > 0 || a.budget !== null, { error: '调整记录没有改动任何指标值或预算数' });
export type TargetAdjustment = z.infer<typeof targetAdjustmentSchema>;
export type TargetAdjustmentInput = z.input<typeof targetAdjustmentSchema>;
