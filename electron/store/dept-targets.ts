// 部门整体绩效目标: one document per unit-year, with a revision (migration 8) that every
// change raises, so that two windows cannot overwrite each other unseen. Writes run inside
// the caller's transaction.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { deptTargetSchema, type DeptTarget } from '../../shared/model/filing.ts';
import { StoreError, validate } from './errors.ts';
import type { AuditLog } from './audit.ts';
import type { UnitTable } from './units.ts';

export type DeptTargetInput = z.input<typeof deptTargetSchema>;

const entityId = (unitCode: string, year: number) => `${unitCode}/${year}`;

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  // A store opened at an older schema (tests, a restore check) has no revision column yet.
  const revised = db.prepare("SELECT 1 FROM pragma_table_info('dept_targets') WHERE name = 'revision'").get() !== undefined;
  return {
    get: p(`SELECT data, ${revised ? 'revision' : '1 AS revision'} FROM dept_targets WHERE unit_code = ? AND year = ?`),
    ofUnit: p('SELECT unit_code, year, data FROM dept_targets WHERE unit_code = ? ORDER BY year'),
    countOfUnit: p('SELECT COUNT(*) AS n FROM dept_targets WHERE unit_code = ?'),
    put: revised
      ? p(`INSERT INTO dept_targets (unit_code, year, data, updated_at, revision) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (unit_code, year) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at, revision = dept_targets.revision + (dept_targets.data <> excluded.data)`)
      : p(`INSERT INTO dept_targets (unit_code, year, data, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (unit_code, year) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`),
  };
}

export class DeptTargetTable {
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    db: Database.Database,
    private readonly audit: AuditLog,
    private readonly units: UnitTable,
  ) {
    this.s = prepare(db);
  }

  get(unitCode: string, year: number): DeptTarget | null {
    const r = this.s.get.get(unitCode, year) as { data: string } | undefined;
    return r ? validate(deptTargetSchema, JSON.parse(r.data), '部门整体绩效目标') : null;
  }

  /** The stored revision (0: no target yet). */
  revision(unitCode: string, year: number): number {
    return (this.s.get.get(unitCode, year) as { revision: number } | undefined)?.revision ?? 0;
  }

  /**
   * Creates or replaces a validated target, with its audit rows; returns its revision.
   * CONFLICT if `expectedRevision` is given and not the stored one; no change, no new revision.
   */
  put(t: DeptTarget, at: string, action: string, expectedRevision?: number): number {
    this.units.require(t.unitCode);
    const old = this.s.get.get(t.unitCode, t.year) as { data: string; revision: number } | undefined;
    const current = old?.revision ?? 0;
    if (expectedRevision !== undefined && expectedRevision !== current) {
      throw new StoreError('CONFLICT', `部门整体绩效目标已被修改（当前版本 ${current}，您编辑的是版本 ${expectedRevision}），未保存`);
    }
    const data = JSON.stringify(t);
    this.audit.recordWrite(at, action, 'dept_target', entityId(t.unitCode, t.year), old ? JSON.parse(old.data) : undefined, t);
    this.s.put.run(t.unitCode, t.year, data, at);
    return old && old.data === data ? current : current + 1;
  }

  /** Before a unit is deleted: its targets' content to the audit log; returns how many. */
  recordDeletionOfUnit(unitCode: string, at: string): number {
    const rows = this.s.ofUnit.all(unitCode) as { unit_code: string; year: number; data: string }[];
    for (const d of rows) this.audit.record(at, 'delete', 'dept_target', entityId(d.unit_code, d.year), '', JSON.parse(d.data), null);
    return rows.length;
  }

  countOfUnit(unitCode: string): number {
    return (this.s.countOfUnit.get(unitCode) as { n: number }).n;
  }
}
