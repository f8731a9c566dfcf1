// Units (预算单位): statements and row mapping. Writes run inside the caller's transaction.
import type Database from 'better-sqlite3';
import type { z } from 'zod';
import { unitSchema, type Unit } from '../../shared/model/filing.ts';
import { StoreError, invalidError, zhErrorMap } from './errors.ts';
import type { AuditLog } from './audit.ts';

export type UnitInput = z.input<typeof unitSchema>;

/** A table of a 示例 unit that is the office's own work. */
export interface OwnWork {
  unitCode: string;
  year: number;
  name: string;
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

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    get: p('SELECT code, data FROM units WHERE code = ?'),
    list: p('SELECT code, data FROM units ORDER BY code'),
    samples: p('SELECT code, data FROM units WHERE sample = 1'),
    // Tables of 示例 units that were written after the unit came (the 示例 data arrives in one
    // batch, one timestamp): made, imported, copied or edited here, i.e. the office's own work.
    ownWorkInSamples: p(`SELECT p.unit_code AS unitCode, p.year, p.name FROM projects p JOIN units u ON u.code = p.unit_code
      WHERE u.sample = 1 AND EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = p.id AND a.at <> u.created_at)
      UNION ALL
      SELECT d.unit_code, d.year, '部门整体绩效目标' FROM dept_targets d JOIN units u ON u.code = d.unit_code
      WHERE u.sample = 1 AND EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = d.unit_code || '/' || d.year AND a.entity = 'dept_target' AND a.at <> u.created_at)
      ORDER BY 1, 2, 3`),
    upsert: p(`INSERT INTO units (code, name, supervisor_code, supervisor_name, sample, data, created_at, updated_at)
      VALUES (@code, @name, @supervisor_code, @supervisor_name, @sample, @data, @at, @at)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, supervisor_code = excluded.supervisor_code,
        supervisor_name = excluded.supervisor_name, sample = excluded.sample, data = excluded.data,
        updated_at = excluded.updated_at`),
    delete: p('DELETE FROM units WHERE code = ?'),
  };
}

export class UnitTable {
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    db: Database.Database,
    private readonly audit: AuditLog,
  ) {
    this.s = prepare(db);
  }

  get(code: string): Unit | null {
    const r = this.s.get.get(code) as UnitRow | undefined;
    return r ? rowToUnit(r) : null;
  }

  list(): Unit[] {
    return (this.s.list.all() as UnitRow[]).map(rowToUnit);
  }

  /** Units marked `sample` (示例). */
  samples(): Unit[] {
    return (this.s.samples.all() as UnitRow[]).map(rowToUnit);
  }

  /** Tables in 示例 units that are the office's own work (see the statement), which removing the 示例 data would delete. */
  ownWorkInSamples(): OwnWork[] {
    return this.s.ownWorkInSamples.all() as OwnWork[];
  }

  /** NOT_FOUND unless the unit exists (projects and 部门整体目标 belong to one). */
  require(code: string): void {
    if (!this.s.get.get(code)) throw new StoreError('NOT_FOUND', `单位 ${code} 不存在，请先添加该单位`);
  }

  /** Creates or replaces a validated unit, with its audit rows. */
  put(unit: Unit, at: string, action: string): void {
    const old = this.s.get.get(unit.code) as UnitRow | undefined;
    this.s.upsert.run({
      code: unit.code,
      name: unit.name,
      supervisor_code: unit.supervisor?.code ?? null,
      supervisor_name: unit.supervisor?.name ?? null,
      sample: unit.sample ? 1 : 0,
      data: JSON.stringify(unit),
      at,
    });
    this.audit.recordWrite(at, action, 'unit', unit.code, old ? rowToUnit(old) : undefined, unit);
  }

  /** Deletes the unit (its projects and 部门整体目标 go with it: foreign keys cascade); logs the unit. */
  delete(unit: Unit, at: string, action: string): void {
    this.audit.record(at, action, 'unit', unit.code, '', unit, null);
    this.s.delete.run(unit.code);
  }
}
