// The two forms of the rest of the year as template data (a region's variant is one
// more object, not code): 绩效运行监控表 (mid-year, after 财预〔2019〕136号) and 绩效自评表
// (year end). Parsed with these schemas wherever a template comes from outside.
import { z } from 'zod';

const label = (what: string) => z.string({ error: `${what}必须是文本` }).min(1, { error: `${what}不能为空` }).max(100);

/** A printed column or line: a stable key the code reads, and the words of the form. */
const columnSchema = z.object({ key: z.string().min(1).max(40), label: label('栏目名称') });

export const DEVIATION_REASONS_DEFAULT = ['经费保障', '制度保障', '人员保障', '硬件条件保障', '其他'] as const;
export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const likelihoodSchema = z.enum(LIKELIHOODS, { error: '完成目标可能性只能是 确定能 / 有可能 / 完全不可能' });

/** What every yearly form has: its id, name, title (`{year}`, `{month}` filled in) and basis. */
const formHead = {
  id: z.string().min(1).max(40),
  name: label('表名'),
  title: label('标题'),
  basis: z.string().max(200).default(''),
};

export const monitoringFormSchema = z.object({
  kind: z.literal('monitoring'),
  ...formHead,
  /** Cut-off month of the monitoring (1–7月 by default). */
  cutOffMonth: z.number().int().min(1, { error: '截止月份须在 1—11 之间' }).max(11, { error: '截止月份须在 1—11 之间' }).default(7),
  /** Fund columns: 年初预算数, 1–N月执行数, 执行率, 全年预计执行数. */
  fundColumns: z.array(columnSchema).min(1),
  /** Indicator columns after 一级/二级/三级. */
  indicatorColumns: z.array(columnSchema).min(1),
  deviationReasons: z.array(label('偏差原因')).min(1).default([...DEVIATION_REASONS_DEFAULT]),
});
export type MonitoringForm = z.infer<typeof monitoringFormSchema>;

export const FUND_LINE_KEYS = ['total', 'fiscal', 'carryOver', 'other'] as const;

export const selfEvaluationFormSchema = z.object({
  kind: z.literal('self-evaluation'),
  ...formHead,
  /** Fund lines in print order (年度资金总额 first), each a key of FUND_LINE_KEYS. */
  fundLines: z.array(z.object({ key: z.enum(FUND_LINE_KEYS), label: label('资金行名称') })).min(1),
  fundColumns: z.array(columnSchema).min(1),
  indicatorColumns: z.array(columnSchema).min(1),
  /** Scoring profile id (shared/scoring/profiles.ts). */
  scoringProfile: z.string().min(1).max(40),
  /** The region also asks for a 部门整体 self-evaluation. */
  departmentWhole: z.boolean().default(false),
});
export type SelfEvaluationForm = z.infer<typeof selfEvaluationFormSchema>;

