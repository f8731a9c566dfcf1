// Receiving side: inspect a package, import one package or a folder of them.
// - every package is verified in full before anything is stored (package-read.ts);
// - the same package twice (same SHA-256 of the file) stores nothing: 已导入过;
// - a newer submission of a unit-year replaces its filings (projects no longer in it are
//   removed), the previous one stays in the history with the diff to it;
// - an older submission than the current one is only kept in the history;
// - 审核 is run again with the receiver's rules and stored with the package;
// - received data is read-only (triggers of migration 2, see electron/store/received.ts).
import { basename, join } from 'node:path';
import { promises as fs } from 'node:fs';
import type { FilingStore } from '../store/store.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { auditUnitYear, type FindingSummary } from '../../shared/rules/index.ts';
import { PACKAGE_EXTENSION } from '../../shared/handover/manifest.ts';
import { diffSubmissions, type SubmissionDiff } from '../../shared/handover/diff.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { supervisorText } from '../../shared/model/supervisor.ts';
import { parseInterchange } from '../../shared/interchange/format.ts';
import { PackageError, readPackageFile, type OpenedPackage } from './package-read.ts';
import { yearlyMemberSchema, yearlyProblems } from '../../shared/handover/extras.ts';
import { unitYearSettingsSchema } from '../../shared/settings/unit-year.ts';
import { openPackageInWorker } from './offthread.ts';
import type { ReceivedPackageRow, ReceivedPackages } from '../store/received.ts';
import { backupBeforeImport } from '../services/import-scope.ts';
import { warmCheckCounts } from '../services/check-counts.ts';
import { carryDecisions } from '../services/review-carry.ts';
import { isDeptReviewId } from '../../shared/handover/dept-review.ts';
import type { Progress } from './pack.ts';

export interface PackageInfo {
  file: string;
  sha256: string;
  size: number;
  unit: { code: string; name: string; supervisor: string };
  year: number;
  templateId: string;
  /** When the sender packed it (ISO). */
  createdAt: string;
  appVersion: string;
  rulesetVersion: string;
  projectCount: number;
  /** 审核 counts recorded by the sender. */
  senderAudit: { errors: number; warnings: number; hints: number };
  hasBook: boolean;
  /** 部门整体绩效目标 in the package (0 or 1). */
  deptTargets: number;
  /** With a store: already imported (same file). */
  alreadyImported?: boolean;
  /** With a store: why it cannot be received here (a 示例 unit code), or null. */
  refusal?: string | null;
}

/** What the manifest says of a package, as shown before and after receiving it. */
export function packageFacts(p: OpenedPackage) {
  const m = p.manifest;
  return {
    unit: { code: m.unit.code, name: m.unit.name, supervisor: supervisorText(m.unit.supervisor) },
    year: m.year,
    templateId: m.templateId,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    projectCount: m.projectCount,
    senderAudit: m.audit,
    hasBook: p.book !== null,
  };
}

function info(file: string, p: OpenedPackage): PackageInfo {
  return { file, sha256: p.sha256, size: p.size, ...packageFacts(p), rulesetVersion: p.manifest.rulesetVersion, deptTargets: p.doc.deptTargets.length };
}

/** Verifies a package and tells who sent what, without importing. */
export async function inspectPackage(file: string, store?: FilingStore): Promise<PackageInfo> {
  const p = await openPackageInWorker(await readPackageFile(file));
  const out = info(file, p);
  if (store) {
    out.alreadyImported = store.received.findByHash(p.sha256) !== null;
    out.refusal = sampleUnitRefusal(store, p.manifest.unit.code);
  }
  return out;
}

export type ImportOutcome = 'new' | 'newer' | 'older' | 'duplicate' | 'future';

export const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  new: '已导入',
  newer: '已导入（新版本，替换上次报送）',
  older: '比已导入的版本旧，已存入历史，未替换当前数据',
  duplicate: '已导入过',
  future: '打包时间比本机时钟晚一天以上（发送方电脑时钟可能有误），已存入历史，未设为当前版本；核对后可在历史中“设为当前版本”',
};

/** A package dated later than this after the receiver's clock waits for confirmation. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

export interface ImportPackageResult {
  file: string;
  outcome: ImportOutcome;
  info: PackageInfo;
  packageId: number | null;
  /** 审核 with the receiver's rules. */
  audit: FindingSummary;
  /** Against the previous current submission (null for the first one or a duplicate). */
  diff: SubmissionDiff | null;
}

export interface ImportOptions {
  /** Refuse a package for another unit / year. */
  expectUnit?: string;
  expectYear?: number;
  now?: () => Date;
  /** Skip the `pre-import` backup (a folder import takes one for all its packages). */
  noBackup?: boolean;
}

