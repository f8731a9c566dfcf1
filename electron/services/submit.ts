// 打包报送 as a step of the status machine: a unit-year is packed only when every table may
// move to 已报送 (READY_TO_PACK: no 错误, no unconfirmed carried-over value); once the
// package is written (and read back), the submission is recorded with its number, time,
// SHA-256 and tables, and the tables become 已报送 — one transaction.
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { READY_TO_PACK, STATUS_LABELS, findTransition } from '../../shared/model/status.ts';
import { buildPackage, errorsMessage, packUnitYear, unitYearExtras, type PackOptions, type PackResult } from '../handover/pack.ts';
import type { HandoverManifest } from '../../shared/handover/manifest.ts';
import type { FilingStore } from '../store/store.ts';
import { auditUnitYearOf } from './audit.ts';
import { unitYearAudit } from './audit-context.ts';
import { ServiceError, requireUnit } from './service-error.ts';
import { ruleConfigOf } from './unit-year-settings.ts';
import { readinessRefusal } from './status.ts';
import { answersForResubmission, unansweredComments } from './review-return.ts';
import { tableContentHash } from './review-carry.ts';
import { timeText } from '../../shared/model/time-text.ts';

const tableOf = (p: ProjectFiling) => `第 ${p.seq} 张表“${p.name.trim() || '未命名项目'}”`;

/**
 * What stops the unit-year from being packed, table by table and the 部门整体绩效目标 (the
 * one readiness of status.ts). `errors`: the 错误 first, counted from the same report as
 * 审核全部 (its rule profile), the unit-year's own problems named in words. 审核全部 shows the
 * rest of the list (it shows the 错误 itself).
 */
export function packRefusals(store: FilingStore, unitCode: string, year: number, opts: { errors?: boolean } = {}): ServiceError[] {
  requireUnit(store, unitCode);
  const out: ServiceError[] = [];
  const { projects, blockers, report } = auditUnitYearOf(store, unitCode, year);
  // 错误 first, counted as 审核全部 counts them (the same report); 审核全部 shows them itself.
  const errors = opts.errors ? (report?.findings ?? []).filter((f) => f.severity === 'error') : [];
  if (errors.length) out.push(new ServiceError(errorsMessage(errors), 'HAS_ERRORS'));
  for (const p of projects) {
    const move = findTransition(p.status, p.status === 'approved' ? 'approved' : 'submitted', 'pack');
    if (!move) {
      out.push(new ServiceError(`${tableOf(p)}处于“${STATUS_LABELS[p.status]}”，不能打包报送`, 'BAD_TRANSITION'));
      continue;
    }
    const refusal = readinessRefusal(blockers[p.id]!, move.needs.filter((c) => c !== 'errors'), '打包报送', `${tableOf(p)}：`);
    if (refusal) out.push(refusal);
  }
  const dept = store.getDeptTarget(unitCode, year);
  const refusal = dept && readinessRefusal({ errors: 0, openWarnings: 0, carried: dept.carriedOver.length }, READY_TO_PACK, '打包报送', '部门整体绩效目标：');
  if (refusal) out.push(refusal);
  return out;
}

/**
 * Refuses the unit-year unless every table may become 已报送: the first reason (its code), and
 * the others after it, so that fixing the 错误 is not followed by a second surprise.
 */
export function assertReadyToPack(store: FilingStore, unitCode: string, year: number): void {
  const [first, ...rest] = packRefusals(store, unitCode, year, { errors: true });
  if (!first) return;
  if (!rest.length) throw first;
  const shown = rest.slice(0, 3).map((e) => e.message);
  const more = rest.length > shown.length ? `；等共 ${rest.length} 项` : '';
  throw new ServiceError(`${first.message}。此外：${shown.join('；')}${more}`, first.code);
}

/** Records a package written for the unit-year and marks its tables 已报送 (one transaction). */
export function recordSubmission(store: FilingStore, manifest: HandoverManifest, packageSha256: string, now = new Date()): number {
  const { code: unitCode } = manifest.unit;
  const { year } = manifest;
  return store.transaction(() => {
    const rows = store.listProjects(unitCode, year);
    const dept = store.getDeptTarget(unitCode, year);
    const submissionNo = manifest.submissionNo ?? store.submissions.nextNo(unitCode, year);
    for (const p of store.projectsOfUnitYear(unitCode, year)) {
      const to = p.status === 'approved' ? 'approved' : 'submitted';
      if (p.status !== to) store.updateProject({ ...p, status: to, changedSinceSubmission: false });
      else if (p.changedSinceSubmission) store.updateProject({ ...p, changedSinceSubmission: false });
    }
    const revisions = new Map(store.listProjects(unitCode, year).map((r) => [r.id, r.revision]));
    store.submissions.record({
      unitCode,
      year,
      submissionNo,
      submittedAt: now.toISOString(),
      packageSha256,
      projects: rows.map((r) => ({ id: r.id, revision: revisions.get(r.id) ?? r.revision })),
      deptSha256: dept ? tableContentHash(dept) : '',
    });
    return submissionNo;
  });
}

