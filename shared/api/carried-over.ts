// Carried-over marks: paths of values copied from last year that the user has not looked
// at yet (`filing.carriedOver`). Path forms:
//   name · projectCode · fundUse · spendingPlan.mar · prose.overview · footer.head
//   periods.annual.goal · periods.midterm.rangeLabel · periods.annual.funding.total
//   periods.annual.indicators[id=<row id>].value   (rows by id, so marks survive moves)
// Pure: used by the backend (copy, save, ack) and by the renderer (which cells to flag).
import type { ProjectFiling } from '../model/filing.ts';
import { getAt, indicatorPath as formatIndicatorPath, parseIndicatorPath } from '../model/field-path.ts';

/** `periods.annual.indicators[id=r1].value` (column omitted: the whole row). */
export function indicatorPath(period: string, rowId: string, column?: string): string {
  return formatIndicatorPath(period, { id: rowId }, column);
}

/** The value a mark points at; `found: false` when the field or row no longer exists. */
export function resolveCarried(filing: ProjectFiling, path: string): { found: boolean; value: unknown } {
  const ind = parseIndicatorPath(path);
  // Marks name rows by id only: a row by position would point elsewhere after a move.
  if (ind ? ind.rowId === undefined : path.includes('[')) return { found: false, value: undefined };
  try {
    const value = getAt(filing, path);
    return { found: value !== undefined, value };
  } catch {
    return { found: false, value: undefined };
  }
}

/** Whether `mark` is `path` itself or lies under it. */
export function isUnder(mark: string, path: string): boolean {
  return mark === path || mark.startsWith(`${path}.`) || mark.startsWith(`${path}[`);
}

/** Whether the cell at `path` (or anything under it) is still marked as carried over. */
export function isCarried(filing: Pick<ProjectFiling, 'carriedOver'>, path: string): boolean {
  return filing.carriedOver.some((m) => isUnder(m, path));
}

/** The marks left after the user acknowledged `paths` ('all' clears every mark). */
export function ackMarks(marks: readonly string[], paths: readonly string[] | 'all'): string[] {
  if (paths === 'all') return [];
  return marks.filter((m) => !paths.some((p) => isUnder(m, p)));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Marks that still hold after `prev` became `next`: marked in both (a client can drop a
 * mark, never add one), the path exists in both and its value did not change. An edited
 * (or deleted) value has been looked at, so its mark goes.
 */
export function pruneCarried(prev: ProjectFiling, next: ProjectFiling): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  const inNext = new Set(next.carriedOver);
  for (const mark of prev.carriedOver) {
    if (seen.has(mark) || !inNext.has(mark)) continue;
    seen.add(mark);
    const a = resolveCarried(prev, mark);
    const b = resolveCarried(next, mark);
    if (a.found && b.found && same(a.value, b.value)) kept.push(mark);
  }
  return kept;
}
