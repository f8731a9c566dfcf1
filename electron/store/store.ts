// FilingStore: the one typed repository over one SQLite file (better-sqlite3) that every
// caller uses; no connection leaves it. Every public write is one transaction; every
// object is validated before it is written. Concerns beside it: open.ts, fingerprint.ts,
// units.ts, projects.ts, dept-targets.ts, settings.ts, audit.ts, check-counts.ts,
// batch-import.ts, received.ts, submissions.ts, backup.ts.
import type Database from 'better-sqlite3';
import { deptTargetSchema, projectFilingSchema, unitSchema, type DeptTarget, type ProjectFiling, type ProjectFilingInput, type Unit } from '../../shared/model/filing.ts';
import { StoreError, toStoreError, validate } from './errors.ts';
import { currentVersion } from './migration-runner.ts';
import { createBackup, type BackupReason } from './backup-create.ts';
import { listBackups, type BackupInfo } from './backup-files.ts';
import { markClosed, markOpen } from './restore.ts';
import { checkIntegrity, openDatabase, readPragmas, type OpenOptions, type OpenedDatabase } from './open.ts';
import { AuditLog, type AuditEntry } from './audit.ts';
import { UnitTable, type OwnWork, type UnitInput } from './units.ts';
import { ProjectTable, type ProjectListRow, type StoredProject } from './projects.ts';
import { DeptTargetTable, type DeptTargetInput } from './dept-targets.ts';
import { SettingsTable } from './settings.ts';
import { CheckCountsCache, type CachedCheckCounts, type CheckCountsEntry, type ProjectListRowWithCounts } from './check-counts.ts';
import { importInSlicesOnOwnConnection, validateBatch, writeBatch, type ImportBatch, type ImportResult, type SlicedBatch } from './batch-import.ts';
import { ReceivedPackages } from './received.ts';
import { SubmissionTables } from './submissions.ts';
import { YearlyTables } from './yearly.ts';
import { UnitYearSettingsTable } from './unit-year-settings.ts';
import { ReviewTables } from './reviews.ts';

export type { OpenOptions } from './open.ts';
export type { OwnWork, UnitInput } from './units.ts';
export type { DeptTargetInput } from './dept-targets.ts';
export interface RevisedDeptTarget { target: DeptTarget; revision: number }
export type { StoredProject, ProjectListRow } from './projects.ts';
export type { CachedCheckCounts, CheckCounts, CheckCountsEntry, ProjectListRowWithCounts } from './check-counts.ts';
export type { ImportBatch, ImportResult } from './batch-import.ts';
export { diffValues, type AuditEntry } from './audit.ts';

export class FilingStore {
  readonly path: string;
  readonly backupDir: string;
  /** Problems met while opening that did not stop it (e.g. a failed daily backup), in Chinese. */
  readonly warnings: string[];
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly maxBackups: number;
  private readonly nativeBinding: string | undefined;
  private closed = false;
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly audit: AuditLog;
  private readonly units: UnitTable;
  private readonly projects: ProjectTable;
  private readonly deptTargets: DeptTargetTable;
  private readonly settings: SettingsTable;
  private readonly counts: CheckCountsCache;
  private receivedPackages: ReceivedPackages | undefined;
  private yearlyTables: YearlyTables | undefined;
  private submissionTables: SubmissionTables | undefined;
  private settingsTable: UnitYearSettingsTable | undefined;
  private reviewTables: ReviewTables | undefined;
  private readonly actor: string;
  /** A sliced import holds the transaction: other writes are refused, not joined to it. */
  private slicedImport = false;

  /** Opens (or creates) the database; see openDatabase in open.ts for the checks and backups. */
  static async open(file: string, opts: OpenOptions = {}): Promise<FilingStore> {
    const opened = await openDatabase(file, opts);
    try {
      return new FilingStore(opened);
    } catch (e) {
      opened.db.close();
      throw toStoreError(e, opened.path);
    }
  }

