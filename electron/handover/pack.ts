// Packs one unit-year into a handover package (see shared/handover/manifest.ts):
// refused while 错误 remain; written to a temp name, fsynced, renamed; then read back
// from the disk and verified member by member, because USB sticks fail.
import { join } from 'node:path';
import { promises as fs } from 'node:fs';
import { APP_INFO } from '../app-info.ts';
import type { FilingStore } from '../store/store.ts';
import { writeFileAtomic } from '../files/atomic-write.ts';
import { makeInterchange } from '../../shared/interchange/format.ts';
import type { DeptTarget, ProjectFiling, Unit } from '../../shared/model/filing.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import { auditUnitYear, estimateBookGrade, type AuditContext, type Finding, type RuleConfig, type UnitYearReport } from '../../shared/rules/index.ts';
import {
  HANDOVER_FORMAT,
  HANDOVER_VERSION,
  MEMBER_NAMES,
  packageFileName,
  type AuditMember,
  type HandoverManifest,
  type PackageMember,
  type ReviewAnswer,
} from '../../shared/handover/manifest.ts';
import { zipFiles } from '../files/zip.ts';
import { buildBookLayout } from '../../shared/layout/index.ts';
import { docxBytes } from '../export/docx/writer.ts';
import { PackageError, openPackageBytes, sha256Hex } from './package-read.ts';
import { yearlyProblems, type ScoredVersion, type YearlyMember } from '../../shared/handover/extras.ts';
import type { UnitYearSettings } from '../../shared/settings/unit-year.ts';

export interface Progress {
  done: number;
  total: number;
  /** Chinese, for a status line. */
  stage: string;
}

/** Builds the DOCX book of a unit-year (the exporter in electron/export), or absent. */
export type BookBuilder = (
  input: { unit: Unit; year: number; projects: ProjectFiling[]; deptTarget: DeptTarget | null },
  opts: { signal?: AbortSignal; onProgress?: (p: { done: number; total: number }) => void },
) => Promise<Uint8Array>;

export interface PackOptions {
  unitCode: string;
  year: number;
  /** Folder to write into (the USB stick); the file name is made from the unit and year. */
  outDir: string;
  now?: () => Date;
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
  /** DOCX book builder (default: the unit-year book of electron/export); null = no book member. */
  book?: BookBuilder | null;
  /** Each table's 审核 context (electron/services/audit-context.ts); none: the filings alone. */
  contextFor?: (filing: ProjectFiling) => AuditContext;
  /** The unit-year's rule profile: the same 审核 as 审核全部 (none: the default catalogue). */
  config?: RuleConfig;
  /** The sender's submission number, written into the manifest. */
  submissionNo?: number;
  /** The unit's answers to the comments of the last return package (audit.json). */
  reviewAnswers?: ReviewAnswer[];
}

/** The unit-year book as printed (electron/export's DOCX writer). */
export const defaultBookBuilder: BookBuilder = (input, opts) =>
  docxBytes(buildBookLayout({ year: input.year, units: [{ unit: input.unit, projects: input.projects }], deptTarget: input.deptTarget, lazy: true }), {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: (done, total) => opts.onProgress!({ done, total }) } : {}),
  });

export interface PackResult {
  path: string;
  fileName: string;
  sha256: string;
  size: number;
  manifest: HandoverManifest;
}

export interface UnitYearData {
  unit: Unit;
  year: number;
  projects: ProjectFiling[];
  deptTarget: DeptTarget | null;
  /** Version 2 members, each left out when absent. */
  yearly?: YearlyMember | null;
  settings?: UnitYearSettings | null;
}

export function readUnitYear(store: FilingStore, unitCode: string, year: number): UnitYearData {
  const unit = store.getUnit(unitCode);
  if (!unit) throw new PackageError(`单位 ${unitCode} 不存在`, 'NOT_FOUND');
  const projects = store.projectsOfUnitYear(unitCode, year);
  return { unit, year, projects, deptTarget: store.getDeptTarget(unitCode, year), ...unitYearExtras(store, unitCode, year) };
}