type BuildOptions = Omit<PackOptions, 'outDir' | 'unitCode' | 'year' | 'contextFor' | 'submissionNo'>;

/** The package of a unit-year for download (browser / Electron): checked, numbered, not yet recorded. */
export async function buildSubmission(store: FilingStore, unitCode: string, year: number, opts: BuildOptions) {
  assertReadyToPack(store, unitCode, year);
  const uy = unitYearAudit(store, unitCode, year);
  const unit = requireUnit(store, unitCode);
  const data = { unit, year, projects: uy.projects, deptTarget: store.getDeptTarget(unitCode, year), ...unitYearExtras(store, unitCode, year) };
  return buildPackage(data, { ...opts, contextFor: uy.contextFor, config: ruleConfigOf(uy.settings.ruleProfile), submissionNo: store.submissions.nextNo(unitCode, year), reviewAnswers: answersForResubmission(store, unitCode, year) });
}

/** Packs a unit-year into a folder (the CLI's pack), then records the submission. */
export async function submitToFolder(store: FilingStore, opts: Omit<PackOptions, 'contextFor' | 'submissionNo'>): Promise<PackResult & { submissionNo: number }> {
  assertReadyToPack(store, opts.unitCode, opts.year);
  const uy = unitYearAudit(store, opts.unitCode, opts.year);
  const r = await packUnitYear(store, {
    ...opts,
    contextFor: uy.contextFor,
    config: ruleConfigOf(uy.settings.ruleProfile),
    submissionNo: store.submissions.nextNo(opts.unitCode, opts.year),
    reviewAnswers: answersForResubmission(store, opts.unitCode, opts.year),
  });
  const submissionNo = recordSubmission(store, r.manifest, r.sha256);
  return { ...r, submissionNo };
}

/**
 * The last submission when no project table changed since it and no return came after it:
 * packing again would only add a submission (第 N+1 次) the receiver cannot tell apart, so
 * the user is asked first (the 部门整体绩效目标 or answers may still be why: it is asked, not refused).
 */
export function repeatOfLastSubmission(store: FilingStore, unitCode: string, year: number): { no: number; at: string } | null {
  const last = store.submissions.list(unitCode, year).at(-1);
  if (!last) return null;
  const lastReturn = store.reviews.returns('imported', unitCode, year).at(-1);
  if (lastReturn && lastReturn.recordedAt > last.submittedAt) return null;
  const now = store.listProjects(unitCode, year);
  const packed = new Map(last.projects.map((p) => [p.id, p.revision]));
  if (now.length !== packed.size || now.some((r) => packed.get(r.id) !== r.revision)) return null;
  return { no: last.submissionNo, at: last.submittedAt };
}

/**
 * Asks before packing (NEEDS_CONFIRM unless the user confirmed, `again`): a repeat of the last
 * submission, or a return's comments not yet answered (a return after the last submission, so
 * never both at once).
 */
export function assertNotRepeat(store: FilingStore, unitCode: string, year: number, again: boolean): void {
  if (again) return;
  const last = repeatOfLastSubmission(store, unitCode, year);
  if (last) {
    throw new ServiceError(
      `各项目表自第 ${last.no} 次报送（${timeText(last.at)}）以来都没有修改。再次打包将记为第 ${last.no + 1} 次报送；如果改的是部门整体绩效目标，或只是报送包丢了需要再交一份，可以再次打包`,
      'NEEDS_CONFIRM',
    );
  }
  const open = unansweredComments(store, unitCode, year);
  if (open.length === 0) return;
  const named = open.slice(0, 3).map((c) => `${c.item}（${c.where}）：“${c.text.length > 30 ? `${c.text.slice(0, 30)}…` : c.text}”`);
  throw new ServiceError(
    `还有 ${open.length} 条审核意见没有答复：${named.join('；')}${open.length > 3 ? ' 等' : ''}。审核方会看到哪些意见没有答复；请在表中逐条勾选“已处理”或填写说明，也可以仍然打包报送`,
    'NEEDS_CONFIRM',
  );
}
