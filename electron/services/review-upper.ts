// Two levels, the way back up: the 主管部门 imports the 财政局's return package about a unit's
// submission it received (and forwarded). Checked like a unit's import (integrity by
// openReturnBytes; the unit, year and submission must be one received here and still
// current; no replay, no table outside that submission), then recorded as one event of the
// unit-year in the audit log (who, when, package hash, verdicts and comments): nothing else
// changes. The receiving side's table history shows it beside its own returns. Each forward
// to the 财政局 is recorded the same way (which submission, the forward package's hash, when);
// a 财政局 return about a submission never forwarded from here is refused.
import { openReturnBytes } from '../handover/return-package.ts';
import { createHash } from 'node:crypto';
import { REVIEW_CRITERIA, REVIEW_LIMITS, VERDICT_LABELS, type ReturnComment, type ReturnDoc, type ReturnTable } from '../../shared/handover/return-manifest.ts';
import { carriedText } from '../../shared/handover/return-manifest.ts';
import type { HistoryEvent, UpperTableView } from '../../shared/handover/review-model.ts';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { FilingStore } from '../store/store.ts';
import { projectsOf, tableContentHash } from './review-carry.ts';
import { ServiceError } from './service-error.ts';

const ACTION = 'upper-return';
const FORWARD = 'forward';
const short = (h: string) => h.slice(0, 8);

/** An upper-level return as the 主管部门 recorded it. */
export interface UpperReturn {
  sha256: string;
  createdAt: string;
  importedAt: string;
  doc: ReturnDoc;
}

/** The 财政局's returns imported for a unit-year, oldest first. */
export function upperReturns(store: FilingStore, unitCode: string, year: number): UpperReturn[] {
  return store
    .auditLog(`${unitCode}/${year}`)
    .filter((e) => e.action === ACTION && e.entity === 'unit_year')
    .map((e) => ({ ...(e.newValue as Omit<UpperReturn, 'importedAt'>), importedAt: e.at }));
}

/** A forward of a unit's submission to the 财政局 as the 主管部门 recorded it. */
export interface ForwardRecord {
  /** The forward package's SHA-256. */
  sha256: string;
  submissionSha256: string;
  submissionNo: number | null;
  supervisor: string;
  reviewer: string;
  createdAt: string;
  recordedAt: string;
}

/** Records that the forward package `sha256` carried these submissions (one audit event per unit-year, one transaction). */
export function logForward(store: FilingStore, sha256: string, createdAt: string, supervisor: string, reviewer: string, subs: ReadonlyArray<{ unitCode: string; year: number; sha256: string; submissionNo: number | null }>): void {
  store.transaction(() => {
    for (const s of subs) store.logEvent(FORWARD, 'unit_year', `${s.unitCode}/${s.year}`, null, { sha256, submissionSha256: s.sha256, submissionNo: s.submissionNo, supervisor, reviewer, createdAt });
  });
}

/** The forwards of a unit-year's submissions to the 财政局, oldest first. */
export function forwardsOf(store: FilingStore, unitCode: string, year: number): ForwardRecord[] {
  return store
    .auditLog(`${unitCode}/${year}`)
    .filter((e) => e.action === FORWARD && e.entity === 'unit_year')
    .map((e) => ({ ...(e.newValue as Omit<ForwardRecord, 'recordedAt'>), recordedAt: e.at }));
}