/** The version-2 members of a unit-year: its yearly forms (null when none) and its settings record. */
export function unitYearExtras(store: FilingStore, unitCode: string, year: number): Pick<UnitYearData, 'yearly' | 'settings'> {
  const yearly = store.yearly.ofUnitYear(unitCode, year);
  const stored = store.unitYearSettings.get(unitCode, year);
  let settings: UnitYearSettings | null = null;
  if (stored) {
    // The record as a whole (whatever fields its schema has), without the row's timestamps.
    const { createdAt: _c, updatedAt: _u, ...record } = stored;
    settings = record;
  }
  // The passed versions the forms score against travel with them (the receiver scores on the same basis).
  const versions = new Map<string, ScoredVersion>();
  for (const f of yearly.forms) {
    const b = f.basis;
    const filing = b?.approved ? store.submissions.version(f.projectId, b.revision) : null;
    if (b && filing) versions.set(`${f.projectId}@${b.revision}`, { projectId: f.projectId, revision: b.revision, filing });
  }
  const dept = store.yearly.dept.get(unitCode, year)?.form;
  const member: YearlyMember = { ...yearly, ...(dept ? { dept } : {}), ...(versions.size ? { versions: [...versions.values()] } : {}) };
  return { yearly: yearly.forms.length || yearly.adjustments.length || dept ? member : null, settings };
}

/** The 审核 report as stored in audit.json (with the 说明 of every warning). */
export function auditMember(report: UnitYearReport, reviewAnswers?: ReviewAnswer[]): AuditMember {
  return {
    ...(reviewAnswers?.length ? { reviewAnswers } : {}),
    rulesetVersion: report.ruleset.version,
    ruleset: report.ruleset,
    summary: {
      errors: report.summary.errors,
      warnings: report.summary.warnings,
      hints: report.summary.hints,
      unexplainedWarnings: report.summary.unexplainedWarnings,
    },
    grade: estimateBookGrade(report.byProject, undefined, report.unfilled),
    findings: report.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      projectId: f.location.projectId,
      table: f.location.table,
      key: f.key,
      explanation: f.explanation ?? null,
    })),
  };
}

/**
 * The refusal while 错误 remain: the count of 审核全部, the first tables, and each problem of the
 * unit-year itself in words (R-UNIT-PROJECTS only sums up the tables' errors).
 */
export function errorsMessage(errors: readonly Finding[]): string {
  const tables: string[] = [];
  const unitLevel: string[] = [];
  let more = false;
  for (const f of errors) {
    if (!f.location.projectId) {
      if (f.code !== 'R-UNIT-PROJECTS' && !unitLevel.includes(f.message)) unitLevel.push(f.message);
      continue;
    }
    const t = `${f.location.seq ? `第 ${f.location.seq} 张表` : ''}“${f.location.table}”`;
    if (tables.includes(t)) continue;
    if (tables.length < 3) tables.push(t);
    else more = true;
  }
  const parts = [tables.length ? `${tables.join('、')}${more ? ' 等' : ''}` : '', ...unitLevel].filter(Boolean);
  return `审核还有 ${errors.length} 个错误，不能打包报送。请先改正：${parts.join('；')}`;
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw new PackageError('已取消', 'CANCELLED');
}

