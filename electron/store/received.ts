// Received handover packages, kept with their history (migration 2), and the marks that
// make received data read-only. SQLite triggers (migration 2) refuse every change to a
// received project, unit-year, unit or 部门整体目标 from any code path (API, CLI, import of
// interchange JSON) unless a row is present in received_unlock, which only `unlocked`
// inserts and deletes inside its own transaction.
import type Database from 'better-sqlite3';

type DB = Database.Database;

/** `pending`: dated more than a day after the receiver's clock, current only once confirmed. */
export type PackageState = 'current' | 'superseded' | 'older' | 'pending';

export interface ReceivedPackageRow {
  id: number;
  sha256: string;
  unitCode: string;
  year: number;
  createdAt: string;
  receivedAt: string;
  fileName: string;
  state: PackageState;
  /** The sender's submission number (manifest), null for packages made before it existed. */
  submissionNo: number | null;
}

export interface ReceivedPackageRecord extends ReceivedPackageRow {
  manifest: unknown;
  filings: unknown;
  audit: unknown;
  diff: unknown;
}

/** A package to record (see ReceivedPackages.record). */
export interface NewReceivedPackage {
  sha256: string;
  unitCode: string;
  year: number;
  createdAt: string;
  receivedAt: string;
  fileName: string;
  manifest: unknown;
  filings: unknown;
  audit: unknown;
  diff: unknown;
  makeCurrent: boolean;
  /** State when not made current (default `older`). */
  otherState?: 'older' | 'pending';
  unitIsNew: boolean;
  projectIds: readonly string[];
}

interface Row {
  id: number;
  package_sha256: string;
  unit_code: string;
  year: number;
  created_at: string;
  received_at: string;
  file_name: string;
  state: PackageState;
  submission_no: number | null;
  manifest?: string;
  filings?: string;
  audit?: string;
  diff?: string | null;
}

const light = (r: Row): ReceivedPackageRow => ({
  id: r.id,
  sha256: r.package_sha256,
  unitCode: r.unit_code,
  year: r.year,
  createdAt: r.created_at,
  receivedAt: r.received_at,
  fileName: r.file_name,
  state: r.state,
  submissionNo: typeof r.submission_no === 'number' ? r.submission_no : null,
});

const LIGHT = `id, package_sha256, unit_code, year, created_at, received_at, file_name, state, json_extract(manifest, '$.submissionNo') AS submission_no`;

