// What the receiving side shows about its review beyond the decisions: the diff of a table
// between the current submission and the one before it (each change with the comments it
// answers), and the review status per unit-year for the on-screen 汇总.
import { diffProject } from '../../shared/handover/diff.ts';
import { pinCovers } from '../../shared/handover/pin-label.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { ReviewState, ReviewSummaryRow, TableDiffView } from '../../shared/handover/review-model.ts';
import type { ReceivedPackageRow } from '../store/received.ts';
import type { FilingStore } from '../store/store.ts';
import { ServiceError } from './service-error.ts';

const projectsOf = (filings: unknown): ProjectFiling[] => ((filings as { projects?: ProjectFiling[] } | null)?.projects ?? []).filter((p) => p && typeof p.id === 'string');
/** The unit's own bookkeeping, not content the reviewer asked about. */
const BOOKKEEPING = new Set(['status', 'changedSinceSubmission', 'seq']);
const ref = (r: ReceivedPackageRow) => ({ submissionNo: r.submissionNo, sha256: r.sha256, at: r.receivedAt });

/** The table in the current received submission against the earlier submission that held it. */
export function tableDiff(store: FilingStore, projectId: string): TableDiffView {
  const p = store.getProject(projectId);
  if (!p || !store.received.isReceivedProject(projectId)) throw new ServiceError('只有接收到的表才能比较报送版本', 'NOT_FOUND');
  const current = store.received.current(p.unitCode, p.year);
  if (!current) throw new ServiceError(`${p.unitCode} ${p.year} 年度没有当前的报送版本`, 'NOT_FOUND');
  const order = (r: ReceivedPackageRow) => r.submissionNo ?? 0;
  const earlier = store.received
    .list({ unitCode: p.unitCode, year: p.year })
    .filter((r) => r.id !== current.id && order(r) < order(current))
    .sort((a, b) => order(b) - order(a) || b.id - a.id);
  let from: ReceivedPackageRow | null = null;
  let old: ProjectFiling | undefined;
  for (const r of earlier) {
    old = projectsOf(store.received.get(r.id)?.filings).find((x) => x.id === projectId);
    if (old) {
      from = r;
      break;
    }
  }
  if (!from || !old) return { from: earlier[0] ? ref(earlier[0]) : null, to: ref(current), added: !!earlier.length, changes: [] };
  const pins = store.reviews.comments(p.unitCode, p.year).filter((c) => c.projectId === projectId);
  const changes = diffProject(old, p)
    .filter((c) => !BOOKKEEPING.has(c.path))
    .map((c) => ({ ...c, comments: pins.filter((x) => pinCovers(x.path, c.path)).map((x) => x.id) }));
  return { from: ref(from), to: ref(current), added: false, changes };
}

interface AnswerCount {
  commentId?: unknown;
}

/** The review status of every received unit-year of `year` (no 审核 run: the stored decisions only; one query per kind). */
export function reviewSummary(store: FilingStore, year: number): ReviewSummaryRow[] {
  const y = store.reviews.yearStatus(year);
  return store.received.list({ year, state: 'current' }).map((cur) => {
    const { unitCode } = cur;
    const decisions = (y.decisions.get(unitCode) ?? []).filter((t) => t.packageSha256 === cur.sha256);
    const ids = new Set(y.commentIds.get(unitCode) ?? []);
    const last = y.lastReturn.get(unitCode) ?? null;
    const carried = store.received.reviewAnswers(cur.id);
    const answered = (Array.isArray(carried) ? (carried as AnswerCount[]) : []).filter((a) => typeof a.commentId === 'string' && ids.has(a.commentId)).length;
    const passed = decisions.filter((t) => t.verdict === 'pass').length;
    const returned = decisions.filter((t) => t.verdict === 'return').length;
    let state: ReviewState = decisions.length ? 'reviewing' : 'none';
    if (last && last.submissionSha256 === cur.sha256) state = last.doc.tables.every((t) => t.verdict === 'pass') ? 'passed' : 'returned';
    else if (last) state = 'resubmitted';
    const tables = y.tables.get(unitCode) ?? 0;
    return { unitCode, year, state, tables, passed, returned, comments: ids.size, answered, overall: y.grades.get(unitCode) ?? null, returns: y.returns.get(unitCode) ?? 0, lastReturnAt: last?.recordedAt ?? null };
  });
}
