// The handover package (报送包, `.jxmb`): one zip per unit-year that travels on a USB
// stick from a unit to its 主管部门 and on to the finance bureau. Members:
//   manifest.json  this schema: who, which unit-year, which rules, and the SHA-256 and
//                  size of every other member
//   filings.json   the interchange JSON (shared/interchange/format.ts) of the unit-year
//   audit.json     the 审核 report made when packing, with the 说明 of every 警告
//   book.docx      the printed unit-year book (when the DOCX exporter is present)
// Pure TypeScript: no Node imports.
import { z } from 'zod';
import { fiscalYearSchema, supervisorSchema, unitCodeSchema } from '../model/filing.ts';
import { safeFileName } from '../model/file-name.ts';

export const HANDOVER_FORMAT = 'jxmb-handover';
/** Written by this program. Version 2 adds the optional yearly.json and settings.json (shared/handover/extras.ts). */
export const HANDOVER_VERSION = 2;
/** Versions this program reads: every version-1 package unchanged. */
export const HANDOVER_READS: readonly number[] = [1, 2];
export const PACKAGE_EXTENSION = '.jxmb';

export const MEMBER_NAMES = {
  manifest: 'manifest.json',
  filings: 'filings.json',
  audit: 'audit.json',
  book: 'book.docx',
  yearly: 'yearly.json',
  settings: 'settings.json',
} as const;

/** Members a version-1 package never has. */
export const V2_MEMBERS: readonly string[] = [MEMBER_NAMES.yearly, MEMBER_NAMES.settings];

/** Names a member of this version may have (anything else is refused). */
export const KNOWN_MEMBERS: readonly string[] = Object.values(MEMBER_NAMES);

/** Limits when reading a package from outside. */
export const PACKAGE_LIMITS = {
  /** The .jxmb file itself. */
  fileBytes: 200 * 1024 * 1024,
  /**
   * One member after inflating. A real unit-year's filings.json is well under 1 MB; the
   * largest one let through is parsed in full in a worker (about 4.5 times its size in
   * memory: 100 MB took the process to 610 MB, over its 500 MB target).
   */
  memberBytes: 40 * 1024 * 1024,
  /** All members after inflating. */
  totalBytes: 120 * 1024 * 1024,
  /** Entries in the zip directory. */
  entries: 16,
  /** manifest.json after inflating. */
  manifestBytes: 1024 * 1024,
};

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: '校验值应为 64 位十六进制 SHA-256' });

export const memberSchema = z.object({
  name: z.enum(KNOWN_MEMBERS as [string, ...string[]], { error: '未知的成员文件' }),
  sha256: sha256Hex,
  size: z.number().int().min(0).max(PACKAGE_LIMITS.memberBytes),
});
export type PackageMember = z.infer<typeof memberSchema>;

export const handoverManifestSchema = z.object({
  format: z.literal(HANDOVER_FORMAT, { error: `不是报送包（format 应为 ${HANDOVER_FORMAT}）` }),
  formatVersion: z.union([z.literal(1), z.literal(2)], { error: `报送包版本不受支持（本程序支持版本 ${HANDOVER_READS.join('、')}）` }),
  /** Version 2 on: the program version the package needs (an older program names it). */
  requiresApp: z.string().max(40).optional(),
  appVersion: z.string().max(40),
  unit: z.object({
    code: unitCodeSchema,
    name: z.string().min(1).max(100),
    supervisor: supervisorSchema.nullable(),
  }),
  year: fiscalYearSchema,
  templateId: z.string().min(1).max(40),
  rulesetVersion: z.string().max(40),
  /** ISO time the package was made (the sender's clock): shown, never trusted for order. */
  createdAt: z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { error: '打包时间格式有误' }),
  /** Projects in filings.json, and the 审核 counts when packed. */
  projectCount: z.number().int().min(0).max(50_000),
  audit: z.object({ errors: z.number().int().min(0), warnings: z.number().int().min(0), hints: z.number().int().min(0) }),
  members: z.array(memberSchema).min(2).max(PACKAGE_LIMITS.entries),
  /** The sender's submission number of this unit-year (1, 2, … per package written; orders versions); absent in older packages. */
  submissionNo: z.number({ error: '报送次数必须是数字' }).int({ error: '报送次数必须是整数' }).min(1, { error: '报送次数至少为 1' }).max(1_000_000_000).optional(),
});
export type HandoverManifest = z.infer<typeof handoverManifestSchema>;

/** The unit's answer to one comment of a return package (return-manifest.ts), carried in a resubmission's audit.json. */
export const reviewAnswerSchema = z.object({
  returnSha256: sha256Hex,
  commentId: z.string().min(1).max(64),
  projectId: z.string().min(1).max(64),
  handled: z.boolean(),
  note: z.string().max(1000, { error: '说明不能超过 1000 字' }),
});
export type ReviewAnswer = z.infer<typeof reviewAnswerSchema>;

/** audit.json: the 审核 report with the 说明 of every 警告. */
export const auditMemberSchema = z.object({
  rulesetVersion: z.string().max(40),
  ruleset: z.unknown(),
  summary: z.object({
    errors: z.number().int().min(0),
    warnings: z.number().int().min(0),
    hints: z.number().int().min(0),
    unexplainedWarnings: z.number().int().min(0),
  }),
  /** The estimated outcome of the bureau's review (shared/rules/grade.ts); absent in older packages. */
  grade: z
    .object({
      grade: z.enum(['优', '良', '中', '差']),
      score: z.number().min(0).max(100),
      lowered: z.array(z.object({ criterion: z.string().max(20), points: z.number().min(0), findings: z.number().int().min(0) })).max(10),
      estimate: z.literal(true),
      tables: z.record(z.enum(['优', '良', '中', '差']), z.number().int().min(0)).optional(),
      openErrors: z.number().int().min(0).optional(),
      cap: z.object({ grade: z.enum(['优', '良', '中', '差']), reason: z.string().max(200) }).optional(),
      /** Tables with no indicator typed, left out of the estimate; `withheld`: none estimated (all such). */
      unfilled: z.number().int().min(0).optional(),
      withheld: z.string().max(200).optional(),
    })
    .optional(),
  findings: z
    .array(
      z.object({
        code: z.string().max(60),
        severity: z.enum(['error', 'warning', 'hint']),
        message: z.string().max(2000),
        projectId: z.string().max(64),
        table: z.string().max(400),
        key: z.string().max(400),
        explanation: z.string().max(1000).nullable(),
      }),
    )
    .max(500_000),
  /** Answers to the comments of the last return package (review issue); absent in older packages, ignored by older readers. */
  reviewAnswers: z.array(reviewAnswerSchema).max(100_000).optional(),
});
export type AuditMember = z.infer<typeof auditMemberSchema>;

/** One part of a file name, safe on Windows (see safeFileName). */
export function sanitiseFileNamePart(s: string, maxChars = 60): string {
  return safeFileName(s, '', { maxChars, fallback: '_' });
}

/**
 * `绩效目标_<单位编码>_<单位名称>_<年度>_第<n>次.jxmb`: with the submission number, so that a
 * resubmission written to the same stick does not overwrite the first (the number is left out
 * only where a package has none).
 */
export function packageFileName(unitCode: string, unitName: string, year: number, submissionNo?: number): string {
  const no = submissionNo === undefined ? '' : `_第${submissionNo}次`;
  return `绩效目标_${sanitiseFileNamePart(unitCode, 10)}_${sanitiseFileNamePart(unitName)}_${year}${no}${PACKAGE_EXTENSION}`;
}