  private constructor(o: OpenedDatabase) {
    this.db = o.db;
    this.path = o.path;
    this.backupDir = o.backupDir;
    this.now = o.now;
    this.maxBackups = o.maxBackups;
    this.nativeBinding = o.nativeBinding;
    this.warnings = o.warnings;
    this.tx = o.db.transaction((fn: () => unknown) => fn());
    this.actor = o.actor;
    this.audit = new AuditLog(o.db, o.actor);
    this.units = new UnitTable(o.db, this.audit);
    this.projects = new ProjectTable(o.db, this.audit, this.units);
    this.deptTargets = new DeptTargetTable(o.db, this.audit, this.units);
    this.settings = new SettingsTable(o.db);
    this.counts = new CheckCountsCache(o.db);
    markOpen(o.path);
  }

  // ---- plumbing ----

  private ensureOpen(): void {
    if (this.closed) throw new StoreError('IO', `数据库已关闭：${this.path}`);
  }

  private guard<T>(fn: () => T): T {
    this.ensureOpen();
    try {
      return fn();
    } catch (e) {
      throw toStoreError(e, this.path);
    }
  }

  /** One IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
  private write<T>(fn: () => T): T {
    if (this.slicedImport) throw new StoreError('IO', '正在导入数据，数据库暂时不能修改，请稍后再试');
    return this.guard(() => this.tx.immediate(fn) as T);
  }

  /** Several store writes as ONE transaction (one user action: reorder …); the writes inside become savepoints. */
  transaction<T>(fn: () => T): T {
    return this.write(fn);
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  // ---- lifecycle ----

  close(): void {
    if (this.closed) return;
    this.closed = true;
    markClosed(this.path);
    this.db.close();
  }

  get schemaVersion(): number {
    return this.guard(() => currentVersion(this.db));
  }

  /** Backup now with the online backup API (reason `manual` by default). */
  async backupNow(reason: BackupReason = 'manual'): Promise<BackupInfo> {
    this.ensureOpen();
    return createBackup(this.db, this.path, reason, { backupDir: this.backupDir, now: this.now, maxBackups: this.maxBackups, nativeBinding: this.nativeBinding });
  }

  /** Connection settings in force (for diagnostics and tests). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
    return this.guard(() => readPragmas(this.db));
  }

  /** Full `PRAGMA integrity_check` of the open database. */
  checkIntegrity(): { ok: boolean; messages: string[] } {
    return this.guard(() => checkIntegrity(this.db));
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.path, this.backupDir);
  }

  // ---- units ----

  upsertUnit(input: UnitInput): Unit {
    const unit = validate(unitSchema, input, '单位');
    return this.write(() => {
      this.units.put(unit, this.stamp(), 'update');
      return unit;
    });
  }

  getUnit(code: string): Unit | null {
    return this.guard(() => this.units.get(code));
  }

  listUnits(): Unit[] {
    return this.guard(() => this.units.list());
  }

  /** Deletes a unit with its projects and 部门整体目标; the deleted data goes to the audit log. */
  deleteUnit(code: string): { projects: number; deptTargets: number } {
    return this.write(() => {
      const unit = this.units.get(code);
      if (!unit) throw new StoreError('NOT_FOUND', `单位 ${code} 不存在`);
      const at = this.stamp();
      const projects = this.projects.recordDeletionOfUnit(code, at);
      const deptTargets = this.deptTargets.recordDeletionOfUnit(code, at);
      this.units.delete(unit, at, 'delete');
      return { projects, deptTargets };
    });
  }

  /**
   * Deletes every unit marked `sample` and everything under them, in one transaction. Where the
   * 示例 units hold the office's own work (tables made, imported or edited there), nothing is
   * deleted unless `confirmOwnWork`: the result lists that work for the user to confirm.
   */
  removeSampleData(confirmOwnWork = false): { units: number; projects: number; deptTargets: number; ownWork: OwnWork[]; removed: boolean } {
    return this.write(() => {
      const ownWork = this.units.ownWorkInSamples();
      if (ownWork.length && !confirmOwnWork) return { units: 0, projects: 0, deptTargets: 0, ownWork, removed: false };
      const at = this.stamp();
      const units = this.units.samples();
      let projects = 0;
      let deptTargets = 0;
      for (const u of units) {
        // Every deleted table is in the audit log (a unit wrongly marked 示例 can be rebuilt from it).
        projects += this.projects.recordDeletionOfUnit(u.code, at);
        deptTargets += this.deptTargets.recordDeletionOfUnit(u.code, at);
        this.units.delete(u, at, 'remove-sample');
      }
      return { units: units.length, projects, deptTargets, ownWork, removed: true };
    });
  }

  // ---- projects ----

