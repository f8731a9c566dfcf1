// Store of the yearly forms (绩效运行监控表, 绩效自评表) and of 调整绩效目标 records, in
// the tables of migration 4. Reached through FilingStore.yearly; every write is one
// transaction of the store, validated first, and goes to the audit log.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  monitoringFilingSchema,
  selfEvaluationFilingSchema,
  targetAdjustmentSchema,
  type MonitoringFiling,
  type SelfEvaluationFiling,
  type TargetAdjustment,
  type TargetAdjustmentInput,
} from '../../shared/yearly/model.ts';
import { StoreError, invalidError } from './errors.ts';
import { DeptSelfEvaluationTable } from './dept-self-evaluations.ts';

export type YearlyForm = MonitoringFiling | SelfEvaluationFiling;
export type YearlyKind = YearlyForm['kind'];
const yearlyFormSchema = z.discriminatedUnion('kind', [monitoringFilingSchema, selfEvaluationFilingSchema], { error: '表的类型只能是 monitoring / self-evaluation' });

export interface StoredYearlyForm<F extends YearlyForm = YearlyForm> {
  form: F;
  revision: number;
  updatedAt: string;
}

export interface YearlyPlumbing {
  write<T>(fn: () => T): T;
  read<T>(fn: () => T): T;
  stamp(): string;
  actor: string;
}

const KIND_LABEL: Record<YearlyKind, string> = { monitoring: '绩效运行监控表', 'self-evaluation': '绩效自评表' };

function parse<S extends z.ZodType>(schema: S, v: unknown, what: string): z.output<S> {
  const r = schema.safeParse(v, { reportInput: true });
  if (!r.success) throw invalidError(what, r.error.issues);
  return r.data;
}

export class YearlyTables {
  private readonly s;
  /** 部门整体绩效自评表 of each unit-year (dept-self-evaluations.ts). */
  readonly dept: DeptSelfEvaluationTable;

  constructor(db: Database.Database, private readonly p: YearlyPlumbing) {
    const q = (sql: string) => db.prepare(sql);
    this.dept = new DeptSelfEvaluationTable(db, p);
    this.s = {
      project: q('SELECT unit_code, year FROM projects WHERE id = ?'),
      get: q('SELECT data, revision, updated_at FROM yearly_forms WHERE kind = ? AND project_id = ?'),
      byId: q('SELECT kind, project_id FROM yearly_forms WHERE id = ?'),
      insert: q(`INSERT INTO yearly_forms (id, kind, project_id, unit_code, year, revision, data, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)`),
      update: q('UPDATE yearly_forms SET data = ?, revision = revision + 1, updated_at = ? WHERE id = ?'),
      list: q('SELECT data, revision, updated_at FROM yearly_forms WHERE unit_code = ? AND year = ? AND kind = ? ORDER BY project_id'),
      adjustments: q('SELECT data FROM target_adjustments WHERE project_id = ? ORDER BY seq'),
      insertAdjustment: q('INSERT INTO target_adjustments (id, project_id, seq, data, created_at) VALUES (?, ?, ?, ?, ?)'),
      unitYearForms: q('SELECT data FROM yearly_forms WHERE unit_code = ? AND year = ? ORDER BY project_id, kind'),
      unitYearAdjustments: q(`SELECT data FROM target_adjustments WHERE json_extract(data, '$.unitCode') = ? AND json_extract(data, '$.year') = ? ORDER BY project_id, seq`),
      deleteForms: q('DELETE FROM yearly_forms WHERE unit_code = ? AND year = ?'),
      deleteAdjustments: q(`DELETE FROM target_adjustments WHERE json_extract(data, '$.unitCode') = ? AND json_extract(data, '$.year') = ?`),
      audit: q(`INSERT INTO audit_log (at, actor, action, entity, entity_id, path, old_value, new_value) VALUES (?, ?, ?, ?, ?, '', ?, ?)`),
    };
  }

  private row(r: { data: string; revision: number; updated_at: string } | undefined): StoredYearlyForm | null {
    if (!r) return null;
    return { form: parse(yearlyFormSchema, JSON.parse(r.data), '表'), revision: r.revision, updatedAt: r.updated_at };
  }

  private requireProject(projectId: string, unitCode: string, year: number): void {
    const pr = this.s.project.get(projectId) as { unit_code: string; year: number } | undefined;
    if (!pr) throw new StoreError('NOT_FOUND', `项目 ${projectId} 不存在`);
    if (pr.unit_code !== unitCode || pr.year !== year) {
      throw new StoreError('INVALID', `表的单位或年度（${unitCode}，${year}）与项目的（${pr.unit_code}，${pr.year}）不一致`);
    }
  }

  get<K extends YearlyKind>(kind: K, projectId: string): StoredYearlyForm<Extract<YearlyForm, { kind: K }>> | null {
    return this.p.read(() => this.row(this.s.get.get(kind, projectId) as never)) as never;
  }

  list<K extends YearlyKind>(kind: K, unitCode: string, year: number): StoredYearlyForm<Extract<YearlyForm, { kind: K }>>[] {
    return this.p.read(() => (this.s.list.all(unitCode, year, kind) as never[]).map((r) => this.row(r)!)) as never;
  }

