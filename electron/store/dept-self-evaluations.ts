// The 部门整体绩效自评表 of each unit-year (migration 12). Reached through
// FilingStore.yearly.dept; a write is validated, one transaction of the store, with a
// revision check and an audit row (entity dept-self-evaluation, id `unitCode/year`).
import type Database from 'better-sqlite3';
import { deptSelfEvaluationSchema, type DeptSelfEvaluation } from '../../shared/yearly/dept-model.ts';
import { StoreError, invalidError } from './errors.ts';

/** The store's transaction, guard, stamp and actor (as the yearly tables get them). */
interface Plumbing {
  write<T>(fn: () => T): T;
  read<T>(fn: () => T): T;
  stamp(): string;
  actor: string;
}

export interface StoredDeptSelfEvaluation {
  form: DeptSelfEvaluation;
  revision: number;
  updatedAt: string;
}

const entityId = (unitCode: string, year: number) => `${unitCode}/${year}`;

function parse(v: unknown): DeptSelfEvaluation {
  const r = deptSelfEvaluationSchema.safeParse(v, { reportInput: true });
  if (!r.success) throw invalidError('部门整体绩效自评表', r.error.issues);
  return r.data;
}

export class DeptSelfEvaluationTable {
  private readonly s;

  constructor(db: Database.Database, private readonly p: Plumbing) {
    const q = (sql: string) => db.prepare(sql);
    this.s = {
      unit: q('SELECT 1 FROM units WHERE code = ?'),
      get: q('SELECT data, revision, updated_at FROM dept_self_evaluations WHERE unit_code = ? AND year = ?'),
      insert: q('INSERT INTO dept_self_evaluations (unit_code, year, revision, data, created_at, updated_at) VALUES (?, ?, 1, ?, ?, ?)'),
      update: q('UPDATE dept_self_evaluations SET data = ?, revision = revision + 1, updated_at = ? WHERE unit_code = ? AND year = ?'),
      del: q('DELETE FROM dept_self_evaluations WHERE unit_code = ? AND year = ?'),
      audit: q(`INSERT INTO audit_log (at, actor, action, entity, entity_id, path, old_value, new_value) VALUES (?, ?, ?, 'dept-self-evaluation', ?, '', ?, ?)`),
    };
  }

  private row(unitCode: string, year: number): StoredDeptSelfEvaluation | null {
    const r = this.s.get.get(unitCode, year) as { data: string; revision: number; updated_at: string } | undefined;
    return r ? { form: parse(JSON.parse(r.data)), revision: r.revision, updatedAt: r.updated_at } : null;
  }

  get(unitCode: string, year: number): StoredDeptSelfEvaluation | null {
    return this.p.read(() => this.row(unitCode, year));
  }

  /** Creates or replaces the form (validated). With `expectedRevision`, refuses (CONFLICT) when someone saved since. */
  put(input: unknown, expectedRevision?: number): StoredDeptSelfEvaluation {
    const form = parse(input);
    return this.p.write(() => this.putValid(form, expectedRevision));
  }

  private putValid(form: DeptSelfEvaluation, expectedRevision?: number): StoredDeptSelfEvaluation {
    if (!this.s.unit.get(form.unitCode)) throw new StoreError('NOT_FOUND', `单位 ${form.unitCode} 不存在`);
    const at = this.p.stamp();
    const old = this.row(form.unitCode, form.year);
    const json = JSON.stringify(form);
    const id = entityId(form.unitCode, form.year);
    if (!old) {
      if (expectedRevision !== undefined && expectedRevision !== 0) throw new StoreError('CONFLICT', '部门整体绩效自评表已被删除，请重新打开');
      this.s.insert.run(form.unitCode, form.year, json, at, at);
      this.s.audit.run(at, this.p.actor, 'create', id, null, json);
      return { form, revision: 1, updatedAt: at };
    }
    if (expectedRevision !== undefined && expectedRevision !== old.revision) {
      throw new StoreError('CONFLICT', `部门整体绩效自评表已被修改（版本 ${old.revision}），请重新打开后再保存`);
    }
    const before = JSON.stringify(old.form);
    if (before === json) return old;
    this.s.update.run(json, at, form.unitCode, form.year);
    this.s.audit.run(at, this.p.actor, 'update', id, before, json);
    return { form, revision: old.revision + 1, updatedAt: at };
  }

  /**
   * The unit-year's form becomes exactly this one, or none (a received version; the caller runs
   * it inside the received unlock, validated first).
   */
  replaceUnitYear(unitCode: string, year: number, form: DeptSelfEvaluation | null): void {
    if (form && (form.unitCode !== unitCode || form.year !== year)) {
      throw new StoreError('INVALID', `部门整体绩效自评表属于 ${form.unitCode} ${form.year} 年度，不属于 ${unitCode} ${year} 年度`);
    }
    this.p.write(() => {
      this.s.del.run(unitCode, year);
      if (form) this.putValid(form);
    });
  }
}
