// The filing store: one SQLite file (better-sqlite3), one JSON document per project.
// Every public write is one transaction; every object is validated before it is written.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z, toJSONSchema as zJsonSchema } from 'zod';
import { createHash } from 'node:crypto';
import {
  PERIOD_KEYS,
  deptTargetSchema,
  projectFilingSchema,
  unitSchema,
  type DeptTarget,
  type ProjectFiling,
  type ProjectFilingInput,
  type Unit,
} from '../../shared/model/filing.ts';
import { StoreError, formatPath, invalidError, toStoreError, zhErrorMap } from './errors.ts';
import {
  MIGRATIONS,
  applyMigrations,
  checkMigrationList,
  currentVersion,
  latestVersion,
  pendingMigrations,
  tooNewError,
  userTables,
  type Migration,
} from './migrations.ts';
import {
  createBackup,
  dailyBackupDue,
  defaultBackupDir,
  fsyncDir,
  fsyncFile,
  FULL_CHECK_ON_OPEN_LIMIT,
  inspectDatabaseFile,
  listBackups,
  markClosed,
  markOpen,
  DEFAULT_MAX_BACKUPS,
  type BackupInfo,
  type BackupReason,
} from './backup.ts';

type DB = Database.Database;

export type UnitInput = z.input<typeof unitSchema>;
export type DeptTargetInput = z.input<typeof deptTargetSchema>;

export interface OpenOptions {
  /** Default `<dbdir>/backups`. */
  backupDir?: string;
  /** Clock for timestamps and backup scheduling (tests inject one). */
  now?: () => Date;
  /** Backups kept (default 10, at least 1). */
  maxBackups?: number;
  /** Migration list (tests only); default the real one. */
  migrations?: readonly Migration[];
  /** Recorded in the audit log. Default 'user'. */
  actor?: string;
  /** Take the daily backup on open (default true). */
  dailyBackup?: boolean;
  /** better-sqlite3 native addon to load (Electron's ABI build); default the one in node_modules. */
  nativeBinding?: string;
}

export interface StoredProject {
  filing: ProjectFiling;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectListRow {
  id: string;
  seq: number;
  name: string;
  templateId: string;
  status: ProjectFiling['status'];
  /** 预算数 (funding.total) of the last period the filing has, in 分; null if blank. */
  budget: number | null;
  /** Indicator rows over all periods. */
  indicatorCount: number;
  revision: number;
  updatedAt: string;
}

/**
 * A project's 审核 counts for the project list, as the caller computed them (the store
 * knows no rules): errors, warnings, warnings without a 说明, and carried-over marks.
 */
export interface CheckCounts {
  errors: number;
  warnings: number;
  openWarnings: number;
  carried: number;
}

export interface ProjectListRowWithCounts extends ProjectListRow {
  /** The cached counts, or null when none were stored for this revision and ruleset. */
  counts: CheckCounts | null;
}

/** Counts to cache for one project, computed from the filing at `revision` / `updatedAt`. */
export interface CheckCountsEntry {
  id: string;
  revision: number;
  updatedAt: string;
  counts: CheckCounts;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  entity: 'unit' | 'project' | 'dept_target';
  entityId: string;
  /** Field path such as `periods.annual.indicators[3].value`; '' for the whole object. */
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface ImportBatch {
  units?: readonly UnitInput[];
  projects?: readonly ProjectFilingInput[];
  deptTargets?: readonly DeptTargetInput[];
}

export interface ImportResult {
  units: number;
  projects: number;
  deptTargets: number;
}

const BUSY_TIMEOUT_MS = 5000;
const PAGE = 200;

function validate<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const r = schema.safeParse(value, { error: zhErrorMap, reportInput: true });
  if (!r.success) throw invalidError(what, r.error.issues);
  return r.data;
}

// ---- diff for the audit log ----

export interface FieldChange {
  path: string;
  oldValue: unknown;
  newValue: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Changed leaf paths between two JSON values (arrays compared by index). */
export function diffValues(a: unknown, b: unknown, at: PropertyKey[] = [], out: FieldChange[] = []): FieldChange[] {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) diffValues(a[i], b[i], [...at, i], out);
  } else if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) diffValues(a[k], b[k], [...at, k], out);
  } else if (a !== b && !(a === undefined && b === null) && !(a === null && b === undefined)) {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: formatPath(at), oldValue: a ?? null, newValue: b ?? null });
  }
  return out;
}

