// Carried-over marks: paths of values copied from last year that the user has not looked
// at yet (`filing.carriedOver`). Path forms:
//   name · projectCode · fundUse · spendingPlan.mar · prose.overview · footer.head
//   periods.annual.goal · periods.midterm.rangeLabel · periods.annual.funding.total
//   periods.annual.indicators[id=<row id>].value   (rows by id, so marks survive moves)
//   说明:<finding key>                              (a 说明 carried from last year, to review)
// Pure: used by the backend (copy, save, ack) and by the renderer (which cells to flag).
import type { DeptTarget, ProjectFiling } from '../model/filing.ts';
import { getAt, indicatorPath as formatIndicatorPath, parseIndicatorPath } from '../model/field-path.ts';

/** `periods.annual.indicators[id=r1].value` (column omitted: the whole row). */
export function indicatorPath(period: string, rowId: string, column?: string): string {
  return formatIndicatorPath(period, { id: rowId }, column);
}

const EXPLANATION_MARK = '说明:';

/** The mark of a 说明 carried over from last year (by the key of the finding it answers). */
export const explanationMark = (key: string): string => `${EXPLANATION_MARK}${key}`;

/** The value a mark points at; `found: false` when the field or row no longer exists. */
export function resolveCarried(filing: ProjectFiling, path: string): { found: boolean; value: unknown } {
  if (path.startsWith(EXPLANATION_MARK)) {
    const key = path.slice(EXPLANATION_MARK.length);
    const ex = filing.explanations.find((e) => e.key === key);
    return { found: !!ex, value: ex?.text };
  }
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

type Resolve<T> = (root: T, mark: string) => { found: boolean; value: unknown };

/**
 * Marks that still hold after `prev` became `next`: marked in both (a client can drop a
 * mark, never add one), the path exists in both and its value did not change. An edited
 * (or deleted) value has been looked at, so its mark goes.
 */
export function pruneMarks<T extends { carriedOver: readonly string[] }>(prev: T, next: T, resolve: Resolve<T>): string[] {
  const kept: string[] = [];
  const seen = new Set<string>();
  const inNext = new Set(next.carriedOver);
  for (const mark of prev.carriedOver) {
    if (seen.has(mark) || !inNext.has(mark)) continue;
    seen.add(mark);
    const a = resolve(prev, mark);
    const b = resolve(next, mark);
    if (a.found && b.found && same(a.value, b.value)) kept.push(mark);
  }
  return kept;
}

export const pruneCarried = (prev: ProjectFiling, next: ProjectFiling): string[] => pruneMarks(prev, next, resolveCarried);

/** The text a mark of the 部门整体绩效目标 points at (`overall`, `items[0].goal`, `measures[1]`). */
export function resolveDeptMark(target: DeptTarget, path: string): { found: boolean; value: unknown } {
  try {
    const value = getAt(target, path);
    return { found: typeof value === 'string', value };
  } catch {
    return { found: false, value: undefined };
  }
}

/** Every non-blank text of a 部门整体绩效目标 copied from last year, as marks. */
export function deptMarks(t: DeptTarget): string[] {
  const out: string[] = [];
  const mark = (path: string, v: string) => v.trim() && out.push(path);
  mark('overall', t.overall);
  t.items.forEach((it, i) => {
    mark(`items[${i}].title`, it.title);
    mark(`items[${i}].goal`, it.goal);
    mark(`items[${i}].indicators`, it.indicators);
  });
  t.measures.forEach((m, i) => mark(`measures[${i}]`, m));
  return out.slice(0, 1000);
}