  /** Creates a project (revision 1) and returns it as stored; `seq` 0 (the default) means next in the book. */
  createProject(input: ProjectFilingInput): ProjectFiling {
    const filing = validate(projectFilingSchema, input, '项目');
    return this.write(() => this.projects.insert(filing, this.stamp(), 'create')).filing;
  }

  getProject(id: string): ProjectFiling | null {
    return this.getProjectRecord(id)?.filing ?? null;
  }

  /** The filing with its revision (pass it to `updateProject` as `expectedRevision`). */
  getProjectRecord(id: string): StoredProject | null {
    return this.guard(() => this.projects.record(id));
  }

  /**
   * Replaces a project. With `expectedRevision`, throws CONFLICT if someone saved since.
   * `seq` 0 keeps the current position. No change → no new revision, no audit rows.
   */
  updateProject(input: ProjectFilingInput, expectedRevision?: number): ProjectFiling {
    const filing = validate(projectFilingSchema, input, '项目');
    return this.write(() => this.projects.replace(filing, expectedRevision, this.stamp(), 'update')).filing;
  }

  deleteProject(id: string): void {
    this.write(() => this.projects.delete(id, this.stamp()));
  }

  /** Light rows of one unit-year book, ordered by seq. */
  listProjects(unitCode: string, year: number): ProjectListRow[] {
    return this.guard(() => this.projects.list(unitCode, year));
  }

  /** The full filings of one unit-year book, ordered by seq (one query); `recordsOfUnitYear` with their revisions. */
  projectsOfUnitYear(unitCode: string, year: number): ProjectFiling[] {
    return this.recordsOfUnitYear(unitCode, year).map((r) => r.filing);
  }

  recordsOfUnitYear(unitCode: string, year: number): StoredProject[] {
    return this.guard(() => this.projects.recordsOfUnitYear(unitCode, year));
  }

  /** The counts cached under `ruleset` for these projects, each with the revision and updated_at it was computed at. */
  cachedCheckCounts(ids: readonly string[], ruleset: string): Map<string, CachedCheckCounts> {
    return this.guard(() => this.counts.ofIds(ids, ruleset));
  }

  /** `listProjects`, each row with the counts stored (putCheckCounts) under `ruleset` for its current revision and
   * updated_at, else null. The key is the caller's: whatever decides the counts' meaning. */
  listProjectsWithCounts(unitCode: string, year: number, ruleset: string): ProjectListRowWithCounts[] {
    return this.guard(() => this.counts.list(unitCode, year, ruleset));
  }

  /**
   * Caches 审核 counts (one transaction, no audit rows). An entry whose project has since
   * changed revision or been deleted is skipped. Does not wait for another connection's
   * write lock: on a busy database this throws at once (SQLITE_BUSY as a StoreError), like
   * any other write error; the cache is disposable, so callers may ignore the failure.
   */
  putCheckCounts(ruleset: string, entries: readonly CheckCountsEntry[]): void {
    if (entries.length === 0) return;
    this.guard(() => this.counts.put(ruleset, entries, (fn) => this.write(fn)));
  }

  /** Years that have projects or a 部门整体目标 for the unit, ascending. */
  listYears(unitCode: string): number[] {
    return this.guard(() => this.projects.yearsOfUnit(unitCode));
  }

  /** All projects (optionally of one unit / year) in id order, read in pages (see ProjectTable.iterate). */
  iterateAllProjects(filter: { unitCode?: string; year?: number } = {}): Generator<ProjectFiling, void, undefined> {
    return this.projects.iterate(filter, (fn) => this.guard(fn));
  }

  // ---- 部门整体绩效目标 ----

  getDeptTarget(unitCode: string, year: number): DeptTarget | null {
    return this.guard(() => this.deptTargets.get(unitCode, year));
  }

  /** The target with its revision (null: none stored). */
  getDeptTargetRevised(unitCode: string, year: number): RevisedDeptTarget | null {
    return this.guard(() => {
      const target = this.deptTargets.get(unitCode, year);
      return target ? { target, revision: this.deptTargets.revision(unitCode, year) } : null;
    });
  }

  deleteDeptTarget(unitCode: string, year: number): void {
    this.write(() => this.deptTargets.delete(unitCode, year, this.stamp(), 'delete'));
  }

