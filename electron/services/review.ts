// The review on the receiving side: per received table the reviewer's grade, 意见 per
// criterion and verdict (pre-filled from the grade estimate, stored apart from it);
// comments pinned to a table, a field or an indicator row (by row id, so they survive a
// newer submission); the overall grade per unit-year; 审核 findings as comments in one
// call; and 退回: the return package of the current received submission.
import { z } from 'zod';
import { REVIEW_CRITERIA, REVIEW_GRADES, REVIEW_LIMITS, VERDICTS, criteriaGradesSchema, criteriaSchema, type ReturnDoc, type ReviewCriterionName } from '../../shared/handover/return-manifest.ts';
import { reviewAnswerSchema } from '../../shared/handover/manifest.ts';
import { getAt, parsePath, stableIndicatorPath } from '../../shared/model/field-path.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { Finding } from '../../shared/rules/types.ts';
import { newRowId } from '../../shared/model/ids.ts';
import { CRITERION_WEIGHTS, estimateGrade, type GradeEstimate, type ReviewGrade } from '../../shared/rules/grade.ts';
import type { FilingStore } from '../store/store.ts';
import type { ReviewComment, ReviewedTable, TableReview, TableReviewData, UnitYearReview } from '../../shared/handover/review-model.ts';
import { buildReturnBytes, openReturnBytes, writeReturnPackage } from '../handover/return-package.ts';
import { auditUnitYearOf } from './audit.ts';
import { upperCommentsFor } from './review-upper.ts';
import { ServiceError } from './service-error.ts';
import { messageWithoutTable } from '../../shared/rules/context.ts';

const who = z.string().trim().min(1, { error: '请填写审核人' }).max(60, { error: '审核人不能超过 60 字' });

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input);
  // The reviewer typed these fields: their own words, not field paths (`author：请填写审核人`).
  if (!r.success) {
    const said = [...new Set(r.error.issues.map((i) => i.message))].join('；');
    throw new ServiceError(said.includes(what) ? said : `${what}有误：${said}`, 'INVALID');
  }
  return r.data;
}

/** A received table of the current package, or a refusal: only received data is reviewed. */
function receivedTable(store: FilingStore, projectId: string): { filing: ProjectFiling; packageSha256: string } {
  const filing = store.getProject(projectId);
  if (!filing || !store.received.isReceivedProject(projectId)) throw new ServiceError('只能审核接收到的报送包中的表（该表不存在或不是接收的数据）', 'NOT_FOUND');
  const current = store.received.current(filing.unitCode, filing.year);
  if (!current) throw new ServiceError(`${filing.unitCode} ${filing.year} 年度没有当前的报送版本`, 'NOT_FOUND');
  return { filing, packageSha256: current.sha256 };
}

export const tableReviewInput = z
  .object({
    projectId: z.string().min(1).max(64),
    grade: z.enum(REVIEW_GRADES, { error: '等级只能是 优、良、中、差' }).nullable().optional(),
    criteria: criteriaSchema.optional(),
    criteriaGrades: criteriaGradesSchema.optional(),
    verdict: z.enum(VERDICTS, { error: '审核结论只能是 通过（pass）或 退回修改（return）' }).nullable().optional(),
    reviewer: who,
  })
  .strict();

/** The stored decision, or the form pre-filled from the estimate (not stored until saved). */
export function tableReviewOf(store: FilingStore, projectId: string, findingsOf?: (f: ProjectFiling) => Finding[]): TableReview & { stored: boolean } {
  const { filing, packageSha256 } = receivedTable(store, projectId);
  const stored = store.reviews.table(projectId);
  if (stored) return { ...stored, stored: true };
  const est = estimateOf(store, filing, findingsOf);
  return { projectId, unitCode: filing.unitCode, year: filing.year, packageSha256, grade: est.grade, criteria: {}, criteriaGrades: { ...est.criteria }, verdict: null, estimate: est, reviewer: '', updatedAt: '', stored: false };
}

