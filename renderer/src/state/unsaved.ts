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

/** Writes (or, with null, removes) one kept copy; a full or refused storage is left alone (the save still runs). */
function keep(k: string, copy: unknown): void {
  const s = storage();
  if (!s) return;
  try {
    if (copy) s.setItem(k, JSON.stringify(copy));
    else s.removeItem(k);
  } catch {
    /* storage full or refused */
  }
}

/**
 * A kept copy, validated like any input from outside by `accept` (null: unusable): a damaged
 * copy (hand-edited, cut short, of an older program) is removed, never sent.
 */
function readKept<T>(k: string, accept: (revision: number, kept: Record<string, unknown>) => T | null): { copy: T | null; damaged: boolean } {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(k);
  } catch {
    return { copy: null, damaged: false };
  }
  if (!raw) return { copy: null, damaged: false };
  try {
    const v = JSON.parse(raw) as Record<string, unknown> | null;
    const rev = v?.revision;
    const copy = v && typeof rev === 'number' && Number.isInteger(rev) && rev >= -1 ? accept(rev, v) : null;
    if (copy) return { copy, damaged: false };
  } catch {
    /* not JSON */
  }
  keep(k, null);
  return { copy: null, damaged: true };
}

export function keepUnsaved(id: string, copy: UnsavedCopy | null): void {
  keep(key(id), copy);
}

/** What was found for a table: the copy, or `damaged` when one was there but unusable (it is removed). */
export interface UnsavedRead {
  copy: UnsavedCopy | null;
  damaged: boolean;
}

/** The copy kept for a table (the filing schema, its own id). */
export function readUnsaved(id: string): UnsavedRead {
  return readKept(key(id), (revision, kept) => {
    const f = projectFilingSchema.safeParse(kept.filing);
    return f.success && f.data.id === id ? { revision, filing: f.data } : null;
  });
}

/** The 部门整体绩效目标 not yet stored, kept like a table's edits (per unit and year). */
export interface UnsavedDept {
  /** The stored revision the edits were made on; -1 when that is not known (a conflict). */
  revision: number;
  target: DeptTarget;
}

const deptKey = (unitCode: string, year: number) => `jxmb-unsaved-dept:${unitCode}:${year}`;

export function keepUnsavedDept(unitCode: string, year: number, copy: UnsavedDept | null): void {
  keep(deptKey(unitCode, year), copy);
}

/** The kept copy (the target's schema, its own unit and year); an unusable one is removed. */
export function readUnsavedDept(unitCode: string, year: number): UnsavedDept | null {
  return readKept(deptKey(unitCode, year), (revision, kept) => {
    const t = deptTargetSchema.safeParse(kept.target);
    return t.success && t.data.unitCode === unitCode && t.data.year === year ? { revision, target: t.data } : null;
  }).copy;
}
