// Domain model of a 绩效目标 filing. Zod schemas are the single source: the TypeScript
// types are inferred from them and the same schemas validate every input at a boundary
// (JSON files, API calls, packages). Messages are Chinese because users read them.
import { z } from 'zod';
import './issues.ts';
import { FILING_STATUSES, STATUS_LABELS } from './status.ts';

/** Money: an integer number of 分 (0.01 元). Never a float; null where the cell is blank. */
export const MAX_MONEY_FEN = 10_000_000_000_000_00; // 10 万亿元 — far beyond any county budget
export const moneySchema = z
  .number({ error: '金额必须是数字' })
  .int({ error: '金额必须是以“分”为单位的整数' })
  .min(0, { error: '金额不能为负数' })
  .max(MAX_MONEY_FEN, { error: '金额超出合理范围' })
  .nullable();

const text = (max: number, what: string) =>
  z.string({ error: `${what}必须是文本` }).max(max, { error: `${what}过长（不超过 ${max} 字）` });

export const unitCodeSchema = z
  .string({ error: '单位编码必须是文本' })
  .regex(/^\d{6}$/, { error: '单位编码必须是 6 位数字' });

export const fiscalYearSchema = z
  .number({ error: '年度必须是数字' })
  .int({ error: '年度必须是整数' })
  .min(2000, { error: '年度须在 2000—2100 之间' })
  .max(2100, { error: '年度须在 2000—2100 之间' });

/** 主管部门: printed as `303-忻州市医疗保障局`. */
export const supervisorSchema = z.object({
  code: text(20, '主管部门代码'),
  name: text(100, '主管部门名称'),
});

/** 预算单位. */
export const unitSchema = z.object({
  code: unitCodeSchema,
  name: text(100, '单位名称').min(1, { error: '单位名称不能为空' }),
  supervisor: supervisorSchema.nullable().default(null),
  /** 地区 printed in some titles (`忻州市`市级预算部门…); optional. */
  region: text(50, '地区').default(''),
  /** Demo data from the published seeds, kept apart from an office's own units. */
  sample: z.boolean().default(false),
});
export type Unit = z.infer<typeof unitSchema>;

/** The periods a table can carry data for, in the words of the forms. */
export const PERIOD_KEYS = ['implementation', 'midterm', 'annual'] as const;
export const periodKeySchema = z.enum(PERIOD_KEYS, { error: '期间只能是 实施期 / 中期 / 年度' });
export type PeriodKey = (typeof PERIOD_KEYS)[number];
export const PERIOD_LABELS: Record<PeriodKey, string> = {
  implementation: '实施期',
  midterm: '中期',
  annual: '年度',
};

/** Funding by source. Which lines a table shows is declared by its template. */
export const fundingSchema = z.object({
  total: moneySchema.default(null), // 预算数 / 资金总额
  fiscal: moneySchema.default(null), // 其中：财政资金 / 财政拨款
  central: moneySchema.default(null), // 中央财政资金
  provincial: moneySchema.default(null), // 省级财政资金
  local: moneySchema.default(null), // 市县（区）财政资金
  selfRaised: moneySchema.default(null), // 单位自筹
  other: moneySchema.default(null), // 其他资金
});
export type Funding = z.infer<typeof fundingSchema>;
export type FundingKey = keyof Funding;
export const FUNDING_KEYS = [
  'total',
  'fiscal',
  'central',
  'provincial',
  'local',
  'selfRaised',
  'other',
] as const satisfies readonly FundingKey[];

/** One 三级 indicator row with the 一级 / 二级 it sits under. */
export const indicatorRowSchema = z.object({
  id: text(64, '指标编号').min(1),
  level1: text(50, '一级指标'),
  level2: text(50, '二级指标'),
  name: text(300, '三级指标'),
  description: text(1000, '绩效指标描述').default(''),
  value: text(300, '指标值'),
  basis: text(300, '指标值确定依据').default(''),
  standard: text(300, '绩效标准').default(''),
});
export type IndicatorRow = z.infer<typeof indicatorRowSchema>;

/** What a table holds for one period (年度 / 实施期 / 中期). */
export const periodDataSchema = z.object({
  funding: fundingSchema.default(() => fundingSchema.parse({})),
  /** 总体目标 / 绩效目标 text of this period, as written (may hold numbered lines). */
  goal: text(5000, '绩效目标').default(''),
  /** Date range printed beside the goal heading, e.g. `2024 年 1 月—2024 年 6 月` (中期). */
  rangeLabel: text(100, '目标期间').default(''),
  indicators: z.array(indicatorRowSchema).max(500, { error: '指标行过多（不超过 500 行）' }).default([]),
});
export type PeriodData = z.infer<typeof periodDataSchema>;