/** 主管部门: imports the 财政局's return about a unit's submission received here (and forwarded). */
export function importUpperReturn(store: FilingStore, bytes: Uint8Array): { unitCode: string; year: number; returnNo: number; returned: number; passed: number } {
  const { sha256, manifest, doc } = openReturnBytes(bytes);
  const { unitCode, year } = doc;
  const name = manifest.unit.name;
  if (!store.received.isReceivedUnit(unitCode)) {
    throw new ServiceError(`这个退回包是给单位 ${unitCode}（${name}）的，本机没有接收过该单位的报送，不能作为上级意见导入`, 'WRONG_UNIT');
  }
  if (store.reviews.returnByHash('sent', sha256)) throw new ServiceError('这是本机写出的退回包，不是上级的审核意见，不能导入', 'OWN_RETURN');
  const pkg = store.received.findByHash(doc.submissionSha256);
  if (!pkg || pkg.unitCode !== unitCode || pkg.year !== year) {
    throw new ServiceError(`本机没有接收过 ${unitCode}（${name}）${year} 年度的这个报送版本（校验值 ${short(doc.submissionSha256)}…），不能导入`, 'UNKNOWN_SUBMISSION');
  }
  if (!forwardsOf(store, unitCode, year).some((f) => f.submissionSha256 === doc.submissionSha256)) {
    throw new ServiceError(
      `本机没有把 ${unitCode}（${name}）${year} 年度的这个报送版本（第 ${pkg.submissionNo ?? '?'} 次，校验值 ${short(doc.submissionSha256)}…）转报给财政局，不能作为财政局的意见导入；请先转报，或核对是否选错了文件`,
      'NOT_FORWARDED',
    );
  }
  const earlier = upperReturns(store, unitCode, year);
  if (earlier.some((r) => r.sha256 === sha256)) throw new ServiceError('这个上级退回包已经导入过了', 'DUPLICATE');
  const last = earlier.at(-1);
  if (last && doc.returnNo <= last.doc.returnNo) {
    throw new ServiceError(`已导入过更新的上级退回包（第 ${last.doc.returnNo} 次退回），这个包（第 ${doc.returnNo} 次）已过时，不能导入`, 'REPLAY');
  }
  if (pkg.state !== 'current') {
    throw new ServiceError(`这个退回包针对 ${unitCode}（${name}）已被新版本取代的报送（第 ${pkg.submissionNo ?? '?'} 次），不能导入`, 'STALE');
  }
  const filings = store.received.get(pkg.id)?.filings as { projects?: Array<{ id?: unknown }> } | null;
  const inSub = new Set((filings?.projects ?? []).map((p) => p.id));
  const foreign = doc.tables.find((t) => !inSub.has(t.projectId));
  if (foreign) throw new ServiceError(`退回包中的第 ${foreign.seq} 张表“${foreign.name}”不在该次报送中，不能导入`, 'UNKNOWN_TABLE');
  store.logEvent(ACTION, 'unit_year', `${unitCode}/${year}`, null, { sha256, createdAt: manifest.createdAt, doc });
  const passed = doc.tables.filter((t) => t.verdict === 'pass').length;
  return { unitCode, year, returnNo: doc.returnNo, returned: doc.tables.length - passed, passed };
}

/** The history events of one table for the submission `sha256`: its forwards (`转报`) and the upper level's returns (`上级退回` / `上级通过`). */
export function upperHistory(store: FilingStore, unitCode: string, year: number, projectId: string, submissionSha256: string): HistoryEvent[] {
  const forwards = forwardsOf(store, unitCode, year)
    .filter((f) => f.submissionSha256 === submissionSha256)
    .map((f) => ({ label: '转报', at: f.recordedAt, sha256: f.sha256 }));
  const returns = upperReturns(store, unitCode, year);
  const about = returns.flatMap((r) => {
    const t = r.doc.submissionSha256 === submissionSha256 ? r.doc.tables.find((x) => x.projectId === projectId) : undefined;
    return t ? [{ label: t.verdict === 'pass' ? '上级通过' : '上级退回', at: r.importedAt, sha256: r.sha256, ...(t.carried ? { note: carriedText(t.carried) } : {}) }] : [];
  });
  // No decision of the 财政局 on this submission yet: its 通过 of an unchanged table holds (沿用), shown from the submission's receipt.
  const d = about.length ? null : upperDecision(store, returns, projectId, submissionSha256);
  const received = d?.carried ? store.received.findByHash(submissionSha256) : null;
  const carried = d?.carried && received ? [{ label: '上级通过', at: received.receivedAt, sha256: d.r.sha256, note: `${carriedText(d.carried)}：财政局通过（内容未修改）` }] : [];
  return [...forwards, ...carried, ...about];
}

