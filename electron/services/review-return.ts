// The return package on the unit's side: imported only for this unit's own unit-year and a
// submission it made, never replayed after a newer return; its comments are kept per
// table with the unit's answer (已处理 / 说明), and each table moves by the status machine
// (findTransition(…, 'return')). A resubmission carries the answers. Also the history of
// a table on either side: 提交 1 → 退回 → 提交 2 → 通过, with dates and package hashes.
import { z } from 'zod';
import { REVIEW_LIMITS, VERDICT_LABELS, carriedText, returnItems, type ReturnDoc, type ReturnTable } from '../../shared/handover/return-manifest.ts';
import { DEPT_REVIEW_NAME, deptOfReviewId, deptPinLabel } from '../../shared/handover/dept-review.ts';
import { pinLabel } from '../../shared/handover/pin-label.ts';
import type { ReviewAnswer } from '../../shared/handover/manifest.ts';
import { STATUS_LABELS, findTransition } from '../../shared/model/status.ts';
import type { FilingStore } from '../store/store.ts';
import type { ReturnRecord } from '../store/reviews.ts';
import type { Submission } from '../store/submissions.ts';
import type { CommentAnswer, HistoryEvent, ReturnImportResult, TableReturn, UnitComment } from '../../shared/handover/review-model.ts';
import { openReturnBytes } from '../handover/return-package.ts';
import { upperHistory } from './review-upper.ts';
import { carriedEvent, tableContentHash } from './review-carry.ts';
import { ServiceError } from './service-error.ts';

const short = (sha: string) => sha.slice(0, 12);

