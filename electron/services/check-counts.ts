// The 审核 counts the project list shows per table (errors, warnings, warnings without a
// 说明, carried-over marks), read from the store's disposable cache (migration 3) where it
// is valid and computed — then cached — for the rest.
import { createHash } from 'node:crypto';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { DEFAULT_PARAMS, RULES, RULESET_VERSION, summarise } from '../../shared/rules/index.ts';
import { INDICATOR_SYSTEMS, TEMPLATES } from '../../shared/templates/index.ts';
import { APP_INFO } from '../app-info.ts';
import { RULE_PROFILES } from '../../shared/settings/unit-year.ts';
import type { CheckCounts, CheckCountsEntry, FilingStore, ProjectListRow, StoredProject } from '../store/store.ts';
import type { AuditContext } from '../../shared/rules/index.ts';
import { checkProject } from './filing-edit.ts';
import { bookContextVersion, unitYearAudit, unitYearContextVersion } from './audit-context.ts';

/**
 * Key of the cached counts: everything `checkProject` depends on besides the filing.
 * RULESET_VERSION; a hash of the rules (code, scope, severity), the template definitions,
 * the indicator systems and the default parameters (checkProject applies no RuleConfig);
 * and the program version, which catches changes to the checks' code from one release to
 * the next (function source is left out: it differs between the bundled app and the
 * source run by the web host). A cache row written under another key is not trusted; it
 * is replaced on the next list.
 */
export const CHECK_COUNTS_RULESET = `${RULESET_VERSION}/${APP_INFO.version}/${createHash('sha256')
  .update(
    JSON.stringify({
      rules: RULES.map((r) => [r.code, r.scope, r.severity]),
      templates: TEMPLATES,
      systems: INDICATOR_SYSTEMS,
      params: DEFAULT_PARAMS,
      profiles: RULE_PROFILES,
    }),
  )
  .digest('hex')
  .slice(0, 16)}`;

/** Errors, warnings, hints and warnings without a 说明 of one filing (a full 审核 with its context). */
export function findingCounts(f: ProjectFiling, context?: AuditContext): Omit<CheckCounts, 'carried'> {
  try {
    const s = summarise(checkProject(f, context));
    return { errors: s.errors, warnings: s.warnings, hints: s.hints, openWarnings: s.unexplainedWarnings };
  } catch {
    return { errors: 1, warnings: 0, hints: 0, openWarnings: 0 }; // unknown template: cannot be checked
  }
}

export function projectCheckCounts(f: ProjectFiling, context?: AuditContext): CheckCounts {
  return { ...findingCounts(f, context), carried: f.carriedOver.length };
}

export interface ListOptions {
  /** Default CHECK_COUNTS_RULESET (tests pass another to see a key change). */
  ruleset?: string;
  /** Called when the counts could not be cached; the list is returned all the same. */
  onCacheError?: (err: unknown) => void;
}

/**
 * The light rows of a unit-year book (seq order) with their 审核 counts. The cache key is
 * the ruleset key with the unit-year's context version folded in (ids and revisions of
 * its tables and of the two years before), so a change in a sibling or in last year
 * recomputes the badges. Only projects without valid cached counts are checked, with the
 * context of the service (audit-context.ts); their counts are then cached in one
 * transaction. A failed cache write (disk full, read-only file, database busy) is passed
 * to `onCacheError` and does not fail the list.
 */
export function listProjectsWithCheckCounts(
  store: FilingStore,
  unitCode: string,
  year: number,
  opts: ListOptions = {},
): Array<ProjectListRow & { counts: CheckCounts }> {
  const ruleset = checkCountsKey(store, unitCode, year, opts.ruleset);
  const out: Array<ProjectListRow & { counts: CheckCounts }> = [];
  const fresh: CheckCountsEntry[] = [];
  // The book is read (and parsed) once, for the contexts; its filings are the ones checked.
  // They are read after the rows, so a filing is never older than its row's revision: counts
  // cached under that revision are at worst recomputed once more.
  let book: { audit: ReturnType<typeof unitYearAudit>; byId: Map<string, ProjectFiling> } | undefined;
  for (const row of store.listProjectsWithCounts(unitCode, year, ruleset)) {
    if (!row.counts) {
      if (!book) {
        const audit = unitYearAudit(store, unitCode, year);
        book = { audit, byId: new Map(audit.projects.map((p) => [p.id, p])) };
      }
      const filing = book.byId.get(row.id);
      if (!filing) continue; // deleted meanwhile
      row.counts = projectCheckCounts(filing, book.audit.contextFor(filing));
      fresh.push({ id: row.id, revision: row.revision, updatedAt: row.updatedAt, counts: row.counts });
    }
    out.push(row as ProjectListRow & { counts: CheckCounts });
  }
  try {
    store.putCheckCounts(ruleset, fresh);
  } catch (e) {
    opts.onCacheError?.(e);
  }
  return out;
}

/**
 * The counts of a book the caller has read (`records`: store.recordsOfUnitYear), by id, with
 * the unit-year's settings: cached counts where they were computed for the record's revision
 * under the unit-year's key (bookContextVersion: no second read of the book), the rest
 * checked with their context and cached (a failed cache write is ignored).
 */
export function checkCountsOfBook(
  store: FilingStore,
  unitCode: string,
  year: number,
  records: readonly StoredProject[],
): { counts: Map<string, CheckCounts>; settings: AuditContext['settings'] } {
  const { version, settings } = bookContextVersion(store, unitCode, year, records);
  const ruleset = `${CHECK_COUNTS_RULESET}/${version}`;
  const cached = store.cachedCheckCounts(records.map((r) => r.filing.id), ruleset);
  const counts = new Map<string, CheckCounts>();
  const fresh: CheckCountsEntry[] = [];
  let audit: ReturnType<typeof unitYearAudit> | undefined;
  for (const r of records) {
    const c = cached.get(r.filing.id);
    if (c && c.revision === r.revision && c.updatedAt === r.updatedAt) {
      counts.set(r.filing.id, c.counts);
      continue;
    }
    audit ??= unitYearAudit(store, unitCode, year);
    const computed = projectCheckCounts(r.filing, audit.contextFor(r.filing));
    counts.set(r.filing.id, computed);
    fresh.push({ id: r.filing.id, revision: r.revision, updatedAt: r.updatedAt, counts: computed });
  }
  try {
    store.putCheckCounts(ruleset, fresh);
  } catch {
    /* disposable: computed again next time */
  }
  return { counts, settings };
}

/** The key the counts of a unit-year are cached under: the ruleset key and the unit-year's context version. */
export function checkCountsKey(store: FilingStore, unitCode: string, year: number, ruleset = CHECK_COUNTS_RULESET): string {
  return `${ruleset}/${unitYearContextVersion(store, unitCode, year)}`;
}

/**
 * Fills the cache for the unit-years just imported, so that the first list after an import
 * (a package, a spreadsheet, 复制上年, the demo data) is as quick as any other. Disposable
 * work: a failure is ignored (the list computes what is missing).
 */
export function warmCheckCounts(store: FilingStore, unitYears: Iterable<{ unitCode: string; year: number }>): void {
  const seen = new Set<string>();
  for (const { unitCode, year } of unitYears) {
    const key = `${unitCode}/${year}`;
    if (seen.has(key)) continue;
    seen.add(key);
    try {
      listProjectsWithCheckCounts(store, unitCode, year);
    } catch {
      /* the next list computes it */
    }
  }
}
