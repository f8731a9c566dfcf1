// 审核全部: the 审核 of a unit-year book with each table's context, once per table, and
// what each table still lacks to be submitted (the same readiness setStatus and packing use).
import type { ProjectFiling } from '../../shared/model/filing.ts';
import { auditUnitYear, type UnitYearReport } from '../../shared/rules/index.ts';
import { getTemplate } from '../../shared/templates/index.ts';
import type { FilingStore } from '../store/store.ts';
import { unitYearAudit } from './audit-context.ts';
import { ruleConfigOf } from './unit-year-settings.ts';
import { ServiceError } from './service-error.ts';
import { submitBlockers, type SubmitBlockers } from './status.ts';

export interface UnitYearAuditResult {
  projects: ProjectFiling[];
  /** null when the unit-year has no tables. */
  report: UnitYearReport | null;
  /** What each table lacks to be submitted, by project id. */
  blockers: Record<string, SubmitBlockers>;
}

/** The engine's report of a unit-year (every table checked once, with its context). */
export function auditUnitYearOf(store: FilingStore, unitCode: string, year: number): UnitYearAuditResult {
  const uy = unitYearAudit(store, unitCode, year);
  const first = uy.projects[0];
  if (!first) return { projects: [], report: null, blockers: {} };
  const template = getTemplate(first.templateId);
  if (!template) throw new ServiceError(`未知的模板“${first.templateId}”，无法审核`, 'INVALID');
  const report = auditUnitYear(uy.projects, store.getDeptTarget(unitCode, year), template, {
    contextFor: uy.contextFor,
    config: ruleConfigOf(uy.settings.ruleProfile),
  });
  const blockers: Record<string, SubmitBlockers> = {};
  for (const p of uy.projects) blockers[p.id] = submitBlockers(p, report.byProject[p.id] ?? []);
  return { projects: uy.projects, report, blockers };
}
