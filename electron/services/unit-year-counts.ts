// 审核 counts of a unit-year book without running every table's 审核 again: each table's
// counts from the counts cache (check-counts.ts: computed and cached where missing) and the
// unit-year rules run over the book. The counts equal those of 审核全部 (audit.ts
// auditUnitYearOf); the receiver's 汇总 reads them for every received unit-year.
import type { DeptTarget } from '../../shared/model/filing.ts';
import { checkUnitYearRules, summarise, type Finding } from '../../shared/rules/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { FilingStore, StoredProject } from '../store/store.ts';
import { checkCountsOfBook } from './check-counts.ts';
import { auditUnitYearOf } from './audit.ts';
import { ruleConfigOf } from './unit-year-settings.ts';

export interface FindingCounts {
  errors: number;
  warnings: number;
  hints: number;
}

export interface UnitYearCounts {
  /** Each table's counts, by project id. */
  byProject: Map<string, FindingCounts>;
  /** The book's: the unit-year rules' findings and every table's. */
  summary: FindingCounts;
}

const countsOf = (findings: readonly Finding[]): FindingCounts => {
  const s = summarise(findings);
  return { errors: s.errors, warnings: s.warnings, hints: s.hints };
};

/** Tables of several templates: 审核全部 checks each against the first one's, which the cache does not hold. */
function fromFullAudit(store: FilingStore, unitCode: string, year: number): UnitYearCounts | null {
  const { report } = auditUnitYearOf(store, unitCode, year);
  if (!report) return null;
  const byProject = new Map(Object.entries(report.byProject).map(([id, f]) => [id, countsOf(f)]));
  return { byProject, summary: countsOf(report.findings) };
}

/**
 * The counts of a unit-year book whose `records` (store.recordsOfUnitYear, seq order) the
 * caller has read (a cached count is used only for the revision read); null when the book
 * is empty or its template unknown.
 */
export function unitYearCounts(
  store: FilingStore,
  unitCode: string,
  year: number,
  records: readonly StoredProject[],
  deptTarget: DeptTarget | null,
): UnitYearCounts | null {
  const template = records[0] ? getTemplate(records[0].filing.templateId) : undefined;
  if (!template) return null;
  if (records.some((r) => r.filing.templateId !== template.id)) return fromFullAudit(store, unitCode, year);
  const { counts, settings } = checkCountsOfBook(store, unitCode, year, records);
  const byProject = new Map<string, FindingCounts>();
  const errors = new Map<string, number>();
  const summary: FindingCounts = { errors: 0, warnings: 0, hints: 0 };
  for (const [id, c] of counts) {
    byProject.set(id, { errors: c.errors, warnings: c.warnings, hints: c.hints });
    errors.set(id, c.errors);
    summary.errors += c.errors;
    summary.warnings += c.warnings;
    summary.hints += c.hints;
  }
  const config = ruleConfigOf(settings?.ruleProfile);
  const unit = countsOf(checkUnitYearRules(records.map((r) => r.filing), deptTarget, template, errors, { config }));
  return { byProject, summary: { errors: summary.errors + unit.errors, warnings: summary.warnings + unit.warnings, hints: summary.hints + unit.hints } };
}