/** Imports a return package (verified first). Any refusal stores nothing. */
export function importReturn(store: FilingStore, bytes: Uint8Array): ReturnImportResult {
  const { sha256, manifest, doc } = openReturnBytes(bytes);
  const { unitCode, year } = doc;
  const unit = store.getUnit(unitCode);
  if (!unit || store.received.isReceivedUnit(unitCode)) {
    throw new ServiceError(`这个退回包是给单位 ${unitCode}（${manifest.unit.name}）的，本机没有该单位自己填报的数据，不能导入`, 'WRONG_UNIT');
  }
  if (store.reviews.returnByHash('imported', sha256)) throw new ServiceError('这个退回包已经导入过了', 'DUPLICATE');
  const subs = store.submissions.list(unitCode, year);
  const sub = subs.find((s) => s.packageSha256 === doc.submissionSha256);
  if (!sub) {
    throw new ServiceError(`本单位 ${year} 年度没有报送过这个版本（校验值 ${short(doc.submissionSha256)}…），可能是其他单位、其他年度或其他电脑的退回包，不能导入`, 'UNKNOWN_SUBMISSION');
  }
  const last = store.reviews.returns('imported', unitCode, year).at(-1);
  if (last && doc.returnNo <= last.returnNo) {
    throw new ServiceError(`已导入过更新的退回包（第 ${last.returnNo} 次退回），这个包（第 ${doc.returnNo} 次）已过时，不能导入`, 'REPLAY');
  }
  const later = subs.find((s) => s.submissionNo > sub.submissionNo);
  if (later) {
    throw new ServiceError(`这个退回包针对第 ${sub.submissionNo} 次报送，本单位之后已报送了第 ${later.submissionNo} 次，请等待审核单位对新版本的意见`, 'STALE');
  }
  const inSub = new Set(sub.projects.map((p) => p.id));
  const foreign = doc.tables.find((t) => !inSub.has(t.projectId));
  if (foreign) throw new ServiceError(`退回包中的第 ${foreign.seq} 张表“${foreign.name}”不在第 ${sub.submissionNo} 次报送中，不能导入`, 'UNKNOWN_TABLE');
  for (const t of doc.tables) {
    if (!t.carried) continue;
    const label = `退回包中的第 ${t.seq} 张表“${t.name}”`;
    if (t.verdict !== 'pass') throw new ServiceError(`${label}标为${carriedText(t.carried)}，但退回的表不能沿用结论，不能导入`, 'BAD_CARRIED');
    // A number the unit's own records give: an earlier submission of this unit-year that held the table.
    const n = t.carried.submissionNo;
    const then = n === null || n >= sub.submissionNo ? undefined : subs.find((x) => x.submissionNo === n)?.projects.find((p) => p.id === t.projectId);
    if (n !== null && !then) throw new ServiceError(`${label}标为${carriedText(t.carried)}，但本单位没有更早的第 ${n} 次报送（或该次报送中没有这张表），不能导入`, 'BAD_CARRIED');
    // The table as packed then and now, where both are still kept: a changed one carries nothing.
    const now = sub.projects.find((p) => p.id === t.projectId)!;
    const [a, b] = then && then.revision !== now.revision ? [store.submissions.version(t.projectId, then.revision), store.submissions.version(t.projectId, now.revision)] : [null, null];
    if (a && b && tableContentHash(a) !== tableContentHash(b)) {
      throw new ServiceError(`${label}标为${carriedText(t.carried)}，但这张表在第 ${n} 次报送之后已修改，不能沿用结论，不能导入`, 'BAD_CARRIED');
    }
  }

  if (doc.dept) checkDeptReturn(doc.dept, sub, subs);

  const result: ReturnImportResult = { returnNo: doc.returnNo, submissionNo: sub.submissionNo, returned: 0, approved: 0, unchanged: [], ...(doc.dept ? { dept: VERDICT_LABELS[doc.dept.verdict] } : {}) };
  // A comment the office sends again (same id) keeps the unit's answer to it from the return before.
  const prev = store.reviews.returns('imported', doc.unitCode, doc.year).at(-1);
  const earlier = new Map((prev ? store.reviews.answers(prev.id) : []).map((a) => [`${a.projectId}\n${a.commentId}`, a]));
  store.reviews.recordReturn('imported', sha256, manifest.createdAt, doc, (returnId) => {
    for (const t of returnItems(doc)) {
      for (const c of t.comments) {
        const a = earlier.get(`${t.projectId}\n${c.id}`);
        if (a) store.reviews.putAnswer({ returnId, commentId: c.id, projectId: t.projectId, handled: a.handled, note: a.note });
      }
    }
    for (const t of doc.tables) {
      const p = store.getProject(t.projectId);
      const to = t.verdict === 'pass' ? 'approved' : 'returned';
      if (p && findTransition(p.status, to, 'return')) {
        store.updateProject({ ...p, status: to });
        result[t.verdict === 'pass' ? 'approved' : 'returned']++;
      } else if (p) result.unchanged.push(`第 ${p.seq} 张表“${p.name}”（${STATUS_LABELS[p.status]}）`);
    }
  });
  return result;
}

/**
 * A return's 部门整体绩效目标 decision is about the one the submission packed: refused when that
 * submission had none, and a carried 通过 when the unit's records show it changed since.
 * (A submission recorded before migration 13 does not know: it is let through.)
 */
function checkDeptReturn(dept: ReturnTable, sub: Submission, subs: readonly Submission[]): void {
  if (sub.deptSha256 === '') throw new ServiceError(`退回包中有${DEPT_REVIEW_NAME}的审核意见，但本单位第 ${sub.submissionNo} 次报送中没有${DEPT_REVIEW_NAME}，不能导入`, 'UNKNOWN_TABLE');
  if (!dept.carried) return;
  const label = `退回包中的${DEPT_REVIEW_NAME}`;
  if (dept.verdict !== 'pass') throw new ServiceError(`${label}标为${carriedText(dept.carried)}，但退回修改的不能沿用结论，不能导入`, 'BAD_CARRIED');
  const n = dept.carried.submissionNo;
  const then = n === null || n >= sub.submissionNo ? undefined : subs.find((x) => x.submissionNo === n);
  if (n !== null && (!then || then.deptSha256 === '')) throw new ServiceError(`${label}标为${carriedText(dept.carried)}，但本单位更早的第 ${n} 次报送中没有${DEPT_REVIEW_NAME}，不能导入`, 'BAD_CARRIED');
  if (then?.deptSha256 && sub.deptSha256 && then.deptSha256 !== sub.deptSha256) {
    throw new ServiceError(`${label}标为${carriedText(dept.carried)}，但它在第 ${n} 次报送之后已修改，不能沿用结论，不能导入`, 'BAD_CARRIED');
  }
}