/** Imports one package file, after a `pre-import` backup: all of it, or nothing (Chinese PackageError). */
export async function importPackageFile(store: FilingStore, file: string, opts: ImportOptions = {}): Promise<ImportPackageResult> {
  const bytes = await readPackageFile(file);
  const pkg = await openPackageInWorker(bytes);
  if (!opts.noBackup) await backupBeforeImport(store);
  return importOpenedPackage(store, pkg, basename(file), file, opts);
}

type Doc = { projects: ProjectFiling[]; deptTargets: DeptTarget[]; units: Unit[] };

/** Why a package for this unit code cannot be received here at all (shown already on inspection), or null. */
export function sampleUnitRefusal(store: FilingStore, unitCode: string): string | null {
  const here = store.getUnit(unitCode);
  return here?.sample ? `单位编码 ${unitCode} 在本机是“示例”单位（${here.name}）。请先删除示例数据（“删除示例数据”，命令行 remove-samples），再接收该单位的报送包` : null;
}

/** Refusals that keep the office's own data and 示例 data where they are. */
function checkTarget(store: FilingStore, rs: ReceivedPackages, unitCode: string, year: number, projects: readonly ProjectFiling[]): void {
  const sample = sampleUnitRefusal(store, unitCode);
  if (sample) throw new PackageError(sample, 'SAMPLE_UNIT');
  const own = rs.ownProjectIds(unitCode, year);
  if (own.length) {
    throw new PackageError(
      `本机已有单位 ${unitCode} ${year} 年度自己填报的 ${own.length} 张项目表（不是接收的），为避免覆盖，未导入。请在另一个数据库中接收，或先导出并删除本机的这些数据`,
      'OWN_DATA',
    );
  }
  // The review names the 部门整体绩效目标 `dept:…` (shared/handover/dept-review.ts): no table may be called so.
  const named = projects.find((p) => isDeptReviewId(p.id));
  if (named) throw new PackageError(`报送包中的项目标识 ${named.id.slice(0, 64)} 是保留的标识（部门整体绩效目标的审核用），未导入`, 'CONFLICT');
  for (const [id, h] of rs.projectHomes(projects.map((p) => p.id))) {
    if (h.unitCode !== unitCode || h.year !== year) {
      throw new PackageError(`报送包中的项目标识 ${id} 在本机属于单位 ${h.unitCode} ${h.year} 年度，与本包冲突，未导入`, 'CONFLICT');
    }
  }
}

/** What a version-2 package adds (absent in version 1): the yearly forms and the settings record. */
type Extras = Pick<OpenedPackage, 'yearly' | 'settings'>;

/**
 * Inside `rs.unlocked`: the unit-year's stored filings become exactly those of `doc`, its
 * yearly forms exactly those of the package (none for a version-1 package), and its settings
 * the package's record where it has one. Nothing of another unit-year is touched.
 */
function writeFilings(store: FilingStore, rs: ReceivedPackages, unitCode: string, year: number, doc: Doc, unitIsNew: boolean, extras: Extras): void {
  // The forms refer to their projects: they go before projects no longer received do.
  store.yearly.clearUnitYear(unitCode, year);
  writeTargets(store, rs, unitCode, year, doc, unitIsNew);
  if (extras.yearly) store.yearly.replaceUnitYear(unitCode, year, extras.yearly.forms, extras.yearly.adjustments);
  store.submissions.replaceReceivedVersions(unitCode, year, extras.yearly?.versions ?? []);
  store.yearly.dept.replaceUnitYear(unitCode, year, extras.yearly?.dept ?? null);
  if (extras.settings) store.unitYearSettings.put(extras.settings, 'receive');
}

/** The extras kept with a received version (in its stored audit record), checked again when it is made current. */
function storedExtras(rec: { audit: unknown }, unitCode: string, year: number, doc: Doc): Extras {
  const a = (rec.audit ?? {}) as { yearly?: unknown; settings?: unknown };
  const y = a.yearly === undefined ? null : yearlyMemberSchema.safeParse(a.yearly);
  const st = a.settings === undefined ? null : unitYearSettingsSchema.safeParse(a.settings);
  if ((y && (!y.success || yearlyProblems(y.data, unitCode, year, doc.projects).length)) || (st && (!st.success || st.data.unitCode !== unitCode || st.data.year !== year))) {
    throw new PackageError('该接收版本中保存的绩效运行监控表、绩效自评表或单位年度设置无法读取，未改变当前版本', 'CORRUPT');
  }
  return { yearly: y?.success ? y.data : null, settings: st?.success ? st.data : null };
}