/** Builds the package bytes of a unit-year (refused while 错误 remain). */
export async function buildPackage(
  data: UnitYearData,
  opts: Omit<PackOptions, 'outDir' | 'unitCode' | 'year'>,
): Promise<{ bytes: Uint8Array; manifest: HandoverManifest; fileName: string }> {
  const { unit, year, projects, deptTarget } = data;
  const progress = (done: number, stage: string) => opts.onProgress?.({ done, total: 5, stage });
  if (projects.length === 0) throw new PackageError(`${unit.code}${unit.name} ${year} 年度没有项目表，无法打包`, 'EMPTY');
  const templateId = projects[0]!.templateId;
  const template = getTemplate(templateId);
  if (!template) throw new PackageError(`未知的模板“${templateId}”`, 'INVALID');
  const other = projects.find((p) => p.templateId !== templateId);
  if (other) throw new PackageError(`项目“${other.name}”使用的模板与本单位其他项目不同，无法打包`, 'INVALID');

  progress(0, '审核');
  const report = auditUnitYear(projects, deptTarget, template, { ...(opts.contextFor ? { contextFor: opts.contextFor } : {}), ...(opts.config ? { config: opts.config } : {}) });
  const errors = report.findings.filter((f) => f.severity === 'error');
  if (errors.length) throw new PackageError(errorsMessage(errors), 'HAS_ERRORS');
  checkAbort(opts.signal);

  const now = (opts.now ?? (() => new Date()))();
  progress(1, '整理数据');
  const doc = makeInterchange({ units: [unit], projects, deptTargets: deptTarget ? [deptTarget] : [] }, APP_INFO, now);
  const enc = new TextEncoder();
  const members: Array<[string, Uint8Array]> = [
    [MEMBER_NAMES.filings, enc.encode(JSON.stringify(doc, null, 1))],
    [MEMBER_NAMES.audit, enc.encode(JSON.stringify(auditMember(report, opts.reviewAnswers), null, 1))],
  ];
  if (data.yearly) {
    const problems = yearlyProblems(data.yearly, unit.code, year, projects);
    if (problems.length) throw new PackageError(`绩效运行监控表或绩效自评表与绩效目标不一致，不能打包：${problems.join('；')}。请在表中删除已不在绩效目标中的指标行`, 'YEARLY');
    members.push([MEMBER_NAMES.yearly, enc.encode(JSON.stringify(data.yearly, null, 1))]);
  }
  if (data.settings) members.push([MEMBER_NAMES.settings, enc.encode(JSON.stringify(data.settings, null, 1))]);
  const bookBuilder = opts.book === undefined ? defaultBookBuilder : opts.book;
  if (bookBuilder) {
    progress(2, '生成 Word 文件');
    let book: Uint8Array;
    try {
      book = await bookBuilder(data, { signal: opts.signal });
    } catch (e) {
      if (opts.signal?.aborted) throw new PackageError('已取消', 'CANCELLED');
      throw new PackageError(`生成 Word 文件失败：${e instanceof Error ? e.message : String(e)}`, 'BOOK');
    }
    members.push([MEMBER_NAMES.book, book]);
  }
  checkAbort(opts.signal);
  progress(3, '压缩');
  const listed: PackageMember[] = members.map(([name, b]) => ({ name, sha256: sha256Hex(b), size: b.length }));
  const manifest: HandoverManifest = {
    format: HANDOVER_FORMAT,
    formatVersion: HANDOVER_VERSION,
    appVersion: APP_INFO.version,
    requiresApp: APP_INFO.version,
    unit: { code: unit.code, name: unit.name, supervisor: unit.supervisor },
    year,
    templateId,
    rulesetVersion: report.ruleset.version,
    createdAt: now.toISOString(),
    projectCount: projects.length,
    audit: { errors: report.summary.errors, warnings: report.summary.warnings, hints: report.summary.hints },
    members: listed,
    ...(opts.submissionNo !== undefined ? { submissionNo: opts.submissionNo } : {}),
  };
  const bytes = zipFiles([[MEMBER_NAMES.manifest, enc.encode(JSON.stringify(manifest, null, 1))], ...members], now);
  return { bytes, manifest, fileName: packageFileName(unit.code, unit.name, year, opts.submissionNo) };
}

/** Packs a unit-year into `outDir`, then reads the written file back and verifies it. */
export async function packUnitYear(store: FilingStore, opts: PackOptions): Promise<PackResult> {
  const data = readUnitYear(store, opts.unitCode, opts.year);
  const { bytes, manifest, fileName } = await buildPackage(data, opts);
  checkAbort(opts.signal);
  const path = join(opts.outDir, fileName);
  opts.onProgress?.({ done: 4, total: 5, stage: '写入' });
  await writeFileAtomic(path, bytes);
  opts.onProgress?.({ done: 4, total: 5, stage: '读回校验' });
  await verifyWritten(path, bytes);
  opts.onProgress?.({ done: 5, total: 5, stage: '完成' });
  return { path, fileName, sha256: sha256Hex(bytes), size: bytes.length, manifest };
}

/** Re-opens the written file, compares it with what was meant, re-hashes every member. */
export async function verifyWritten(path: string, expected: Uint8Array, open: (b: Uint8Array) => void = openPackageBytes): Promise<void> {
  let back: Uint8Array;
  try {
    back = new Uint8Array(await fs.readFile(path));
  } catch {
    throw new PackageError(`写入后无法读回“${path}”，U 盘可能已拔出或损坏，请重新打包`, 'VERIFY');
  }
  const same = back.length === expected.length && sha256Hex(back) === sha256Hex(expected);
  try {
    if (!same) throw new PackageError('内容与写入的不一致');
    open(back);
  } catch (e) {
    await fs.rm(path, { force: true }).catch(() => undefined);
    throw new PackageError(
      `写入后读回校验失败（${e instanceof Error ? e.message : String(e)}），已删除该文件。U 盘可能有故障，请换一个 U 盘重新打包`,
      'VERIFY',
    );
  }
}