/** The unit-year of a table or of a 部门整体绩效目标's review id. */
function unitYearOfItem(store: FilingStore, id: string): { unitCode: string; year: number } {
  const dept = deptOfReviewId(id);
  if (dept) return dept;
  const p = store.getProject(id);
  if (!p) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
  return p;
}

const itemOf = (doc: ReturnDoc, id: string) => returnItems(doc).find((t) => t.projectId === id);

function latestFor(store: FilingStore, projectId: string): { rec: ReturnRecord; table: ReturnTable } | null {
  const p = unitYearOfItem(store, projectId);
  const recs = store.reviews.returns('imported', p.unitCode, p.year);
  for (let i = recs.length - 1; i >= 0; i--) {
    const table = itemOf(recs[i]!.doc, projectId);
    if (table) return { rec: recs[i]!, table };
  }
  return null;
}

/** The comments of the last return on a table, each with the unit's answer (the form's margin marks and the 审核 panel). */
export function tableComments(store: FilingStore, projectId: string): TableReturn | null {
  const found = latestFor(store, projectId);
  if (!found) return null;
  const { rec, table } = found;
  return {
    returnId: rec.id,
    returnNo: rec.returnNo,
    returnSha256: rec.sha256,
    verdict: table.verdict,
    verdictLabel: VERDICT_LABELS[table.verdict],
    ...(table.carried ? { carried: table.carried } : {}),
    grade: table.grade,
    criteria: table.criteria,
    criteriaGrades: table.criteriaGrades ?? {},
    comments: commentsWithAnswers(store, rec, table),
  };
}

/** A returned table's comments, each with the unit's answer (已处理 / 说明) to it. */
export function commentsWithAnswers(store: FilingStore, rec: ReturnRecord, table: ReturnTable): UnitComment[] {
  const answers = new Map<string, CommentAnswer>(store.reviews.answers(rec.id).map((a) => [a.commentId, a]));
  return table.comments.map((c) => {
    const a = answers.get(c.id);
    return { ...c, handled: a?.handled ?? false, note: a?.note ?? '', answeredAt: a?.answeredAt ?? null };
  });
}

export const answerInput = z
  .object({
    projectId: z.string().min(1).max(64),
    commentId: z.string().min(1).max(64),
    handled: z.boolean(),
    note: z.string().trim().max(REVIEW_LIMITS.note, { error: `说明不能超过 ${REVIEW_LIMITS.note} 字` }).default(''),
  })
  .strict();

/** 已处理 and / or a 说明 for one comment; a comment not handled needs a 说明. */
export function answerComment(store: FilingStore, input: unknown): CommentAnswer {
  const r = answerInput.safeParse(input);
  if (!r.success) throw new ServiceError(`答复有误：${r.error.issues.map((i) => i.message).join('；')}`, 'INVALID');
  const v = r.data;
  const found = latestFor(store, v.projectId);
  if (!found || !found.table.comments.some((c) => c.id === v.commentId)) throw new ServiceError('该意见不存在（可能不是最近一次退回的意见）', 'NOT_FOUND');
  if (!v.handled && !v.note) throw new ServiceError('没有按意见修改的，请填写说明', 'INVALID');
  return store.reviews.putAnswer({ returnId: found.rec.id, commentId: v.commentId, projectId: v.projectId, handled: v.handled, note: v.note });
}

/**
 * The comments of the unit-year's last return still unanswered (neither 已处理 nor a 说明), on
 * the items it sent back (退回修改; a passed table needs no answer): what packing asks about.
 */