function writeTargets(store: FilingStore, rs: ReceivedPackages, unitCode: string, year: number, doc: Doc, unitIsNew: boolean): void {
  const keep = new Set(doc.projects.map((p) => p.id));
  const dept = doc.deptTargets[0] ?? null;
  for (const row of store.listProjects(unitCode, year)) if (!keep.has(row.id)) store.deleteProject(row.id);
  if (!dept && store.getDeptTarget(unitCode, year)) rs.deleteDeptTarget(unitCode, year);
  store.importBatch({
    // A received unit is the sender's real unit here, never 示例 (removing samples must not touch it).
    units: unitIsNew ? doc.units.map((u) => ({ ...u, sample: false })) : [],
    // What the sender's status said is its own (often 草稿 at packing time): here a received
    // table is 已报送; the receiver's verdict is kept with its review, not in the filing.
    projects: doc.projects.map((p) => ({ ...p, status: 'submitted' as const, changedSinceSubmission: false })),
    deptTargets: dept ? [dept] : [],
  });
}

/**
 * Whether a package orders after the current version: by the sender's submission number,
 * then content hash; where either has no number (older packages), by receipt (this one came
 * later). The sender's clock (`createdAt`) is never used.
 */
export function ordersAfter(submissionNo: number | undefined, sha256: string, current: ReceivedPackageRow): boolean {
  if (submissionNo === undefined || current.submissionNo === null) return true;
  if (submissionNo !== current.submissionNo) return submissionNo > current.submissionNo;
  return sha256 > current.sha256;
}

function logCurrent(store: FilingStore, unitCode: string, year: number, from: ReceivedPackageRow | null, to: { id: number; submissionNo: number | null; createdAt: string }, how: string): void {
  const v = (r: { id: number; submissionNo: number | null; createdAt: string } | null) =>
    r && { packageId: r.id, submissionNo: r.submissionNo, createdAt: r.createdAt };
  store.logEvent('received-current', 'unit', `${unitCode}/${year}`, v(from), { ...v(to), how });
}

export function importOpenedPackage(
  store: FilingStore,
  pkg: OpenedPackage,
  fileName: string,
  file: string,
  opts: ImportOptions = {},
): ImportPackageResult {
  const m = pkg.manifest;
  const inf = info(file, pkg);
  if (opts.expectUnit !== undefined && m.unit.code !== opts.expectUnit) {
    throw new PackageError(`这是单位 ${m.unit.code}${m.unit.name} 的报送包，不是要导入的单位 ${opts.expectUnit}`, 'WRONG_UNIT');
  }
  if (opts.expectYear !== undefined && m.year !== opts.expectYear) {
    throw new PackageError(`这是 ${m.year} 年度的报送包，不是要导入的 ${opts.expectYear} 年度`, 'WRONG_YEAR');
  }
  const template = getTemplate(m.templateId);
  if (!template) throw new PackageError(`报送包使用了本程序不认识的模板“${m.templateId}”，请升级程序`, 'INVALID');
  const rs = store.received;
  const projects = pkg.doc.projects;
  const dept = pkg.doc.deptTargets[0] ?? null;
  const report = auditUnitYear(projects, dept, template);

  const dup = rs.findByHash(pkg.sha256);
  if (dup) return { file, outcome: 'duplicate', info: { ...inf, alreadyImported: true }, packageId: dup.id, audit: report.summary, diff: null };

  const unitCode = m.unit.code;
  const year = m.year;
  checkTarget(store, rs, unitCode, year, projects);

  const now = (opts.now ?? (() => new Date()))();
  const current = rs.current(unitCode, year);
  let outcome: ImportOutcome = 'new';
  let diff: SubmissionDiff | null = null;
  if (current) {
    const prevDoc = rs.get(current.id)?.filings as { projects: ProjectFiling[]; deptTargets: DeptTarget[] };
    outcome = ordersAfter(m.submissionNo, pkg.sha256, current) ? 'newer' : 'older';
    diff = diffSubmissions(prevDoc, pkg.doc);
  }
  if (Date.parse(m.createdAt) > now.getTime() + FUTURE_TOLERANCE_MS) outcome = 'future';
  const makeCurrent = outcome === 'new' || outcome === 'newer';
  const receivedAt = now.toISOString();
  const unitIsNew = store.getUnit(unitCode) === null || rs.isReceivedUnit(unitCode);
  const stored = {
    // The unit's answers to the last return's comments (services/review.ts reads them).
    ...(pkg.audit.reviewAnswers ? { reviewAnswers: pkg.audit.reviewAnswers } : {}),
    // Version 2: kept so that this version can be made current again later.
    ...(pkg.yearly ? { yearly: pkg.yearly } : {}),
    ...(pkg.settings ? { settings: pkg.settings } : {}),
    summary: report.summary,
    rulesetVersion: report.ruleset.version,
    byProject: Object.fromEntries(
      Object.entries(report.byProject).map(([id, f]) => [
        id,
        { errors: f.filter((x) => x.severity === 'error').length, warnings: f.filter((x) => x.severity === 'warning').length, hints: f.filter((x) => x.severity === 'hint').length },
      ]),
    ),
  };

  const packageId = rs.unlocked(() => {
    if (makeCurrent) writeFilings(store, rs, unitCode, year, pkg.doc, unitIsNew, pkg);
    const id = rs.record({
      sha256: pkg.sha256,
      unitCode,
      year,
      createdAt: m.createdAt,
      receivedAt,
      fileName,
      manifest: m,
      filings: pkg.doc,
      audit: stored,
      diff,
      makeCurrent,
      otherState: outcome === 'future' ? 'pending' : 'older',
      unitIsNew,
      projectIds: projects.map((p) => p.id),
    });
    if (makeCurrent) {
      logCurrent(store, unitCode, year, current, { id, submissionNo: m.submissionNo ?? null, createdAt: m.createdAt }, 'import');
      carryDecisions(store, unitCode, year, pkg, pkg.doc.projects, pkg.doc.deptTargets[0] ?? null);
    }
    return id;
  });
  if (makeCurrent) warmCheckCounts(store, [{ unitCode, year }]);
  return { file, outcome, info: inf, packageId, audit: report.summary, diff };
}

