// What each side shows about the review beyond the decisions: the diff of a table between
// two submissions, each change with the comments it answers (receiving side: the current
// received submission against the one before it; unit side: two of its own submissions, from
// the versions submitted_versions keeps), and the review status per unit-year for the 汇总.
import { diffProject, type FieldChangeText } from '../../shared/handover/diff.ts';
import { pinCovers } from '../../shared/handover/pin-label.ts';
import { deptOfReviewId, deptPinLabel, isDeptReviewId } from '../../shared/handover/dept-review.ts';
import { returnItems } from '../../shared/handover/return-manifest.ts';
import type { DeptTarget, ProjectFiling } from '../../shared/model/filing.ts';
import type { DiffChange, ReviewState, ReviewSummaryRow, TableDiffView } from '../../shared/handover/review-model.ts';
import type { ReceivedPackageRow } from '../store/received.ts';
import { KEEP_SUBMISSIONS, type Submission } from '../store/submissions.ts';
import { commentsWithAnswers } from './review-return.ts';
import { deptOf, projectsOf } from './review-carry.ts';
import type { FilingStore } from '../store/store.ts';
import { ServiceError } from './service-error.ts';

/** The unit's own bookkeeping, not content the reviewer asked about. */
const BOOKKEEPING = new Set(['status', 'changedSinceSubmission', 'seq']);
const ref = (r: ReceivedPackageRow) => ({ submissionNo: r.submissionNo, sha256: r.sha256, at: r.receivedAt });

/** The table (or the 部门整体绩效目标) in the current received submission against the earlier submission that held it. */
export function tableDiff(store: FilingStore, projectId: string): TableDiffView {
  const dept = deptOfReviewId(projectId);
  const p = dept ?? store.getProject(projectId);
  if (!p || !(dept ? store.received.isReceivedUnitYear(p.unitCode, p.year) : store.received.isReceivedProject(projectId))) throw new ServiceError('只有接收到的表才能比较报送版本', 'NOT_FOUND');
  const now = dept ? store.getDeptTarget(p.unitCode, p.year) : (p as ProjectFiling);
  if (!now) throw new ServiceError('接收到的报送包中没有部门整体绩效目标', 'NOT_FOUND');
  const current = store.received.current(p.unitCode, p.year);
  if (!current) throw new ServiceError(`${p.unitCode} ${p.year} 年度没有当前的报送版本`, 'NOT_FOUND');
  const order = (r: ReceivedPackageRow) => r.submissionNo ?? 0;
  const earlier = store.received
    .list({ unitCode: p.unitCode, year: p.year })
    .filter((r) => r.id !== current.id && order(r) < order(current))
    .sort((a, b) => order(b) - order(a) || b.id - a.id);
  let from: ReceivedPackageRow | null = null;
  let old: ProjectFiling | DeptTarget | null | undefined;
  for (const r of earlier) {
    const filings = store.received.get(r.id)?.filings;
    old = dept ? deptOf(filings) : projectsOf(filings).find((x) => x.id === projectId);
    if (old) {
      from = r;
      break;
    }
  }
  if (!from || !old) return { from: earlier[0] ? ref(earlier[0]) : null, to: ref(current), added: !!earlier.length, changes: [] };
  const pins = store.reviews.comments(p.unitCode, p.year).filter((c) => c.projectId === projectId);
  const changes = dept ? deptChanges(old as DeptTarget, now as DeptTarget) : diffProject(old as ProjectFiling, now as ProjectFiling);
  return { from: ref(from), to: ref(current), added: false, changes: pinnedChanges(changes, pins) };
}

/** What changed in a 部门整体绩效目标, text by text (总体目标, each 分项's title / 绩效目标 / 绩效指标, each 保障措施). */
function deptChanges(a: DeptTarget, b: DeptTarget): FieldChangeText[] {
  const texts = (d: DeptTarget) =>
    new Map<string, string>([
      ['overall', d.overall],
      ...d.items.flatMap((it, i) => (['title', 'goal', 'indicators'] as const).map((k): [string, string] => [`items[${i}].${k}`, it[k]])),
      ...d.measures.map((m, i): [string, string] => [`measures[${i}]`, m]),
    ]);
  const [ta, tb] = [texts(a), texts(b)];
  return [...new Set([...ta.keys(), ...tb.keys()])]
    .filter((k) => (ta.get(k) ?? '') !== (tb.get(k) ?? ''))
    .map((path) => ({ path, label: deptPinLabel(tb.has(path) ? b : a, path), old: ta.get(path) ?? '', new: tb.get(path) ?? '' }));
}

/** The changes the reviewer asked about, each with the ids of the comments pinned where it changed. */
function pinnedChanges(changes: FieldChangeText[], pins: ReadonlyArray<{ id: string; path: string }>): DiffChange[] {
  return changes.filter((c) => !BOOKKEEPING.has(c.path)).map((c) => ({ ...c, comments: pins.filter((x) => pinCovers(x.path, c.path)).map((x) => x.id) }));
}

/**
 * The unit side: a table in two of its own submissions (by number; by default the last one
 * against the one before it that held the table), each change with the comments of the last
 * return about the earlier one that it answers. Null before the table's first submission.
 */