/** 资金支出计划（%）: cumulative share spent by each date, as written (`20%`). */
export const spendingPlanSchema = z.object({
  mar: text(20, '3月底支出进度').default(''),
  jun: text(20, '6月底支出进度').default(''),
  oct: text(20, '10月底支出进度').default(''),
  dec: text(20, '12月底支出进度').default(''),
});

/** Prose rows of the 申报表 (layout C). */
export const proseSchema = z.object({
  overview: text(5000, '项目概况').default(''),
  basis: text(5000, '立项依据').default(''),
  necessity: text(5000, '项目设立必要性').default(''),
  measures: text(5000, '保证项目实施的制度、措施').default(''),
  plan: text(5000, '项目实施计划').default(''),
});

/** Signature footer. */
export const footerSchema = z.object({
  head: text(50, '负责人').default(''),
  handler: text(50, '经办人').default(''),
  phone: text(50, '联系电话').default(''),
  date: text(50, '填报日期').default(''),
});

/** A 说明 typed by the user for a 警告, keyed by the finding it answers. */
export const explanationSchema = z.object({
  key: text(200, '审核项').min(1),
  text: text(1000, '说明').min(1, { error: '说明不能为空' }),
});
export type Explanation = z.infer<typeof explanationSchema>;

export { FILING_STATUSES, STATUS_LABELS, type FilingStatus } from './status.ts';
export const filingStatusSchema = z.enum(FILING_STATUSES, {
  error: `状态只能是 ${FILING_STATUSES.map((s) => STATUS_LABELS[s]).join(' / ')}`,
});

/** 指标体系 ids (shared/templates/indicator-systems.ts). */
export const INDICATOR_SYSTEM_IDS = ['legacy', 'caiyu2021'] as const;
export const indicatorSystemSchema = z.enum(INDICATOR_SYSTEM_IDS, {
  error: '指标体系只能是 legacy（财预〔2015〕88号等） / caiyu2021（财预〔2021〕101号）',
});

/** 项目支出绩效目标表: one budget project of one unit in one fiscal year. */
export const projectFilingSchema = z.object({
  id: text(64, '项目标识').min(1, { error: '项目标识不能为空' }),
  templateId: text(40, '模板').min(1, { error: '模板不能为空' }),
  /** The table's 指标体系 where it is not its template's (a unit-year setting; see shared/settings). */
  indicatorSystem: indicatorSystemSchema.optional(),
  unitCode: unitCodeSchema,
  year: fiscalYearSchema,
  /** Position in the unit-year book (1, 2, …). */
  seq: z.number().int().min(0).max(100_000).default(0),
  status: filingStatusSchema.default('draft'),
  /** Changed after it was 已报送 (edited since, so the receiver's copy is older). */
  changedSinceSubmission: z.boolean({ error: '“报送后已修改”必须是 是/否' }).default(false),
  name: text(300, '项目名称').default(''),
  /** Name used in the book heading where it differs from 项目名称 (`1. “2024-城乡医疗救助”项目`). */
  headingName: text(300, '标题中的项目名称').default(''),
  projectCode: text(40, '项目编码').default(''), // 项目编码 (layout B)
  implementingUnit: text(200, '实施单位').default(''),
  attribute: text(100, '项目属性').default(''), // 一次性项目（1年结束） / 经常性项目
  duration: text(50, '项目期').default(''), // 项目期: 1年
  fundUse: text(5000, '资金用途').default(''), // 资金用途 (layouts A, B)
  spendingPlan: spendingPlanSchema.default(() => spendingPlanSchema.parse({})),
  prose: proseSchema.default(() => proseSchema.parse({})),
  periods: z
    .partialRecord(periodKeySchema, periodDataSchema)
    .default({}),
  footer: footerSchema.default(() => footerSchema.parse({})),
  explanations: z.array(explanationSchema).max(1000).default([]),
  /** Paths of values copied from last year and not yet looked at. */
  carriedOver: z.array(text(200, '结转标记')).max(5000).default([]),
});
export type ProjectFiling = z.infer<typeof projectFilingSchema>;
export type ProjectFilingInput = z.input<typeof projectFilingSchema>;

/** 部门整体绩效目标: one text per unit-year in layouts whose book has it. */
export const deptItemSchema = z.object({
  title: text(300, '分项标题'),
  goal: text(5000, '分项绩效目标').default(''),
  indicators: text(5000, '分项绩效指标').default(''),
});
export type DeptItem = z.infer<typeof deptItemSchema>;

export const deptTargetSchema = z.object({
  unitCode: unitCodeSchema,
  year: fiscalYearSchema,
  overall: text(20000, '总体绩效目标').default(''),
  items: z.array(deptItemSchema).max(200).default([]),
  measures: z.array(text(10000, '工作保障措施')).max(200).default([]),
});
export type DeptTarget = z.infer<typeof deptTargetSchema>;
