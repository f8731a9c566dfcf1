// The forward package (转报包, `.jxmb`, format version 2, kind `forward`): a 主管部门 passes its
// units' submissions on to the 财政局 in one file, each submission exactly as the unit made it
// (so its SHA-256, and the 财政局's return packages that name it, stay the unit's), with the
// 主管部门's own review of each. Members:
//   manifest.json            who forwards, which year, every member's SHA-256 and size
//   units/<n>.jxmb           the units' submission packages, unchanged
//   review.json              the 主管部门's review per unit-year (verdicts, grades, comments)
// Pure TypeScript: no Node imports.
import { z } from 'zod';
import { fiscalYearSchema } from '../model/filing.ts';
import { HANDOVER_FORMAT, PACKAGE_EXTENSION, sanitiseFileNamePart } from './manifest.ts';
import { returnDocSchema } from './return-manifest.ts';

export const FORWARD_VERSION = 2;
export const FORWARD_KIND = 'forward';
export const FORWARD_REVIEW = 'review.json';
export const FORWARD_MAX_UNITS = 500;
export const forwardMemberName = (i: number): string => `units/${String(i + 1).padStart(3, '0')}.jxmb`;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, { error: '校验值应为 64 位十六进制 SHA-256' });

export const forwardReviewSchema = z.object({
  supervisor: z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(100) }),
  reviewer: z.string().min(1).max(60),
  /** One per forwarded submission: the review the 主管部门 would have returned (its `returnNo` is not used). */
  units: z.array(returnDocSchema).min(1).max(FORWARD_MAX_UNITS),
});
export type ForwardReview = z.infer<typeof forwardReviewSchema>;

export const forwardManifestSchema = z.object({
  format: z.literal(HANDOVER_FORMAT),
  formatVersion: z.literal(FORWARD_VERSION),
  kind: z.literal(FORWARD_KIND, { error: '不是转报包' }),
  appVersion: z.string().max(40),
  requiresApp: z.string().max(40),
  supervisor: z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(100) }),
  year: fiscalYearSchema,
  createdAt: z.string().max(40),
  members: z
    .array(z.object({ name: z.string().regex(/^(units\/\d{3}\.jxmb|review\.json)$/, { error: '成员文件名不合规' }), sha256: sha256Hex, size: z.number().int().min(0).max(50 * 1024 * 1024) }))
    .min(2)
    .max(FORWARD_MAX_UNITS + 1),
});
export type ForwardManifest = z.infer<typeof forwardManifestSchema>;

/** `绩效目标转报_<主管部门>_<年度>.jxmb`. */
export function forwardFileName(supervisorName: string, year: number): string {
  return `绩效目标转报_${sanitiseFileNamePart(supervisorName)}_${year}${PACKAGE_EXTENSION}`;
}
