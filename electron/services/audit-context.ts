// 审核 with its context, built in one place for every 审核 (a table, 审核全部, the counts
// cache, packing): the other tables of the unit-year, and last year's and the year
// before's filing of the same project (matched by 项目编码, else by its exact name).
import { createHash } from 'node:crypto';
import type { ProjectFiling } from '../../shared/model/filing.ts';
import type { AuditContext } from '../../shared/rules/index.ts';
import type { FilingStore, StoredProject } from '../store/store.ts';
import { unitYearSettingsOf } from './unit-year-settings.ts';

const shortHash = (parts: readonly string[]): string => createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
const stamp = (f: ProjectFiling | null | undefined, rev: ReadonlyMap<string, number>): string => (f ? `${f.id}:${rev.get(f.id) ?? 0}` : '-');

type Stamped = { id: string; revision: number };

/** The light rows of a unit-year (`current`: as the caller read them) and of the two years before it (what a context is made of). */
function contextRows(store: FilingStore, unitCode: string, year: number, current?: readonly Stamped[]): Array<readonly Stamped[]> {
  return [current ?? store.listProjects(unitCode, year), store.listProjects(unitCode, year - 1), store.listProjects(unitCode, year - 2)];
}

const rowsVersion = (rows: ReadonlyArray<readonly Stamped[]>, settings: string): string =>
  shortHash([...rows.map((rs) => rs.map((r) => `${r.id}:${r.revision}`).join(',')), settings]);

/** The unit-year's settings (stored or default; `first`: its first table, when the caller has read it) as the context holds them, and their stamp. */
function contextSettings(store: FilingStore, unitCode: string, year: number, first?: ProjectFiling | null): { settings: NonNullable<AuditContext['settings']>; stamp: string } {
  const { templateId, indicatorSystem, ruleProfile } = unitYearSettingsOf(store, unitCode, year, first).settings;
  const settings = { templateId, indicatorSystem, ruleProfile };
  return { settings, stamp: `settings:${templateId}:${indicatorSystem}:${ruleProfile}` };
}

/**
 * Identifies everything the contexts of a unit-year's tables can hold (ids and revisions of
 * its tables and of the two years before, its settings), from light rows only: the counts cache folds it
 * into its key, so a change in a sibling or in last year never leaves a stale badge.
 */
export function unitYearContextVersion(store: FilingStore, unitCode: string, year: number): string {
  return rowsVersion(contextRows(store, unitCode, year), contextSettings(store, unitCode, year).stamp);
}

/**
 * unitYearContextVersion of a book the caller has read (`records` in seq order: the year's
 * rows are theirs, the settings' default comes from the first), with the unit-year's settings.
 */
export function bookContextVersion(
  store: FilingStore,
  unitCode: string,
  year: number,
  records: readonly StoredProject[],
): { version: string; settings: NonNullable<AuditContext['settings']> } {
  const { settings, stamp } = contextSettings(store, unitCode, year, records[0]?.filing ?? null);
  const current = records.map((r) => ({ id: r.filing.id, revision: r.revision }));
  return { version: rowsVersion(contextRows(store, unitCode, year, current), stamp), settings };
}

/** Finds the filing of another year that is the same project: by 项目编码, else by exact name. */
function matcher(filings: readonly ProjectFiling[]): (f: ProjectFiling) => ProjectFiling | null {
  const byCode = new Map<string, ProjectFiling>();
  const byName = new Map<string, ProjectFiling>();
  for (const f of filings) {
    const code = f.projectCode.trim();
    const name = f.name.trim();
    if (code && !byCode.has(code)) byCode.set(code, f);
    if (name && !byName.has(name)) byName.set(name, f);
  }
  return (f) => {
    const code = f.projectCode.trim();
    if (code && byCode.has(code)) return byCode.get(code)!;
    const name = f.name.trim();
    return (name && byName.get(name)) || null;
  };
}

export interface UnitYearAudit {
  /** The unit-year's tables in book order. */
  projects: ProjectFiling[];
  /** The context of one of them (or of a changed copy of one: matched by id). */
  contextFor(filing: ProjectFiling): AuditContext;
  /** The unit-year's settings (stored or default). */
  settings: NonNullable<AuditContext['settings']>;
  /** unitYearContextVersion of this unit-year. */
  version: string;
}

/** Reads a unit-year and the two years before it once, and gives each table its context. */
export function unitYearAudit(store: FilingStore, unitCode: string, year: number): UnitYearAudit {
  const rows = contextRows(store, unitCode, year);
  const revision = new Map(rows.flat().map((r) => [r.id, r.revision]));
  const [projects, last, beforeLast] = [year, year - 1, year - 2].map((y) => store.projectsOfUnitYear(unitCode, y)) as [
    ProjectFiling[],
    ProjectFiling[],
    ProjectFiling[],
  ];
  const lastOf = matcher(last);
  const beforeLastOf = matcher(beforeLast);
  const { settings, stamp: settingsStamp } = contextSettings(store, unitCode, year);
  const book = Object.freeze([...projects]); // shared by every table's context (rules index it once)
  return {
    projects,
    settings,
    version: rowsVersion(rows, settingsStamp),
    contextFor(filing) {
      const siblings = projects.filter((p) => p.id !== filing.id);
      const lastYear = lastOf(filing);
      const yearBeforeLast = beforeLastOf(filing);
      // Computed when read: the counts cache keys by the unit-year's version instead, and
      // hashing every sibling for every table of a book would be quadratic work for nothing.
      return {
        siblings,
        book,
        lastYear,
        yearBeforeLast,
        settings,
        get version() {
          return shortHash([...siblings.map((s) => stamp(s, revision)), stamp(lastYear, revision), stamp(yearBeforeLast, revision), settingsStamp]);
        },
      };
    },
  };
}

/** The context of one table (its own unit-year read for it). */
export function projectAuditContext(store: FilingStore, filing: ProjectFiling): AuditContext {
  return unitYearAudit(store, filing.unitCode, filing.year).contextFor(filing);
}