function projectStats(f: ProjectFiling): { indicatorCount: number; budgetTotal: number | null } {
  let indicatorCount = 0;
  let last: (typeof f.periods)[keyof typeof f.periods];
  for (const k of PERIOD_KEYS) {
    const p = f.periods[k];
    if (p) {
      indicatorCount += p.indicators.length;
      last = p;
    }
  }
  return { indicatorCount, budgetTotal: last?.funding.total ?? null };
}

/** Units keep the whole validated object in `data` (new model fields need no migration). */
interface UnitRow {
  code: string;
  data: string;
}
function rowToUnit(r: UnitRow): Unit {
  const res = unitSchema.safeParse(JSON.parse(r.data), { error: zhErrorMap });
  if (!res.success) {
    const msg = invalidError('', res.error.issues).message;
    throw new StoreError('CORRUPT', `数据库中单位 ${r.code} 的数据无法读取（${msg}），可从备份恢复（见 backups 命令）`);
  }
  return res.data;
}

interface ProjectRow {
  id: string;
  data: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

function createEmptyDatabase(dbPath: string, migrations: readonly Migration[], now: () => Date, nativeBinding?: string): void {
  const dir = path.dirname(dbPath);
  const tmp = path.join(dir, `.${path.basename(dbPath)}.new-${process.pid}-${Date.now()}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const db = new Database(tmp, { nativeBinding });
    try {
      applyPragmas(db);
      applyMigrations(db, migrations, now);
    } finally {
      db.close(); // checkpoints and removes tmp-wal / tmp-shm
    }
    fsyncFile(tmp);
    // Created complete under a temp name: a crash never leaves a 0-byte or half-made database.
    fs.renameSync(tmp, dbPath);
    fsyncDir(dir);
  } catch (e) {
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) {
      try {
        fs.rmSync(f, { force: true });
      } catch {
        // best effort
      }
    }
    throw toStoreError(e, dbPath);
  }
}

function applyPragmas(db: DB): void {
  const mode = db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new StoreError('IO', `无法启用数据库日志模式（WAL），当前为 ${String(mode)}`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
}

/** Every statement, prepared once per connection. */
function prepareStatements(db: DB) {
  const p = (sql: string) => db.prepare(sql);
  return {
    getUnit: p('SELECT code, data FROM units WHERE code = ?'),
    listUnits: p('SELECT code, data FROM units ORDER BY code'),
    upsertUnit: p(`INSERT INTO units (code, name, supervisor_code, supervisor_name, sample, data, created_at, updated_at)
      VALUES (@code, @name, @supervisor_code, @supervisor_name, @sample, @data, @at, @at)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, supervisor_code = excluded.supervisor_code,
        supervisor_name = excluded.supervisor_name, sample = excluded.sample, data = excluded.data,
        updated_at = excluded.updated_at`),
    deleteUnit: p('DELETE FROM units WHERE code = ?'),
    sampleUnits: p('SELECT code, data FROM units WHERE sample = 1'),
    getProject: p('SELECT id, data, revision, created_at, updated_at FROM projects WHERE id = ?'),
    projectRevision: p('SELECT revision FROM projects WHERE id = ?'),
    insertProject: p(`INSERT INTO projects (id, unit_code, year, seq, template_id, status, name, data,
        indicator_count, budget_total, revision, created_at, updated_at)
      VALUES (@id, @unit_code, @year, @seq, @template_id, @status, @name, @data,
        @indicator_count, @budget_total, 1, @at, @at)`),
    updateProject: p(`UPDATE projects SET unit_code = @unit_code, year = @year, seq = @seq,
        template_id = @template_id, status = @status, name = @name, data = @data,
        indicator_count = @indicator_count, budget_total = @budget_total,
        revision = revision + 1, updated_at = @at
      WHERE id = @id`),
    deleteProject: p('DELETE FROM projects WHERE id = ?'),
    nextSeq: p('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM projects WHERE unit_code = ? AND year = ?'),
    listProjects: p(`SELECT id, seq, name, template_id, status, budget_total, indicator_count, revision, updated_at
      FROM projects WHERE unit_code = ? AND year = ? ORDER BY seq, id`),
    projectsOfUnit: p('SELECT id, data, revision, created_at, updated_at FROM projects WHERE unit_code = ? ORDER BY id'),
    countProjectsOfUnit: p('SELECT COUNT(*) AS n FROM projects WHERE unit_code = ?'),
    pageProjects: p(`SELECT id, data, revision, created_at, updated_at FROM projects
      WHERE id > @after AND (@unit IS NULL OR unit_code = @unit) AND (@year IS NULL OR year = @year)
      ORDER BY id LIMIT @limit`),
    listYears: p(`SELECT year FROM projects WHERE unit_code = @unit
      UNION SELECT year FROM dept_targets WHERE unit_code = @unit ORDER BY year`),
    getDept: p('SELECT data FROM dept_targets WHERE unit_code = ? AND year = ?'),
    deptOfUnit: p('SELECT unit_code, year, data FROM dept_targets WHERE unit_code = ? ORDER BY year'),
    countDeptOfUnit: p('SELECT COUNT(*) AS n FROM dept_targets WHERE unit_code = ?'),
    putDept: p(`INSERT INTO dept_targets (unit_code, year, data, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (unit_code, year) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
    audit: p(`INSERT INTO audit_log (at, actor, action, entity, entity_id, path, old_value, new_value)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    auditAll: p('SELECT * FROM (SELECT * FROM audit_log ORDER BY id DESC LIMIT ?) ORDER BY id'),
    auditOf: p('SELECT * FROM (SELECT * FROM audit_log WHERE entity_id = ? ORDER BY id DESC LIMIT ?) ORDER BY id'),
    getSetting: p('SELECT value FROM settings WHERE key = ?'),
    setSetting: p(`INSERT INTO settings (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
    deleteSetting: p('DELETE FROM settings WHERE key = ?'),
  };
}
type Statements = ReturnType<typeof prepareStatements>;

/** Columns of a project list row as SQLite returns them. */
interface ListRowColumns {
  id: string;
  seq: number;
  name: string;
  template_id: string;
  status: ProjectFiling['status'];
  budget_total: number | null;
  indicator_count: number;
  revision: number;
  updated_at: string;
}

/** The cached 审核 counts joined to a list row (all null when none are valid). */
interface CountColumns {
  cached: string | null;
  errors: number | null;
  warnings: number | null;
  open_warnings: number | null;
  carried: number | null;
}

function listRow(r: ListRowColumns): ProjectListRow {
  return {
    id: r.id,
    seq: r.seq,
    name: r.name,
    templateId: r.template_id,
    status: r.status,
    budget: r.budget_total,
    indicatorCount: r.indicator_count,
    revision: r.revision,
    updatedAt: r.updated_at,
  };
}

/**
 * The statements on the 审核 counts cache (migration 3), prepared on first use: a store
 * opened with an older migration list (tests) has no such table, and must still open.
 */
function prepareCountStatements(db: DB) {
  const p = (sql: string) => db.prepare(sql);
  return {
    // A cache row counts only for the project's current revision and updated_at and the
    // caller's ruleset; anything else reads as no counts (c.project_id IS NULL).
    listWithCounts: p(`SELECT p.id, p.seq, p.name, p.template_id, p.status, p.budget_total, p.indicator_count,
        p.revision, p.updated_at, c.project_id AS cached, c.errors, c.warnings, c.open_warnings, c.carried
      FROM projects p LEFT JOIN project_check_counts c
        ON c.project_id = p.id AND c.revision = p.revision AND c.updated_at = p.updated_at AND c.ruleset = @ruleset
      WHERE p.unit_code = @unit AND p.year = @year ORDER BY p.seq, p.id`),
    // Written only while the project is still at the revision the counts were computed
    // from (another connection may have saved or deleted it since).
    putCounts: p(`INSERT OR REPLACE INTO project_check_counts
        (project_id, revision, updated_at, ruleset, errors, warnings, open_warnings, carried)
      SELECT id, revision, updated_at, @ruleset, @errors, @warnings, @open_warnings, @carried FROM projects
      WHERE id = @id AND revision = @revision AND updated_at = @updated_at`),
  };
}
type CountStatements = ReturnType<typeof prepareCountStatements>;

/**
 * Fingerprint of the stored document shapes. Rows are validated when written and read
 * back without re-validation (that is what keeps 审核 of 10,000 projects under a second);
 * when the model changes (a field added with a default, say), the fingerprint changes and
 * the next open rewrites every stored document through the schemas once, after a backup.
 */
const MODEL_FINGERPRINT = createHash('sha256')
  .update(JSON.stringify([projectFilingSchema, unitSchema, deptTargetSchema].map((sc) => zJsonSchema(sc, { io: 'output' }))))
  .digest('hex')
  .slice(0, 16);
const FINGERPRINT_KEY = 'model_fingerprint';

function storedFingerprint(db: DB): string | null {
  const r = db.prepare('SELECT value FROM settings WHERE key = ?').get(FINGERPRINT_KEY) as { value: string } | undefined;
  return r?.value ?? null;
}

/** Rewrites every stored document through the current schemas (one transaction). */
function normaliseStoredData(db: DB): void {
  const tables: Array<[string, string, z.ZodType]> = [
    ['projects', 'id', projectFilingSchema],
    ['units', 'code', unitSchema],
    ['dept_targets', 'rowid', deptTargetSchema],
  ];
  db.transaction(() => {
    for (const [table, key, schema] of tables) {
      const rows = db.prepare(`SELECT ${key} AS k, data FROM ${table}`).all() as Array<{ k: unknown; data: string }>;
      const upd = db.prepare(`UPDATE ${table} SET data = ? WHERE ${key} = ?`);
      for (const r of rows) {
        const parsed = schema.safeParse(JSON.parse(r.data));
        if (!parsed.success) {
          throw new StoreError('CORRUPT', `数据库中的数据不符合本程序的格式（${table} ${String(r.k)}），可从备份恢复（见 backups 命令）`);
        }
        const json = JSON.stringify(parsed.data);
        if (json !== r.data) upd.run(json, r.k);
      }
    }
    // Documents were rewritten without a new revision: cached 审核 counts may be stale.
    if (db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'project_check_counts'`).get()) {
      db.exec('DELETE FROM project_check_counts');
    }
    db.prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
      FINGERPRINT_KEY,
      MODEL_FINGERPRINT,
    );
  })();
}

/** For a large file checked by header only: refuse before anything is written. */
function checkOwnDatabase(db: DB, file: string, migrations: readonly Migration[]): void {
  const version = currentVersion(db);
  const known = latestVersion(migrations);
  if (version > known) throw tooNewError(version, known);
  if (version === 0 && userTables(db).length > 0) {
    throw new StoreError('NOT_SQLITE', `文件不是本程序的数据库（是其他程序的 SQLite 数据库）：${file}`);
  }
}

export class FilingStore {
  readonly path: string;
  readonly backupDir: string;
  private readonly db: DB;
  private readonly now: () => Date;
  private readonly actor: string;
  private readonly maxBackups: number;
  private closed = false;
  /** Problems met while opening that did not stop it (e.g. a failed daily backup), in Chinese. */
  readonly warnings: string[] = [];
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;
  private readonly s: Statements;
  private countStatements: CountStatements | undefined;

  /**
   * Opens (or creates) the database. An existing file is first checked read-only and
   * refused without being touched if it is not SQLite (NOT_SQLITE), damaged or empty
   * (CORRUPT), or from a newer program (TOO_NEW). Pending migrations on a database with
   * data are preceded by a `pre-migration` backup; a `daily` backup is taken when the
   * newest backup is at least 24 h old.
   */
  static async open(file: string, opts: OpenOptions = {}): Promise<FilingStore> {
    const dbPath = path.resolve(file);
    const migrations = opts.migrations ?? MIGRATIONS;
    checkMigrationList(migrations);
    const now = opts.now ?? (() => new Date());
    const backupOpts = {
      backupDir: opts.backupDir ?? defaultBackupDir(dbPath),
      now,
      maxBackups: opts.maxBackups ?? DEFAULT_MAX_BACKUPS,
    };

    let hasData = false;
    let light = false;
    if (fs.existsSync(dbPath)) {
      const check = inspectDatabaseFile(dbPath, { migrations, lightAbove: FULL_CHECK_ON_OPEN_LIMIT });
      hasData = check.hasData;
      light = check.light === true;
    } else createEmptyDatabase(dbPath, migrations, now, opts.nativeBinding);

    let db: DB;
    try {
      db = new Database(dbPath, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS, nativeBinding: opts.nativeBinding });
    } catch (e) {
      throw toStoreError(e, dbPath);
    }
    try {
      if (light) checkOwnDatabase(db, dbPath, migrations);
      applyPragmas(db);
      const pending = pendingMigrations(db, migrations);
      if (pending.length > 0 && hasData) await createBackup(db, dbPath, 'pre-migration', backupOpts);
      applyMigrations(db, pending, now);
      if (storedFingerprint(db) !== MODEL_FINGERPRINT) {
        if (hasData && pending.length === 0) await createBackup(db, dbPath, 'pre-migration', backupOpts);
        normaliseStoredData(db);
      }
      const warnings: string[] = [];
      if (hasData && opts.dailyBackup !== false && dailyBackupDue(dbPath, backupOpts.backupDir, now())) {
        // A failed daily backup must not lock the user out of their data: report it instead.
        try {
          await createBackup(db, dbPath, 'daily', backupOpts);
        } catch (e) {
          warnings.push(e instanceof Error ? e.message : String(e));
        }
      }
      const store = new FilingStore(db, dbPath, backupOpts.backupDir, now, opts.actor ?? 'user', backupOpts.maxBackups);
      store.warnings.push(...warnings);
      return store;
    } catch (e) {
      db.close();
      throw toStoreError(e, dbPath);
    }
  }

  private constructor(db: DB, dbPath: string, backupDir: string, now: () => Date, actor: string, maxBackups: number) {
    this.db = db;
    this.path = dbPath;
    this.backupDir = backupDir;
    this.now = now;
    this.actor = actor;
    this.maxBackups = maxBackups;
    this.tx = db.transaction((fn: () => unknown) => fn());
    this.s = prepareStatements(db);
    markOpen(dbPath);
  }

  // ---- plumbing ----

  private guard<T>(fn: () => T): T {
    if (this.closed) throw new StoreError('IO', `数据库已关闭：${this.path}`);
    try {
      return fn();
    } catch (e) {
      throw toStoreError(e, this.path);
    }
  }

  /** One IMMEDIATE transaction (takes the write lock up front: no upgrade deadlocks). */
  private write<T>(fn: () => T): T {
    return this.guard(() => this.tx.immediate(fn) as T);
  }

  /**
   * Runs several store writes as ONE transaction (one user action: reorder, a received
   * package replacing a unit-year …); the writes inside become savepoints.
   */
  transaction<T>(fn: () => T): T {
    return this.write(fn);
  }

  /**
   * The connection, for store-layer modules that own tables of their own (the handover's
   * received-package history, migration 2). Everything else goes through the methods.
   */
  get connection(): DB {
    if (this.closed) throw new StoreError('IO', `数据库已关闭：${this.path}`);
    return this.db;
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  private log(at: string, action: string, entity: AuditEntry['entity'], id: string, p: string, oldV: unknown, newV: unknown): void {
    this.s.audit.run(
      at,
      this.actor,
      action,
      entity,
      id,
      p,
      oldV === undefined ? null : JSON.stringify(oldV),
      newV === undefined ? null : JSON.stringify(newV),
    );
  }

  private logDiff(at: string, action: string, entity: AuditEntry['entity'], id: string, oldV: unknown, newV: unknown): number {
    const changes = diffValues(oldV, newV);
    for (const c of changes) this.log(at, action, entity, id, c.path, c.oldValue, c.newValue);
    return changes.length;
  }

  private parseProjectRow(r: ProjectRow): StoredProject {
    let raw: unknown;
    try {
      raw = JSON.parse(r.data);
    } catch {
      raw = undefined;
    }
    // Validated when written; the model fingerprint (see MODEL_FINGERPRINT) keeps stored
    // documents in the current shape, so a read only checks that the row is the document.
    const filing = raw as ProjectFiling | undefined;
    if (!filing || typeof filing !== 'object' || filing.id !== r.id || typeof filing.periods !== 'object') {
      throw new StoreError('CORRUPT', `数据库中项目 ${r.id} 的数据无法读取，可从备份恢复（见 backups 命令）`);
    }
    return { filing, revision: r.revision, createdAt: r.created_at, updatedAt: r.updated_at };
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
    if (this.closed) throw new StoreError('IO', `数据库已关闭：${this.path}`);
    return createBackup(this.db, this.path, reason, {
      backupDir: this.backupDir,
      now: this.now,
      maxBackups: this.maxBackups,
    });
  }

  /** Connection settings in force (for diagnostics and tests). */
  pragmas(): { journalMode: string; synchronous: number; foreignKeys: number; busyTimeout: number } {
    return this.guard(() => ({
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      foreignKeys: Number(this.db.pragma('foreign_keys', { simple: true })),
      busyTimeout: Number(this.db.pragma('busy_timeout', { simple: true })),
    }));
  }

  /** Full `PRAGMA integrity_check` of the open database. */
  checkIntegrity(): { ok: boolean; messages: string[] } {
    return this.guard(() => {
      const rows = this.db.pragma('integrity_check(100)') as Record<string, unknown>[];
      const messages = rows.map((r) => String(Object.values(r)[0]));
      return { ok: messages.length === 1 && messages[0] === 'ok', messages };
    });
  }

  listBackups(): BackupInfo[] {
    return listBackups(this.path, this.backupDir);
  }

  // ---- units ----

  private putUnit(unit: Unit, at: string, action: string): void {
    const old = this.s.getUnit.get(unit.code) as UnitRow | undefined;
    this.s.upsertUnit.run({
      code: unit.code,
      name: unit.name,
      supervisor_code: unit.supervisor?.code ?? null,
      supervisor_name: unit.supervisor?.name ?? null,
      sample: unit.sample ? 1 : 0,
      data: JSON.stringify(unit),
      at,
    });
    if (old) this.logDiff(at, action, 'unit', unit.code, rowToUnit(old), unit);
    else this.log(at, action === 'import' ? 'import' : 'create', 'unit', unit.code, '', null, unit);
  }

  upsertUnit(input: UnitInput): Unit {
    const unit = validate(unitSchema, input, '单位');
    return this.write(() => {
      this.putUnit(unit, this.stamp(), 'update');
      return unit;
    });
  }

  getUnit(code: string): Unit | null {
    return this.guard(() => {
      const r = this.s.getUnit.get(code) as UnitRow | undefined;
      return r ? rowToUnit(r) : null;
    });
  }

  listUnits(): Unit[] {
    return this.guard(() => (this.s.listUnits.all() as UnitRow[]).map(rowToUnit));
  }

  /** Deletes a unit with its projects and 部门整体目标; the deleted data goes to the audit log. */
  deleteUnit(code: string): { projects: number; deptTargets: number } {
    return this.write(() => {
      const r = this.s.getUnit.get(code) as UnitRow | undefined;
      if (!r) throw new StoreError('NOT_FOUND', `单位 ${code} 不存在`);
      const at = this.stamp();
      const projects = this.s.projectsOfUnit.all(code) as ProjectRow[];
      for (const p of projects) this.log(at, 'delete', 'project', p.id, '', JSON.parse(p.data), null);
      const depts = this.s.deptOfUnit.all(code) as { unit_code: string; year: number; data: string }[];
      for (const d of depts) this.log(at, 'delete', 'dept_target', `${d.unit_code}/${d.year}`, '', JSON.parse(d.data), null);
      this.log(at, 'delete', 'unit', code, '', rowToUnit(r), null);
      this.s.deleteUnit.run(code); // cascades
      return { projects: projects.length, deptTargets: depts.length };
    });
  }

  /** Deletes every unit marked `sample` and everything under them, in one transaction. */
  removeSampleData(): { units: number; projects: number; deptTargets: number } {
    return this.write(() => {
      const at = this.stamp();
      const units = this.s.sampleUnits.all() as UnitRow[];
      let projects = 0;
      let deptTargets = 0;
      for (const u of units) {
        projects += (this.s.countProjectsOfUnit.get(u.code) as { n: number }).n;
        deptTargets += (this.s.countDeptOfUnit.get(u.code) as { n: number }).n;
        // Sample data is reproducible: log the unit only, not every project's content.
        this.log(at, 'remove-sample', 'unit', u.code, '', rowToUnit(u), null);
        this.s.deleteUnit.run(u.code);
      }
      return { units: units.length, projects, deptTargets };
    });
  }

  // ---- projects ----

  private requireUnit(code: string): void {
    if (!this.s.getUnit.get(code)) throw new StoreError('NOT_FOUND', `单位 ${code} 不存在，请先添加该单位`);
  }

  private projectParams(f: ProjectFiling, at: string) {
    const stats = projectStats(f);
    return {
      id: f.id,
      unit_code: f.unitCode,
      year: f.year,
      seq: f.seq,
      template_id: f.templateId,
      status: f.status,
      name: f.name,
      data: JSON.stringify(f),
      indicator_count: stats.indicatorCount,
      budget_total: stats.budgetTotal,
      at,
    };
  }

  private insertProject(filing: ProjectFiling, at: string, action: string): StoredProject {
    this.requireUnit(filing.unitCode);
    if (this.s.projectRevision.get(filing.id)) {
      throw new StoreError('CONFLICT', `项目标识 ${filing.id} 已存在`);
    }
    const f: ProjectFiling =
      filing.seq > 0 ? filing : { ...filing, seq: (this.s.nextSeq.get(filing.unitCode, filing.year) as { n: number }).n };
    this.s.insertProject.run(this.projectParams(f, at));
    this.log(at, action, 'project', f.id, '', null, f);
    return { filing: f, revision: 1, createdAt: at, updatedAt: at };
  }

  private replaceProject(filing: ProjectFiling, expectedRevision: number | undefined, at: string, action: string): StoredProject {
    const row = this.s.getProject.get(filing.id) as ProjectRow | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `项目 ${filing.id} 不存在（可能已被删除）`);
    if (expectedRevision !== undefined && row.revision !== expectedRevision) {
      throw new StoreError(
        'CONFLICT',
        `项目“${filing.name || filing.id}”已被修改（当前版本 ${row.revision}，您编辑的是版本 ${expectedRevision}），请刷新后重试`,
      );
    }
    const old = this.parseProjectRow(row);
    let f = filing;
    if (f.seq === 0) {
      const sameBook = old.filing.unitCode === f.unitCode && old.filing.year === f.year;
      f = { ...f, seq: sameBook ? old.filing.seq : (this.s.nextSeq.get(f.unitCode, f.year) as { n: number }).n };
    }
    if (f.unitCode !== old.filing.unitCode) this.requireUnit(f.unitCode);
    const changes = diffValues(old.filing, f);
    if (changes.length === 0) return old;
    this.s.updateProject.run(this.projectParams(f, at));
    for (const c of changes) this.log(at, action, 'project', f.id, c.path, c.oldValue, c.newValue);
    return { filing: f, revision: row.revision + 1, createdAt: row.created_at, updatedAt: at };
  }

  /**
   * Creates a project (revision 1) and returns it as stored. `seq` 0 (the default) means
   * "next in the unit-year book".
   */
  createProject(input: ProjectFilingInput): ProjectFiling {
    const filing = validate(projectFilingSchema, input, '项目');
    return this.write(() => this.insertProject(filing, this.stamp(), 'create')).filing;
  }

  getProject(id: string): ProjectFiling | null {
    return this.getProjectRecord(id)?.filing ?? null;
  }

  /** The filing with its revision (pass it to `updateProject` as `expectedRevision`). */
  getProjectRecord(id: string): StoredProject | null {
    return this.guard(() => {
      const r = this.s.getProject.get(id) as ProjectRow | undefined;
      return r ? this.parseProjectRow(r) : null;
    });
  }

  /**
   * Replaces a project. With `expectedRevision`, throws CONFLICT if someone saved since.
   * `seq` 0 keeps the current position. No change → no new revision, no audit rows.
   */
  updateProject(input: ProjectFilingInput, expectedRevision?: number): ProjectFiling {
    const filing = validate(projectFilingSchema, input, '项目');
    return this.write(() => this.replaceProject(filing, expectedRevision, this.stamp(), 'update')).filing;
  }

  deleteProject(id: string): void {
    this.write(() => {
      const row = this.s.getProject.get(id) as ProjectRow | undefined;
      if (!row) throw new StoreError('NOT_FOUND', `项目 ${id} 不存在（可能已被删除）`);
      this.log(this.stamp(), 'delete', 'project', id, '', JSON.parse(row.data), null);
      this.s.deleteProject.run(id);
    });
  }

  /** Light rows of one unit-year book, ordered by seq. */
  listProjects(unitCode: string, year: number): ProjectListRow[] {
    return this.guard(() => (this.s.listProjects.all(unitCode, year) as ListRowColumns[]).map(listRow));
  }

  /** The full filings of one unit-year book, ordered by seq (rows that vanish meanwhile are skipped). */
  projectsOfUnitYear(unitCode: string, year: number): ProjectFiling[] {
    return this.guard(() =>
      this.listProjects(unitCode, year)
        .map((r) => this.getProject(r.id))
        .filter((p): p is ProjectFiling => p !== null),
    );
  }

  private get sc(): CountStatements {
    return (this.countStatements ??= prepareCountStatements(this.db));
  }

  /**
   * `listProjects` with each row's cached 审核 counts: `counts` is null unless counts were
   * stored (putCheckCounts) for the project's current revision and updated_at under the
   * same `ruleset` key. The key is the caller's: whatever decides the counts' meaning.
   */
  listProjectsWithCounts(unitCode: string, year: number, ruleset: string): ProjectListRowWithCounts[] {
    return this.guard(() =>
      (this.sc.listWithCounts.all({ unit: unitCode, year, ruleset }) as Array<ListRowColumns & CountColumns>).map((r) => ({
        ...listRow(r),
        counts:
          r.cached === null
            ? null
            : { errors: r.errors ?? 0, warnings: r.warnings ?? 0, openWarnings: r.open_warnings ?? 0, carried: r.carried ?? 0 },
      })),
    );
  }

  /**
   * Caches 审核 counts (one transaction, no audit rows). An entry whose project has since
   * changed revision or been deleted is skipped. Does not wait for another connection's
   * write lock: on a busy database this throws at once (SQLITE_BUSY as a StoreError), like
   * any other write error; the cache is disposable, so callers may ignore the failure.
   */
  putCheckCounts(ruleset: string, entries: readonly CheckCountsEntry[]): void {
    if (entries.length === 0) return;
    this.guard(() => {
      const put = this.sc.putCounts;
      const busy = Number(this.db.pragma('busy_timeout', { simple: true }));
      this.db.pragma('busy_timeout = 0');
      try {
        this.write(() => {
          for (const e of entries) {
            put.run({
              id: e.id,
              revision: e.revision,
              updated_at: e.updatedAt,
              ruleset,
              errors: e.counts.errors,
              warnings: e.counts.warnings,
              open_warnings: e.counts.openWarnings,
              carried: e.counts.carried,
            });
          }
        });
      } finally {
        this.db.pragma(`busy_timeout = ${busy}`);
      }
    });
  }

  /** Years that have projects or a 部门整体目标 for the unit, ascending. */
  listYears(unitCode: string): number[] {
    return this.guard(() => (this.s.listYears.all({ unit: unitCode }) as { year: number }[]).map((r) => r.year));
  }

  /**
   * All projects (optionally of one unit / year) in id order, read in pages of 200 so
   * memory stays flat and writes between iterations are allowed.
   */
  *iterateAllProjects(filter: { unitCode?: string; year?: number } = {}): Generator<ProjectFiling, void, undefined> {
    let after = '';
    for (;;) {
      const rows = this.guard(
        () =>
          this.s.pageProjects.all({
            after,
            unit: filter.unitCode ?? null,
            year: filter.year ?? null,
            limit: PAGE,
          }) as ProjectRow[],
      );
      for (const r of rows) yield this.parseProjectRow(r).filing;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = last.id;
    }
  }

  // ---- 部门整体绩效目标 ----

  getDeptTarget(unitCode: string, year: number): DeptTarget | null {
    return this.guard(() => {
      const r = this.s.getDept.get(unitCode, year) as { data: string } | undefined;
      return r ? validate(deptTargetSchema, JSON.parse(r.data), '部门整体绩效目标') : null;
    });
  }

  private writeDept(t: DeptTarget, at: string, action: string): void {
    this.requireUnit(t.unitCode);
    const old = this.s.getDept.get(t.unitCode, t.year) as { data: string } | undefined;
    const id = `${t.unitCode}/${t.year}`;
    if (old) this.logDiff(at, action, 'dept_target', id, JSON.parse(old.data), t);
    else this.log(at, action === 'import' ? 'import' : 'create', 'dept_target', id, '', null, t);
    this.s.putDept.run(t.unitCode, t.year, JSON.stringify(t), at);
  }

  putDeptTarget(input: DeptTargetInput): DeptTarget {
    const t = validate(deptTargetSchema, input, '部门整体绩效目标');
    return this.write(() => {
      this.writeDept(t, this.stamp(), 'update');
      return t;
    });
  }

  // ---- bulk ----

  /**
   * Imports units, then projects (new ids created, existing ones replaced), then
   * 部门整体目标, all in one transaction: any invalid item or failure stores nothing.
   */
  importBatch(batch: ImportBatch): ImportResult {
    const units = (batch.units ?? []).map((u, i) => validate(unitSchema, u, `第 ${i + 1} 个单位`));
    const projects = (batch.projects ?? []).map((p, i) =>
      validate(projectFilingSchema, p, `第 ${i + 1} 个项目${isPlainObject(p) && typeof p.name === 'string' && p.name ? `“${p.name}”` : ''}`),
    );
    const depts = (batch.deptTargets ?? []).map((d, i) => validate(deptTargetSchema, d, `第 ${i + 1} 个部门整体绩效目标`));
    return this.write(() => {
      const at = this.stamp();
      for (const u of units) this.putUnit(u, at, 'import');
      for (const p of projects) {
        if (this.s.projectRevision.get(p.id)) this.replaceProject(p, undefined, at, 'import');
        else this.insertProject(p, at, 'import');
      }
      for (const d of depts) this.writeDept(d, at, 'import');
      return { units: units.length, projects: projects.length, deptTargets: depts.length };
    });
  }

  // ---- audit log, settings ----

  /** Audit rows (of one entity if given), oldest first; at most the newest `limit`. */
  auditLog(entityId?: string, limit = 10_000): AuditEntry[] {
    return this.guard(() => {
      const rows = (
        entityId === undefined ? this.s.auditAll.all(limit) : this.s.auditOf.all(entityId, limit)
      ) as {
        id: number;
        at: string;
        actor: string;
        action: string;
        entity: AuditEntry['entity'];
        entity_id: string;
        path: string;
        old_value: string | null;
        new_value: string | null;
      }[];
      return rows.map((r) => ({
        id: r.id,
        at: r.at,
        actor: r.actor,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        path: r.path,
        oldValue: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
        newValue: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
      }));
    });
  }

  getSetting(key: string): string | null {
    return this.guard(() => (this.s.getSetting.get(key) as { value: string | null } | undefined)?.value ?? null);
  }

  /** `null` removes the setting. */
  setSetting(key: string, value: string | null): void {
    this.write(() => {
      if (value === null) this.s.deleteSetting.run(key);
      else this.s.setSetting.run(key, value);
    });
  }
}
