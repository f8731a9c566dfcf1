// What a review panel is about: a table, or the 部门整体绩效目标 under its review id
// (shared/handover/dept-review.ts). Both sides' panels take one, so the same panel reviews and
// answers either; and the focused place as a small signal (only the panel re-renders on it).
import { deptPinLabel, deptReviewId } from '../../../shared/handover/dept-review.ts';
import { pinLabel } from '../../../shared/handover/pin-label.ts';
import { stableIndicatorPath } from '../../../shared/model/field-path.ts';
import type { DeptTarget, ProjectFiling } from '../../../shared/model/filing.ts';

export interface ReviewSubject {
  id: string;
  /** How a comment's place reads (`整表`, `指标“…”`, `分项 1 的绩效目标`). */
  label(path: string): string;
  /** The indicator row a place lies in (offered as 本行), or null. */
  rowOf(path: string): string | null;
  /** The place as stored (a table's indicator row by id). */
  stable(path: string): string;
  /** The table; null for the 部门整体绩效目标. */
  filing: ProjectFiling | null;
}

export function tableSubject(filing: ProjectFiling): ReviewSubject {
  return {
    id: filing.id,
    label: (path) => pinLabel(filing, path),
    // `periods.annual.indicators[3].value` → the row's path `periods.annual.indicators[3]`.
    rowOf: (path) => /^periods\.\w+\.indicators\[\d+\]/.exec(path)?.[0] ?? null,
    stable: (path) => stableIndicatorPath(filing, path),
    filing,
  };
}

export function deptSubject(dept: DeptTarget): ReviewSubject {
  return { id: deptReviewId(dept.unitCode, dept.year), label: (path) => deptPinLabel(dept, path), rowOf: () => null, stable: (path) => path, filing: null };
}

export interface FocusSource {
  get(): string;
  subscribe(f: () => void): () => void;
}

/** A focus signal: `set` tells the subscribers (the panel) only when the place changes. */
export function focusSignal(): FocusSource & { set(p: string): void } {
  let path = '';
  const subs = new Set<() => void>();
  return {
    get: () => path,
    subscribe: (f: () => void) => (subs.add(f), () => void subs.delete(f)),
    set(p: string) {
      if (p === path) return;
      path = p;
      for (const f of subs) f();
    },
  };
}