/** The 财政局's decision on a table as it holds for a submission here. */
interface UpperDecision {
  r: UpperReturn;
  t: ReturnTable;
  /** Set when it is carried: a 通过 on an earlier submission of the unchanged table, or a return the 财政局 marked so itself. */
  carried: { submissionNo: number | null } | null;
  /** Made on that submission (not on an earlier one). */
  made: boolean;
}

/**
 * The 财政局's latest decision on the table, if it holds for `submissionSha256`: made on that
 * submission, or a 通过 made on an earlier one whose table has the same content there (the
 * carry-over the 财政局 applies itself when the resubmission reaches it: review-carry.ts).
 */
function upperDecision(store: FilingStore, returns: readonly UpperReturn[], projectId: string, submissionSha256: string, tables = submissionTables(store)): UpperDecision | null {
  const found = returns.flatMap((r) => r.doc.tables.filter((t) => t.projectId === projectId).map((t) => ({ r, t }))).at(-1);
  if (!found) return null;
  const { r, t } = found;
  if (r.doc.submissionSha256 === submissionSha256) return { r, t, carried: t.carried ?? null, made: true };
  if (t.verdict !== 'pass') return null;
  const then = tables(r.doc.submissionSha256)?.get(projectId);
  const now = tables(submissionSha256)?.get(projectId);
  if (!then || !now || tableContentHash(then) !== tableContentHash(now)) return null;
  return { r, t, carried: t.carried ?? { submissionNo: store.received.findByHash(r.doc.submissionSha256)?.submissionNo ?? null }, made: false };
}

/** The tables of a received submission by id (read once per submission). */
function submissionTables(store: FilingStore): (sha256: string) => Map<string, ProjectFiling> | null {
  const cache = new Map<string, Map<string, ProjectFiling> | null>();
  return (sha256) => {
    if (!cache.has(sha256)) {
      const row = store.received.findByHash(sha256);
      const filings = row ? store.received.get(row.id)?.filings : null;
      cache.set(sha256, filings ? new Map(projectsOf(filings).map((p) => [p.id, p])) : null);
    }
    return cache.get(sha256)!;
  };
}

const UPPER = '财政局';

/** Id of a 主管部门 comment (or table decision: the project id) as the 财政局 stores it from a forward package of that submission. */
export const forwardedId = (submissionSha256: string, id: string) => `s${createHash('sha256').update(`${submissionSha256}\u0000${id}`).digest('hex').slice(0, 31)}`;

/** A table's decision in one line: `<lead>退回修改，等级 良；可行性（中）：进度安排偏紧`. */
export function decisionText(lead: string, t: ReturnTable, carried = t.carried): string {
  const crit = REVIEW_CRITERIA.filter((c) => t.criteria[c] || t.criteriaGrades?.[c]).map((c) => `${c}${t.criteriaGrades?.[c] ? `（${t.criteriaGrades[c]}）` : ''}${t.criteria[c] ? `：${t.criteria[c]}` : ''}`);
  return [`${lead}${VERDICT_LABELS[t.verdict]}${t.grade ? `，等级 ${t.grade}` : ''}`, ...(carried ? [`${carriedText(carried)}（本表未修改）`] : []), ...crit].join('；');
}
const idOf = (sha: string, id: string) => `u${createHash('sha256').update(`${sha}\u0000${id}`).digest('hex').slice(0, 31)}`;

/**
 * Passing down: the comments the unit's return package carries for the upper level, by
 * table, from its latest return about `submissionSha256` — per table its verdict, grade and
 * opinions as one comment on the whole table, then each of its comments, every one marked
 * as the 财政局's (author `财政局·…`, text `【财政局】…`) beside the 主管部门's own.
 */