  /** Stores a target; with `expectedRevision` (0: none yet) refused as CONFLICT when it changed meanwhile. */
  putDeptTarget(input: DeptTargetInput, expectedRevision?: number): DeptTarget {
    return this.putDeptTargetRevised(input, expectedRevision).target;
  }

  putDeptTargetRevised(input: DeptTargetInput, expectedRevision?: number): RevisedDeptTarget {
    const t = validate(deptTargetSchema, input, '部门整体绩效目标');
    return this.write(() => ({ target: t, revision: this.deptTargets.put(t, this.stamp(), 'update', expectedRevision) }));
  }

  // ---- bulk, received packages ----

  /** Imports units, projects (new or replaced), 部门整体目标 in one transaction: any invalid item stores nothing. */
  importBatch(batch: ImportBatch): ImportResult {
    const valid = validateBatch(batch);
    const tables = { units: this.units, projects: this.projects, deptTargets: this.deptTargets };
    return this.write(() => writeBatch(tables, valid, this.stamp()));
  }

  /**
   * importBatch for a large batch (a whole database's interchange file) in ~20 ms slices inside ONE
   * transaction (all or nothing) on a second connection: readers meanwhile see the old state, then
   * all of it; other writes meanwhile are refused at once, never joined to it.
   */
  async importBatchInSlices(batch: SlicedBatch, pause: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<ImportResult> {
    this.ensureOpen();
    if (this.slicedImport) throw new StoreError('IO', '正在导入数据，请等这次导入完成');
    this.slicedImport = true;
    try {
      return await importInSlicesOnOwnConnection({ dbPath: this.path, nativeBinding: this.nativeBinding, actor: this.actor, stamp: () => this.stamp(), pause }, batch);
    } finally {
      this.slicedImport = false;
    }
  }

  /** What a concern module writes, reads and stamps with (the store's own transaction and guard). */
  private access(): { write: <T>(fn: () => T) => T; read: <T>(fn: () => T) => T; stamp: () => string } {
    return { write: (fn) => this.write(fn), read: (fn) => this.guard(fn), stamp: () => this.stamp() };
  }

  /** 绩效运行监控 / 绩效自评 forms, 调整绩效目标 records and (`.dept`) 部门整体绩效自评表 of this database (yearly.ts). */
  get yearly(): YearlyTables {
    this.ensureOpen();
    return (this.yearlyTables ??= new YearlyTables(this.db, { ...this.access(), actor: this.actor }));
  }

  /** 表样, 指标体系 and 审核规则 of each unit-year (unit-year-settings.ts). */
  get unitYearSettings(): UnitYearSettingsTable {
    this.ensureOpen();
    return (this.settingsTable ??= new UnitYearSettingsTable(this.db, { ...this.access(), audit: this.audit }));
  }

  /** The review loop: reviews, comments, return packages, answers (reviews.ts). */
  get reviews(): ReviewTables {
    this.ensureOpen();
    return (this.reviewTables ??= new ReviewTables(this.db, this.access()));
  }

  /** The received handover packages and read-only marks of this database (received.ts). */
  /** The handover packages written for each unit-year and the tables they packed (submissions.ts). */
  get submissions(): SubmissionTables {
    this.ensureOpen();
    return (this.submissionTables ??= new SubmissionTables(this.db, this.access()));
  }

  get received(): ReceivedPackages {
    this.ensureOpen();
    return (this.receivedPackages ??= new ReceivedPackages(this.db, (fn) => this.guard(fn), () => this.ensureOpen()));
  }

  // ---- audit log, settings ----

  /** One audit entry for a service's action that is not a change of a row here (e.g. which received version is current). */
  logEvent(action: string, entity: AuditEntry['entity'], entityId: string, oldValue: unknown, newValue: unknown): void {
    this.write(() => this.audit.record(this.stamp(), action, entity, entityId, '', oldValue, newValue));
  }

  /** Audit rows (of one entity if given), oldest first; at most the newest `limit`. */
  auditLog(entityId?: string, limit = 10_000): AuditEntry[] {
    return this.guard(() => this.audit.read(entityId, limit));
  }

  getSetting(key: string): string | null {
    return this.guard(() => this.settings.get(key));
  }

  /** `null` removes the setting. */
  setSetting(key: string, value: string | null): void {
    this.write(() => this.settings.set(key, value));
  }
}
