// The 绩效目标审核意见表 of a received unit-year (shared/layout/review-sheet.ts) as DOCX or
// as the HTML print view: the decisions, 意见 per criterion, the comments with where they
// point (and the unit's answers carried by the current submission), the overall grade.
import { REVIEW_CRITERIA, VERDICT_LABELS, carriedText, criteriaOf } from '../../shared/handover/return-manifest.ts';
import { pinLabel } from '../../shared/handover/pin-label.ts';
import { DEPT_REVIEW_NAME, deptPinLabel, isDeptReviewId } from '../../shared/handover/dept-review.ts';
import type { ReviewedTable } from '../../shared/handover/review-model.ts';
import { buildReviewSheet, type ReviewSheetInput, type ReviewSheetTable } from '../../shared/layout/review-sheet.ts';
import { renderHtml } from '../../shared/print-html/index.ts';
import { docxBytes } from '../export/docx/writer.ts';
import type { FilingStore } from '../store/store.ts';
import { unitYearReview } from './review.ts';
import { ServiceError } from './service-error.ts';

const dateText = (d: Date) => `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;

export function reviewSheetInput(store: FilingStore, unitCode: string, year: number, now = new Date()): ReviewSheetInput {
  const r = unitYearReview(store, unitCode, year);
  const unit = store.getUnit(unitCode);
  if (!unit) throw new ServiceError(`没有单位 ${unitCode}`, 'NOT_FOUND');
  const overall = store.reviews.unitYear(unitCode, year);
  const reviewers = [...(r.dept ? [r.dept] : []), ...r.tables].map((t) => t.review.reviewer).filter(Boolean);
  const dept = r.dept ? store.getDeptTarget(unitCode, year) : null;
  // Only a decision about the submission printed (its own or carried over to it); one on an earlier version is not yet one.
  const sheetRow = (t: ReviewedTable, where: (path: string) => string): ReviewSheetTable => {
    const decided = t.review.stored && t.review.packageSha256 === r.packageSha256;
    return {
      seq: t.seq,
      name: t.name,
      grade: decided ? t.review.grade : null,
      criteria: decided ? t.review.criteria : {},
      criteriaGrades: decided ? (t.review.criteriaGrades ?? {}) : {},
      verdictLabel: decided && t.review.verdict ? VERDICT_LABELS[t.review.verdict] : '（尚无审核结论）',
      ...(decided && t.review.carried ? { note: `${carriedText(t.review.carried)}（${isDeptReviewId(t.projectId) ? DEPT_REVIEW_NAME : '本表'}未修改）` } : {}),
      comments: t.comments.map((c) => ({
        where: where(c.path),
        text: c.text,
        ...(c.answer ? { answer: c.answer.handled ? `已处理${c.answer.note ? `，${c.answer.note}` : ''}` : c.answer.note } : {}),
      })),
    };
  };
  return {
    unit: { code: unit.code, name: unit.name },
    year,
    criteria: REVIEW_CRITERIA,
    submission: { no: r.submissionNo, sha256: r.packageSha256 },
    overall: overall ? { grade: overall.grade, opinion: overall.opinion } : null,
    reviewer: overall?.reviewer || reviewers[0] || '',
    date: dateText(now),
    // 第一部分 of the book first, as the book has it.
    tables: [
      ...(r.dept ? [{ ...sheetRow(r.dept, (path) => deptPinLabel(dept, path)), head: { label: '审核对象', text: DEPT_REVIEW_NAME }, gradedBy: criteriaOf(r.dept.projectId) }] : []),
      ...r.tables.map((t) => {
        const filing = store.getProject(t.projectId);
        return sheetRow(t, (path) => pinLabel(filing, path));
      }),
    ],
  };
}

/** The sheet's bytes and file name. */
export async function reviewSheet(store: FilingStore, unitCode: string, year: number, format: 'docx' | 'html', now = new Date()): Promise<{ fileName: string; bytes: Uint8Array }> {
  const doc = buildReviewSheet(reviewSheetInput(store, unitCode, year, now));
  const base = `绩效目标审核意见表_${unitCode}_${year}`;
  if (format === 'html') return { fileName: `${base}.html`, bytes: new TextEncoder().encode(renderHtml(doc)) };
  return { fileName: `${base}.docx`, bytes: await docxBytes(doc, { now }) };
}
