// The review on the receiving side: per received table the reviewer's grade, 意见 per
// criterion and verdict (pre-filled from the grade estimate, stored apart from it);
// comments pinned to a table, a field or an indicator row (by row id, so they survive a
// newer submission); the overall grade per unit-year; 审核 findings as comments in one
// call; and 退回: the return package of the current received submission.
import { z } from 'zod';
import { REVIEW_CRITERIA, REVIEW_GRADES, REVIEW_LIMITS, VERDICTS, criteriaGradesSchema, criteriaOf, criteriaSchema, type ReturnDoc, type ReturnTable, type ReviewCriterionName } from '../../shared/handover/return-manifest.ts';
import { DEPT_REVIEW_NAME, deptReviewId, isDeptReviewId } from '../../shared/handover/dept-review.ts';
import { reviewAnswerSchema } from '../../shared/handover/manifest.ts';
import { newRowId } from '../../shared/model/ids.ts';
import { CRITERION_WEIGHTS, estimateGrade, type GradeEstimate, type ReviewGrade } from '../../shared/rules/grade.ts';
import type { FilingStore } from '../store/store.ts';
import type { ReviewComment, ReviewedTable, TableReview, TableReviewData, UnitYearReview } from '../../shared/handover/review-model.ts';
import { buildReturnBytes, openReturnBytes, writeReturnPackage } from '../handover/return-package.ts';
import { upperCommentsFor } from './review-upper.ts';
import { findingsOnce, receivedItem, type FindingsOf, type ReviewItem } from './review-item.ts';
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