function prepare(db: DB) {
  const p = (sql: string) => db.prepare(sql);
  return {
    byHash: p(`SELECT ${LIGHT} FROM received_packages WHERE package_sha256 = ?`),
    current: p(`SELECT ${LIGHT} FROM received_packages WHERE unit_code = ? AND year = ? AND state = 'current'`),
    list: p(`SELECT ${LIGHT} FROM received_packages
      WHERE (@u IS NULL OR unit_code = @u) AND (@y IS NULL OR year = @y) AND (@s IS NULL OR state = @s)
      ORDER BY unit_code, year, submission_no IS NULL, submission_no DESC, id DESC`),
    get: p(`SELECT *, json_extract(manifest, '$.submissionNo') AS submission_no FROM received_packages WHERE id = ?`),
    answers: p(`SELECT json_extract(audit, '$.reviewAnswers') AS a FROM received_packages WHERE id = ?`),
    setState: p('UPDATE received_packages SET state = ? WHERE id = ?'),
    isProject: p('SELECT 1 FROM received_projects WHERE project_id = ?'),
    isUnitYear: p('SELECT 1 FROM received_unit_years WHERE unit_code = ? AND year = ?'),
    isUnit: p('SELECT 1 FROM received_units WHERE unit_code = ?'),
    ownProjects: p(`SELECT p.id FROM projects p LEFT JOIN received_projects r ON r.project_id = p.id
      WHERE p.unit_code = ? AND p.year = ? AND r.project_id IS NULL`),
    projectHomes: p('SELECT p.id, p.unit_code, p.year FROM json_each(?) j JOIN projects p ON p.id = j.value'),
    unlock: p('INSERT INTO received_unlock (token) VALUES (1)'),
    relock: p('DELETE FROM received_unlock'),
    supersede: p(`UPDATE received_packages SET state = 'superseded' WHERE unit_code = ? AND year = ? AND state = 'current'`),
    insert: p(`INSERT INTO received_packages (package_sha256, unit_code, year, created_at, received_at, file_name, state, manifest, filings, audit, diff)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    setCurrent: p(`INSERT INTO received_unit_years (unit_code, year, package_id) VALUES (?, ?, ?)
      ON CONFLICT (unit_code, year) DO UPDATE SET package_id = excluded.package_id`),
    clearProjects: p('DELETE FROM received_projects WHERE unit_code = ? AND year = ?'),
    markProject: p('INSERT INTO received_projects (project_id, unit_code, year) VALUES (?, ?, ?)'),
    markUnit: p('INSERT OR IGNORE INTO received_units (unit_code) VALUES (?)'),
    deleteDept: p('DELETE FROM dept_targets WHERE unit_code = ? AND year = ?'),
  };
}

/** The received-package tables of one store connection (FilingStore.received). */
export class ReceivedPackages {
  private statements: ReturnType<typeof prepare> | undefined;
  private readonly tx: Database.Transaction<(fn: () => unknown) => unknown>;

  /** `read` wraps every query (open check, errors as StoreError); `ensureOpen` throws once the store is closed. */
  constructor(
    private readonly db: DB,
    private readonly read: <T>(fn: () => T) => T,
    private readonly ensureOpen: () => void,
  ) {
    this.tx = db.transaction((fn: () => unknown) => {
      this.s.unlock.run();
      const r = fn();
      this.s.relock.run();
      return r;
    });
  }

  /** Prepared on first use: a store opened with an older migration list (tests) has no such tables. */
  private get s(): ReturnType<typeof prepare> {
    return (this.statements ??= prepare(this.db));
  }

  findByHash(sha256: string): ReceivedPackageRow | null {
    const r = this.read(() => this.s.byHash.get(sha256) as Row | undefined);
    return r ? light(r) : null;
  }

  current(unitCode: string, year: number): ReceivedPackageRow | null {
    const r = this.read(() => this.s.current.get(unitCode, year) as Row | undefined);
    return r ? light(r) : null;
  }

  /** Every received package (of one unit-year, of one year): highest submission number first, then newest received. */
  list(filter: { unitCode?: string; year?: number; state?: PackageState } = {}): ReceivedPackageRow[] {
    const params = { u: filter.unitCode ?? null, y: filter.year ?? null, s: filter.state ?? null };
    return this.read(() => this.s.list.all(params) as Row[]).map(light);
  }

  get(id: number): ReceivedPackageRecord | null {
    const r = this.read(() => this.s.get.get(id) as Row | undefined);
    if (!r) return null;
    return {
      ...light(r),
      manifest: JSON.parse(r.manifest ?? 'null'),
      filings: JSON.parse(r.filings ?? 'null'),
      audit: JSON.parse(r.audit ?? 'null'),
      diff: r.diff ? JSON.parse(r.diff) : null,
    };
  }

  /** The review answers a package carries (its audit's `reviewAnswers`), without reading the rest of it. */
  reviewAnswers(id: number): unknown {
    const r = this.read(() => this.s.answers.get(id) as { a: string | null } | undefined);
    return r?.a ? JSON.parse(r.a) : null;
  }

  isReceivedProject(id: string): boolean {
    return this.read(() => this.s.isProject.get(id) !== undefined);
  }

  isReceivedUnitYear(unitCode: string, year: number): boolean {
    return this.read(() => this.s.isUnitYear.get(unitCode, year) !== undefined);
  }

  isReceivedUnit(code: string): boolean {
    return this.read(() => this.s.isUnit.get(code) !== undefined);
  }

  /** Ids of projects of a unit-year that were not received (the office's own). */
  ownProjectIds(unitCode: string, year: number): string[] {
    return this.read(() => this.s.ownProjects.all(unitCode, year) as { id: string }[]).map((r) => r.id);
  }

  /** Where each given project id is stored now (unit, year), for ids that exist. */
  projectHomes(ids: readonly string[]): Map<string, { unitCode: string; year: number }> {
    return this.read(() => {
      const out = new Map<string, { unitCode: string; year: number }>();
      // A few thousand ids per statement: the lookups run inside SQLite, not one call each (26,000 ids: 60 ms).
      for (let i = 0; i < ids.length; i += 5000) {
        for (const r of this.s.projectHomes.iterate(JSON.stringify(ids.slice(i, i + 5000))) as Iterable<{ id: string; unit_code: string; year: number }>) {
          out.set(r.id, { unitCode: r.unit_code, year: r.year });
        }
      }
      return out;
    });
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction with received data unlocked; FilingStore
   * writes inside it are savepoints of this transaction. Errors from `fn` pass unchanged.
   */
  unlocked<T>(fn: () => T): T {
    this.ensureOpen();
    return this.tx.immediate(fn) as T;
  }

  /** Inside `unlocked`: records a package; `makeCurrent` moves the unit-year to it. */
  record(p: NewReceivedPackage): number {
    return this.read(() => {
      const s = this.s;
      const info = s.insert.run(
        p.sha256,
        p.unitCode,
        p.year,
        p.createdAt,
        p.receivedAt,
        p.fileName,
        p.makeCurrent ? 'superseded' : (p.otherState ?? 'older'),
        JSON.stringify(p.manifest),
        JSON.stringify(p.filings),
        JSON.stringify(p.audit),
        p.diff === null || p.diff === undefined ? null : JSON.stringify(p.diff),
      );
      const id = Number(info.lastInsertRowid);
      if (p.makeCurrent) this.markCurrent(id, p.unitCode, p.year, p.projectIds, p.unitIsNew);
      return id;
    });
  }

  /** Inside `unlocked`: package `id` becomes the current version of its unit-year (its filings already written). */
  markCurrent(id: number, unitCode: string, year: number, projectIds: readonly string[], unitIsNew: boolean): void {
    this.read(() => {
      const s = this.s;
      s.supersede.run(unitCode, year);
      s.setState.run('current', id);
      s.setCurrent.run(unitCode, year, id);
      s.clearProjects.run(unitCode, year);
      for (const pid of projectIds) s.markProject.run(pid, unitCode, year);
      if (unitIsNew) s.markUnit.run(unitCode);
    });
  }

  /** Inside `unlocked`: removes a 部门整体目标 the newer package no longer has. */
  deleteDeptTarget(unitCode: string, year: number): void {
    this.read(() => this.s.deleteDept.run(unitCode, year));
  }
}
