// Received handover packages, kept with their history (migration 2 in
// electron/store/migrations.ts). The handover import writes the filings (through
// FilingStore.importBatch / deleteProject) and its own rows in ONE transaction on the
// store's connection (FilingStore.connection); nested store writes become savepoints.
//
// Read-only received data: SQLite triggers (migration 2) refuse every change to a
// received project, unit-year, unit or 部门整体目标 from any code path (API, CLI, import
// of interchange JSON), unless a row is present in received_unlock — which only the
// handover import inserts and deletes inside its own transaction.
import Database from 'better-sqlite3';
import type { FilingStore } from '../store/store.ts';

type DB = Database.Database;

export type PackageState = 'current' | 'superseded' | 'older';

export interface ReceivedPackageRow {
  id: number;
  sha256: string;
  unitCode: string;
  year: number;
  createdAt: string;
  receivedAt: string;
  fileName: string;
  state: PackageState;
}

export interface ReceivedPackageRecord extends ReceivedPackageRow {
  manifest: unknown;
  filings: unknown;
  audit: unknown;
  diff: unknown;
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
});

const LIGHT = 'id, package_sha256, unit_code, year, created_at, received_at, file_name, state';

export class ReceivedStore {
  readonly db: DB;
  constructor(readonly store: FilingStore) {
    this.db = store.connection;
  }

  findByHash(sha256: string): ReceivedPackageRow | null {
    const r = this.db.prepare(`SELECT ${LIGHT} FROM received_packages WHERE package_sha256 = ?`).get(sha256) as Row | undefined;
    return r ? light(r) : null;
  }

  current(unitCode: string, year: number): ReceivedPackageRow | null {
    const r = this.db
      .prepare(`SELECT ${LIGHT} FROM received_packages WHERE unit_code = ? AND year = ? AND state = 'current'`)
      .get(unitCode, year) as Row | undefined;
    return r ? light(r) : null;
  }

  /** Every received package (of one unit-year, of one year), newest first. */
  list(filter: { unitCode?: string; year?: number; state?: PackageState } = {}): ReceivedPackageRow[] {
    const rows = this.db
      .prepare(
        `SELECT ${LIGHT} FROM received_packages
         WHERE (@u IS NULL OR unit_code = @u) AND (@y IS NULL OR year = @y) AND (@s IS NULL OR state = @s)
         ORDER BY unit_code, year, created_at DESC, id DESC`,
      )
      .all({ u: filter.unitCode ?? null, y: filter.year ?? null, s: filter.state ?? null }) as Row[];
    return rows.map(light);
  }

  get(id: number): ReceivedPackageRecord | null {
    const r = this.db.prepare('SELECT * FROM received_packages WHERE id = ?').get(id) as Row | undefined;
    if (!r) return null;
    return {
      ...light(r),
      manifest: JSON.parse(r.manifest ?? 'null'),
      filings: JSON.parse(r.filings ?? 'null'),
      audit: JSON.parse(r.audit ?? 'null'),
      diff: r.diff ? JSON.parse(r.diff) : null,
    };
  }

  isReceivedProject(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM received_projects WHERE project_id = ?').get(id) !== undefined;
  }

  isReceivedUnitYear(unitCode: string, year: number): boolean {
    return this.db.prepare('SELECT 1 FROM received_unit_years WHERE unit_code = ? AND year = ?').get(unitCode, year) !== undefined;
  }

  isReceivedUnit(code: string): boolean {
    return this.db.prepare('SELECT 1 FROM received_units WHERE unit_code = ?').get(code) !== undefined;
  }

  /** Ids of projects of a unit-year that were not received (the office's own). */
  ownProjectIds(unitCode: string, year: number): string[] {
    return (
      this.db
        .prepare(
          `SELECT p.id FROM projects p LEFT JOIN received_projects r ON r.project_id = p.id
           WHERE p.unit_code = ? AND p.year = ? AND r.project_id IS NULL`,
        )
        .all(unitCode, year) as { id: string }[]
    ).map((r) => r.id);
  }

  /** Where each given project id is stored now (unit, year), for ids that exist. */
  projectHomes(ids: readonly string[]): Map<string, { unitCode: string; year: number }> {
    const q = this.db.prepare('SELECT unit_code, year FROM projects WHERE id = ?');
    const out = new Map<string, { unitCode: string; year: number }>();
    for (const id of ids) {
      const r = q.get(id) as { unit_code: string; year: number } | undefined;
      if (r) out.set(id, { unitCode: r.unit_code, year: r.year });
    }
    return out;
  }

  /**
   * Runs `fn` in one IMMEDIATE transaction with received data unlocked; FilingStore
   * writes inside it are savepoints of this transaction.
   */
  unlocked<T>(fn: () => T): T {
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO received_unlock (token) VALUES (1)').run();
      const r = fn();
      this.db.prepare('DELETE FROM received_unlock').run();
      return r;
    }).immediate();
  }

  /** Inside `unlocked`: records a package; `makeCurrent` moves the unit-year to it. */
  record(p: {
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
    unitIsNew: boolean;
    projectIds: readonly string[];
  }): number {
    if (p.makeCurrent) {
      this.db
        .prepare(`UPDATE received_packages SET state = 'superseded' WHERE unit_code = ? AND year = ? AND state = 'current'`)
        .run(p.unitCode, p.year);
    }
    const info = this.db
      .prepare(
        `INSERT INTO received_packages (package_sha256, unit_code, year, created_at, received_at, file_name, state, manifest, filings, audit, diff)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        p.sha256,
        p.unitCode,
        p.year,
        p.createdAt,
        p.receivedAt,
        p.fileName,
        p.makeCurrent ? 'current' : 'older',
        JSON.stringify(p.manifest),
        JSON.stringify(p.filings),
        JSON.stringify(p.audit),
        p.diff === null || p.diff === undefined ? null : JSON.stringify(p.diff),
      );
    const id = Number(info.lastInsertRowid);
    if (p.makeCurrent) {
      this.db
        .prepare(
          `INSERT INTO received_unit_years (unit_code, year, package_id) VALUES (?, ?, ?)
           ON CONFLICT (unit_code, year) DO UPDATE SET package_id = excluded.package_id`,
        )
        .run(p.unitCode, p.year, id);
      this.db.prepare('DELETE FROM received_projects WHERE unit_code = ? AND year = ?').run(p.unitCode, p.year);
      const ins = this.db.prepare('INSERT INTO received_projects (project_id, unit_code, year) VALUES (?, ?, ?)');
      for (const pid of p.projectIds) ins.run(pid, p.unitCode, p.year);
      if (p.unitIsNew) this.db.prepare('INSERT OR IGNORE INTO received_units (unit_code) VALUES (?)').run(p.unitCode);
    }
    return id;
  }

  /** Inside `unlocked`: removes a 部门整体目标 the newer package no longer has. */
  deleteDeptTarget(unitCode: string, year: number): void {
    this.db.prepare('DELETE FROM dept_targets WHERE unit_code = ? AND year = ?').run(unitCode, year);
  }
}