/** 明确性 of the estimate is part of 完整性 in the review's four criteria (财预〔2015〕88号 审核内容). */
const REVIEW_CRITERION_OF: Record<keyof typeof CRITERION_WEIGHTS, ReviewCriterionName> = { 完整性: '完整性', 明确性: '完整性', 相关性: '相关性', 适当性: '适当性', 可行性: '可行性' };

/** The estimate's grade per review criterion: the share of its weight kept, banded as the grade is. */
export function criterionGrades(g: Pick<GradeEstimate, 'lowered'>): Record<ReviewCriterionName, ReviewGrade> {
  const out = {} as Record<ReviewCriterionName, ReviewGrade>;
  for (const c of REVIEW_CRITERIA) {
    const parts = (Object.keys(CRITERION_WEIGHTS) as Array<keyof typeof CRITERION_WEIGHTS>).filter((k) => REVIEW_CRITERION_OF[k] === c);
    const weight = parts.reduce((a, k) => a + CRITERION_WEIGHTS[k], 0);
    const lost = g.lowered.filter((l) => parts.includes(l.criterion)).reduce((a, l) => a + l.points, 0);
    const kept = (100 * (weight - lost)) / weight;
    out[c] = kept >= 90 ? '优' : kept >= 80 ? '良' : kept >= 60 ? '中' : '差';
  }
  return out;
}

/** The open findings of each table of a unit-year, its 审核 run once on first use. */
function findingsOnce(store: FilingStore): (f: ProjectFiling) => Finding[] {
  let report: ReturnType<typeof auditUnitYearOf>['report'] | undefined;
  return (f) => ((report ??= auditUnitYearOf(store, f.unitCode, f.year).report)?.byProject[f.id] ?? []);
}

function estimateOf(store: FilingStore, filing: ProjectFiling, findingsOf = findingsOnce(store)): NonNullable<TableReviewData['estimate']> {
  const g = estimateGrade(findingsOf(filing));
  return { grade: g.grade, score: g.score, criteria: criterionGrades(g) };
}

/** Saves the reviewer's decision on a table (fields not given keep their value). */
export function setTableReview(store: FilingStore, input: unknown): TableReview {
  const v = parse(tableReviewInput, input, '审核意见');
  const { filing, packageSha256 } = receivedTable(store, v.projectId);
  const old = tableReviewOf(store, v.projectId);
  return store.reviews.putTable({
    projectId: filing.id,
    unitCode: filing.unitCode,
    year: filing.year,
    packageSha256,
    grade: v.grade === undefined ? old.grade : v.grade,
    criteria: { ...old.criteria, ...v.criteria },
    criteriaGrades: { ...old.criteriaGrades, ...v.criteriaGrades },
    verdict: v.verdict === undefined ? old.verdict : v.verdict,
    estimate: old.estimate ?? estimateOf(store, filing),
    reviewer: v.reviewer,
  });
}

export const commentInput = z
  .object({
    projectId: z.string().min(1).max(64),
    path: z.string().max(400).default(''),
    text: z.string().trim().min(1, { error: '意见不能为空' }).max(REVIEW_LIMITS.comment, { error: `意见不能超过 ${REVIEW_LIMITS.comment} 字` }),
    author: who,
  })
  .strict();

/** `''` (the table) or a path to a field of the filing; an indicator row by position becomes `[id=…]`. */
function pinPath(filing: ProjectFiling, path: string): string {
  if (path === '') return '';
  try {
    parsePath(path);
  } catch {
    throw new ServiceError(`意见的位置“${path.slice(0, 80)}”不是有效的字段路径`, 'INVALID');
  }
  const stable = stableIndicatorPath(filing, path);
  if (getAt(filing, stable) === undefined) throw new ServiceError(`意见的位置“${path.slice(0, 80)}”在该表中不存在`, 'INVALID');
  return stable;
}