/**
 * The receiver makes any received version of a unit-year current (a package that waited for
 * confirmation, or an older one): its filings replace the unit-year's, in one transaction,
 * and the choice is recorded in the history (states) and in the audit log.
 */
export function makeReceivedVersionCurrent(store: FilingStore, packageId: number): { unitCode: string; year: number; changed: boolean } {
  const rs = store.received;
  const rec = rs.get(packageId);
  if (!rec) throw new PackageError(`没有编号为 ${packageId} 的接收记录`, 'NOT_FOUND');
  const { unitCode, year } = rec;
  if (rec.state === 'current') return { unitCode, year, changed: false };
  let doc: Doc;
  try {
    doc = parseInterchange(rec.filings, new Set([unitCode])) as Doc;
  } catch (e) {
    throw new PackageError(`接收记录 ${packageId} 中保存的数据无法读取（${e instanceof Error ? e.message.slice(0, 200) : String(e)}），未改变当前版本`, 'CORRUPT');
  }
  const current = rs.current(unitCode, year);
  checkTarget(store, rs, unitCode, year, doc.projects);
  const extras = storedExtras(rec, unitCode, year, doc);
  const unitIsNew = store.getUnit(unitCode) === null || rs.isReceivedUnit(unitCode);
  rs.unlocked(() => {
    writeFilings(store, rs, unitCode, year, doc, unitIsNew, extras);
    rs.markCurrent(packageId, unitCode, year, doc.projects.map((p) => p.id), unitIsNew);
    logCurrent(store, unitCode, year, current, rec, 'chosen');
    carryDecisions(store, unitCode, year, rec, doc.projects, doc.deptTargets[0] ?? null);
  });
  warmCheckCounts(store, [{ unitCode, year }]);
  return { unitCode, year, changed: true };
}

export interface FolderImportItem {
  file: string;
  ok: boolean;
  result?: ImportPackageResult;
  /** Chinese reason when refused. */
  error?: string;
}

/** Package files of a folder (not recursive), sorted by name. */
export async function listPackageFiles(dir: string): Promise<string[]> {
  const names = await fs.readdir(dir);
  return names
    .filter((n) => n.toLowerCase().endsWith(PACKAGE_EXTENSION) && !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
}

/**
 * Imports every package of a folder, each on its own (a bad one is reported and does not
 * stop the others). Progress per package; cancel between packages with the signal.
 */
export async function importPackageFolder(
  store: FilingStore,
  dir: string,
  opts: ImportOptions & { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<{ items: FolderImportItem[]; cancelled: boolean }> {
  const files = await listPackageFiles(dir);
  if (files.length && !opts.noBackup) await backupBeforeImport(store);
  const items: FolderImportItem[] = [];
  let cancelled = false;
  opts.onProgress?.({ done: 0, total: files.length, stage: '导入报送包' });
  for (const [i, file] of files.entries()) {
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    try {
      items.push({ file, ok: true, result: await importPackageFile(store, file, { ...opts, noBackup: true }) });
    } catch (e) {
      items.push({ file, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
    opts.onProgress?.({ done: i + 1, total: files.length, stage: basename(file) });
  }
  return { items, cancelled };
}
