// The return package (退回包, `.jxmb`, format version 2): written by the receiving office
// for one received submission (named by its package SHA-256) and carried back to the
// unit on the stick. Members:
//   manifest.json  who, which unit-year, which submission, which return (returnNo orders them)
//   return.json    the verdicts, grades, 意见 and comments per table; no editable filings
// Pure TypeScript: no Node imports.
import { z } from 'zod';
import { fiscalYearSchema, unitCodeSchema } from '../model/filing.ts';
import { HANDOVER_FORMAT, PACKAGE_EXTENSION, sanitiseFileNamePart } from './manifest.ts';
import { DEPT_CRITERIA, DEPT_REVIEW_NAME, deptReviewId, isDeptReviewId } from './dept-review.ts';

export const RETURN_VERSION = 2;
export const RETURN_KIND = 'return';
export const RETURN_MEMBER = 'return.json';

export const REVIEW_GRADES = ['优', '良', '中', '差'] as const;
export const REVIEW_CRITERIA = ['完整性', '相关性', '适当性', '可行性'] as const;
export type ReviewCriterionName = (typeof REVIEW_CRITERIA)[number];
/** The criteria an item of the review is graded by (the 部门整体绩效目标: not 适当性, dept-review.ts). */
export const criteriaOf = (id: string): readonly ReviewCriterionName[] => (isDeptReviewId(id) ? DEPT_CRITERIA : REVIEW_CRITERIA);
export const VERDICTS = ['pass', 'return'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { pass: '通过', return: '退回修改' };
/** A verdict carried over to an unchanged table: `沿用第 2 次报送的审核结论`. */
export const carriedText = (c: { submissionNo: number | null }): string => `沿用第 ${c.submissionNo ?? '?'} 次报送的审核结论`;

/** Limits of the text a reviewer writes (comments are plain text, escaped where shown). */
export const REVIEW_LIMITS = { comment: 2000, opinion: 2000, note: 1000, commentsPerTable: 500, tables: 5000 };

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: '校验值应为 64 位十六进制 SHA-256' });
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { error: '时间格式有误' });
const plain = (max: number, what: string) => z.string({ error: `${what}必须是文字` }).max(max, { error: `${what}不能超过 ${max} 字` });

export const criteriaSchema = z.partialRecord(z.enum(REVIEW_CRITERIA, { error: '审核内容只能是 完整性、相关性、适当性、可行性' }), plain(REVIEW_LIMITS.opinion, '审核意见'));

/** 优 / 良 / 中 / 差 per criterion (optional: packages of the first backend have none). */
export const criteriaGradesSchema = z.partialRecord(z.enum(REVIEW_CRITERIA, { error: '审核内容只能是 完整性、相关性、适当性、可行性' }), z.enum(REVIEW_GRADES, { error: '等级只能是 优、良、中、差' }));

export const returnCommentSchema = z.object({
  id: z.string().min(1).max(64),
  /** '' for the whole table; otherwise a field path (shared/model/field-path.ts), indicator rows by `[id=…]`. */
  path: z.string().max(400),
  text: plain(REVIEW_LIMITS.comment, '意见').min(1, { error: '意见不能为空' }),
  author: plain(60, '审核人'),
  createdAt: isoTime,
});
export type ReturnComment = z.infer<typeof returnCommentSchema>;

export const returnTableSchema = z.object({
  projectId: z.string().min(1).max(64),
  seq: z.number().int().min(0).max(100_000),
  name: z.string().max(400),
  grade: z.enum(REVIEW_GRADES).nullable(),
  criteria: criteriaSchema,
  criteriaGrades: criteriaGradesSchema.optional(),
  verdict: z.enum(VERDICTS),
  /** The verdict is carried over from this earlier submission (the table did not change); absent otherwise and in older packages. */
  carried: z.object({ submissionNo: z.number().int().min(1).max(1_000_000_000).nullable() }).optional(),
  comments: z.array(returnCommentSchema).max(REVIEW_LIMITS.commentsPerTable),
});
export type ReturnTable = z.infer<typeof returnTableSchema>;

export const returnDocSchema = z.object({
  unitCode: unitCodeSchema,
  year: fiscalYearSchema,
  submissionSha256: sha256Hex,
  returnNo: z.number().int().min(1).max(1_000_000_000),
  reviewer: plain(60, '审核人'),
  overall: z.object({ grade: z.enum(REVIEW_GRADES).nullable(), opinion: plain(REVIEW_LIMITS.opinion, '总体意见') }).nullable(),
  tables: z.array(returnTableSchema).min(1).max(REVIEW_LIMITS.tables),
  /** The decision on the 部门整体绩效目标 (under its review id, dept-review.ts); absent in older packages, ignored by older readers. */
  dept: returnTableSchema.optional(),
}).superRefine((d, ctx) => {
  if (!d.dept) return;
  if (d.dept.projectId !== deptReviewId(d.unitCode, d.year)) ctx.addIssue({ code: 'custom', path: ['dept', 'projectId'], message: `${DEPT_REVIEW_NAME}的标识与单位、年度不符` });
  const foreign = [...Object.keys(d.dept.criteria), ...Object.keys(d.dept.criteriaGrades ?? {})].find((c) => !(DEPT_CRITERIA as readonly string[]).includes(c));
  if (foreign) ctx.addIssue({ code: 'custom', path: ['dept', 'criteria'], message: `${DEPT_REVIEW_NAME}不按${foreign}审核` });
});
export type ReturnDoc = z.infer<typeof returnDocSchema>;

/** The items a return decides on: its tables, then the 部门整体绩效目标 where it has one. */
export const returnItems = (doc: Pick<ReturnDoc, 'tables' | 'dept'>): ReturnTable[] => (doc.dept ? [...doc.tables, doc.dept] : doc.tables);

export const returnManifestSchema = z.object({
  format: z.literal(HANDOVER_FORMAT),
  formatVersion: z.literal(RETURN_VERSION),
  kind: z.literal(RETURN_KIND, { error: '不是退回包' }),
  appVersion: z.string().max(40),
  /** The program version needed to read this package (shown by readers that do not know the format version). */
  requiresApp: z.string().max(40),
  unit: z.object({ code: unitCodeSchema, name: z.string().min(1).max(100) }),
  year: fiscalYearSchema,
  submissionSha256: sha256Hex,
  submissionNo: z.number().int().min(1).max(1_000_000_000).nullable(),
  returnNo: z.number().int().min(1).max(1_000_000_000),
  createdAt: isoTime,
  members: z.array(z.object({ name: z.literal(RETURN_MEMBER), sha256: sha256Hex, size: z.number().int().min(0).max(50 * 1024 * 1024) })).length(1),
});
export type ReturnManifest = z.infer<typeof returnManifestSchema>;

/** `绩效目标退回_<单位编码>_<单位名称>_<年度>_<第n次>.jxmb`. */
export function returnFileName(unitCode: string, unitName: string, year: number, returnNo: number): string {
  return `绩效目标退回_${sanitiseFileNamePart(unitCode, 10)}_${sanitiseFileNamePart(unitName)}_${year}_第${returnNo}次${PACKAGE_EXTENSION}`;
}
