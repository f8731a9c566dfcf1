// Edits not yet stored, kept in this browser's localStorage (written synchronously with
// every committed edit, so a reload or a closed window cannot lose them) and sent again
// when the table (or the 部门整体绩效目标) is opened next.
import { deptTargetSchema, projectFilingSchema, type DeptTarget, type ProjectFiling } from '../../../shared/model/filing.ts';

export interface UnsavedCopy {
  /** The stored revision the edits were made on; -1 when that is not known (a conflict). */
  revision: number;
  filing: ProjectFiling;
}

const key = (id: string) => `jxmb-unsaved:${id}`;

function storage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null;
  }
}

export function keepUnsaved(id: string, copy: UnsavedCopy | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (copy) s.setItem(key(id), JSON.stringify(copy));
    else s.removeItem(key(id));
  } catch {
    /* storage full or refused: the save queue still runs */
  }
}

/** What was found for a table: the copy, or `damaged` when one was there but unusable (it is removed). */
export interface UnsavedRead {
  copy: UnsavedCopy | null;
  damaged: boolean;
}

/**
 * The copy kept for a table, validated like any input from outside (the filing schema):
 * a damaged copy (hand-edited, cut short, of an older program) is removed, never sent.
 */
export function readUnsaved(id: string): UnsavedRead {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(key(id));
  } catch {
    return { copy: null, damaged: false };
  }
  if (!raw) return { copy: null, damaged: false };
  try {
    const v = JSON.parse(raw) as Partial<UnsavedCopy> | null;
    const f = projectFilingSchema.safeParse(v?.filing);
    const rev = v?.revision;
    if (f.success && f.data.id === id && typeof rev === 'number' && Number.isInteger(rev) && rev >= -1) return { copy: { revision: rev, filing: f.data }, damaged: false };
  } catch {
    /* not JSON */
  }
  keepUnsaved(id, null);
  return { copy: null, damaged: true };
}

/** The 部门整体绩效目标 not yet stored, kept like a table's edits (per unit and year). */
export interface UnsavedDept {
  /** The stored revision the edits were made on; -1 when that is not known (a conflict). */
  revision: number;
  target: DeptTarget;
}

const deptKey = (unitCode: string, year: number) => `jxmb-unsaved-dept:${unitCode}:${year}`;

export function keepUnsavedDept(unitCode: string, year: number, copy: UnsavedDept | null): void {
  const s = storage();
  if (!s) return;
  try {
    if (copy) s.setItem(deptKey(unitCode, year), JSON.stringify(copy));
    else s.removeItem(deptKey(unitCode, year));
  } catch {
    /* storage full or refused: the save still runs */
  }
}

/** The kept copy, validated with the target's schema; an unusable one is removed. */
export function readUnsavedDept(unitCode: string, year: number): UnsavedDept | null {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(deptKey(unitCode, year));
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<UnsavedDept> | null;
    const t = deptTargetSchema.safeParse(v?.target);
    const rev = v?.revision;
    if (t.success && t.data.unitCode === unitCode && t.data.year === year && typeof rev === 'number' && Number.isInteger(rev) && rev >= -1) return { revision: rev, target: t.data };
  } catch {
    /* not JSON */
  }
  keepUnsavedDept(unitCode, year, null);
  return null;
}