export function unitTableDiff(store: FilingStore, projectId: string, pick: { from?: number | undefined; to?: number | undefined } = {}): TableDiffView | null {
  const p = store.getProject(projectId);
  if (!p) throw new ServiceError('该项目表不存在（可能已被删除），请刷新列表', 'NOT_FOUND');
  if (store.received.isReceivedProject(projectId)) throw new ServiceError('这是接收的表：与上次报送的比较在审核意见中', 'INVALID');
  const all = store.submissions.list(p.unitCode, p.year);
  const subs = all.flatMap((s) => s.projects.filter((x) => x.id === projectId).map((x) => ({ s, revision: x.revision })));
  if (!subs.length) return null;
  const byNo = (n: number | undefined) => {
    if (n === undefined) return undefined;
    const found = subs.find((x) => x.s.submissionNo === n);
    if (!found) throw new ServiceError(`第 ${n} 次报送中没有这张表`, 'NOT_FOUND');
    return found;
  };
  const to = byNo(pick.to) ?? subs.at(-1)!;
  const from = byNo(pick.from) ?? subs.filter((x) => x.s.submissionNo < to.s.submissionNo).at(-1);
  const at = (s: Submission) => ({ submissionNo: s.submissionNo, sha256: s.packageSha256, at: s.submittedAt });
  const versions = new Map(subs.map((x) => [x.s.submissionNo, store.submissions.version(projectId, x.revision)]));
  const choices = subs.map((x) => ({ ...at(x.s), kept: versions.get(x.s.submissionNo) !== null }));
  if (!from) return { from: null, to: at(to.s), added: all.some((s) => s.submissionNo < to.s.submissionNo), changes: [], choices, about: null };
  if (from.s.submissionNo >= to.s.submissionNo) throw new ServiceError(`比较的起点（第 ${from.s.submissionNo} 次）应早于终点（第 ${to.s.submissionNo} 次）`, 'INVALID');
  const old = versions.get(from.s.submissionNo);
  const next = versions.get(to.s.submissionNo);
  if (!old || !next) {
    const lost = [old ? null : from.s.submissionNo, next ? null : to.s.submissionNo].filter((n) => n !== null).join('、');
    const note = `第 ${lost} 次报送的内容未保留（只保留最近 ${KEEP_SUBMISSIONS} 次报送和已通过的版本），不能比较`;
    return { from: at(from.s), to: at(to.s), added: false, changes: [], choices, about: null, note };
  }
  const rec = store.reviews
    .returns('imported', p.unitCode, p.year)
    .filter((r) => r.submissionSha256 === from.s.packageSha256 && r.doc.tables.some((t) => t.projectId === projectId))
    .at(-1);
  const table = rec?.doc.tables.find((t) => t.projectId === projectId);
  const comments = rec && table ? commentsWithAnswers(store, rec, table) : [];
  const about = rec ? { returnNo: rec.returnNo, comments } : null;
  return { from: at(from.s), to: at(to.s), added: false, changes: pinnedChanges(diffProject(old, next), comments), choices, about };
}

interface AnswerCount {
  commentId?: unknown;
}

/** The review status of every received unit-year of `year` (no 审核 run: the stored decisions only; one query per kind). */
export function reviewSummary(store: FilingStore, year: number): ReviewSummaryRow[] {
  const y = store.reviews.yearStatus(year);
  return store.received.list({ year, state: 'current' }).map((cur) => {
    const { unitCode } = cur;
    const current = (y.decisions.get(unitCode) ?? []).filter((t) => t.packageSha256 === cur.sha256);
    const decisions = current.filter((t) => !isDeptReviewId(t.projectId));
    // The 部门整体绩效目标 where the current submission has one: its decision on this submission, or none yet.
    const dept = store.getDeptTarget(unitCode, year) ? (current.find((t) => isDeptReviewId(t.projectId))?.verdict ?? null) : undefined;
    const ids = new Set(y.commentIds.get(unitCode) ?? []);
    const last = y.lastReturn.get(unitCode) ?? null;
    const carried = store.received.reviewAnswers(cur.id);
    const answered = (Array.isArray(carried) ? (carried as AnswerCount[]) : []).filter((a) => typeof a.commentId === 'string' && ids.has(a.commentId)).length;
    const passed = decisions.filter((t) => t.verdict === 'pass').length;
    const returned = decisions.filter((t) => t.verdict === 'return').length;
    let state: ReviewState = current.length ? 'reviewing' : 'none';
    if (last && last.submissionSha256 === cur.sha256) state = returnItems(last.doc).every((t) => t.verdict === 'pass') ? 'passed' : 'returned';
    else if (last) state = 'resubmitted';
    const tables = y.tables.get(unitCode) ?? 0;
    return { unitCode, year, state, tables, ...(dept !== undefined ? { dept } : {}), passed, returned, comments: ids.size, answered, overall: y.grades.get(unitCode) ?? null, returns: y.returns.get(unitCode) ?? 0, lastReturnAt: last?.recordedAt ?? null };
  });
}
