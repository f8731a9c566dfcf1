// Receiving side: inspect a package, import one package or a folder of them.
// - every package is verified in full before anything is stored (package-read.ts);
// - the same package twice (same SHA-256 of the file) stores nothing: 已导入过;
// - a newer submission of a unit-year replaces its filings (projects no longer in it are
//   removed), the previous one stays in the history with the diff to it;
// - an older submission than the current one is only kept in the history;
// - 审核 is run again with the receiver's rules and stored with the package;
// - received data is read-only (triggers of migration 2, see received-store.ts).
import { basename, join } from 'node:path';
import { promises as fs } from 'node:fs';
import type { FilingStore } from '../store/store.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { auditUnitYear, type FindingSummary } from '../../shared/rules/index.ts';
import { PACKAGE_EXTENSION } from '../../shared/handover/manifest.ts';
import { diffSubmissions, type SubmissionDiff } from '../../shared/handover/diff.ts';
import type { DeptTarget, ProjectFiling } from '../../shared/model/filing.ts';
import { PackageError, openPackageBytes, readPackageFile, type OpenedPackage } from './package-read.ts';
import { ReceivedStore } from './received-store.ts';
import { warmCheckCounts } from '../services/check-counts.ts';
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
  /** With a store: already imported (same file). */
  alreadyImported?: boolean;
}

function info(file: string, p: OpenedPackage): PackageInfo {
  const m = p.manifest;
  return {
    file,
    sha256: p.sha256,
    size: p.size,
    unit: { code: m.unit.code, name: m.unit.name, supervisor: m.unit.supervisor ? `${m.unit.supervisor.code}-${m.unit.supervisor.name}` : '' },
    year: m.year,
    templateId: m.templateId,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    rulesetVersion: m.rulesetVersion,
    projectCount: m.projectCount,
    senderAudit: m.audit,
    hasBook: p.book !== null,
  };
}

/** Verifies a package and tells who sent what, without importing. */
export async function inspectPackage(file: string, store?: FilingStore): Promise<PackageInfo> {
  const p = openPackageBytes(await readPackageFile(file));
  const out = info(file, p);
  if (store) out.alreadyImported = new ReceivedStore(store).findByHash(p.sha256) !== null;
  return out;
}

export type ImportOutcome = 'new' | 'newer' | 'older' | 'duplicate';

export const OUTCOME_LABELS: Record<ImportOutcome, string> = {
  new: '已导入',
  newer: '已导入（新版本，替换上次报送）',
  older: '比已导入的版本旧，已存入历史，未替换当前数据',
  duplicate: '已导入过',
};

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
}

/** Imports one package file: all of it, or nothing (Chinese PackageError). */
export async function importPackageFile(store: FilingStore, file: string, opts: ImportOptions = {}): Promise<ImportPackageResult> {
  const bytes = await readPackageFile(file);
  const pkg = openPackageBytes(bytes);
  return importOpenedPackage(store, pkg, basename(file), file, opts);
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
  const rs = new ReceivedStore(store);
  const projects = pkg.doc.projects;
  const dept = pkg.doc.deptTargets[0] ?? null;
  const report = auditUnitYear(projects, dept, template);

  const dup = rs.findByHash(pkg.sha256);
  if (dup) return { file, outcome: 'duplicate', info: { ...inf, alreadyImported: true }, packageId: dup.id, audit: report.summary, diff: null };

  const unitCode = m.unit.code;
  const year = m.year;
  const own = rs.ownProjectIds(unitCode, year);
  if (own.length) {
    throw new PackageError(
      `本机已有单位 ${unitCode} ${year} 年度自己填报的 ${own.length} 张项目表（不是接收的），为避免覆盖，未导入。请在另一个数据库中接收，或先导出并删除本机的这些数据`,
      'OWN_DATA',
    );
  }
  const homes = rs.projectHomes(projects.map((p) => p.id));
  for (const [id, h] of homes) {
    if (h.unitCode !== unitCode || h.year !== year) {
      throw new PackageError(`报送包中的项目标识 ${id} 在本机属于单位 ${h.unitCode} ${h.year} 年度，与本包冲突，未导入`, 'CONFLICT');
    }
  }

  const current = rs.current(unitCode, year);
  let outcome: ImportOutcome = 'new';
  let diff: SubmissionDiff | null = null;
  let prevDoc: { projects: ProjectFiling[]; deptTargets: DeptTarget[] } | null = null;
  if (current) {
    const rec = rs.get(current.id);
    prevDoc = rec?.filings as { projects: ProjectFiling[]; deptTargets: DeptTarget[] };
    outcome = Date.parse(m.createdAt) >= Date.parse(current.createdAt) ? 'newer' : 'older';
    diff = diffSubmissions(prevDoc, pkg.doc);
  }
  const receivedAt = (opts.now ?? (() => new Date()))().toISOString();
  const unitExists = store.getUnit(unitCode) !== null;
  const unitIsNew = !unitExists || rs.isReceivedUnit(unitCode);
  const stored = {
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
    if (outcome !== 'older') {
      const keep = new Set(projects.map((p) => p.id));
      for (const row of store.listProjects(unitCode, year)) if (!keep.has(row.id)) store.deleteProject(row.id);
      if (!dept && store.getDeptTarget(unitCode, year)) rs.deleteDeptTarget(unitCode, year);
      store.importBatch({
        // A received unit is the sender's real unit here, never 示例 (removing samples must not touch it).
        units: unitIsNew ? pkg.doc.units.map((u) => ({ ...u, sample: false })) : [],
        projects,
        deptTargets: dept ? [dept] : [],
      });
    }
    return rs.record({
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
      makeCurrent: outcome !== 'older',
      unitIsNew,
      projectIds: projects.map((p) => p.id),
    });
  });
  if (outcome !== 'older') warmCheckCounts(store, [{ unitCode, year }]);
  return { file, outcome, info: inf, packageId, audit: report.summary, diff };
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
  const items: FolderImportItem[] = [];
  let cancelled = false;
  opts.onProgress?.({ done: 0, total: files.length, stage: '导入报送包' });
  for (const [i, file] of files.entries()) {
    if (opts.signal?.aborted) {
      cancelled = true;
      break;
    }
    try {
      items.push({ file, ok: true, result: await importPackageFile(store, file, opts) });
    } catch (e) {
      items.push({ file, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
    opts.onProgress?.({ done: i + 1, total: files.length, stage: basename(file) });
  }
  return { items, cancelled };
}