export function upperCommentsFor(store: FilingStore, unitCode: string, year: number, submissionSha256: string): Map<string, ReturnComment[]> {
  const returns = upperReturns(store, unitCode, year);
  const out = new Map<string, ReturnComment[]>();
  if (!returns.length) return out;
  const mark = (text: string) => `【${UPPER}】${text}`.slice(0, REVIEW_LIMITS.comment);
  const author = (who: string) => `${UPPER}·${who}`.slice(0, 60);
  const tables = submissionTables(store);
  for (const projectId of tables(submissionSha256)?.keys() ?? []) {
    const d = upperDecision(store, returns, projectId, submissionSha256, tables);
    if (!d) continue;
    const { r, t } = d;
    const summary = { id: summaryId(r.sha256, projectId, d.made ? null : submissionSha256), path: '', text: mark(decisionText('审核结论：', t, d.carried ?? undefined)), author: author(r.doc.reviewer), createdAt: r.importedAt };
    // A carried 通过: its comments went down with the submission they were made on.
    const ours = d.made ? ownIds(store, unitCode, year, submissionSha256, r.doc) : null;
    out.set(projectId, [summary, ...(ours ? t.comments.filter((c) => !ours.has(c.id)).map((c) => ({ id: idOf(r.sha256, c.id), path: c.path, text: mark(c.text), author: author(c.author), createdAt: c.createdAt })) : [])]);
  }
  return out;
}

/** Id of the comment that passes a 财政局 decision down: carried to a later submission (`carriedTo`), it is a comment of its own. */
const summaryId = (returnSha256: string, projectId: string, carriedTo: string | null) => idOf(returnSha256, carriedTo ? `table:${projectId}:${carriedTo}` : `table:${projectId}`);

/** The 主管部门's own review came up with the forward package: those ids are not passed down again as the 财政局's. */
function ownIds(store: FilingStore, unitCode: string, year: number, submissionSha256: string, doc: ReturnDoc): Set<string> {
  return new Set([...store.reviews.comments(unitCode, year).map((c) => c.id), ...doc.tables.map((t) => t.projectId)].map((id) => forwardedId(submissionSha256, id)));
}

/** 主管部门: the 财政局's latest decision on a received table (verdict, grade, 意见, comments), and which return to the unit carried it. */
export function upperTableView(store: FilingStore, projectId: string): UpperTableView | null {
  const p = store.getProject(projectId);
  if (!p || !store.received.isReceivedProject(projectId)) throw new ServiceError('只有接收到的表才有财政局的审核意见', 'NOT_FOUND');
  const returns = upperReturns(store, p.unitCode, p.year);
  const found = returns.flatMap((r) => r.doc.tables.filter((t) => t.projectId === projectId).map((t) => ({ r, t }))).at(-1);
  if (!found) return null;
  const { r, t } = found;
  const sub = r.doc.submissionSha256;
  const ours = ownIds(store, p.unitCode, p.year, sub, r.doc);
  const currentSha = store.received.current(p.unitCode, p.year)?.sha256;
  const holds = currentSha ? upperDecision(store, returns, projectId, currentSha) : null;
  // Passed down with a return about the submission it holds for (a carried one: its own comment).
  const downSub = holds && !holds.made ? currentSha! : sub;
  const mark = summaryId(r.sha256, projectId, holds && !holds.made ? currentSha! : null);
  const down = store.reviews
    .returns('sent', p.unitCode, p.year)
    .find((x) => x.submissionSha256 === downSub && x.doc.tables.some((y) => y.projectId === projectId && y.comments.some((c) => c.id === mark)));
  return {
    returnNo: r.doc.returnNo,
    sha256: r.sha256,
    importedAt: r.importedAt,
    reviewer: r.doc.reviewer,
    submissionNo: store.received.findByHash(sub)?.submissionNo ?? null,
    current: holds !== null,
    ...(holds?.carried ? { carried: holds.carried } : {}),
    verdict: t.verdict,
    grade: t.grade,
    criteria: t.criteria,
    criteriaGrades: t.criteriaGrades ?? {},
    comments: t.comments.map((c) => ({ ...c, own: ours.has(c.id) })),
    passedDown: down ? { returnNo: down.returnNo, sha256: down.sha256, at: down.recordedAt } : null,
  };
}
