// A resubmission after a 退回: a table whose content is the same as in the submission on which
// the reviewer passed it keeps that decision (通过, grade, criteria and their 意见), marked as
// carried over (沿用第 N 次报送的审核结论); a changed table gets nothing carried and needs a new
// decision. Comments stay where they were (by row identity), as before. The reviewer can still
// change a carried decision (saving it again drops the mark).
import { createHash } from 'node:crypto';
import type { CarriedDecision, HistoryEvent, TableReview } from '../../shared/handover/review-model.ts';
import { carriedText } from '../../shared/handover/return-manifest.ts';
import type { DeptTarget, ProjectFiling } from '../../shared/model/filing.ts';
import { deptReviewId } from '../../shared/handover/dept-review.ts';
import type { FilingStore } from '../store/store.ts';

/**
 * Not the table's content: the sender's bookkeeping (status, order, 结转 marks) and the 说明
 * of 警告, which the diff does not show either (shared/handover/diff.ts), so "沿用" and
 * "没有修改" agree.
 */
const NOT_CONTENT = new Set(['status', 'changedSinceSubmission', 'seq', 'carriedOver', 'explanations']);

/** Keys sorted at every level, undefined left out: the same content gives the same text. */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/** SHA-256 of a table's (or a 部门整体绩效目标's) content as a package carries it (bookkeeping left out). */
export function tableContentHash(filing: ProjectFiling | DeptTarget): string {
  const content = Object.fromEntries(Object.entries(filing).filter(([k]) => !NOT_CONTENT.has(k)));
  return createHash('sha256').update(JSON.stringify(canonical(content))).digest('hex');
}

/** The 部门整体绩效目标 of a stored package's filings (interchange JSON), if any. */
export const deptOf = (filings: unknown): DeptTarget | null => {
  const d = (filings as { deptTargets?: DeptTarget[] } | null)?.deptTargets?.[0];
  return d && typeof d === 'object' && typeof d.overall === 'string' ? d : null;
};

/** The tables of a stored package's filings (interchange JSON). */
export const projectsOf = (filings: unknown): ProjectFiling[] => ((filings as { projects?: ProjectFiling[] } | null)?.projects ?? []).filter((p) => p && typeof p.id === 'string');

/** The reviewed items of a package's filings by review id: its tables and its 部门整体绩效目标. */
function itemsOf(unitCode: string, year: number, projects: readonly ProjectFiling[], dept: DeptTarget | null | undefined): Map<string, ProjectFiling | DeptTarget> {
  const m = new Map<string, ProjectFiling | DeptTarget>(projects.map((p) => [p.id, p]));
  if (dept) m.set(deptReviewId(unitCode, year), dept);
  return m;
}

/**
 * The received submission `to` becomes current with `projects` and `dept` (as its package
 * carries them): every 通过 on an earlier submission whose table (or 部门整体绩效目标) is
 * unchanged moves to `to`, marked carried. Called inside the receive transaction. Returns the ids carried.
 */
export function carryDecisions(store: FilingStore, unitCode: string, year: number, to: { sha256: string }, projects: readonly ProjectFiling[], dept: DeptTarget | null = null): string[] {
  const reviews = new Map(store.reviews.tables(unitCode, year).map((r) => [r.projectId, r]));
  const packages = new Map<string, { submissionNo: number | null; tables: Map<string, ProjectFiling | DeptTarget> } | null>();
  const decidedOn = (sha: string) => {
    if (!packages.has(sha)) {
      const row = store.received.findByHash(sha);
      const filings = row ? store.received.get(row.id)?.filings : null;
      packages.set(sha, row && filings ? { submissionNo: row.submissionNo, tables: itemsOf(unitCode, year, projectsOf(filings), deptOf(filings)) } : null);
    }
    return packages.get(sha)!;
  };
  const carried: string[] = [];
  for (const [id, p] of itemsOf(unitCode, year, projects, dept)) {
    const r = reviews.get(id);
    if (!r || r.verdict !== 'pass' || r.packageSha256 === to.sha256) continue;
    const from = decidedOn(r.packageSha256);
    const old = from?.tables.get(id);
    if (!from || !old || tableContentHash(old) !== tableContentHash(p)) continue;
    // Carried again: still the submission the reviewer decided on.
    const mark: CarriedDecision = r.carried ?? { submissionNo: from.submissionNo, packageSha256: r.packageSha256 };
    store.reviews.putTable({ ...r, packageSha256: to.sha256, carried: mark });
    carried.push(id);
  }
  return carried;
}

/** The receiver's history event of a decision carried to the submission `sha256` (none if not carried there). */
export function carriedEvent(review: TableReview | null, sha256: string): HistoryEvent[] {
  if (!review?.carried || review.packageSha256 !== sha256) return [];
  return [{ label: '沿用结论', at: review.updatedAt, sha256: review.carried.packageSha256, note: `${carriedText(review.carried)}：通过（内容未修改）` }];
}