export function addComment(store: FilingStore, input: unknown): ReviewComment {
  const v = parse(commentInput, input, '意见');
  const { filing } = receivedTable(store, v.projectId);
  const [c] = store.reviews.addComments([
    { id: `c${newRowId().slice(1)}`, projectId: filing.id, unitCode: filing.unitCode, year: filing.year, path: pinPath(filing, v.path), text: v.text, source: 'reviewer', findingKey: null, author: v.author },
  ]);
  return c!;
}

/** The table's 审核 findings (not answered by a 说明) as comments, once per finding. */
export function findingsToComments(store: FilingStore, projectId: string, author: string): ReviewComment[] {
  const by = parse(who, author, '审核人');
  const { filing } = receivedTable(store, projectId);
  const { report } = auditUnitYearOf(store, filing.unitCode, filing.year);
  const findings = (report?.byProject[projectId] ?? []).filter((f) => !f.explained);
  return store.reviews.addComments(
    findings.map((f) => ({
      id: `c${newRowId().slice(1)}`,
      projectId,
      unitCode: filing.unitCode,
      year: filing.year,
      path: f.location.field ? pinPathOrTable(filing, f.location.field) : '',
      text: messageWithoutTable(f).slice(0, REVIEW_LIMITS.comment),
      source: 'audit' as const,
      findingKey: f.key,
      author: by,
    })),
  );
}

function pinPathOrTable(filing: ProjectFiling, path: string): string {
  try {
    return pinPath(filing, path);
  } catch {
    return '';
  }
}

export function deleteComment(store: FilingStore, id: string): void {
  if (!store.reviews.deleteComment(id)) throw new ServiceError('该意见不存在（可能已删除）', 'NOT_FOUND');
}

export const unitYearReviewInput = z
  .object({
    unitCode: z.string().min(1).max(20),
    year: z.number().int(),
    grade: z.enum(REVIEW_GRADES, { error: '等级只能是 优、良、中、差' }).nullable(),
    opinion: z.string().max(REVIEW_LIMITS.opinion, { error: `总体意见不能超过 ${REVIEW_LIMITS.opinion} 字` }).default(''),
    reviewer: who,
  })
  .strict();

export function setUnitYearReview(store: FilingStore, input: unknown) {
  const v = parse(unitYearReviewInput, input, '总体审核意见');
  if (!store.received.current(v.unitCode, v.year)) throw new ServiceError(`没有接收到 ${v.unitCode} ${v.year} 年度的报送包`, 'NOT_FOUND');
  return store.reviews.putUnitYear(v);
}

const storedAnswers = z.object({ reviewAnswers: z.array(reviewAnswerSchema).optional() });

/** The unit's answers carried by a received package, by comment id. */
function answersOf(store: FilingStore, packageId: number) {
  const audit = storedAnswers.safeParse({ reviewAnswers: store.received.reviewAnswers(packageId) ?? undefined });
  return new Map((audit.success ? (audit.data.reviewAnswers ?? []) : []).map((a) => [a.commentId, a]));
}

/** One received table with its decision and comments (the review panel beside the form). */
export function reviewedTable(store: FilingStore, projectId: string): ReviewedTable {
  const { filing } = receivedTable(store, projectId);
  const answers = answersOf(store, store.received.current(filing.unitCode, filing.year)!.id);
  const comments = store.reviews.comments(filing.unitCode, filing.year).filter((c) => c.projectId === projectId);
  return { projectId, seq: filing.seq, name: filing.name, review: tableReviewOf(store, projectId), comments: comments.map((c) => ({ ...c, answer: answers.get(c.id) ?? null })) };
}