/** The stored decision, or the form pre-filled from the estimate (not stored until saved); a table or the 部门整体绩效目标 (review-item.ts). */
export function tableReviewOf(store: FilingStore, projectId: string, findingsOf?: FindingsOf, item = receivedItem(store, projectId)): TableReview & { stored: boolean } {
  const stored = store.reviews.table(projectId);
  if (stored) return { ...stored, stored: true };
  const est = estimateOf(store, item, findingsOf);
  return { projectId, unitCode: item.unitCode, year: item.year, packageSha256: item.packageSha256, grade: est.grade, criteria: {}, criteriaGrades: { ...est.criteria }, verdict: null, estimate: est, reviewer: '', updatedAt: '', stored: false };
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

function estimateOf(store: FilingStore, item: ReviewItem, findingsOf = findingsOnce(store)): NonNullable<TableReviewData['estimate']> {
  const g = estimateGrade(findingsOf(item));
  const all = criterionGrades(g);
  return { grade: g.grade, score: g.score, criteria: Object.fromEntries(item.criteria.map((c) => [c, all[c]])) };
}

/** 意见 or a grade under a criterion the item is not graded by (the 部门整体绩效目标: 适当性) is refused. */
function checkCriteria(item: ReviewItem, ...given: Array<object | undefined>): void {
  const foreign = given.flatMap((g) => Object.keys(g ?? {})).find((c) => !(item.criteria as readonly string[]).includes(c));
  if (foreign) throw new ServiceError(`${item.name}不按${foreign}审核（只审核${item.criteria.join('、')}）`, 'INVALID');
}

/** Saves the reviewer's decision on a table (fields not given keep their value). */
export function setTableReview(store: FilingStore, input: unknown): TableReview {
  const v = parse(tableReviewInput, input, '审核意见');
  const item = receivedItem(store, v.projectId);
  checkCriteria(item, v.criteria, v.criteriaGrades);
  const old = tableReviewOf(store, v.projectId, undefined, item);
  return store.reviews.putTable({
    projectId: item.id,
    unitCode: item.unitCode,
    year: item.year,
    packageSha256: item.packageSha256,
    grade: v.grade === undefined ? old.grade : v.grade,
    criteria: { ...old.criteria, ...v.criteria },
    criteriaGrades: { ...old.criteriaGrades, ...v.criteriaGrades },
    verdict: v.verdict === undefined ? old.verdict : v.verdict,
    estimate: old.estimate ?? estimateOf(store, item),
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

export function addComment(store: FilingStore, input: unknown): ReviewComment {
  const v = parse(commentInput, input, '意见');
  const item = receivedItem(store, v.projectId);
  const [c] = store.reviews.addComments([
    { id: `c${newRowId().slice(1)}`, projectId: item.id, unitCode: item.unitCode, year: item.year, path: item.pin(v.path), text: v.text, source: 'reviewer', findingKey: null, author: v.author },
  ]);
  return c!;
}

/** The item's 审核 findings (not answered by a 说明) as comments, once per finding. */
export function findingsToComments(store: FilingStore, projectId: string, author: string): ReviewComment[] {
  const by = parse(who, author, '审核人');
  const item = receivedItem(store, projectId);
  const findings = findingsOnce(store)(item).filter((f) => !f.explained);
  return store.reviews.addComments(
    findings.map((f) => ({
      id: `c${newRowId().slice(1)}`,
      projectId,
      unitCode: item.unitCode,
      year: item.year,
      path: item.findingPin(f),
      text: messageWithoutTable(f).slice(0, REVIEW_LIMITS.comment),
      source: 'audit' as const,
      findingKey: f.key,
      author: by,
    })),
  );
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

/** One received table (or the 部门整体绩效目标) with its decision and comments (the review panel beside the form). */
export function reviewedTable(store: FilingStore, projectId: string): ReviewedTable {
  const item = receivedItem(store, projectId);
  const answers = answersOf(store, store.received.current(item.unitCode, item.year)!.id);
  return reviewed(store, item, store.reviews.comments(item.unitCode, item.year), answers);
}

function reviewed(store: FilingStore, item: ReviewItem, all: ReviewComment[], answers: ReturnType<typeof answersOf>, findingsOf?: FindingsOf): ReviewedTable {
  const comments = all.filter((c) => c.projectId === item.id).map((c) => ({ ...c, answer: answers.get(c.id) ?? null }));
  return { projectId: item.id, seq: item.seq, name: item.name, review: tableReviewOf(store, item.id, findingsOf, item), comments };
}

export interface UnitYearReviewView {
  packageSha256: string;
  submissionNo: number | null;
  tables: ReviewedTable[];
  /** The 部门整体绩效目标 where the current submission has one. */
  dept: ReviewedTable | null;
  overall: UnitYearReview | null;
}

/** The review of a received unit-year: each table (and the 部门整体绩效目标) with its decision and comments (and the unit's answers from the current package). */
export function unitYearReview(store: FilingStore, unitCode: string, year: number): UnitYearReviewView {
  const current = store.received.current(unitCode, year);
  if (!current) throw new ServiceError(`没有接收到 ${unitCode} ${year} 年度的报送包`, 'NOT_FOUND');
  const answers = answersOf(store, current.id);
  const comments = store.reviews.comments(unitCode, year);
  const findingsOf = findingsOnce(store);
  const tables = store.projectsOfUnitYear(unitCode, year).map((p) => reviewed(store, receivedItem(store, p.id), comments, answers, findingsOf));
  const dept = store.getDeptTarget(unitCode, year) ? reviewed(store, receivedItem(store, deptReviewId(unitCode, year)), comments, answers, findingsOf) : null;
  return { packageSha256: current.sha256, submissionNo: current.submissionNo, tables, dept, overall: store.reviews.unitYear(unitCode, year) };
}

/** The return package of the current received submission (checked, numbered; not yet recorded). */
export function buildReturn(store: FilingStore, unitCode: string, year: number, reviewer: string, now = new Date()) {
  const by = parse(who, reviewer, '审核人');
  const r = unitYearReview(store, unitCode, year);
  const items = r.dept ? [r.dept, ...r.tables] : r.tables;
  const missing = items.filter((t) => !t.review.stored || !t.review.verdict);
  if (missing.length) {
    const tables = missing.filter((t) => !isDeptReviewId(t.projectId)).length;
    const dept = tables < missing.length ? `${DEPT_REVIEW_NAME}${tables ? '也' : '还'}没有审核结论` : '';
    const head = tables ? `还有 ${tables} 张表没有审核结论（通过 / 退回修改）${dept ? `，${dept}` : ''}` : `${dept}（通过 / 退回修改）`;
    throw new ServiceError(tables ? `${head}：${missing.slice(0, 3).map(itemName).join('、')}` : head, 'INCOMPLETE');
  }
  const stale = items.find((t) => t.review.packageSha256 !== r.packageSha256);
  if (stale) throw new ServiceError(`${itemName(stale)}的审核结论是对上一个报送版本作出的，请确认后重新保存`, 'STALE');
  const overall = store.reviews.unitYear(unitCode, year);
  const upper = upperCommentsFor(store, unitCode, year, r.packageSha256);
  const doc: ReturnDoc = {
    unitCode,
    year,
    submissionSha256: r.packageSha256,
    returnNo: store.reviews.nextReturnNo(unitCode, year),
    reviewer: by,
    overall: overall ? { grade: overall.grade, opinion: overall.opinion } : null,
    tables: r.tables.map((t) => returnTable(t, upper.get(t.projectId) ?? [])),
    ...(r.dept ? { dept: returnTable(r.dept, []) } : {}),
  };
  return { doc, ...buildReturnBytes(doc, store.getUnit(unitCode)?.name ?? unitCode, r.submissionNo, now) };
}

const itemName = (t: Pick<ReviewedTable, 'seq' | 'name' | 'projectId'>) => (isDeptReviewId(t.projectId) ? DEPT_REVIEW_NAME : `第 ${t.seq} 张表“${t.name}”`);

/** One reviewed item as the return package carries it (with the upper level's comments passed down). */
function returnTable(t: ReviewedTable, upper: ReturnTable['comments']): ReturnTable {
  const own = criteriaOf(t.projectId);
  return {
    projectId: t.projectId,
    seq: t.seq,
    name: t.name,
    grade: t.review.grade,
    criteria: Object.fromEntries(own.filter((c) => t.review.criteria[c]).map((c) => [c, t.review.criteria[c]!])),
    criteriaGrades: Object.fromEntries(own.filter((c) => t.review.criteriaGrades?.[c]).map((c) => [c, t.review.criteriaGrades![c]!])),
    verdict: t.review.verdict!,
    ...(t.review.carried ? { carried: { submissionNo: t.review.carried.submissionNo } } : {}),
    comments: [...t.comments.map((c) => ({ id: c.id, path: c.path, text: c.text, author: c.author, createdAt: c.createdAt })), ...upper].slice(0, REVIEW_LIMITS.commentsPerTable),
  };
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
  return { ...written, fileName: built.fileName, returnNo: built.doc.returnNo, tables: built.doc.tables.length, dept: !!built.doc.dept };
}
