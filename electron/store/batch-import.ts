// Batch import (interchange JSON, received packages, demo data): units, then projects,
// then 部门整体目标, every item validated before anything is written.
import {
  deptTargetSchema,
  projectFilingSchema,
  unitSchema,
  type DeptTarget,
  type ProjectFiling,
  type ProjectFilingInput,
  type Unit,
} from '../../shared/model/filing.ts';
import { validate } from './errors.ts';
import { isPlainObject } from './audit.ts';
import type { UnitInput, UnitTable } from './units.ts';
import type { ProjectTable } from './projects.ts';
import type { DeptTargetInput, DeptTargetTable } from './dept-targets.ts';

export interface ImportBatch {
  units?: readonly UnitInput[];
  projects?: readonly ProjectFilingInput[];
  deptTargets?: readonly DeptTargetInput[];
}

export interface ImportResult {
  units: number;
  projects: number;
  deptTargets: number;
}

export interface ValidatedBatch {
  units: Unit[];
  projects: ProjectFiling[];
  deptTargets: DeptTarget[];
}

/** Every item parsed by its schema; the first invalid one throws INVALID naming its place. */
export function validateBatch(batch: ImportBatch): ValidatedBatch {
  const projectLabel = (p: unknown, i: number) =>
    `第 ${i + 1} 个项目${isPlainObject(p) && typeof p.name === 'string' && p.name ? `“${p.name}”` : ''}`;
  return {
    units: (batch.units ?? []).map((u, i) => validate(unitSchema, u, `第 ${i + 1} 个单位`)),
    projects: (batch.projects ?? []).map((p, i) => validate(projectFilingSchema, p, projectLabel(p, i))),
    deptTargets: (batch.deptTargets ?? []).map((d, i) => validate(deptTargetSchema, d, `第 ${i + 1} 个部门整体绩效目标`)),
  };
}

/** Writes a validated batch (inside the caller's transaction): new project ids created, existing ones replaced. */
export function writeBatch(
  tables: { units: UnitTable; projects: ProjectTable; deptTargets: DeptTargetTable },
  batch: ValidatedBatch,
  at: string,
): ImportResult {
  for (const u of batch.units) tables.units.put(u, at, 'import');
  for (const p of batch.projects) {
    if (tables.projects.exists(p.id)) tables.projects.replace(p, undefined, at, 'import');
    else tables.projects.insert(p, at, 'import');
  }
  for (const d of batch.deptTargets) tables.deptTargets.put(d, at, 'import');
  return { units: batch.units.length, projects: batch.projects.length, deptTargets: batch.deptTargets.length };
}