export function unansweredComments(store: FilingStore, unitCode: string, year: number): Array<{ item: string; where: string; text: string }> {
  const last = store.reviews.returns('imported', unitCode, year).at(-1);
  if (!last) return [];
  const answered = new Set(store.reviews.answers(last.id).filter((a) => a.handled || a.note).map((a) => a.commentId));
  const out: Array<{ item: string; where: string; text: string }> = [];
  for (const t of returnItems(last.doc)) {
    if (t.verdict !== 'return') continue;
    const dept = deptOfReviewId(t.projectId) ? store.getDeptTarget(unitCode, year) : undefined;
    const filing = dept === undefined ? (store.getProject(t.projectId) ?? null) : null;
    const where = (path: string) => (dept !== undefined ? deptPinLabel(dept ?? null, path) : pinLabel(filing, path));
    for (const c of t.comments) if (!answered.has(c.id)) out.push({ item: dept !== undefined ? DEPT_REVIEW_NAME : `${t.seq}.${t.name}`, where: where(c.path), text: c.text });
  }
  return out;
}

/** The answers a resubmission carries: those to the comments of the last return of the unit-year. */
export function answersForResubmission(store: FilingStore, unitCode: string, year: number): ReviewAnswer[] {
  const last = store.reviews.returns('imported', unitCode, year).at(-1);
  if (!last) return [];
  return store.reviews.answers(last.id).map((a) => ({ returnSha256: last.sha256, commentId: a.commentId, projectId: a.projectId, handled: a.handled, note: a.note }));
}

/**
 * A table's history on this side (unit: its submissions and the returns imported; receiver:
 * packages received, returns sent, forwards to the 财政局 and its returns): each submission
 * followed by what happened to it, in time order.
 */
export function tableHistory(store: FilingStore, projectId: string): HistoryEvent[] {
  const p = unitYearOfItem(store, projectId);
  const dept = deptOfReviewId(projectId) !== null;
  const receiver = dept ? store.received.isReceivedUnitYear(p.unitCode, p.year) : store.received.isReceivedProject(projectId);
  const subs: HistoryEvent[] = [];
  if (receiver) {
    const rows = store.received.list({ unitCode: p.unitCode, year: p.year }).sort((a, b) => (a.submissionNo ?? 0) - (b.submissionNo ?? 0) || a.id - b.id);
    for (const row of rows) {
      const filings = store.received.get(row.id)?.filings as { projects?: Array<{ id?: unknown }>; deptTargets?: unknown[] } | undefined;
      const held = dept ? !!filings?.deptTargets?.length : filings?.projects?.some((x) => x.id === projectId);
      if (held) subs.push({ label: `提交 ${row.submissionNo ?? '?'}`, at: row.receivedAt, sha256: row.sha256 });
    }
  } else {
    for (const s of store.submissions.list(p.unitCode, p.year)) {
      // A submission recorded before its 部门整体绩效目标 was (migration 13) is counted as holding it.
      const held = dept ? s.deptSha256 !== '' : s.projects.some((x) => x.id === projectId);
      if (held) subs.push({ label: `提交 ${s.submissionNo}`, at: s.submittedAt, sha256: s.packageSha256 });
    }
  }
  const returns = store.reviews.returns(receiver ? 'sent' : 'imported', p.unitCode, p.year);
  const decision = receiver ? store.reviews.table(projectId) : null;
  // After each submission what happened to it, in time order (returns, forwards, the upper level's returns).
  return subs.flatMap((s) => [
    s,
    ...[
      ...returns.flatMap((r) => {
        const t = r.submissionSha256 === s.sha256 ? itemOf(r.doc, projectId) : undefined;
        return t ? [{ label: t.verdict === 'pass' ? '通过' : '退回', at: r.recordedAt, sha256: r.sha256, ...(t.carried ? { note: carriedText(t.carried) } : {}) }] : [];
      }),
      ...(receiver ? [...carriedEvent(decision, s.sha256), ...(dept ? [] : upperHistory(store, p.unitCode, p.year, projectId, s.sha256))] : []),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)),
  ]);
}

/** `提交 1（2025-01-03，3f2a…）→ 退回（…）→ 提交 2（…）→ 通过（…）`. */
export function describeHistory(events: readonly HistoryEvent[]): string {
  return events.map((e) => `${e.label}（${e.note ? `${e.note}，` : ''}${e.at.slice(0, 10)}，${short(e.sha256)}）`).join(' → ') || '尚无报送记录';
}
