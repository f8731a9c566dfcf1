// The 审核 counts cache (migration 3): counts the caller computed for a project at one
// revision under one ruleset key, shown in the project list without re-running 审核.
import type Database from 'better-sqlite3';
import { listRow, type ListRowColumns, type ProjectListRow } from './projects.ts';

/**
 * A project's 审核 counts for the project list and the 汇总, as the caller computed them
 * (the store knows no rules): errors, warnings, hints, warnings without a 说明, and
 * carried-over marks.
 */
export interface CheckCounts {
  errors: number;
  warnings: number;
  hints: number;
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

/** Counts as cached, with what they were computed from (the caller compares it with the record it read). */
export interface CachedCheckCounts {
  revision: number;
  updatedAt: string;
  counts: CheckCounts;
}

/** The cached 审核 counts joined to a list row (all null when none are valid). */
interface CountColumns {
  cached: string | null;
  errors: number | null;
  warnings: number | null;
  hints: number | null;
  open_warnings: number | null;
  carried: number | null;
}

const countsOf = (r: Omit<CountColumns, 'cached'>): CheckCounts => ({
  errors: r.errors ?? 0,
  warnings: r.warnings ?? 0,
  hints: r.hints ?? 0,
  openWarnings: r.open_warnings ?? 0,
  carried: r.carried ?? 0,
});

function prepare(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    // A cache row counts only for the project's current revision and updated_at and the
    // caller's ruleset; anything else reads as no counts (c.project_id IS NULL).
    listWithCounts: p(`SELECT p.id, p.seq, p.name, p.template_id, p.status, p.budget_total, p.indicator_count,
        p.revision, p.updated_at, c.project_id AS cached, c.errors, c.warnings, c.hints, c.open_warnings, c.carried
      FROM projects p LEFT JOIN project_check_counts c
        ON c.project_id = p.id AND c.revision = p.revision AND c.updated_at = p.updated_at AND c.ruleset = @ruleset
      WHERE p.unit_code = @unit AND p.year = @year ORDER BY p.seq, p.id`),
    // By primary key, without reading the projects' rows (the caller has them).
    ofIds: p(`SELECT project_id, revision, updated_at, errors, warnings, hints, open_warnings, carried FROM project_check_counts
      WHERE ruleset = @ruleset AND project_id IN (SELECT value FROM json_each(@ids))`),
    // Written only while the project is still at the revision the counts were computed
    // from (another connection may have saved or deleted it since).
    putCounts: p(`INSERT OR REPLACE INTO project_check_counts
        (project_id, revision, updated_at, ruleset, errors, warnings, hints, open_warnings, carried)
      SELECT id, revision, updated_at, @ruleset, @errors, @warnings, @hints, @open_warnings, @carried FROM projects
      WHERE id = @id AND revision = @revision AND updated_at = @updated_at`),
  };
}

export class CheckCountsCache {
  private statements: ReturnType<typeof prepare> | undefined;

  constructor(private readonly db: Database.Database) {}

  /** Prepared on first use: a store opened with an older migration list (tests) has no such table, and must still open. */
  private get s(): ReturnType<typeof prepare> {
    return (this.statements ??= prepare(this.db));
  }

  /** One unit-year book's list rows, each with its valid cached counts or null. */
  list(unitCode: string, year: number, ruleset: string): ProjectListRowWithCounts[] {
    return (this.s.listWithCounts.all({ unit: unitCode, year, ruleset }) as Array<ListRowColumns & CountColumns>).map((r) => ({
      ...listRow(r),
      counts: r.cached === null ? null : countsOf(r),
    }));
  }

  /** The counts cached under `ruleset` for these project ids (whatever their revision), by id. */
  ofIds(ids: readonly string[], ruleset: string): Map<string, CachedCheckCounts> {
    type Row = Omit<CountColumns, 'cached'> & { project_id: string; revision: number; updated_at: string };
    const rows = this.s.ofIds.all({ ruleset, ids: JSON.stringify(ids) }) as Row[];
    return new Map(rows.map((r) => [r.project_id, { revision: r.revision, updatedAt: r.updated_at, counts: countsOf(r) }]));
  }

  /**
   * Stores the entries through `write` (the store's transaction) without waiting for
   * another connection's write lock: busy_timeout is 0 meanwhile, then restored.
   */
  put(ruleset: string, entries: readonly CheckCountsEntry[], write: (fn: () => void) => void): void {
    const put = this.s.putCounts;
    const busy = Number(this.db.pragma('busy_timeout', { simple: true }));
    this.db.pragma('busy_timeout = 0');
    try {
      write(() => {
        for (const e of entries) {
          put.run({
            id: e.id,
            revision: e.revision,
            updated_at: e.updatedAt,
            ruleset,
            errors: e.counts.errors,
            warnings: e.counts.warnings,
            hints: e.counts.hints,
            open_warnings: e.counts.openWarnings,
            carried: e.counts.carried,
          });
        }
      });
    } finally {
      this.db.pragma(`busy_timeout = ${busy}`);
    }
  }
}
