// Projects (项目支出绩效目标表): one JSON document per row plus the columns the list needs.
// Statements, row mapping, revisions and their audit rows; writes run inside the caller's transaction.
import type Database from 'better-sqlite3';
import { PERIOD_KEYS, type ProjectFiling } from '../../shared/model/filing.ts';
import { StoreError } from './errors.ts';
import { diffValues, type AuditLog } from './audit.ts';
import type { UnitTable } from './units.ts';

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

/** Columns of a project list row as SQLite returns them. */
export interface ListRowColumns {
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

export function listRow(r: ListRowColumns): ProjectListRow {
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

interface ProjectRow {
  id: string;
  data: string;
  revision: number;
  created_at: string;
  updated_at: string;
}

function parseProjectRow(r: ProjectRow): StoredProject {
  let raw: unknown;
  try {
    raw = JSON.parse(r.data);
  } catch {
    raw = undefined;
  }
  // Validated when written; the model fingerprint (fingerprint.ts) keeps stored documents
  // in the current shape, so a read only checks that the row is the document.
  const filing = raw as ProjectFiling | undefined;
  if (!filing || typeof filing !== 'object' || filing.id !== r.id || typeof filing.periods !== 'object') {
    throw new StoreError('CORRUPT', `数据库中项目 ${r.id} 的数据无法读取，可从备份恢复（见 backups 命令）`);
  }
  return { filing, revision: r.revision, createdAt: r.created_at, updatedAt: r.updated_at };
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

function projectParams(f: ProjectFiling, at: string) {
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

const PAGE = 200;
const FULL = 'id, data, revision, created_at, updated_at';

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    get: p(`SELECT ${FULL} FROM projects WHERE id = ?`),
    revision: p('SELECT revision FROM projects WHERE id = ?'),
    insert: p(`INSERT INTO projects (id, unit_code, year, seq, template_id, status, name, data,
        indicator_count, budget_total, revision, created_at, updated_at)
      VALUES (@id, @unit_code, @year, @seq, @template_id, @status, @name, @data,
        @indicator_count, @budget_total, 1, @at, @at)`),
    update: p(`UPDATE projects SET unit_code = @unit_code, year = @year, seq = @seq,
        template_id = @template_id, status = @status, name = @name, data = @data,
        indicator_count = @indicator_count, budget_total = @budget_total,
        revision = revision + 1, updated_at = @at
      WHERE id = @id`),
    delete: p('DELETE FROM projects WHERE id = ?'),
    nextSeq: p('SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM projects WHERE unit_code = ? AND year = ?'),
    list: p(`SELECT id, seq, name, template_id, status, budget_total, indicator_count, revision, updated_at
      FROM projects WHERE unit_code = ? AND year = ? ORDER BY seq, id`),
    ofUnitYear: p(`SELECT ${FULL} FROM projects WHERE unit_code = ? AND year = ? ORDER BY seq, id`),
    ofUnit: p(`SELECT ${FULL} FROM projects WHERE unit_code = ? ORDER BY id`),
    countOfUnit: p('SELECT COUNT(*) AS n FROM projects WHERE unit_code = ?'),
    page: p(`SELECT ${FULL} FROM projects
      WHERE id > @after AND (@unit IS NULL OR unit_code = @unit) AND (@year IS NULL OR year = @year)
      ORDER BY id LIMIT @limit`),
    years: p(`SELECT year FROM projects WHERE unit_code = @unit
      UNION SELECT year FROM dept_targets WHERE unit_code = @unit ORDER BY year`),
  };
}

export class ProjectTable {
  private readonly s: ReturnType<typeof prepare>;

  constructor(
    db: Database.Database,
    private readonly audit: AuditLog,
    private readonly units: UnitTable,
  ) {
    this.s = prepare(db);
  }

  record(id: string): StoredProject | null {
    const r = this.s.get.get(id) as ProjectRow | undefined;
    return r ? parseProjectRow(r) : null;
  }

  exists(id: string): boolean {
    return this.s.revision.get(id) !== undefined;
  }

  private nextSeq(unitCode: string, year: number): number {
    return (this.s.nextSeq.get(unitCode, year) as { n: number }).n;
  }

  /** A new project at revision 1; `seq` 0 means "next in the unit-year book". */
  insert(filing: ProjectFiling, at: string, action: string): StoredProject {
    this.units.require(filing.unitCode);
    if (this.exists(filing.id)) throw new StoreError('CONFLICT', `项目标识 ${filing.id} 已存在`);
    const f: ProjectFiling = filing.seq > 0 ? filing : { ...filing, seq: this.nextSeq(filing.unitCode, filing.year) };
    this.s.insert.run(projectParams(f, at));
    this.audit.record(at, action, 'project', f.id, '', null, f);
    return { filing: f, revision: 1, createdAt: at, updatedAt: at };
  }

  /**
   * Replaces a project: CONFLICT if `expectedRevision` is given and not current; `seq` 0
   * keeps the position (or takes the next in a new book). No change → no new revision.
   */
  replace(filing: ProjectFiling, expectedRevision: number | undefined, at: string, action: string): StoredProject {
    const row = this.s.get.get(filing.id) as ProjectRow | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `项目 ${filing.id} 不存在（可能已被删除）`);
    if (expectedRevision !== undefined && row.revision !== expectedRevision) {
      throw new StoreError(
        'CONFLICT',
        `项目“${filing.name || filing.id}”已被修改（当前版本 ${row.revision}，您编辑的是版本 ${expectedRevision}），请刷新后重试`,
      );
    }
    const old = parseProjectRow(row);
    let f = filing;
    if (f.seq === 0) {
      const sameBook = old.filing.unitCode === f.unitCode && old.filing.year === f.year;
      f = { ...f, seq: sameBook ? old.filing.seq : this.nextSeq(f.unitCode, f.year) };
    }
    if (f.unitCode !== old.filing.unitCode) this.units.require(f.unitCode);
    const changes = diffValues(old.filing, f);
    if (changes.length === 0) return old;
    this.s.update.run(projectParams(f, at));
    this.audit.recordChanges(at, action, 'project', f.id, changes);
    return { filing: f, revision: row.revision + 1, createdAt: row.created_at, updatedAt: at };
  }

  /** Deletes a project; its whole content goes to the audit log. */
  delete(id: string, at: string): void {
    const row = this.s.get.get(id) as ProjectRow | undefined;
    if (!row) throw new StoreError('NOT_FOUND', `项目 ${id} 不存在（可能已被删除）`);
    this.audit.record(at, 'delete', 'project', id, '', JSON.parse(row.data), null);
    this.s.delete.run(id);
  }

  /** Before a unit is deleted: its projects' content to the audit log; returns how many. */
  recordDeletionOfUnit(unitCode: string, at: string): number {
    const rows = this.s.ofUnit.all(unitCode) as ProjectRow[];
    for (const p of rows) this.audit.record(at, 'delete', 'project', p.id, '', JSON.parse(p.data), null);
    return rows.length;
  }

  countOfUnit(unitCode: string): number {
    return (this.s.countOfUnit.get(unitCode) as { n: number }).n;
  }

  /** Light rows of one unit-year book, ordered by seq. */
  list(unitCode: string, year: number): ProjectListRow[] {
    return (this.s.list.all(unitCode, year) as ListRowColumns[]).map(listRow);
  }

  /** Full records of one unit-year book in one query, ordered by seq (as `list`). */
  recordsOfUnitYear(unitCode: string, year: number): StoredProject[] {
    return (this.s.ofUnitYear.all(unitCode, year) as ProjectRow[]).map(parseProjectRow);
  }

  /**
   * All filings (optionally of one unit / year) in id order, read in pages of 200 so
   * memory stays flat and writes between iterations are allowed; `read` wraps each query.
   */
  *iterate(filter: { unitCode?: string; year?: number }, read: <T>(fn: () => T) => T): Generator<ProjectFiling, void, undefined> {
    let after = '';
    for (;;) {
      const params = { after, unit: filter.unitCode ?? null, year: filter.year ?? null, limit: PAGE };
      const rows = read(() => this.s.page.all(params) as ProjectRow[]);
      for (const r of rows) yield parseProjectRow(r).filing;
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) return;
      after = last.id;
    }
  }

  /** Years that have projects or a 部门整体目标 for the unit, ascending. */
  yearsOfUnit(unitCode: string): number[] {
    return (this.s.years.all({ unit: unitCode }) as { year: number }[]).map((r) => r.year);
  }
}