/** The review of a received unit-year: each table with its decision and comments (and the unit's answers from the current package). */
export function unitYearReview(store: FilingStore, unitCode: string, year: number): { packageSha256: string; submissionNo: number | null; tables: ReviewedTable[]; overall: UnitYearReview | null } {
  const current = store.received.current(unitCode, year);
  if (!current) throw new ServiceError(`没有接收到 ${unitCode} ${year} 年度的报送包`, 'NOT_FOUND');
  const answers = answersOf(store, current.id);
  const comments = store.reviews.comments(unitCode, year);
  const findingsOf = findingsOnce(store);
  const tables = store.projectsOfUnitYear(unitCode, year).map((p) => ({
    projectId: p.id,
    seq: p.seq,
    name: p.name,
    review: tableReviewOf(store, p.id, findingsOf),
    comments: comments.filter((c) => c.projectId === p.id).map((c) => ({ ...c, answer: answers.get(c.id) ?? null })),
  }));
  return { packageSha256: current.sha256, submissionNo: current.submissionNo, tables, overall: store.reviews.unitYear(unitCode, year) };
}

/** The return package of the current received submission (checked, numbered; not yet recorded). */
export function buildReturn(store: FilingStore, unitCode: string, year: number, reviewer: string, now = new Date()) {
  const by = parse(who, reviewer, '审核人');
  const r = unitYearReview(store, unitCode, year);
  const missing = r.tables.filter((t) => !t.review.stored || !t.review.verdict);
  if (missing.length) {
    throw new ServiceError(`还有 ${missing.length} 张表没有审核结论（通过 / 退回修改）：${missing.slice(0, 3).map((t) => `第 ${t.seq} 张表“${t.name}”`).join('、')}`, 'INCOMPLETE');
  }
  const stale = r.tables.find((t) => t.review.packageSha256 !== r.packageSha256);
  if (stale) throw new ServiceError(`第 ${stale.seq} 张表“${stale.name}”的审核结论是对上一个报送版本作出的，请确认后重新保存`, 'STALE');
  const overall = store.reviews.unitYear(unitCode, year);
  const upper = upperCommentsFor(store, unitCode, year, r.packageSha256);
  const doc: ReturnDoc = {
    unitCode,
    year,
    submissionSha256: r.packageSha256,
    returnNo: store.reviews.nextReturnNo(unitCode, year),
    reviewer: by,
    overall: overall ? { grade: overall.grade, opinion: overall.opinion } : null,
    tables: r.tables.map((t) => ({
      projectId: t.projectId,
      seq: t.seq,
      name: t.name,
      grade: t.review.grade,
      criteria: Object.fromEntries(REVIEW_CRITERIA.filter((c) => t.review.criteria[c]).map((c) => [c, t.review.criteria[c]!])),
      criteriaGrades: Object.fromEntries(REVIEW_CRITERIA.filter((c) => t.review.criteriaGrades?.[c]).map((c) => [c, t.review.criteriaGrades![c]!])),
      verdict: t.review.verdict!,
      ...(t.review.carried ? { carried: { submissionNo: t.review.carried.submissionNo } } : {}),
      comments: [...t.comments.map((c) => ({ id: c.id, path: c.path, text: c.text, author: c.author, createdAt: c.createdAt })), ...(upper.get(t.projectId) ?? [])].slice(0, REVIEW_LIMITS.commentsPerTable),
    })),
  };
  return { doc, ...buildReturnBytes(doc, store.getUnit(unitCode)?.name ?? unitCode, r.submissionNo, now) };
}

/** Records a return package once its bytes have been verified (written and read back, or handed over). */
export function recordReturn(store: FilingStore, built: ReturnType<typeof buildReturn>): { sha256: string; returnNo: number } {
  const { sha256 } = openReturnBytes(built.bytes);
  store.reviews.recordReturn('sent', sha256, built.manifest.createdAt, built.doc);
  return { sha256, returnNo: built.doc.returnNo };
}

/** 退回: writes the return package into `outDir` (atomic, read back) and records it. */
export async function writeReturn(store: FilingStore, unitCode: string, year: number, outDir: string, reviewer: string, now = new Date()) {
  const built = buildReturn(store, unitCode, year, reviewer, now);
  const written = await writeReturnPackage(outDir, built);
  recordReturn(store, built);
  return { ...written, fileName: built.fileName, returnNo: built.doc.returnNo, tables: built.doc.tables.length };
}