  /**
   * Creates or replaces a form (validated; one per kind and project). With
   * `expectedRevision`, refuses (CONFLICT) when someone saved since.
   */
  put(input: unknown, expectedRevision?: number): StoredYearlyForm {
    const form = parse(yearlyFormSchema, input, '表');
    return this.p.write(() => this.putValid(form, expectedRevision));
  }

  /** Several forms in one transaction (creating both forms of a project is one action). */
  putAll(inputs: readonly unknown[]): StoredYearlyForm[] {
    const forms = inputs.map((f) => parse(yearlyFormSchema, f, '表'));
    return this.p.write(() => forms.map((f) => this.putValid(f)));
  }

  private putValid(form: YearlyForm, expectedRevision?: number): StoredYearlyForm {
    this.requireProject(form.projectId, form.unitCode, form.year);
    const at = this.p.stamp();
    const old = this.row(this.s.get.get(form.kind, form.projectId) as never);
    const other = this.s.byId.get(form.id) as { kind: string; project_id: string } | undefined;
    if (other && (other.kind !== form.kind || other.project_id !== form.projectId)) {
      throw new StoreError('CONFLICT', `表标识 ${form.id} 已被另一张表使用`);
    }
    const json = JSON.stringify(form);
    if (!old) {
      this.s.insert.run(form.id, form.kind, form.projectId, form.unitCode, form.year, json, at, at);
      this.s.audit.run(at, this.p.actor, 'create', form.kind, form.id, null, json);
      return { form, revision: 1, updatedAt: at };
    }
    if (old.form.id !== form.id) throw new StoreError('CONFLICT', `该项目已有${KIND_LABEL[form.kind]}（${old.form.id}）`);
    if (expectedRevision !== undefined && expectedRevision !== old.revision) {
      throw new StoreError('CONFLICT', `${KIND_LABEL[form.kind]}已被修改（版本 ${old.revision}），请重新打开后再保存`);
    }
    const before = JSON.stringify(old.form);
    if (before === json) return old;
    this.s.update.run(json, at, form.id);
    this.s.audit.run(at, this.p.actor, 'update', form.kind, form.id, before, json);
    return { form, revision: old.revision + 1, updatedAt: at };
  }

  adjustments(projectId: string): TargetAdjustment[] {
    return this.p.read(() => (this.s.adjustments.all(projectId) as { data: string }[]).map((r) => parse(targetAdjustmentSchema, JSON.parse(r.data), '调整记录')));
  }

  /** Records a 调整绩效目标; its seq must be the next one of the project. Records are never changed. */
  addAdjustment(input: TargetAdjustmentInput): TargetAdjustment {
    const a = parse(targetAdjustmentSchema, input, '调整绩效目标');
    return this.p.write(() => {
      this.requireProject(a.projectId, a.unitCode, a.year);
      const next = this.adjustments(a.projectId).length + 1;
      if (a.seq !== next) throw new StoreError('CONFLICT', `调整记录的序号应为 ${next}，收到 ${a.seq}`);
      const at = this.p.stamp();
      const json = JSON.stringify(a);
      this.s.insertAdjustment.run(a.id, a.projectId, a.seq, json, at);
      this.s.audit.run(at, this.p.actor, 'adjust-target', 'target-adjustment', a.id, null, json);
      return a;
    });
  }

  /** Every form and adjustment of a unit-year (the handover package carries them). */
  ofUnitYear(unitCode: string, year: number): { forms: YearlyForm[]; adjustments: TargetAdjustment[] } {
    return this.p.read(() => ({
      forms: (this.s.unitYearForms.all(unitCode, year) as { data: string }[]).map((r) => parse(yearlyFormSchema, JSON.parse(r.data), '表')),
      adjustments: (this.s.unitYearAdjustments.all(unitCode, year) as { data: string }[]).map((r) => parse(targetAdjustmentSchema, JSON.parse(r.data), '调整记录')),
    }));
  }

  /**
   * The unit-year's forms and adjustments become exactly these (a received version; the
   * caller runs it inside the received unlock, validated first). Nothing of another unit-year is touched.
   */
  replaceUnitYear(unitCode: string, year: number, forms: readonly YearlyForm[], adjustments: readonly TargetAdjustment[]): void {
    const foreign = [...forms, ...adjustments].find((f) => f.unitCode !== unitCode || f.year !== year);
    if (foreign) throw new StoreError('INVALID', `表或调整记录属于 ${foreign.unitCode} ${foreign.year} 年度，不属于 ${unitCode} ${year} 年度`);
    this.p.write(() => {
      const at = this.p.stamp();
      this.s.deleteForms.run(unitCode, year);
      this.s.deleteAdjustments.run(unitCode, year);
      for (const a of adjustments) {
        this.requireProject(a.projectId, a.unitCode, a.year);
        this.s.insertAdjustment.run(a.id, a.projectId, a.seq, JSON.stringify(a), at);
      }
      for (const f of forms) this.putValid(f);
    });
  }

  /** Removes the forms and adjustments of a unit-year (before its received projects are replaced). */
  clearUnitYear(unitCode: string, year: number): void {
    this.replaceUnitYear(unitCode, year, [], []);
  }
}
